"""Word documents in: each mapping from Word to the statement model, the refusals, `convert`, and the
examples' Word twins giving the same release as their Markdown sources.

The documents are made with python-docx the way a press officer makes them in Word (tests/word_documents.py).
"""

from __future__ import annotations

import dataclasses
import os
import re
import zipfile
from pathlib import Path

import docx
import pikepdf
import pytest
from lxml import etree, html as lxml_html

import renderer
from renderer import model as m
from renderer.diagnostics import SourceError
from renderer.readers import read_statement
from renderer.writers.pdf.tree import structure_elements

from support import EXAMPLE, EXAMPLE_SLUG, SOURCES, run_command
from word_documents import (add_details, add_footnote, add_link, add_picture, multilevel_list, new_document, number,
                            rewrite_part, set_language, track_change, word_twin, words_and_structure)

DETAILS = {"Organisation": "Ludford Town Council", "Date": "24 November 2026"}
EXAMPLES = sorted(p.stem for p in SOURCES.glob("*.md"))
WORD_EXAMPLE = SOURCES / "npcc-e2ee-child-safety.docx"


def save(document, tmp_path: Path, name: str = "statement.docx") -> Path:
    folder = tmp_path / "src"
    folder.mkdir(exist_ok=True)
    path = folder / name
    document.save(path)
    return path


def read(path: Path) -> m.Statement:
    return read_statement(path)[0]


def errors_of(path: Path) -> list[str]:
    """The errors `statement-renderer check` prints for the file, after asserting it exits with status 2 (and
    that the library raises them too)."""
    from typer.testing import CliRunner

    from renderer.cli import app

    result = CliRunner().invoke(app, ["check", str(path)], catch_exceptions=False)
    assert result.exit_code == 2, result.output
    with pytest.raises(SourceError) as caught:
        read_statement(path)
    printed = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert printed == [str(d) for d in caught.value.diagnostics]
    return printed


def blocks_of(statement: m.Statement, kind: type) -> list:
    return [b for b in m.walk_blocks(statement.blocks) if isinstance(b, kind)]


# --- the examples' Word twins -------------------------------------------------------------------------

@pytest.mark.parametrize("name", EXAMPLES)
def test_word_twin_of_each_example_reads_as_its_markdown(name, tmp_path):
    markdown = read(SOURCES / f"{name}.md")
    word = read(word_twin(SOURCES / f"{name}.md", tmp_path / f"{name}.docx"))
    assert word.meta == markdown.meta
    assert words_and_structure(word) == words_and_structure(markdown)


def test_the_word_example_in_sources_is_the_markdown_example(tmp_path):
    markdown, word = read(EXAMPLE), read(WORD_EXAMPLE)
    assert word.meta == markdown.meta
    assert words_and_structure(word) == words_and_structure(markdown)
    assert word.source_path == WORD_EXAMPLE
    assert word.source_sha256 != markdown.source_sha256  # the manifest names the file that was built


@pytest.fixture(scope="module")
def twin_bundles(tmp_path_factory) -> dict[str, Path]:
    """The example built from Markdown and from Word: web page, PDF and EPUB (the Word one checked by
    EPUBCheck and Ace)."""
    bundles = {}
    for source, verify in ((EXAMPLE, False), (WORD_EXAMPLE, True)):
        out = tmp_path_factory.mktemp(source.suffix.lstrip("."))
        result = renderer.build(source, out, formats="html,pdf,epub", verify=verify)
        assert result.published, result.failed_checks
        bundles[source.suffix] = result.bundle_dir
    return bundles


def test_word_example_builds_the_same_pdf_structure(twin_bundles):
    def outline(bundle: Path) -> list[tuple[str, str]]:
        with pikepdf.open(bundle / f"{EXAMPLE_SLUG}.pdf") as pdf:
            title = str(pdf.open_metadata().get("dc:title"))
            return [title] + [str(element.S) for element in structure_elements(pdf)]

    assert outline(twin_bundles[".docx"]) == outline(twin_bundles[".md"])


def test_word_example_builds_the_same_epub_navigation(twin_bundles):
    def navigation(bundle: Path) -> list[str]:
        with zipfile.ZipFile(bundle / f"{EXAMPLE_SLUG}.epub") as epub:
            nav = next(name for name in epub.namelist() if name.endswith("nav.xhtml"))
            tree = etree.fromstring(epub.read(nav))
        return [("".join(a.itertext()).strip(), a.get("href")) for a in tree.iter("{http://www.w3.org/1999/xhtml}a")]

    assert navigation(twin_bundles[".docx"]) == navigation(twin_bundles[".md"])


