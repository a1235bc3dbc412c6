"""The EPUB 3: `<slug>.epub`, valid for EPUBCheck and described for libraries (EPUB Accessibility 1.1).

The content documents are rendered whole from the Jinja2 templates in
`templates/epub/` with the same body partials as the web page and the PDF;
ebooklib assembles the package (metadata, manifest, spine, nav, NCX, zip).
`compat.ebooklib.EpubPackageWriter` holds every correction to ebooklib's output.
The pipeline then has EPUBCheck and DAISY Ace check the file (`checks/epub.py`)
in the background while the other writers run.
"""

from __future__ import annotations

import uuid

from ebooklib import epub

from ..artifact import Artifact
from ..compat.ebooklib import EpubPackageWriter
from ..editions import Edition
from ..model import ReadAlong, walk_blocks
from ..templating import render
from ..text.messages import interface, same_language
from . import WriterContext

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
STATEMENT_DOCUMENT = "statement.xhtml"
TITLE_PAGE = "title-page.xhtml"
PLAIN_DOCUMENT = "plain-language.xhtml"
NAV_DOCUMENT = "nav.xhtml"


def publication_identifier(slug: str) -> str:
    """A URN UUID that stays the same for every version of a statement (it depends only on the slug)."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'urn:statement-renderer:statement:{slug}')}"


def accessibility_metadata(full: Edition, plain: Edition | None) -> list[tuple[str, str]]:
    """(property, value) pairs for the package document, per EPUB Accessibility 1.1."""
    figures = full.statement.figures
    tables = [b for b in walk_blocks(full.statement.blocks) if b.kind == "table"]
    modes = ["textual", *(["visual"] if figures else [])]
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability",
                *(["alternativeText"] if figures else [])]
    summary = render("epub/accessibility-summary.txt", figure_count=len(figures), table_count=len(tables),
                     has_plain_language=plain is not None).strip()
    return [
        *[("schema:accessMode", mode) for mode in modes],
        ("schema:accessModeSufficient", "textual"),
        *[("schema:accessibilityFeature", feature) for feature in features],
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", summary),
        ("dcterms:conformsTo", CONFORMS_TO),
    ]


def table_of_contents(edition: Edition, document: str) -> list:
    """The headings of a document as ebooklib's nested TOC: (Section, [children]) or Link."""
    root: list = []
    stack: list[tuple[int, list]] = [(1, root)]
    for entry in edition.statement.outline:
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


def link_languages(full: Edition, plain: Edition | None) -> dict[str, str]:
    """href → language of each contents entry whose heading is not in the book's language."""
    found = {}
    for edition, document in ((full, STATEMENT_DOCUMENT), (plain, PLAIN_DOCUMENT)):
        for entry in edition.statement.outline if edition else []:
            if not same_language(entry.language, full.statement.meta.language):
                found[f"{document}#{entry.id}"] = entry.language
    return found


def _toc_id(href: str) -> str:
    return "toc-" + href.replace(".xhtml", "").replace("#", "-")


def build_book(full: Edition, plain: Edition | None, generator: str) -> epub.EpubBook:
    statement = full.statement
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
    for prop, value in accessibility_metadata(full, plain):
        book.add_metadata(None, "meta", value, {"property": prop})

    context = dict(statement=statement, edition=full, language=meta.language, xhtml=True, media_prefix="media/",
                   read_along=ReadAlong(statement.blocks))
    stylesheet = epub.EpubItem(uid="style", file_name="style.css", media_type="text/css",
                               content=render("epub/style.css").encode())
    book.add_item(stylesheet)
    title_page = _document("title-page", TITLE_PAGE, render("epub/title-page.xhtml", **context))
    body = _document("statement", STATEMENT_DOCUMENT, render("epub/statement.xhtml", **context))
    documents = [title_page, body]
    say = interface(meta.language)
    toc: list = [epub.Link(TITLE_PAGE, say("title_page"), "toc-title-page"),
                 (epub.Section(meta.title, STATEMENT_DOCUMENT), table_of_contents(full, STATEMENT_DOCUMENT)
                  + [epub.Link(f"{STATEMENT_DOCUMENT}#about-this-statement", say("about_this_statement"),
                               "toc-about")])]
    if plain is not None:
        plain_context = {**context, "statement": plain.statement, "edition": plain,
                         "language": plain.statement.meta.language, "read_along": ReadAlong(plain.statement.blocks)}
        documents.append(_document("plain-language", PLAIN_DOCUMENT, render("epub/plain-language.xhtml", **plain_context)))
        toc.append((epub.Section(say("plain_version"), f"{PLAIN_DOCUMENT}#plain-title"),
                    table_of_contents(plain, PLAIN_DOCUMENT)))
    for document in documents:
        book.add_item(document)
    for figure in statement.figures:
        book.add_item(epub.EpubItem(uid=f"image-{len(book.items)}", file_name=figure.bundle_path,
                                    media_type=figure.media_type, content=figure.data))
    nav = epub.EpubNav(file_name=NAV_DOCUMENT, title=say("contents"))
    book.add_item(nav)
    book.add_item(epub.EpubNcx())
    book.toc = toc
    book.spine = [title_page, nav, *documents[1:]]
    book.guide = [
        {"href": TITLE_PAGE, "title": say("title_page"), "type": "titlepage"},
        {"href": NAV_DOCUMENT, "title": say("contents"), "type": "toc"},
        {"href": STATEMENT_DOCUMENT, "title": say("start_of_statement"), "type": "bodymatter"},
    ]
    return book


def _document(uid: str, file_name: str, xhtml: str) -> epub.EpubItem:
    """A content document written exactly as its template rendered it (ebooklib's EpubHtml would rebuild it)."""
    return epub.EpubItem(uid=uid, file_name=file_name, media_type="application/xhtml+xml", content=xhtml.encode())


def write(editions: list[Edition], context: WriterContext) -> list[Artifact]:
    """One EPUB: the full edition, with the plain-language edition as a section of its own when given."""
    full = next(edition for edition in editions if not edition.is_plain)
    plain = next((edition for edition in editions if edition.is_plain), None)
    name = f"{full.slug}.epub"
    writer = EpubPackageWriter(str(context.path(name)), build_book(full, plain, context.generator), context.built_at,
                               landmark_title=interface(full.statement.meta.language)("landmarks"),
                               link_languages=link_languages(full, plain))
    writer.process()
    writer.write()
    label, description = interface(full.statement.meta.language).label("epub")
    return [Artifact(path=name, media_type="application/epub+zip", label=label, edition=full.name,
                     description=description)]
