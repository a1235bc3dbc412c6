"""Welsh and bilingual statements: every format built and valid, the interface words in Welsh, the audio split
by language, and the language of unmarked passages identified."""

from __future__ import annotations

import json
import subprocess
import zipfile
from xml.etree import ElementTree

import langcodes
import pytest
import tinyhtml5

import renderer
from renderer.checks.epub import ace_violations, epubcheck_messages
from renderer.readers import read_statement
from renderer.text.messages import catalogue

from support import WELSH, WELSH_FIRST_BILINGUAL

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module", params=[WELSH, WELSH_FIRST_BILINGUAL], ids=["marked", "unmarked"])
def welsh_release(request, tmp_path_factory):
    """Built once each: Welsh with an English `:::` passage, and Welsh-first with `* * *` and no marks."""
    return renderer.build(request.param, tmp_path_factory.mktemp("release"))


def language_tags(root) -> list[str]:
    return [value for element in root.iter() for value in (element.get("lang"), element.get(XML_LANG)) if value]


def test_every_format_is_built_and_checked(welsh_release):
    assert {f.format for f in welsh_release.files} == {"html", "pdf", "epub", "plain", "audio", "daisy", "braille",
                                                      "bundle"}
    assert not welsh_release.failed_checks


def test_html_language_tags_are_valid_bcp47(welsh_release):
    pages = sorted(welsh_release.bundle_dir.glob("*.html"))
    assert len(pages) >= 3
    for page in pages:
        root = tinyhtml5.parse(page.read_text("utf-8"))
        tags = language_tags(root)
        report = page.name.endswith("-readability.html")  # for the authors, in English, quoting the Welsh
        assert root.get("lang") == ("en-GB" if report else "cy"), page.name
        assert "cy" in tags and any(tag.startswith("en") for tag in tags), page.name
        assert all(langcodes.tag_is_valid(tag) for tag in tags), (page.name, tags)


def test_epub_documents_have_valid_language_tags(welsh_release):
    epub = welsh_release.bundle_dir / f"{welsh_release.slug}.epub"
    with zipfile.ZipFile(epub) as archive:
        documents = [name for name in archive.namelist() if name.endswith(".xhtml")]
        for name in documents:
            root = ElementTree.fromstring(archive.read(name))  # well-formed XML: no escaped markup
            assert root.get(XML_LANG) == "cy" and root.get("lang") == "cy", name
            assert all(langcodes.tag_is_valid(tag) for tag in language_tags(root)), name


def test_epub_passes_epubcheck_and_ace(welsh_release):
    epub = welsh_release.bundle_dir / f"{welsh_release.slug}.epub"
    assert epubcheck_messages(epub) == []
    assert ace_violations(epub) == []


def test_manifest_records_both_languages(welsh_release):
    manifest = json.loads((welsh_release.bundle_dir / "manifest.json").read_text("utf-8"))
    assert manifest["statement"]["languages"] in (["cy", "en-GB"], ["cy", "en"])
    assert manifest["statement"]["language"] == "cy"


def test_audio_is_one_recording_per_language_welsh_first(welsh_release):
    audio = [f for f in welsh_release.files if f.media_type == "audio/mpeg"]
    slug = welsh_release.slug
    assert [(f.path, f.language) for f in audio] == [(f"{slug}.cy.mp3", "cy"), (f"{slug}.en.mp3", audio[1].language)]
    assert audio[1].language.startswith("en")
    welsh, english = audio
    assert welsh.label == "Sain (MP3)" and english.label == "Audio (MP3)"
    assert welsh.properties["voices"][0] == "cy (espeak-ng)"
    assert "Piper" in english.properties["voices"][0]  # the English half by the neural voice, not espeak-ng
    welsh_captions = (welsh_release.bundle_dir / f"{slug}.cy.vtt").read_text("utf-8")
    english_captions = (welsh_release.bundle_dir / f"{slug}.en.vtt").read_text("utf-8")
    assert "Diwedd y datganiad." in welsh_captions and "End of statement." not in welsh_captions
    assert "End of statement." in english_captions and " yn " not in english_captions
    assert not (welsh_release.bundle_dir / f"{slug}.mp3").exists()


def test_landing_page_is_in_welsh_with_each_language_side_by_side(welsh_release):
    root = tinyhtml5.parse((welsh_release.bundle_dir / "index.html").read_text("utf-8"))
    page = "".join(root.itertext())
    assert root.get("lang") == "cy"
    for words in ("Dewiswch fformat", "Cyhoeddwyd", "Gwiriadau hygyrchedd", "Neidio i'r prif gynnwys"):
        assert words in page
    for english in ("Choose a format", "Published", "Skip to content", "About this release"):
        assert english not in page
    columns = [element for element in root.iter() if element.get("class") == "language"]
    assert [c.get("lang")[:2] for c in columns] == ["cy", "en"]  # Welsh first
    assert [c.find(".//{http://www.w3.org/1999/xhtml}h2").text for c in columns] == ["Cymraeg", "English"]