def test_word_example_builds_the_same_web_page(twin_bundles):
    def main_text(bundle: Path) -> tuple[str, list[str]]:
        page = lxml_html.parse(str(bundle / f"{EXAMPLE_SLUG}.html"))
        main = page.find(".//main")
        return re.sub(r"\s+", " ", main.text_content()).strip(), [el.tag for el in main.iter() if isinstance(el.tag, str)]

    assert main_text(twin_bundles[".docx"]) == main_text(twin_bundles[".md"])


def test_word_example_bundle_passes_every_check(twin_bundles):
    import json

    manifest = json.loads((twin_bundles[".docx"] / "manifest.json").read_text())
    assert manifest["source"]["file"] == WORD_EXAMPLE.name
    checks = [check for file in manifest["files"] for check in file.get("checks", [])]
    assert checks and all(check["passed"] for check in checks), [c for c in checks if not c["passed"]]
    names = " ".join(check["name"] for check in checks)
    assert "EPUBCheck" in names and "Ace" in names


# --- structure -------------------------------------------------------------------------------------------

def test_title_style_headings_and_emphasis(tmp_path):
    document = new_document(DETAILS, title="Library hours to change")
    document.add_heading("What changes", level=1)
    paragraph = document.add_paragraph("Opening on ")
    paragraph.add_run("Sundays").bold = True
    paragraph.add_run(" from ")
    paragraph.add_run("January").italic = True
    paragraph.add_run(". Read the ")
    add_link(paragraph, "council's page", "https://example.org/hours")
    paragraph.add_run(".")
    document.add_heading("Who decided", level=2)
    document.add_paragraph("The council's cabinet.")
    statement = read(save(document, tmp_path))
    assert statement.meta.title == "Library hours to change"
    assert statement.meta.organisation == "Ludford Town Council"
    assert str(statement.meta.date) == "2026-11-24"
    assert [(h.level, h.text) for h in statement.outline] == [(2, "What changes"), (3, "Who decided")]
    spans = blocks_of(statement, m.Paragraph)[0].children
    assert [type(s).__name__ for s in spans if not isinstance(s, m.Text)] == ["Strong", "Emphasis", "Link"]
    link = next(s for s in spans if isinstance(s, m.Link))
    assert link.href == "https://example.org/hours" and m.plain_text(link.children) == "council's page"
    assert "Statement details" not in " ".join(b.text for b in blocks_of(statement, m.Paragraph))
    assert not blocks_of(statement, m.Table)  # the details table is not part of the body


def test_first_heading_1_is_the_title_without_a_title_style(tmp_path):
    document = new_document()
    document.add_heading("Road closed for repairs", level=1)
    add_details(document, DETAILS)
    document.add_heading("Diversion", level=2)
    document.add_paragraph("Follow the signs.")
    statement = read(save(document, tmp_path))
    assert statement.meta.title == "Road closed for repairs"
    assert [(h.level, h.text) for h in statement.outline] == [(2, "Diversion")]


def test_a_skipped_heading_level_names_the_paragraph(tmp_path, cli):
    document = new_document(DETAILS, title="A statement")
    document.add_heading("Background", level=1)
    document.add_heading("Too deep", level=3)
    path = save(document, tmp_path)
    result = cli("check", path)
    assert result.exit_code == 2
    assert (f"{path}, paragraph 8 ('Too deep'): error: the heading 'Too deep' is a Heading 3, but the heading "
            "above it is a Heading 1. Fix: give it the Heading 2 style") in result.stderr


