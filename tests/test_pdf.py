"""The accessible PDFs, read back with pikepdf and pdftotext as a validator and a reader would."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Name

import renderer
from renderer.checks.pdf import check_pdf
from renderer.writers.pdf import RenderRefused, write_tagged_pdf
from renderer.writers.pdf.tree import structure_elements

from support import CORPUS, EXAMPLE, EXAMPLE_SLUG, SOURCES, run_command

FLOOD = SOURCES / "flood-warning-river-teme.md"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("release")
    bundles = {}
    for source in (EXAMPLE, FLOOD):
        result = renderer.build(source, out, formats="pdf")
        bundles[source.stem] = result.bundle_dir
    return bundles


def pdf_path(built, stem: str, large_print: bool = False) -> Path:
    bundle = built[stem]
    return bundle / f"{bundle.name}{'-large-print' if large_print else ''}.pdf"


def types(pdf) -> list[str]:
    return [str(el.S)[1:] for el in structure_elements(pdf)]


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.parametrize("large_print", [False, True])
def test_example_pdf_passes_every_check(built, large_print):
    path = pdf_path(built, EXAMPLE.stem, large_print)
    failed = [c for c in check_pdf(path) if not c.passed]
    assert failed == []


@pytest.mark.parametrize("large_print", [False, True])
def test_example_pdf_identification_and_metadata(built, large_print):
    with pikepdf.open(pdf_path(built, EXAMPLE.stem, large_print)) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "en-GB"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        info = pdf.docinfo
        assert str(info.Title).startswith("NPCC responds to calls for end-to-end encryption")
        assert str(info.Author) == "National Police Chiefs' Council"
        assert str(info.Subject).startswith("The National Crime Agency and police chiefs")
        assert "child protection" in str(info.Keywords)
        assert str(info.CreationDate).startswith("D:20240422")
        with pdf.open_metadata() as xmp:
            assert str(xmp["pdfuaid:part"]) == "1"
            assert xmp["dc:title"] == str(info.Title)
            assert xmp["dc:description"] == str(info.Subject)
            assert "child protection" in xmp["pdf:Keywords"]
            assert xmp["xmp:CreateDate"].startswith("2024-04-22")
            assert "en-GB" in xmp["dc:language"]


def test_example_structure_tree(built):
    with pikepdf.open(pdf_path(built, EXAMPLE.stem, large_print=True)) as pdf:
        assert len(pdf.pages) > 1
        found = types(pdf)
        headings = [t for t in found if re.fullmatch(r"H\d", t)]
        assert headings == ["H1", "H2", "H2", "H2", "H3"]
        assert found.count("Part") == 1 and found.count("Art") == 1  # not one per page
        assert found.count("BlockQuote") == 1  # the quote crosses pages, and stays one element
        quote = next(el for el in structure_elements(pdf) if el.S == Name.BlockQuote)
        paragraphs = [k for k in quote.K if isinstance(k, pikepdf.Dictionary) and k.get("/S") == Name.P]
        assert len(paragraphs) == 6
        assert "NonStruct" not in found
        assert found.count("Link") == 1
        annotations = [a for page in pdf.pages for a in page.get("/Annots", []) if a.Subtype == Name.Link]
        assert len(annotations) == 1 and "/StructParent" in annotations[0]
        items = [el for el in structure_elements(pdf) if el.S == Name.LI]
        assert items and all(any(k.get("/S") == Name.LBody for k in el.K) for el in items)


def test_headers_and_footers_are_artifacts(built):
    with pikepdf.open(pdf_path(built, EXAMPLE.stem)) as pdf:
        artifacts = [ops for page in pdf.pages for ops, op in pikepdf.parse_content_stream(page)
                     if str(op) == "BDC" and ops[0] == Name.Artifact and isinstance(ops[1], pikepdf.Dictionary)
                     and ops[1].get("/Type") == Name.Pagination]
        assert len(artifacts) >= 3 * len(pdf.pages)  # organisation, date, "Page N of M"
    text = pdftotext(pdf_path(built, EXAMPLE.stem))
    pages = text.count("\f")
    assert "Page 1 of" in text and f"Page {pages} of {pages}" in text


def test_bookmarks_for_every_heading(built):
    with pikepdf.open(pdf_path(built, EXAMPLE.stem)) as pdf, pdf.open_outline() as outline:
        titles = []
        stack = list(outline.root)
        while stack:
            item = stack.pop(0)
            titles.append(item.title)
            stack = list(item.children) + stack
    assert titles[0].startswith("NPCC responds") and "Statement from Ian Critchley" in titles
    assert "More information" in titles and "About this statement" in titles


@pytest.mark.parametrize("large_print", [False, True])
def test_text_layer_gives_back_the_statement_in_order(built, large_print):
    text = " ".join(pdftotext(pdf_path(built, EXAMPLE.stem, large_print)).split())
    letters = re.sub(r"\W+", "", text.lower())
    source_body = EXAMPLE.read_text("utf-8").split("---", 2)[2]
    position = 0
    for line in source_body.splitlines():
        words = re.sub(r"^[>#\s—-]+", "", line).replace("[NCA website](https://www.nationalcrimeagency.gov.uk/)",
                                                          "NCA website")
        wanted = re.sub(r"\W+", "", words.lower())
        if wanted:
            found = letters.find(wanted, position)
            assert found >= 0, f"not found in order: {line[:60]}"
            position = found + len(wanted)


def test_fonts_are_embedded_and_legible(built):
    completed = subprocess.run(["pdffonts", str(pdf_path(built, EXAMPLE.stem))], capture_output=True, text=True,
                               check=True)
    rows = completed.stdout.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows)
    assert any("Atkinson-Hyperlegible" in row for row in rows)


@pytest.mark.parametrize("large_print, minimum", [(False, 12), (True, 18)])
def test_body_text_size(built, large_print, minimum):
    body = next(c for c in check_pdf(pdf_path(built, EXAMPLE.stem, large_print), minimum_font_size=minimum)
                if c.name == "Body text size")
    assert body.passed, body.details


def test_table_figure_and_welsh_passage(built):
    with pikepdf.open(pdf_path(built, FLOOD.stem)) as pdf:
        elements = list(structure_elements(pdf))
        tables = [el for el in elements if el.S == Name.Table]
        assert len(tables) == 1
        headers = [el for el in elements if el.S == Name.TH]
        assert len(headers) == 3 and all(el.A.Scope == Name.Column for el in headers)
        figure = next(el for el in elements if el.S == Name.Figure)
        assert str(figure.Alt).startswith("Bar chart of the river level at Ludford")
        wrapper = figure.P
        assert wrapper.S == Name.Div and any(k.get("/S") == Name.Caption for k in wrapper.K)
        welsh = [el for el in elements if str(el.get("/Lang", "")) == "cy"]
        assert [str(el.S) for el in welsh] == ["/H2", "/Div"]
    assert [c for c in check_pdf(pdf_path(built, FLOOD.stem)) if not c.passed] == []
    assert "Peidiwch â cherdded na gyrru drwy ddŵr llifogydd." in pdftotext(pdf_path(built, FLOOD.stem))


def test_a_table_across_pages_stays_one_table(write_statement, tmp_path):
    rows = "\n".join(f"| Day {n} | {n * 1.5:.1f} |" for n in range(1, 90))
    source = write_statement(body=f"## Levels\n\nTable: Levels\n\n| Day | Level |\n|---|---|\n{rows}\n")
    result = renderer.build(source, tmp_path / "release", formats="pdf")
    with pikepdf.open(result.bundle_dir / "a-test-statement.pdf") as pdf:
        assert len(pdf.pages) >= 3
        found = types(pdf)
        assert found.count("Table") == 1 and found.count("TR") == 90 and found.count("TH") == 2
    assert all(c.passed for f in result.files for c in f.checks)


def test_a_long_organisation_name_in_the_header_wraps_without_failing_the_text_check(write_statement, tmp_path):
    """A real NHS trust's name fills two header lines in large print; the date beside it stays on one line."""
    front_matter = ("title: Hospital visiting restriction lifted\n"
                    "organisation: Norfolk and Norwich University Hospitals NHS Foundation Trust\n"
                    "date: 2008-12-01\n")
    body = "".join(f"Paragraph {n}: visitors should follow the ward visiting times and wash their hands.\n\n"
                   for n in range(1, 40))
    result = renderer.build(write_statement(front_matter, body), tmp_path / "release", formats="pdf")
    large = result.bundle_dir / "hospital-visiting-restriction-lifted-large-print.pdf"
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", large, "-"], capture_output=True, text=True).stdout
    assert text.count("1 December 2008") >= 3  # on every page, never split over two lines
    assert result.published and all(c.passed for f in result.files for c in f.checks)