def test_pdf_and_epub_words_are_welsh(welsh_release):
    pdf = welsh_release.bundle_dir / f"{welsh_release.slug}.pdf"
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Tudalen 1 o " in text and "Page 1 of" not in text
    assert "Am y datganiad hwn" in text
    with zipfile.ZipFile(welsh_release.bundle_dir / f"{welsh_release.slug}.epub") as archive:
        nav = archive.read("EPUB/nav.xhtml").decode()
        title_page = archive.read("EPUB/title-page.xhtml").decode()
    assert "Cynnwys" in nav and "Tudalen deitl" in nav and "Tirnodau" in nav
    assert "Contents" not in nav and "Title page" not in nav
    english_entries = [a.text for a in ElementTree.fromstring(nav).iter("{http://www.w3.org/1999/xhtml}a")
                       if (a.get(XML_LANG) or "").startswith("en")]
    assert len(english_entries) == 1 and english_entries[0].split()[0] in ("NRW", "Rhydeinon")  # the English headline
    assert "Cyhoeddwyd" in title_page and "munud i&#39;w ddarllen" in title_page


def test_readability_for_welsh_says_there_is_no_formula(welsh_release):
    line = next(line for line in welsh_release.summary_lines if line.startswith("Readability"))
    assert "no readability formula for Welsh" in line and "None" not in line


def test_catalogue_is_complete_in_welsh_and_english():
    english, welsh = catalogue()["en"], catalogue()["cy"]
    assert set(english) == set(welsh)
    assert set(english["formats"]) == set(welsh["formats"])

    def fields(value) -> set[str]:
        import string

        values = value if isinstance(value, list) else [value]
        return {name for v in values if isinstance(v, str) for _, name, _, _ in string.Formatter().parse(v) if name}

    for key in english:
        if key == "formats":
            for name in english[key]:
                assert fields(english[key][name]) == fields(welsh[key][name]), name
        else:
            assert fields(english[key]) == fields(welsh[key]), key


# --- the language of unmarked passages ------------------------------------------------------------------


def test_unmarked_english_half_is_identified_and_reported():
    statement, report = read_statement(WELSH_FIRST_BILINGUAL)
    rule = next(i for i, block in enumerate(statement.blocks) if block.kind == "break")
    assert all(block.language is None for block in statement.blocks[:rule])
    after = statement.blocks[rule + 1:]
    assert after[0].kind == "heading"  # a short headline: marked by the blocks around it
    assert all(block.language == "en" for block in after)
    warnings = [w for w in report.warnings if "identified" in w.message]
    assert len(warnings) == 1 and warnings[0].line == after[0].line
    assert f"English (en), {len(after)} blocks from line {after[0].line}" in warnings[0].message


def test_author_marks_win_and_short_blocks_are_left_alone(write_statement):
    source = write_statement(body=(
        "The council has agreed a new budget for the coming year after a long public consultation.\n\n"
        "Diolch yn fawr.\n\n"  # a short Welsh line: too short to tell
        "Mae'r cyngor wedi cytuno ar gyllideb newydd ar gyfer y flwyddyn i ddod ar ôl ymgynghoriad cyhoeddus hir.\n\n"
        "The council would like to thank everyone who took part in the consultation this spring. {lang=fr}\n"))
    statement, report = read_statement(source)
    assert [block.language for block in statement.blocks] == [None, None, "cy", "fr"]
    assert len([w for w in report.warnings if "identified" in w.message]) == 1


def test_a_statement_in_one_language_is_not_split(write_statement):
    source = write_statement(body="The council has agreed a new budget for the coming year.\n\n"
                                  "The new budget protects libraries and road repairs across the county.\n")
    statement, report = read_statement(source)
    assert all(block.language is None for block in statement.blocks)
    assert not [w for w in report.warnings if "identified" in w.message]


def test_one_unmarked_welsh_paragraph_in_an_english_statement_is_found(write_statement):
    # the quick screen (lingua's low-accuracy models) must not let a paragraph in another language through
    source = write_statement(body=(
        "The council has agreed a new budget for the coming year after a long public consultation.\n\n"
        "Mae'r cyngor wedi cytuno ar gyllideb newydd ar gyfer y flwyddyn i ddod.\n\n"
        "The new budget protects libraries and road repairs across the county.\n"))
    statement, report = read_statement(source)
    assert [block.language for block in statement.blocks] == [None, "cy", None]
    assert len([w for w in report.warnings if "identified" in w.message]) == 1