def test_lists_nested_and_numbers_kept(tmp_path):
    document = new_document(DETAILS, title="Flood advice")
    list_id = multilevel_list(document, ("decimal", "bullet"))
    for text, level in (("Move valuables upstairs.", 0), ("Move your car.", 0), ("Keep a bag ready:", 0),
                        ("a torch", 1), ("your phone charger", 1)):
        number(document.add_paragraph(text, style="List Paragraph"), list_id, level)
    document.add_paragraph("And then, when the warning comes:")
    for text in ("Turn off gas and electricity.", "Check on neighbours."):
        number(document.add_paragraph(text, style="List Paragraph"), list_id)
    bullets = document.add_paragraph("Floodline: 0345 988 1188", style="List Bullet")
    document.add_paragraph("Emergencies: 999", style="List Bullet")
    statement = read(save(document, tmp_path))
    lists = [b for b in statement.blocks if isinstance(b, m.ListBlock)]
    assert [(lst.ordered, lst.start, len(lst.items)) for lst in lists] == [(True, 1, 3), (True, 4, 2), (False, 1, 2)]
    nested = lists[0].items[2].blocks[-1]
    assert isinstance(nested, m.ListBlock) and not nested.ordered
    assert [item.blocks[0].text for item in nested.items] == ["a torch", "your phone charger"]
    assert bullets.style.name == "List Bullet"


@pytest.mark.parametrize("repeat_header", [True, False])
def test_tables_with_their_header_row(tmp_path, repeat_header):
    from docx.oxml import OxmlElement

    document = new_document(DETAILS, title="River levels")
    document.add_paragraph("Levels at Ludford.")
    document.add_paragraph("River levels this week", style="Caption")
    table = document.add_table(rows=3, cols=2)
    for row, values in zip(table.rows, (("Day", "Level (metres)"), ("Wednesday", "2.4"), ("Thursday", "3.1"))):
        row.cells[0].text, row.cells[1].text = values
    if repeat_header:
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    statement = read(save(document, tmp_path))
    (found,) = blocks_of(statement, m.Table)
    assert [m.plain_text(c.children) for c in found.header] == ["Day", "Level (metres)"]
    assert [[m.plain_text(c.children) for c in row] for row in found.rows] == [["Wednesday", "2.4"], ["Thursday", "3.1"]]
    assert m.plain_text(found.caption) == "River levels this week"


def test_pictures_with_alt_text_caption_and_decorative(tmp_path, png):
    document = new_document(DETAILS, title="New play area")
    add_picture(document, png, "A blue rectangle standing in for the new play area.")
    document.add_paragraph("The play area opens in May.", style="Caption")
    add_picture(document, png, "", decorative=True)
    document.add_paragraph("It cost £40,000.")
    statement = read(save(document, tmp_path))
    (figure,) = blocks_of(statement, m.Figure)
    assert figure.alt == "A blue rectangle standing in for the new play area."
    assert figure.caption == "The play area opens in May."
    assert (figure.width, figure.height, figure.media_type) == (40, 20, "image/png")
    assert figure.data == png.read_bytes()
    assert not (tmp_path / "src" / "images").exists()  # building reads the pictures from the document


def test_a_picture_without_alt_text_is_the_markdown_error(tmp_path, png):
    document = new_document(DETAILS, title="New play area")
    document.add_paragraph("Here it is.")
    add_picture(document, png, "")
    path = save(document, tmp_path)
    (error,) = errors_of(path)
    assert error.startswith(f"{path}, paragraph 8: error: the image 'images/statement-1.png' has no alt text")


def test_quote_style_with_its_attribution(tmp_path):
    document = new_document(DETAILS, title="Mayor welcomes funding")
    document.add_paragraph("The mayor said:")
    document.add_paragraph("This is good news for the town.", style="Quote")
    document.add_paragraph("It will help families.", style="Intense Quote")
    document.add_paragraph("— Jane Smith, Mayor of Ludford")
    statement = read(save(document, tmp_path))
    (quote,) = blocks_of(statement, m.BlockQuote)
    assert [b.text for b in quote.blocks] == ["This is good news for the town.", "It will help families."]
    assert (quote.attribution.speaker, quote.attribution.role) == ("Jane Smith", "Mayor of Ludford")


def test_footnotes_become_numbered_notes(tmp_path):
    document = new_document(DETAILS, title="Waste site stays open")
    paragraph = document.add_paragraph("The site will stay open")
    add_footnote(document, paragraph, "Cabinet decision of 4 September 2018.")
    paragraph.add_run(" on Saturdays.")
    statement = read(save(document, tmp_path))
    assert blocks_of(statement, m.Paragraph)[0].text == "The site will stay open[1] on Saturdays."
    assert statement.outline[-1].text == "Notes"
    (notes,) = [b for b in statement.blocks if isinstance(b, m.ListBlock)]
    assert notes.ordered and notes.items[0].blocks[0].text == "Cabinet decision of 4 September 2018."


