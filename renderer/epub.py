"""The EPUB 3: `<slug>.epub`, valid for EPUBCheck and described for libraries (EPUB Accessibility 1.1).

The content documents are rendered whole from the Jinja2 templates in
`templates/epub/` with the same body partials as the web page and the PDF;
ebooklib assembles the package (metadata, manifest, spine, nav, NCX, zip).
`EpubPackageWriter` holds every correction to ebooklib's output, in one place.
After writing, EPUBCheck and (when installed) DAISY Ace check the file in the
background while the other stages run (see `epub_checks`).
"""

from __future__ import annotations

import datetime as dt
import uuid
import zipfile

from ebooklib import epub

from . import epub_checks
from .model import Statement, Table, walk_blocks
from .stage import BuildContext, OutputFile, Stage
from .templating import render
from .web import ui_language_attribute

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATEMENT_DOCUMENT = "statement.xhtml"
TITLE_PAGE = "title-page.xhtml"
PLAIN_DOCUMENT = "plain-language.xhtml"
NAV_DOCUMENT = "nav.xhtml"


def publication_identifier(slug: str) -> str:
    """A URN UUID that stays the same for every version of a statement (it depends only on the slug)."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'urn:statement-renderer:statement:{slug}')}"


class EpubPackageWriter(epub.EpubWriter):
    """ebooklib's writer with the corrections EPUBCheck, Ace and reproducible builds need:

    - `xml:lang` on the package element (Ace's `epub-lang` rule); ebooklib never writes it;
    - no EPUB 2 `<guide>` (the landmarks nav replaces it), set in `OPTIONS`;
    - zip entries with the build's timestamp, so the same build time gives the same bytes.
    """

    OPTIONS = {"epub2_guide": False, "epub3_landmark": True, "landmark_title": "Landmarks", "epub3_pages": False}

    def __init__(self, name, book, modified: dt.datetime):
        super().__init__(name, book, {**self.OPTIONS, "mtime": modified.astimezone(dt.timezone.utc)})
        self.zip_time = max(modified, dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)).timetuple()[:6]

    def _write_opf_file(self, root):
        root.set(XML_LANG, self.book.language)
        super()._write_opf_file(root)

    def write(self):
        self.out = _TimestampedZip(self.file_name, self.zip_time)
        self.out.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        self._write_container()
        self._write_opf()
        self._write_items()
        self.out.close()


class _TimestampedZip(zipfile.ZipFile):
    def __init__(self, file_name, date_time):
        super().__init__(file_name, "w", zipfile.ZIP_DEFLATED)
        self.date_time = date_time

    def writestr(self, name, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=None):
        info = zipfile.ZipInfo(name, date_time=self.date_time)
        info.compress_type = compress_type
        info.external_attr = 0o644 << 16
        super().writestr(info, data)


def accessibility_metadata(statement: Statement) -> list[tuple[str, str]]:
    """(property, value) pairs for the package document, per EPUB Accessibility 1.1."""
    figures = statement.figures
    tables = [b for b in walk_blocks(statement.blocks) if isinstance(b, Table)]
    modes = ["textual", *(["visual"] if figures else [])]
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability",
                *(["alternativeText"] if figures else [])]
    summary = render("epub/accessibility-summary.txt", figure_count=len(figures), table_count=len(tables),
                     has_plain_language=statement.plain_version is not None).strip()
    return [
        *[("schema:accessMode", mode) for mode in modes],
        ("schema:accessModeSufficient", "textual"),
        *[("schema:accessibilityFeature", feature) for feature in features],
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", summary),
        ("dcterms:conformsTo", CONFORMS_TO),
    ]


def table_of_contents(statement: Statement, document: str) -> list:
    """The headings of a document as ebooklib's nested TOC: (Section, [children]) or Link."""
    root: list = []
    stack: list[tuple[int, list]] = [(1, root)]
    for entry in statement.outline:
        while stack[-1][0] >= entry.level:
            stack.pop()
        children: list = []
        stack[-1][1].append((epub.Section(entry.text, f"{document}#{entry.id}"), children))
        stack.append((entry.level, children))
    return _leaves_as_links(root, document)


def _leaves_as_links(items: list, document: str) -> list:
    result = []
    for section, children in items:
        if children:
            result.append((section, _leaves_as_links(children, document)))
        else:
            result.append(epub.Link(section.href, section.title, _toc_id(section.href)))
    return result


def _toc_id(href: str) -> str:
    return "toc-" + href.replace(".xhtml", "").replace("#", "-")


def build_book(statement: Statement, generator: str) -> epub.EpubBook:
    meta = statement.meta
    book = epub.EpubBook()
    book.set_identifier(publication_identifier(meta.slug))
    book.set_title(meta.title)
    book.set_language(meta.language)
    book.add_author(meta.organisation)
    book.add_metadata("DC", "publisher", meta.organisation)
    book.add_metadata("DC", "date", meta.date.isoformat())
    if meta.summary:
        book.add_metadata("DC", "description", meta.summary)
    for keyword in meta.keywords:
        book.add_metadata("DC", "subject", keyword)
    if meta.author and meta.author != meta.organisation:
        book.add_metadata("DC", "contributor", meta.author)
    book.set_unique_metadata(None, "meta", "", {"name": "generator", "content": generator})
    for prop, value in accessibility_metadata(statement):
        book.add_metadata(None, "meta", value, {"property": prop})

    context = dict(statement=statement, language=meta.language, ui_lang=ui_language_attribute(statement, xhtml=True),
                   xhtml=True, media_prefix="media/")
    stylesheet = epub.EpubItem(uid="style", file_name="style.css", media_type="text/css",
                               content=render("epub/style.css").encode())
    book.add_item(stylesheet)
    title_page = _document("title-page", TITLE_PAGE, render("epub/title-page.xhtml", **context))
    body = _document("statement", STATEMENT_DOCUMENT, render("epub/statement.xhtml", **context))
    documents = [title_page, body]
    toc: list = [epub.Link(TITLE_PAGE, "Title page", "toc-title-page"),
                 (epub.Section(meta.title, STATEMENT_DOCUMENT), table_of_contents(statement, STATEMENT_DOCUMENT)
                  + [epub.Link(f"{STATEMENT_DOCUMENT}#about-this-statement", "About this statement", "toc-about")])]
    if statement.plain_version is not None:
        plain = statement.plain_version
        plain_context = {**context, "statement": plain,
                         "ui_lang": ui_language_attribute(plain, xhtml=True), "language": plain.meta.language}
        documents.append(_document("plain-language", PLAIN_DOCUMENT, render("epub/plain-language.xhtml", **plain_context)))
        toc.append((epub.Section("Plain-language version", f"{PLAIN_DOCUMENT}#plain-title"),
                    table_of_contents(plain, PLAIN_DOCUMENT)))
    for document in documents:
        book.add_item(document)
    for figure in statement.figures:
        book.add_item(epub.EpubItem(uid=f"image-{len(book.items)}", file_name=figure.bundle_path,
                                    media_type=figure.media_type, content=figure.source.read_bytes()))
    nav = epub.EpubNav(file_name=NAV_DOCUMENT, title="Contents")
    book.add_item(nav)
    book.add_item(epub.EpubNcx())
    book.toc = toc
    book.spine = [title_page, nav, *documents[1:]]
    book.guide = [
        {"href": TITLE_PAGE, "title": "Title page", "type": "titlepage"},
        {"href": NAV_DOCUMENT, "title": "Contents", "type": "toc"},
        {"href": STATEMENT_DOCUMENT, "title": "Start of the statement", "type": "bodymatter"},
    ]
    return book


def _document(uid: str, file_name: str, xhtml: str) -> epub.EpubItem:
    """A content document written exactly as its template rendered it (ebooklib's EpubHtml would rebuild it)."""
    return epub.EpubItem(uid=uid, file_name=file_name, media_type="application/xhtml+xml", content=xhtml.encode())


def write_epub(statement: Statement, target, generator: str, modified: dt.datetime) -> None:
    book = build_book(statement, generator)
    writer = EpubPackageWriter(str(target), book, modified)
    writer.process()
    writer.write()


def render_epub(statement: Statement, context: BuildContext) -> list[OutputFile]:
    name = f"{statement.meta.slug}.epub"
    target = context.path(name)
    write_epub(statement, target, context.generator, context.built_at)
    output = OutputFile(path=name, format="epub", label="EPUB e-book",
                        description="The statement as an EPUB 3 e-book for reading apps, e-readers and libraries, "
                                    "with a table of contents and accessibility information.",
                        media_type="application/epub+zip", checks=[epub_checks.check_package(target, statement)])
    if context.options.get("verify", True):
        context.check_later(output, lambda: epub_checks.run_epubcheck(target, context.cache_dir))
        context.check_later(output, lambda: epub_checks.run_ace(target, context.cache_dir))
    return [output]


STAGE = Stage(name="epub", summary="EPUB 3 e-book", render=render_epub, reads_plain_version=True)
