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
from ..editions import PLAIN, Edition
from ..model import ReadAlong, walk_blocks
from ..templating import render
from ..text.messages import interface, same_language
from . import Spoken, WriterContext
from .media_overlays import ACTIVE_CLASS, clock, overlay

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
STATEMENT_DOCUMENT = "statement.xhtml"
TITLE_PAGE = "title-page.xhtml"
PLAIN_DOCUMENT = "plain-language.xhtml"
NAV_DOCUMENT = "nav.xhtml"


def publication_identifier(slug: str) -> str:
    """A URN UUID that stays the same for every version of a statement (it depends only on the slug)."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'urn:statement-renderer:statement:{slug}')}"


def accessibility_metadata(full: Edition, plain: Edition | None, read_aloud: bool = False) -> list[tuple[str, str]]:
    """(property, value) pairs for the package document, per EPUB Accessibility 1.1. A book read aloud
    (Media Overlays) has audio, synchronised with the text; it is not sufficient on its own, as the title
    page, the contents and the list of abbreviations are not read."""
    figures = full.statement.figures
    tables = [b for b in walk_blocks(full.statement.blocks) if b.kind == "table"]
    modes = ["textual", *(["visual"] if figures else []), *(["auditory"] if read_aloud else [])]
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability",
                *(["alternativeText"] if figures else []), *(["synchronizedAudioText"] if read_aloud else [])]
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


def build_book(full: Edition, plain: Edition | None, generator: str, spoken: list[Spoken] = (),
               audio_of=None) -> epub.EpubBook:
    """The book; with `spoken` (the audio stage's recordings) and `audio_of` (an MP3's bytes, by name), read
    aloud: each voiced document gets its Media Overlay and the MP3s go in the book."""
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
    recordings = {}
    for edition in (full, plain):
        if edition is not None:  # a recording a language, the statement's own first (as in the text)
            order = list(edition.parts or (edition,))
            recordings[edition.name] = sorted((r for r in spoken if r.edition in order),
                                              key=lambda recording: order.index(recording.edition))
    read_aloud = bool(recordings.get(full.name))
    for prop, value in accessibility_metadata(full, plain, read_aloud):
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
    if read_aloud:
        _add_overlays(book, documents, {"statement": recordings[full.name],
                                        "plain-language": recordings.get(PLAIN, []) if plain else []}, audio_of)
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


def _add_overlays(book: epub.EpubBook, documents: list[epub.EpubItem], recordings: dict[str, list[Spoken]],
                  audio_of) -> None:
    """A Media Overlay (SMIL) for each voiced document, the MP3s, and the package metadata EPUB 3.3 asks for:
    each overlay's duration and the total (they add up), the narrator, the class that highlights."""
    total, narrators = 0.0, []
    for document in documents:
        voiced = recordings.get(document.id) or []
        if not voiced:
            continue
        entries, seconds = overlay(document.content.decode("utf-8"), voiced)
        if not entries:
            continue
        smil = epub.EpubItem(uid=f"{document.id}-overlay", file_name=f"{document.id}.smil",
                             media_type="application/smil+xml",
                             content=render("epub/overlay.smil.xml", entries=entries, document=document.file_name,
                                            document_id=document.id, body_type="backmatter"
                                            if document.id == "plain-language" else "bodymatter").encode())
        book.add_item(smil)
        document.media_overlay = smil.id
        book.add_metadata(None, "meta", clock(seconds), {"property": "media:duration", "refines": f"#{smil.id}"})
        total += seconds
        for recording in voiced:
            narrators += [recording.narrator]
            if not any(item.file_name == f"audio/{recording.mp3}" for item in book.items):
                book.add_item(epub.EpubItem(uid=f"audio-{len(book.items)}", file_name=f"audio/{recording.mp3}",
                                            media_type="audio/mpeg", content=audio_of(recording.mp3)))
    book.add_metadata(None, "meta", clock(total), {"property": "media:duration"})
    for narrator in dict.fromkeys(narrators):
        book.add_metadata(None, "meta", narrator, {"property": "media:narrator"})
    book.add_metadata(None, "meta", ACTIVE_CLASS, {"property": "media:active-class"})


def _document(uid: str, file_name: str, xhtml: str) -> epub.EpubItem:
    """A content document written exactly as its template rendered it (ebooklib's EpubHtml would rebuild it)."""
    return epub.EpubItem(uid=uid, file_name=file_name, media_type="application/xhtml+xml", content=xhtml.encode())


def write(editions: list[Edition], context: WriterContext) -> list[Artifact]:
    """One EPUB: the full edition, with the plain-language edition as a section of its own when given."""
    full = next(edition for edition in editions if not edition.is_plain)
    plain = next((edition for edition in editions if edition.is_plain), None)
    name = f"{full.slug}.epub"
    book = build_book(full, plain, context.generator, context.spoken,
                      lambda mp3: context.path(mp3).read_bytes())
    writer = EpubPackageWriter(str(context.path(name)), book, context.built_at,
                               landmark_title=interface(full.statement.meta.language)("landmarks"),
                               link_languages=link_languages(full, plain))
    writer.process()
    writer.write()
    read_aloud = any(item.media_type == "application/smil+xml" for item in book.items)
    label, description = interface(full.statement.meta.language).label("epub_read_along" if read_aloud else "epub")
    return [Artifact(path=name, media_type="application/epub+zip", label=label, edition=full.name,
                     description=description)]