def test_welsh_paragraph_and_words_in_an_english_document(tmp_path):
    document = new_document(DETAILS, title="Library hours")
    document.add_paragraph("The library opens on Sundays.")
    welsh = document.add_paragraph()
    set_language(welsh.add_run("Bydd y llyfrgell ar agor ar ddydd Sul."), "cy-GB")
    mixed = document.add_paragraph("The Welsh for library is ")
    set_language(mixed.add_run("llyfrgell"), "cy-GB")
    mixed.add_run(".")
    statement = read(save(document, tmp_path))
    assert statement.meta.language == "en-GB"
    paragraphs = [b for b in statement.blocks if isinstance(b, (m.Paragraph, m.Passage))]
    passage = next(b for b in paragraphs if isinstance(b, m.Passage))
    assert passage.language == "cy-GB" and passage.blocks[0].text == "Bydd y llyfrgell ar agor ar ddydd Sul."
    span = next(s for s in paragraphs[-1].children if isinstance(s, m.Span))
    assert (span.language, m.plain_text(span.children)) == ("cy-GB", "llyfrgell")


def test_welsh_statement_typed_in_an_english_copy_of_word(tmp_path):
    """Word's default proofing language (here the template's) is not a language mark: a statement whose
    details say Welsh is Welsh, and only text set to another language is marked."""
    document = new_document({**DETAILS, "Language": "cy"}, title="Oriau'r llyfrgell")
    document.add_paragraph("Bydd y llyfrgell ar agor ar ddydd Sul o fis Ionawr ymlaen.")
    english = document.add_paragraph()
    set_language(english.add_run("The library will open on Sundays from January."), "en-GB")
    statement = read(save(document, tmp_path))
    assert statement.meta.language == "cy"
    assert isinstance(statement.blocks[0], m.Paragraph) and statement.blocks[0].language in (None, "cy")
    assert isinstance(statement.blocks[1], m.Passage) and statement.blocks[1].language == "en-GB"


# --- fields -------------------------------------------------------------------------------------------

def test_fields_from_properties_table_and_sidecar(tmp_path):
    document = new_document({"Date": "2026-11-24", "Contact name": "Press Office", "Contact email": "press@example.org",
                             "Acronyms": "LTC: Ludford Town Council"})
    properties = document.core_properties
    properties.title, properties.author = "Parking charges frozen", "Jo Bloggs"
    properties.subject, properties.keywords = "Charges stay the same next year.", "parking; charges"
    document.add_paragraph("LTC has frozen parking charges.")
    path = save(document, tmp_path)
    rewrite_part(path, "docProps/app.xml", lambda xml: (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/extended-properties"><Application>Microsoft Office Word</Application>'
        b'<Company>Ludford Town Council</Company></Properties>'))
    meta = read(path).meta
    assert (meta.title, meta.organisation, meta.author) == ("Parking charges frozen", "Ludford Town Council", "Jo Bloggs")
    assert meta.summary == "Charges stay the same next year."
    assert meta.keywords == ["parking", "charges"]
    assert (meta.contact.name, meta.contact.email) == ("Press Office", "press@example.org")
    assert meta.acronyms == {"LTC": "Ludford Town Council"}
    path.with_suffix(".yaml").write_text("title: Parking charges frozen for 2027\nslug: parking-2027\n")
    meta = read(path).meta
    assert (meta.title, meta.slug, meta.organisation) == ("Parking charges frozen for 2027", "parking-2027",
                                                           "Ludford Town Council")


def test_a_missing_date_is_the_markdown_error_with_a_word_fix(tmp_path, cli):
    document = new_document({"Organisation": "Ludford Town Council"}, title="No date yet")
    document.add_paragraph("Text.")
    path = save(document, tmp_path)
    result = cli("build", path, "--out", tmp_path / "release")
    assert result.exit_code == 2
    assert (f"{path}: error: the required field 'date' is missing. Fix: add a row 'date | YYYY-MM-DD' to the "
            "'Statement details' table at the top of the document, or a line 'date: YYYY-MM-DD' to statement.yaml "
            "beside it") in result.stderr
    assert not (tmp_path / "release").exists() or not any((tmp_path / "release").iterdir())


