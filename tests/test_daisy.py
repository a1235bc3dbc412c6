"""The DAISY 2.02 talking book of the examples, read back as a DAISY player would, and the structural checks
on broken books."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from markupsafe import escape
from mutagen.mp3 import MP3

import renderer
from renderer.artifact import Artifact
from renderer.checks import CheckSubject
from renderer.checks.daisy import check, seconds_of
from renderer.editions import make_release
from renderer.readers import read_statement
from renderer.text.messages import interface
from support import EXAMPLE, EXAMPLE_SLUG, WELSH_FIRST_BILINGUAL
XHTML = "{http://www.w3.org/1999/xhtml}"
PARSER = etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False)


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("daisy")
    return {source.stem: renderer.build(source, out, formats="daisy").bundle_dir for source in (EXAMPLE, WELSH_FIRST_BILINGUAL)}


def book_of(bundle: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(bundle / f"{bundle.name}-daisy.zip")


def cue_texts(vtt: Path) -> list[str]:
    blocks = vtt.read_text("utf-8").split("\n\n")[1:]
    texts = []
    for block in blocks:
        lines = block.strip().splitlines()
        timing = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if timing is not None:
            texts.append(" ".join(lines[timing + 1:]))
    return texts


def test_the_book_passes_its_checks_and_is_listed(books):
    for bundle in books.values():
        manifest = json.loads((bundle / "manifest.json").read_text("utf-8"))
        entry = next(f for f in manifest["files"] if f["path"] == f"{bundle.name}-daisy.zip")
        assert entry["media_type"] == "application/x-daisy-202+zip"
        assert {c["name"] for c in entry["checks"]} == {"DAISY 2.02 metadata", "DAISY navigation", "DAISY timing",
                                                        "DAISY total time"}
        assert all(c["passed"] for c in entry["checks"]), entry["checks"]
        page = (bundle / "index.html").read_text("utf-8")
        say = interface(manifest["statement"]["language"])
        assert f"{bundle.name}-daisy.zip" in page and str(escape(say.label("daisy")[1])) in page
        assert any(f["format"] == "audio" for f in manifest["files"])  # --formats daisy brings the audio


def test_the_ncc_names_the_book_and_lists_the_audio_chapters(books):
    bundle = books[EXAMPLE.stem]
    with book_of(bundle) as book:
        ncc = etree.fromstring(book.read(f"{EXAMPLE_SLUG}/ncc.html"), PARSER)
    meta = {m.get("name"): m.get("content") for m in ncc.iter(f"{XHTML}meta") if m.get("name")}
    statement, _ = read_statement(EXAMPLE)
    assert meta["dc:format"] == "Daisy 2.02" and meta["ncc:multimediaType"] == "audioFullText"
    assert meta["dc:title"] == statement.meta.title and meta["ncc:narrator"].startswith("en_US-joe")
    headings = [e for e in ncc.find(f"{XHTML}body")]
    assert headings[0].tag == f"{XHTML}h1" and headings[0].get("class") == "title"
    manifest = json.loads((bundle / "manifest.json").read_text("utf-8"))
    mp3 = next(f for f in manifest["files"] if f["path"] == f"{EXAMPLE_SLUG}.mp3")
    assert ["".join(h.itertext()).strip() for h in headings] == [c["title"] for c in mp3["properties"]["chapters"]]
    assert int(meta["ncc:tocItems"]) == len(headings)
    assert abs(seconds_of(meta["ncc:totalTime"]) - mp3["properties"]["duration_seconds"]) <= 1


def test_every_sentence_of_the_captions_is_a_par_with_its_clip_in_order(books):
    """Read every SMIL back: the text of each par is the caption of the same sentence, its clip starts where
    the caption starts, the clips follow each other inside the MP3, and the durations add up."""
    for bundle in books.values():
        with book_of(bundle) as book:
            folder = bundle.name
            ncc = etree.fromstring(book.read(f"{folder}/ncc.html"), PARSER)
            content = etree.fromstring(book.read(f"{folder}/content.html"), PARSER)
            text_of = {e.get("id"): "".join(e.itertext()).strip() for e in content.iter() if e.get("id")}
            smils = list(dict.fromkeys(a.get("href").split("#")[0] for a in ncc.iter(f"{XHTML}a")))
            pars, total = [], 0.0
            for name in smils:
                smil = etree.fromstring(book.read(f"{folder}/{name}"), PARSER)
                clips = [(par.find("audio").get("src"), seconds_of(par.find("audio").get("clip-begin")),
                          seconds_of(par.find("audio").get("clip-end")), par.find("text").get("src").split("#")[1])
                         for par in smil.iter("par")]
                assert abs(seconds_of(smil.find("body/seq").get("dur")) - sum(e - b for _, b, e, _ in clips)) < 0.01
                total += sum(e - b for _, b, e, _ in clips)
                pars += clips
            durations = {src: MP3(io.BytesIO(book.read(f"{folder}/{src}"))).info.length for src, *_ in pars}
        for (src, begin, end, _), following in zip(pars, pars[1:] + [None]):
            assert 0 <= begin < end <= durations[src] + 0.05
            if following and following[0] == src:
                assert abs(following[1] - end) < 0.002  # end to end: the pauses are in the clips
        assert abs(total - sum(durations.values())) <= 1.0
        captions = [text for vtt in sorted(bundle.glob("*.vtt")) if "plain" not in vtt.name for text in cue_texts(vtt)]
        spoken = [text_of[text_id] for *_, text_id in pars]
        assert sorted(spoken) == sorted(captions)  # every sentence heard is in the text, and no other


def test_a_bilingual_statement_has_a_recording_a_language_and_its_english_sections_marked(books):
    bundle = books[WELSH_FIRST_BILINGUAL.stem]
    with book_of(bundle) as book:
        ncc = etree.fromstring(book.read(f"{bundle.name}/ncc.html"), PARSER)
        audio = {re.search(r'src="([^"]+\.mp3)"', book.read(name).decode()).group(1)
                 for name in book.namelist() if name.endswith(".smil")}
    assert len(audio) == 2  # one recording a language
    headings = list(ncc.find(f"{XHTML}body"))
    assert ncc.get("lang") == "cy" and headings[0].get("lang") is None  # Welsh first, as the statement
    assert headings[-1].get("lang", "").startswith("en")


def broken_copy(bundle: Path, tmp_path: Path, change) -> Path:
    """A copy of the book with one thing changed: change(name, data) → new data, or None to leave it out."""
    source, target = bundle / f"{bundle.name}-daisy.zip", tmp_path / "broken-daisy.zip"
    with zipfile.ZipFile(source) as book, zipfile.ZipFile(target, "w") as copy:
        for info in book.infolist():
            data = change(info.filename, book.read(info.filename))
            if data is not None:
                copy.writestr(info, data)
    return target


@pytest.mark.parametrize("change, failing, words", [
    (lambda name, data: None if name.endswith("s0002.smil") else data, "DAISY navigation", "links to s0002.smil"),
    (lambda name, data: re.sub(rb'clip-end="npt=[0-9.]+s"', b'clip-end="npt=9999.000s"', data, count=1)
     if name.endswith("s0001.smil") else data, "DAISY timing", "after the end of"),
    (lambda name, data: data.replace(b'name="ncc:totalTime" content="00:0', b'name="ncc:totalTime" content="00:1')
     if name.endswith("ncc.html") else data, "DAISY total time", "ncc:totalTime 00:1"),
    (lambda name, data: data.replace(b'name="ncc:totalTime" content="', b'name="ncc:totalTime" content="about ')
     if name.endswith("ncc.html") else data, "DAISY total time", "ncc:totalTime about"),
    (lambda name, data: data.replace(b"Daisy 2.02", b"Daisy 3") if name.endswith("ncc.html") else data,
     "DAISY 2.02 metadata", "not 'Daisy 2.02'"),
    (lambda name, data: data.replace(b'id="t2"', b'id="elsewhere"') if name.endswith("content.html") else data,
     "DAISY navigation", "content.html#t2 does not exist"),
])
def test_the_checks_find_what_is_wrong_with_a_broken_book(books, tmp_path, change, failing, words):
    statement, _ = read_statement(EXAMPLE)
    broken = broken_copy(books[EXAMPLE.stem], tmp_path, change)
    subject = CheckSubject(broken, Artifact(path=broken.name, media_type="application/x-daisy-202+zip", label="",
                                            description="", edition="full"), make_release(statement, False), tmp_path)
    checks = {c.name: c for c in check(subject)}
    assert not checks[failing].passed and words in checks[failing].details, checks[failing].details


def test_no_audio_means_no_daisy_book_and_says_why(tmp_path, monkeypatch):
    """A statement whose voice program is missing gets no audio: the DAISY book is not made either, and
    the manifest says why."""
    source = tmp_path / "statement.md"
    source.write_text(EXAMPLE.read_text("utf-8").replace("---\n", "---\nvoice: espeak-ng\n", 1), "utf-8")
    monkeypatch.setenv("PATH", str(tmp_path))  # no espeak-ng on the PATH
    if shutil.which("espeak-ng"):
        pytest.skip("espeak-ng is still reachable")
    result = renderer.build(source, tmp_path / "out", formats="daisy")
    made = json.loads((result.bundle_dir / "manifest.json").read_text("utf-8"))["publication"]["not_made"]
    assert [entry["format"] for entry in made] == ["audio", "daisy"]
    assert not list(result.bundle_dir.glob("*-daisy.zip"))