def test_wrapped_table_cells_do_not_fail_the_reading_order_check(tmp_path):
    """A real written ministerial statement (DfE) whose table cells wrap in large print: a text extractor reads
    them across the row, line by line, so the table's words are compared, not their order."""
    result = renderer.build(CORPUS / "11-dfe-school-revenue-funding-2017-18.md", tmp_path / "release",
                            formats="pdf,plain", verify=False)
    order = [c for f in result.files if f.media_type == "application/pdf" for c in f.checks
             if c.name == "Text in reading order"]
    assert len(order) == 3 and all(check.passed for check in order), order
    assert result.published


def test_reading_order_check_still_finds_a_missing_table_cell(built):
    from renderer.checks.pdf import TableWords

    pdf = built[EXAMPLE.stem] / f"{EXAMPLE_SLUG}.pdf"
    expected = [TableWords(("children", "quokka zyxwvut"))]
    [order] = [c for c in check_pdf(pdf, expected_words=expected) if c.name == "Text in reading order"]
    assert not order.passed and "quokka zyxwvut" in order.details


def test_checker_fails_an_untagged_pdf(tmp_path):
    from weasyprint import HTML

    untagged = tmp_path / "untagged.pdf"
    HTML(string="<html><body><h2>No title</h2><p>Plain.</p><img src='data:,'></body></html>").write_pdf(untagged)
    failed = {c.name for c in check_pdf(untagged) if not c.passed}
    assert {"PDF/UA identification", "Tagged PDF", "Document language", "Title shown", "Headings",
            "No untagged content"} <= failed
    completed = run_command("check-pdf", untagged)
    assert completed.returncode == 1 and "FAILED: Tagged PDF" in completed.stdout