def test_an_error_in_the_sidecar_names_its_line(tmp_path):
    document = new_document(DETAILS, title="A statement")
    document.add_paragraph("Text.")
    path = save(document, tmp_path)
    path.with_suffix(".yaml").write_text("slug: fine\nlanguage: xx-nonsense-tag\n")
    (error,) = errors_of(path)
    assert error.startswith(f"{path.with_suffix('.yaml')}:2: error: unknown language tag 'xx-nonsense-tag'")


# --- refusals -------------------------------------------------------------------------------------------

def test_tracked_changes_and_comments_are_refused(tmp_path, cli):
    document = new_document(DETAILS, title="A statement")
    document.add_paragraph("First paragraph.")
    track_change(document.add_paragraph("The site opens "), "on Saturdays", "on Sundays")
    commented = document.add_paragraph("Figures are provisional.")
    document.add_comment(commented.runs, text="Check with finance", author="Editor")
    path = save(document, tmp_path)
    result = cli("build", path, "--out", tmp_path / "release")
    assert result.exit_code == 2
    assert (f"{path}: error: the document still has 2 tracked changes (paragraph 8) and 1 comment (paragraph 9), "
            "which must not be published. Fix: accept or reject all changes and delete the comments") in result.stderr
    assert not (tmp_path / "release").exists() or not any((tmp_path / "release").iterdir())


def test_hidden_text_is_left_out_with_a_warning(tmp_path, cli):
    document = new_document(DETAILS, title="A statement")
    paragraph = document.add_paragraph("The site opens on Saturdays.")
    paragraph.add_run(" Internal: budget still unsigned.").font.hidden = True
    path = save(document, tmp_path)
    statement, report = read_statement(path)
    assert blocks_of(statement, m.Paragraph)[0].text == "The site opens on Saturdays."
    assert [str(w) for w in report.warnings] == [
        f"{path}: warning: hidden text was left out (paragraph 7). Fix: if it should be published, select it and "
        "clear Font → Hidden; otherwise delete it"]
    assert "budget" not in cli("convert", path, "--out", tmp_path / "md").stdout + \
        (tmp_path / "md" / "statement.md").read_text()


@pytest.mark.parametrize("content, message", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "the document is protected by a password, or is an old Word"),
    (b"This is not a Word document.", "the file is not a Word document (.docx), or it is damaged"),
    (b"PK\x03\x04broken zip", "the file is not a Word document (.docx), or it is damaged"),
])
def test_protected_or_false_documents_are_refused(tmp_path, content, message):
    path = tmp_path / "statement.docx"
    path.write_bytes(content)
    completed = run_command("build", path, "--out", tmp_path / "release")
    assert completed.returncode == 2
    (line,) = completed.stderr.strip().splitlines()
    assert line.startswith(f"{path}: error: {message}") and "Fix: " in line
    assert "Traceback" not in completed.stderr


def test_a_zip_without_a_document_is_refused(tmp_path):
    path = tmp_path / "statement.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/other.xml", "<x/>")
    assert errors_of(path)[0].startswith(f"{path}: error: the file is not a Word document (.docx)")


def test_macro_documents_are_refused(tmp_path):
    document = new_document(DETAILS, title="A statement")
    document.add_paragraph("Text.")
    docm = save(document, tmp_path, "statement.docm")
    assert errors_of(docm)[0].startswith(f"{docm}: error: the document is macro-enabled (.docm)")
    with_macros = save(document, tmp_path, "statement.docx")
    rewrite_part(with_macros, "word/vbaProject.bin", lambda _: b"\0" * 64)
    assert errors_of(with_macros)[0].startswith(f"{with_macros}: error: the document holds macros")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    path = tmp_path / "statement.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (300 * 1024 * 1024))
    assert path.stat().st_size < 2 * 1024 * 1024
    assert "the document unpacks to more than 250 MB" in errors_of(path)[0]


