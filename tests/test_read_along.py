"""Groundwork of the read-along EPUB (issue 17): each paragraph's sentences, with ids shared by the text and
the speech script, cut out of the inline markup."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from mutagen.mp3 import MP3

import renderer
from renderer import model as m
from renderer.editions import make_release
from renderer.readers import read_statement
from renderer.writers.audio.script import speech_script
from support import EXAMPLE, SOURCES, WELSH, WELSH_FIRST_BILINGUAL


def text(words: str) -> m.Text:
    return m.Text(words)


def test_sentences_are_cut_out_of_emphasis_and_links():
    spans = [text("The NCA said: "), m.Strong([text("act now. It")]), text(" matters. See "),
             m.Link("https://example.org", [text("the site")]), text(".")]
    runs = m.sentence_runs(spans, ["The NCA said: act now.", "It matters.", "See the site."])
    assert [m.plain_text(run) for run in runs] == ["The NCA said: act now.", " It matters.", " See the site."]
    assert runs[0][1] == m.Strong([text("act now.")]) and runs[1][0] == m.Strong([text(" It")])
    assert runs[2][1] == m.Link("https://example.org", [text("the site")])


def test_sentences_not_found_in_the_words_give_one_run():
    spans = [text("One sentence. Two.")]
    assert m.sentence_runs(spans, ["Something else."]) == [spans]


@pytest.mark.parametrize("source", [EXAMPLE, WELSH, SOURCES / "flood-warning-river-teme.md"])
def test_every_paragraph_sentence_the_audio_reads_has_its_span_in_document_order(source):
    statement, _ = read_statement(source)
    release = make_release(statement, with_plain=False)
    script = speech_script(release.full)
    targets = [u.target for u in script.utterances if u.target and re.fullmatch(r"s\d+", u.target)]
    assert targets == [f"s{n}" for n in range(1, len(targets) + 1)]  # every sentence, in document order
    sentences = {s.id: s for block in m.walk_blocks(statement.blocks) for s in m.ReadAlong(statement.blocks).of(block)}
    for utterance in script.utterances:
        if utterance.target in sentences:
            assert utterance.caption.endswith(sentences[utterance.target].text.strip())


def test_the_epub_holds_each_sentence_in_a_span_with_its_id(tmp_path):
    result = renderer.build(EXAMPLE, tmp_path, formats="epub", verify=False)
    with zipfile.ZipFile(result.bundle_dir / f"{result.slug}.epub") as book:
        xhtml = book.read("EPUB/statement.xhtml").decode()
    ids = re.findall(r'<span id="(s\d+)">', xhtml)
    statement, _ = read_statement(EXAMPLE)
    script = speech_script(make_release(statement, with_plain=False).full)
    assert ids == [u.target for u in script.utterances if u.target and re.fullmatch(r"s\d+", u.target)]


# --- the read-along EPUB (Media Overlays) -------------------------------------------------------------------

OPF = "{http://www.idpf.org/2007/opf}"
SMIL = "{http://www.w3.org/ns/SMIL}"
EPUB_NS = "{http://www.idpf.org/2007/ops}"
FLOOD = SOURCES / "flood-warning-river-teme.md"  # a quote, a list, a table, Welsh passages


@pytest.fixture(scope="module")
def read_along_books(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("read-along")
    books = {}
    for source, verify in ((EXAMPLE, False), (WELSH_FIRST_BILINGUAL, True), (FLOOD, False)):
        result = renderer.build(source, out, formats="epub,audio", verify=verify)
        books[source.stem] = result.bundle_dir / f"{result.slug}.epub"
    return books


def clock_seconds(value: str) -> float:
    value = value.strip()
    if value.endswith("s"):
        return float(value[:-1])
    parts = [float(p) for p in value.split(":")]
    return sum(part * 60 ** power for power, part in enumerate(reversed(parts)))


def test_the_validators_pass_the_read_along_book(read_along_books):
    manifest = json.loads((read_along_books[WELSH_FIRST_BILINGUAL.stem].parent / "manifest.json").read_text("utf-8"))
    epub = next(f for f in manifest["files"] if f["path"].endswith(".epub"))
    assert {"EPUBCheck", "DAISY Ace"} <= {c["name"].split(" (")[0] for c in epub["checks"]}
    assert all(c["passed"] for c in epub["checks"]), epub["checks"]


@pytest.mark.parametrize("name", [EXAMPLE.stem, WELSH_FIRST_BILINGUAL.stem, FLOOD.stem])
def test_every_smil_read_back_is_in_order_inside_the_audio_and_adds_up(read_along_books, name):
    with zipfile.ZipFile(read_along_books[name]) as book:
        opf = etree.fromstring(book.read("EPUB/content.opf"))
        items = {item.get("id"): item for item in opf.iter(f"{OPF}item")}
        metas = [(m.get("property"), m.get("refines"), m.text) for m in opf.iter(f"{OPF}meta")]
        overlays = [item for item in items.values() if item.get("media-type") == "application/smil+xml"]
        assert overlays and all(item.get("media-overlay") in items for item in items.values()
                                if item.get("media-overlay"))
        total = 0.0
        for item in overlays:
            smil = etree.fromstring(book.read(f"EPUB/{item.get('href')}"))
            document = next(i for i in items.values() if i.get("media-overlay") == item.get("id"))
            ids_in_text = {e.get("id"): n for n, e in enumerate(etree.fromstring(
                book.read(f"EPUB/{document.get('href')}")).iter()) if e.get("id")}
            durations, clips, positions = {}, [], []
            for par in smil.iter(f"{SMIL}par"):
                text, audio = par.find(f"{SMIL}text"), par.find(f"{SMIL}audio")
                target = text.get("src").split("#")[1]
                assert target in ids_in_text, target  # each text target exists
                positions.append(ids_in_text[target])
                source = audio.get("src")
                if source not in durations:
                    durations[source] = MP3(io.BytesIO(book.read(f"EPUB/{source}"))).info.length
                clips.append((source, clock_seconds(audio.get("clipBegin")), clock_seconds(audio.get("clipEnd"))))
            assert positions == sorted(positions) and len(set(positions)) == len(positions)  # document order
            for (source, begin, end), following in zip(clips, clips[1:] + [None]):
                assert 0 <= begin < end <= durations[source] + 0.05
                if following and following[0] == source:
                    assert following[1] >= end - 0.001  # clips in order
            seconds = sum(end - begin for _, begin, end in clips)
            stated = next(clock_seconds(v) for p, r, v in metas if p == "media:duration" and r == f"#{item.get('id')}")
            assert abs(stated - seconds) < 0.01
            assert abs(seconds - sum(durations.values())) < 1.5  # the whole recording is read along
            for seq in smil.iter(f"{SMIL}seq"):
                assert seq.get(f"{EPUB_NS}textref").split("#")[0] == document.get("href")
            total += seconds
        stated_total = next(clock_seconds(v) for p, r, v in metas if p == "media:duration" and r is None)
        assert abs(stated_total - total) < 0.01
        css = book.read("EPUB/style.css").decode()
        active = next(v for p, _, v in metas if p == "media:active-class")
        assert f".{active}" in css
        assert any(p == "media:narrator" and v for p, _, v in metas)
        features = [v for p, _, v in metas if p == "schema:accessibilityFeature"]
        assert "synchronizedAudioText" in features
        assert ("schema:accessMode", None, "auditory") in metas
        assert ("schema:accessModeSufficient", None, "textual") in metas


def test_quotes_lists_and_tables_are_seqs_a_reading_system_can_skip(read_along_books):
    with zipfile.ZipFile(read_along_books[FLOOD.stem]) as book:
        smil = etree.fromstring(book.read("EPUB/statement.smil"))
    types = {seq.get(f"{EPUB_NS}type") for seq in smil.iter(f"{SMIL}seq")}
    assert {"bodymatter", "chapter", "list", "table"} <= types
    chapters = [seq for seq in smil.iter(f"{SMIL}seq") if seq.get(f"{EPUB_NS}type") == "chapter"]
    assert any(child.tag == f"{SMIL}seq" for chapter in chapters for child in chapter)  # a table in its section


def test_the_plain_version_has_its_own_audio_and_overlay(read_along_books):
    with zipfile.ZipFile(read_along_books[EXAMPLE.stem]) as book:
        smil = book.read("EPUB/plain-language.smil").decode()
        assert 'src="audio/npcc-e2ee-child-safety-plain.mp3"' in smil and "plain-language.xhtml#" in smil


def test_without_the_audio_the_epub_is_not_read_aloud(tmp_path):
    result = renderer.build(EXAMPLE, tmp_path, formats="epub", verify=False)
    with zipfile.ZipFile(result.bundle_dir / f"{result.slug}.epub") as book:
        names = book.namelist()
        opf = book.read("EPUB/content.opf").decode()
    assert not [n for n in names if n.endswith((".smil", ".mp3"))]
    assert "media:" not in opf and "synchronizedAudioText" not in opf


def test_the_landing_page_says_the_epub_reads_itself_aloud(read_along_books):
    page = (read_along_books[EXAMPLE.stem].parent / "index.html").read_text("utf-8")
    assert "EPUB e-book, read aloud" in page and "highlighting each sentence" in page


@pytest.mark.parametrize("change, words", [
    (lambda smil: smil.replace('src="statement.xhtml#s2"', 'src="statement.xhtml#nowhere"', 1), "#nowhere"[1:]),
    (lambda smil: re.sub(r'clipEnd="[0-9.]+s"', 'clipEnd="9999.000s"', smil, count=1), "outside the audio"),
    (lambda smil: smil.replace('src="statement.xhtml#s2"', 'src="statement.xhtml#title"', 1), "out of document order"),
])
def test_the_overlay_check_fails_on_a_broken_overlay(read_along_books, tmp_path, change, words):
    from renderer.checks.epub import media_overlays

    source, broken = read_along_books[EXAMPLE.stem], tmp_path / "broken.epub"
    with zipfile.ZipFile(source) as book, zipfile.ZipFile(broken, "w") as copy:
        for info in book.infolist():
            data = book.read(info.filename)
            copy.writestr(info, change(data.decode()).encode() if info.filename == "EPUB/statement.smil" else data)
    assert media_overlays(source).passed
    check = media_overlays(broken)
    assert not check.passed and words in check.details, check.details
