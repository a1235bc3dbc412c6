"""The EPUB: opened as the zip it is, checked by the real EPUBCheck and DAISY Ace, read as a library would."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

import renderer
from renderer.diagnostics import SourceError
from renderer.checks.epub import ace_violations, epubcheck_messages
from renderer.readers import read_statement
from renderer.writers.epub import CONFORMS_TO, publication_identifier

from support import EXAMPLE, EXAMPLE_SLUG, SOURCES

FLOOD = SOURCES / "flood-warning-river-teme.md"
LIBRARY = SOURCES / "library-opening-hours.md"
EPOCH = "1732406400"  # 2024-11-24T00:00:00Z
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NCX = "{http://www.daisy.org/z3986/2005/ncx/}"


@pytest.fixture(scope="module")
def epubs(tmp_path_factory) -> dict[str, Path]:
    """The EPUB of every example statement. The build runs the validators on the first (the tests
    below run them on every one)."""
    out = tmp_path_factory.mktemp("release")
    built = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        for source in (EXAMPLE, FLOOD, LIBRARY):
            result = renderer.build(source, out, formats="epub", verify=source == EXAMPLE)
            built[source.stem] = result.bundle_dir / f"{result.slug}.epub"
    return built


class Epub:
    """An EPUB opened as a zip: its package document, nav and content documents as XML."""

    def __init__(self, path: Path):
        self.archive = zipfile.ZipFile(path)
        self.names = self.archive.namelist()
        container = self.xml("META-INF/container.xml")
        self.opf_path = container.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile").get("full-path")
        self.folder = self.opf_path.rsplit("/", 1)[0] + "/"
        self.package = self.xml(self.opf_path)
        self.metadata = self.package.find(f"{OPF}metadata")
        self.manifest = {item.get("id"): item for item in self.package.find(f"{OPF}manifest")}

    def xml(self, name: str) -> ElementTree.Element:
        return ElementTree.fromstring(self.archive.read(name))

    def document(self, href: str) -> ElementTree.Element:
        return self.xml(self.folder + href)

    def dc(self, name: str) -> list[str]:
        return [element.text for element in self.metadata.findall(f"{DC}{name}")]

    def meta(self, prop: str) -> list[str]:
        return [m.text for m in self.metadata.findall(f"{OPF}meta") if m.get("property") == prop]

    @property
    def spine(self) -> list[str]:
        return [self.manifest[ref.get("idref")].get("href") for ref in self.package.find(f"{OPF}spine")]

    @property
    def nav(self) -> ElementTree.Element:
        href = next(item.get("href") for item in self.manifest.values() if "nav" in (item.get("properties") or ""))
        return self.document(href)

    def nav_section(self, kind: str) -> ElementTree.Element:
        return next(nav for nav in self.nav.iter(f"{XHTML}nav") if nav.get(EPUB_TYPE) == kind)


def test_epubcheck_reports_nothing(epubs):
    for path in epubs.values():
        assert epubcheck_messages(path) == [], path.name


def test_ace_reports_no_violations(epubs):
    for path in epubs.values():
        assert ace_violations(path) == [], path.name


def test_build_records_the_validators_in_the_manifest(epubs):
    manifest = json.loads((epubs["npcc-e2ee-child-safety"].parent / "manifest.json").read_text("utf-8"))
    entry = next(f for f in manifest["files"] if f["path"] == f"{EXAMPLE_SLUG}.epub")
    checks = {check["name"]: check for check in entry["checks"]}
    assert checks["EPUBCheck"]["passed"] and "no errors or warnings" in checks["EPUBCheck"]["details"]
    assert checks["DAISY Ace"]["passed"] and "no violations" in checks["DAISY Ace"]["details"]
    assert checks["package metadata"]["passed"]


def test_mimetype_comes_first_and_is_stored(epubs):
    with zipfile.ZipFile(epubs["npcc-e2ee-child-safety"]) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/epub+zip"


def test_dublin_core_metadata(epubs):
    book = Epub(epubs["npcc-e2ee-child-safety"])
    statement, _ = read_statement(EXAMPLE)
    assert book.package.get("version") == "3.0"
    assert book.package.get(XML_LANG) == "en-GB"
    assert book.dc("title") == [statement.meta.title]
    assert book.dc("language") == ["en-GB"]
    assert book.dc("identifier") == [publication_identifier(EXAMPLE_SLUG)]
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", book.dc("identifier")[0])
    assert book.dc("creator") == ["National Police Chiefs' Council"]
    assert book.dc("publisher") == ["National Police Chiefs' Council"]
    assert book.dc("date") == ["2024-04-22"]
    assert book.dc("description") == [statement.meta.summary]
    assert book.dc("subject") == statement.meta.keywords
    assert book.meta("dcterms:modified") == ["2024-11-24T00:00:00Z"]  # from SOURCE_DATE_EPOCH
    assert book.package.find(f"{OPF}guide") is None  # EPUB 2 guide: the landmarks replace it


def test_identifier_is_stable_across_versions():
    assert publication_identifier("a-slug") == publication_identifier("a-slug")
    assert publication_identifier("a-slug") != publication_identifier("another-slug")


def test_accessibility_metadata(epubs):
    text_only = Epub(epubs["npcc-e2ee-child-safety"])
    assert text_only.meta("schema:accessMode") == ["textual"]
    assert text_only.meta("schema:accessModeSufficient") == ["textual"]
    assert set(text_only.meta("schema:accessibilityFeature")) == {
        "structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"}
    assert text_only.meta("schema:accessibilityHazard") == ["none"]
    assert text_only.meta("dcterms:conformsTo") == [CONFORMS_TO]
    summary = text_only.meta("schema:accessibilitySummary")[0]
    assert summary.startswith("This publication meets WCAG 2.2 Level AA.") and "image" not in summary

    with_image = Epub(epubs["flood-warning-river-teme"])
    assert with_image.meta("schema:accessMode") == ["textual", "visual"]
    assert "alternativeText" in with_image.meta("schema:accessibilityFeature")
    summary = with_image.meta("schema:accessibilitySummary")[0]
    assert "its image has a text description" in summary and "table has a caption and header cells" in summary
    assert not [m for m in with_image.metadata.findall(f"{OPF}meta") if m.get("property") == "a11y:certifiedBy"]


def test_table_of_contents_lists_every_heading(epubs):
    for stem, path in epubs.items():
        book = Epub(path)
        statement, _ = read_statement(SOURCES / f"{stem}.md")
        links = [(a.get("href"), "".join(a.itertext())) for a in book.nav_section("toc").iter(f"{XHTML}a")]
        for entry in statement.outline:
            assert (f"statement.xhtml#{entry.id}", entry.text) in links, entry.text
        assert links[0] == ("title-page.xhtml", "Title page")
        # every target exists
        for href, _ in links:
            document, _, fragment = href.partition("#")
            ids = {element.get("id") for element in book.document(document).iter()}
            assert not fragment or fragment in ids, href


def test_nested_headings_nest_in_the_toc(epubs):
    book = Epub(epubs["npcc-e2ee-child-safety"])
    top = book.nav_section("toc").find(f"{XHTML}ol")
    statement_item = top.findall(f"{XHTML}li")[1]
    assert statement_item.find(f"{XHTML}a").get("href") == "statement.xhtml"
    nested = [li.find(f"{XHTML}a").text for li in statement_item.find(f"{XHTML}ol").findall(f"{XHTML}li")]
    assert nested[0] == "Statement from Ian Critchley" and nested[-1] == "About this statement"


def test_landmarks(epubs):
    book = Epub(epubs["npcc-e2ee-child-safety"])
    landmarks = {a.get(EPUB_TYPE): a.get("href") for a in book.nav_section("landmarks").iter(f"{XHTML}a")}
    assert landmarks == {"titlepage": "title-page.xhtml", "toc": "nav.xhtml", "bodymatter": "statement.xhtml"}


def test_ncx_for_older_readers(epubs):
    book = Epub(epubs["npcc-e2ee-child-safety"])
    ncx_item = next(item for item in book.manifest.values() if item.get("media-type") == "application/x-dtbncx+xml")
    ncx = book.document(ncx_item.get("href"))
    labels = [text.text for text in ncx.iter(f"{NCX}text")]
    assert "Statement from Ian Critchley" in labels and "Title page" in labels


def test_spine_follows_reading_order(epubs):
    assert Epub(epubs["npcc-e2ee-child-safety"]).spine == ["title-page.xhtml", "nav.xhtml", "statement.xhtml",
                                                            "plain-language.xhtml"]


def test_plain_language_version_is_its_own_section(epubs):
    book = Epub(epubs["npcc-e2ee-child-safety"])
    toc = book.nav_section("toc")
    links = {"".join(a.itertext()): a.get("href") for a in toc.iter(f"{XHTML}a")}
    assert links["Plain-language version"] == "plain-language.xhtml#plain-title"
    assert links["Key points"] == "plain-language.xhtml#plain-key-points"
    page = book.document("plain-language.xhtml")
    assert "automatically simplified" in "".join(page.itertext())
    assert len(list(page.iter(f"{XHTML}h1"))) == 1
    summary = book.meta("schema:accessibilitySummary")[0]
    assert "a plain-language version is included as its own section" in summary


def test_title_page_has_organisation_date_and_contact(epubs):
    page = Epub(epubs["flood-warning-river-teme"]).document("title-page.xhtml")
    text = " ".join("".join(page.itertext()).split())
    assert "Marches Borough Council" in text and "20 November 2026" in text
    assert "emergency.planning@example.org" in text and "01234 567890" in text
    assert page.find(f".//{XHTML}body").get(EPUB_TYPE) == "frontmatter"
    assert [s.get(EPUB_TYPE) for s in page.iter(f"{XHTML}section")] == ["titlepage"]
    assert len(list(page.iter(f"{XHTML}h1"))) == 1


def test_content_is_semantic_xhtml(epubs):
    book = Epub(epubs["flood-warning-river-teme"])
    page = book.document("statement.xhtml")
    assert page.get("lang") == page.get(XML_LANG) == "en-GB"
    assert page.find(f"{XHTML}body").get(EPUB_TYPE) == "bodymatter"
    assert len(list(page.iter(f"{XHTML}h1"))) == 1
    welsh = [e for e in page.iter() if e.get("lang") == "cy"]
    assert welsh and all(e.get(XML_LANG) == "cy" for e in welsh)
    table = next(page.iter(f"{XHTML}table"))
    assert table.find(f"{XHTML}caption") is not None
    assert all(th.get("scope") == "col" for th in table.iter(f"{XHTML}th"))
    image = next(page.iter(f"{XHTML}img"))
    assert image.get("alt").startswith("Bar chart of the river level")
    assert book.folder + image.get("src") in book.names

    quotes = Epub(epubs["npcc-e2ee-child-safety"]).document("statement.xhtml")
    quote = next(f for f in quotes.iter(f"{XHTML}figure") if f.get("class") == "quote")
    assert quote.find(f"{XHTML}blockquote") is not None
    assert "Ian Critchley" in "".join(quote.find(f"{XHTML}figcaption").itertext())


def test_stylesheet_is_reflowable(epubs):
    book = Epub(epubs["npcc-e2ee-child-safety"])
    css = book.archive.read(book.folder + "style.css").decode()
    assert not re.search(r"font-size:\s*[\d.]+(px|pt)", css)
    assert "justify" not in css


def test_same_build_time_gives_the_same_epub(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = renderer.build(EXAMPLE, tmp_path / "one", formats="epub", verify=False)
    second = renderer.build(EXAMPLE, tmp_path / "two", formats="epub", verify=False)
    name = f"{EXAMPLE_SLUG}.epub"
    assert (first.bundle_dir / name).read_bytes() == (second.bundle_dir / name).read_bytes()


def test_no_verify_skips_the_validators(tmp_path):
    result = renderer.build(EXAMPLE, tmp_path, formats="epub", verify=False)
    epub_file = next(f for f in result.files if f.format == "epub")
    assert [check.name for check in epub_file.checks] == ["package metadata"]


def test_missing_image_gives_a_source_error_not_a_broken_epub(write_statement, tmp_path):
    source = write_statement(body="Intro.\n\n![A chart of river levels](missing.png)\n")
    with pytest.raises(SourceError) as raised:
        renderer.build(source, tmp_path / "release", formats="epub")
    message = str(raised.value.diagnostics[0])
    assert "missing.png" in message and ":9:" in message and "Fix:" in message
    assert not list((tmp_path / "release").glob("*/*.epub"))


def test_unsupported_image_type_gives_a_source_error(write_statement, tmp_path):
    source = write_statement(body="Intro.\n\n![A chart of river levels](chart.bmp)\n")
    (source.parent / "chart.bmp").write_bytes(b"BM" + bytes(100))
    with pytest.raises(SourceError) as raised:
        renderer.build(source, tmp_path / "release", formats="epub")
    assert "chart.bmp" in str(raised.value.diagnostics[0])
    assert not list((tmp_path / "release").glob("*/*.epub"))


def test_check_epub_command(epubs, cli, tmp_path):
    result = cli("check-epub", epubs["npcc-e2ee-child-safety"])
    assert result.exit_code == 0 and "no errors or warnings" in result.output
    broken = tmp_path / "broken.epub"
    broken.write_bytes(b"not a zip")
    result = cli("check-epub", broken)
    assert result.exit_code == 1 and "not an EPUB" in result.output