def test_untrusted_xml_entities_are_not_expanded(tmp_path):
    document = new_document(DETAILS, title="A statement")
    document.add_paragraph("Text.")
    path = save(document, tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    rewrite_part(path, "word/document.xml", lambda xml: xml.replace(
        b"?>", f'?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'.encode(), 1).replace(b">Text.<", b">&x;<"))
    (error,) = errors_of(path)
    assert "TOP SECRET" not in error and "XML declarations Word never writes" in error


# --- convert ---------------------------------------------------------------------------------------------

def test_convert_writes_the_markdown_twin(tmp_path, cli, png):
    document = new_document(DETAILS, title="New play area")
    document.add_paragraph("It opens in May.")
    add_picture(document, png, "A blue rectangle standing in for the play area.")
    path = save(document, tmp_path)
    result = cli("convert", path, "--out", tmp_path / "converted")
    assert result.exit_code == 0, result.stderr
    markdown = tmp_path / "converted" / "statement.md"
    assert (tmp_path / "converted" / "images" / "statement-1.png").read_bytes() == png.read_bytes()
    text = markdown.read_text()
    assert text.startswith("---\n# Converted from statement.docx by statement-renderer")
    assert "![A blue rectangle standing in for the play area.](images/statement-1.png)" in text
    assert words_and_structure(read(markdown)) == words_and_structure(read(path))
    assert dataclasses.replace(read(markdown).meta) == read(path).meta
    again = cli("convert", path, "--out", tmp_path / "converted")
    assert again.exit_code == 2 and "already exists" in again.stderr and "--force" in again.stderr
    assert cli("convert", path, "--out", tmp_path / "converted", "--force").exit_code == 0


def test_a_folder_builds_word_documents_but_not_a_converted_twin(tmp_path):
    from renderer.pipeline import find_sources

    for name in ("a.md", "a.docx", "b.docx", "~$b.docx"):
        (tmp_path / name).write_bytes(b"")
    assert [p.name for p in find_sources([tmp_path])] == ["a.md", "b.docx"]


def test_word_example_is_current():
    """sources/npcc-e2ee-child-safety.docx is made by `python3 tests/word_documents.py` from the Markdown."""
    document = docx.Document(WORD_EXAMPLE)
    assert document.paragraphs[0].style.name == "Title"
    assert os.path.getsize(WORD_EXAMPLE) < 100_000


def test_a_document_saved_by_libreoffice(tmp_path):
    """The flood example's Word twin opened and saved again by LibreOffice Writer 7.4 (Debian 12):
    its own styles, numbering and properties. Two differences are LibreOffice's: it writes a language
    with its region ('cy-GB' for 'cy'), and it drops the commas between keywords in the properties."""
    saved = SOURCES.parent / "tests" / "fixtures" / "word" / "flood-warning-river-teme-libreoffice.docx"
    markdown = read(SOURCES / "flood-warning-river-teme.md")
    statement, report = read_statement(saved)
    assert not report.items
    assert dataclasses.replace(statement.meta, keywords=markdown.meta.keywords) == markdown.meta

    def primary_languages(found: list[tuple]) -> list[tuple]:
        return [tuple(part.split("-")[0] if part in ("cy", "cy-GB", "en-GB") else part for part in item)
                for item in found]

    assert primary_languages(words_and_structure(statement)) == primary_languages(words_and_structure(markdown))


@pytest.mark.parametrize("name", sorted(p.name for p in (SOURCES.parent / "tests" / "fixtures" / "corpus").glob("*.md")))
def test_word_twins_of_real_statements_read_as_their_markdown(name, tmp_path):
    """Real published statements (tests/fixtures/corpus) written as Word documents: same fields and body."""
    source = SOURCES.parent / "tests" / "fixtures" / "corpus" / name
    markdown = read(source)
    word = read(word_twin(source, tmp_path / "statement.docx"))
    assert dataclasses.replace(word.meta, title=" ".join(word.meta.title.split())) == \
        dataclasses.replace(markdown.meta, title=" ".join(markdown.meta.title.split()))
    assert words_and_structure(word) == words_and_structure(markdown)


def test_text_that_looks_like_markdown_stays_text(tmp_path):
    document = new_document(DETAILS, title="Contact")
    paragraph = document.add_paragraph("Telephone")
    paragraph.add_run().add_break()
    paragraph.add_run("+44 (0)30 6770 4236")
    for text in ("1. Not a list item", "# Not a heading", "- Not a bullet", "> Not a quote", "*stars* and _under_ [x](y)",
                 "::: a fence of colons"):
        document.add_paragraph(text)
    statement = read(save(document, tmp_path))
    assert any(isinstance(span, m.LineBreak) for span in statement.blocks[0].children)
    assert [m.plain_text(b.children) for b in statement.blocks] == [
        "Telephone +44 (0)30 6770 4236", "1. Not a list item", "# Not a heading", "- Not a bullet", "> Not a quote",
        "*stars* and _under_ [x](y)", "::: a fence of colons"]