def test_check_pdf_command_passes_a_good_pdf(built):
    completed = run_command("check-pdf", pdf_path(built, EXAMPLE.stem))
    assert completed.returncode == 0 and "FAILED" not in completed.stdout


def test_check_pdf_command_on_a_broken_file(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7 nothing else")
    completed = run_command("check-pdf", broken)
    assert completed.returncode == 1 and "cannot be read as a PDF" in completed.stderr


def test_renderer_fetches_nothing_outside_its_folders(tmp_path, recording_server):
    base, requests = recording_server
    folder = tmp_path / "statement"
    folder.mkdir()
    for src in (f"{base}/pixel.png", "file:///etc/passwd", "../../etc/passwd", f"{base}/style.css"):
        html = f"<html lang='en'><head><title>T</title></head><body><img src='{src}' alt='x'></body></html>"
        with pytest.raises(RenderRefused, match="refused to read"):
            write_tagged_pdf(html, base_url=folder, allowed_folders=[folder], identifier="t", title="T",
                             created="2026-11-24")
    assert requests == []


def test_raw_html_never_reaches_the_pdf(write_statement, tmp_path):
    body = "Hello <script>alert('owned')</script> world.\n\n<iframe src='https://evil.example'></iframe>\n"
    result = renderer.build(write_statement(body=body), tmp_path / "release", formats="pdf")
    text = pdftotext(result.bundle_dir / "a-test-statement.pdf")
    assert "Hello" in text and "alert" not in text and "iframe" not in text


def test_manifest_records_pdf_checks(tmp_path):
    import json

    result = renderer.build(EXAMPLE, tmp_path, formats="html,pdf")
    manifest = json.loads((result.bundle_dir / "manifest.json").read_text("utf-8"))
    pdf_entry = next(f for f in manifest["files"] if f["path"] == f"{EXAMPLE_SLUG}.pdf")
    names = {c["name"] for c in pdf_entry["checks"]}
    assert {"PDF/UA identification", "No untagged content", "Text in reading order", "Body text size"} <= names
    assert all(c["passed"] for c in pdf_entry["checks"])
    import tinyhtml5

    landing = " ".join("".join(tinyhtml5.parse((result.bundle_dir / "index.html").read_text("utf-8")).itertext()).split())
    assert "Passed: PDF: No untagged content" in landing and "Large-print PDF (PDF," in landing
