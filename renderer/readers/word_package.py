"""A Word document's package: opened safely, refused when it must not be published, and prepared for mammoth.

A .docx is a zip of XML parts. This module opens it within limits (a zip bomb or an encrypted or macro-enabled
file is refused with a clear error), finds what must not be published (tracked changes and comments: errors;
hidden text: a warning, and it is left out), and marks in the text what mammoth does not carry into its HTML:
the number of each paragraph (so that an error can name it), the number a numbered list starts at, and the
language Word's proofing tools were told a paragraph or a run is in. Marks are private-use characters that no
statement contains (any the author's text holds are removed first); `word_markdown` reads and removes them.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..diagnostics import Diagnostics

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
}
DOCUMENT_PART = "word/document.xml"
WORD_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_DOCUMENT_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"
# An encrypted (password-protected) .docx is not a zip but an OLE compound file, as is an old .doc.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A statement's document is a few megabytes at most; these limits stop a zip bomb before it fills the memory.
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_UNPACKED_BYTES = 250 * 1024 * 1024
MAX_PARTS = 5000
# Word's elements for an unaccepted change: insertions, deletions, moves, changed formatting and table cells.
REVISIONS = ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange",
             "trPrChange", "tcPrChange", "tblGridChange", "numberingChange", "cellIns", "cellDel", "cellMerge")
NOTE_PARTS = ("word/footnotes.xml", "word/endnotes.xml")
SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)

# The marks: PARAGRAPH n END starts each numbered paragraph; LIST_NUMBER n END starts a numbered list item;
# BLOCK_LANGUAGE tag END starts a paragraph written wholly in another language; SPAN_LANGUAGE tag END …
# SPAN_END surrounds runs in another language; ALIGN right|center END starts a table cell's aligned paragraph.
PARAGRAPH, LIST_NUMBER, BLOCK_LANGUAGE, SPAN_LANGUAGE, SPAN_END, END, ALIGN = (chr(0xE000 + i) for i in range(7))
MARKS = frozenset((PARAGRAPH, LIST_NUMBER, BLOCK_LANGUAGE, SPAN_LANGUAGE, SPAN_END, END, ALIGN))
ALIGNMENTS = {"right": "right", "end": "right", "center": "center"}
PRIVATE_USE = {code: None for code in range(0xE000, 0xE010)}


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass
class WordPackage:
    """The parts of one .docx (name → bytes), and what was learnt while preparing it."""

    path: Path
    parts: dict[str, bytes]
    sha256: str  # of the file as it was read
    paragraphs: dict[int, str] = field(default_factory=dict)  # paragraph number → its first words
    languages: Counter = field(default_factory=Counter)  # language tag → characters of text in it

    def xml(self, name: str):
        data = self.parts.get(name)
        return etree.fromstring(data, SAFE_XML) if data else None

    def as_file(self) -> io.BytesIO:
        """The (prepared) package as a .docx file in memory, for mammoth."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in self.parts.items():
                archive.writestr(name, data)
        buffer.seek(0)
        return buffer


def open_package(path: Path, report: Diagnostics) -> WordPackage | None:
    """The document's parts, or None after an error (not a Word document, protected, macros, too large)."""
    not_docx = "save it from Word as 'Word Document (*.docx)' and build that file"
    if path.suffix.lower() == ".docm":
        report.error(None, "the document is macro-enabled (.docm); documents with macros are never built",
                     "save it from Word as 'Word Document (*.docx)', which leaves the macros out")
        return None
    if not path.is_file():
        report.error(None, "the source file does not exist", "check the path, or run from the folder that holds it")
        return None
    if path.stat().st_size > MAX_FILE_BYTES:
        report.error(None, f"the document is {path.stat().st_size // 2**20} MB, over the limit of "
                           f"{MAX_FILE_BYTES // 2**20} MB", "make its pictures smaller (Picture Format → Compress)")
        return None
    data = path.read_bytes()
    if data[:8] == OLE_SIGNATURE:
        report.error(None, "the document is protected by a password, or is an old Word 97–2003 (.doc) file",
                     "remove the password (File → Info → Protect Document → Encrypt with Password, clear it) "
                     f"and {not_docx}")
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_PARTS or sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
                report.error(None, "the document unpacks to more than "
                                   f"{MAX_UNPACKED_BYTES // 2**20} MB or {MAX_PARTS} parts", not_docx)
                return None
            parts = {info.filename: archive.read(info) for info in infos if not info.is_dir()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError):
        report.error(None, "the file is not a Word document (.docx), or it is damaged", not_docx)
        return None
    content_types = parts.get("[Content_Types].xml", b"")
    if MACRO_DOCUMENT_TYPE.encode() in content_types or "word/vbaProject.bin" in parts:
        report.error(None, "the document holds macros; documents with macros are never built",
                     "save it from Word as 'Word Document (*.docx)', which leaves the macros out")
        return None
    if DOCUMENT_PART not in parts or WORD_DOCUMENT_TYPE.encode() not in content_types:
        report.error(None, "the file is not a Word document (.docx), or it is damaged", not_docx)
        return None
    if any(b"<!DOCTYPE" in data or b"<!ENTITY" in data for name, data in parts.items()
           if name.endswith((".xml", ".rels"))):  # Word never writes these; they can make a parser read files
        report.error(None, "the file is not a Word document (.docx): it holds XML declarations Word never writes",
                     not_docx)
        return None
    try:
        for name in (DOCUMENT_PART, *NOTE_PARTS, "word/comments.xml", "word/styles.xml", "word/numbering.xml"):
            if name in parts:
                etree.fromstring(parts[name], SAFE_XML)
    except etree.XMLSyntaxError:
        report.error(None, "the file is not a Word document (.docx), or it is damaged", not_docx)
        return None
    return WordPackage(path, parts, hashlib.sha256(data).hexdigest())


def prepare(package: WordPackage, language: str | None, report: Diagnostics) -> str | None:
    """Refuse unresolved changes and comments, drop hidden text, and mark paragraphs, list numbers and
    languages. Returns the language most of the text is in by Word's proofing tools (None if unmarked)."""
    document = package.xml(DOCUMENT_PART)
    body = document.find("w:body", NS)
    paragraphs = _number_paragraphs(body, package)
    _refuse_revisions_and_comments(package, document, paragraphs, report)
    _drop_hidden_text(document, paragraphs, report)
    for name in NOTE_PARTS:
        notes = package.xml(name)
        if notes is not None:
            _drop_hidden_text(notes, {}, report)
            _remove_private_use(notes)
            package.parts[name] = etree.tostring(notes, xml_declaration=True, encoding="UTF-8", standalone=True)
    _drop_decorative_pictures(document)
    _remove_private_use(document)
    styles = _Styles(package.xml("word/styles.xml"))
    main = language or _main_language(body, styles, package)
    if main:
        _mark_languages(body, styles, main)
    _mark_list_numbers(body, styles, package.xml("word/numbering.xml"))
    _mark_cell_alignment(body)
    for paragraph, number in paragraphs.items():
        _insert_text(paragraph, f"{PARAGRAPH}{number}{END}")
    package.parts[DOCUMENT_PART] = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
    return main


# --- paragraphs ---------------------------------------------------------------------------------------

def text_of(element) -> str:
    return "".join(t.text or "" for t in element.iter(_w("t")))


def _number_paragraphs(body, package: WordPackage) -> dict:
    """Every paragraph with words or a picture, numbered from 1 in reading order (as a person counts them)."""
    numbers = {}
    for paragraph in body.iter(_w("p")):
        text = text_of(paragraph).strip()
        if text or paragraph.find(".//w:drawing", NS) is not None:
            numbers[paragraph] = len(numbers) + 1
            words = text.split()
            package.paragraphs[numbers[paragraph]] = " ".join(words[:6]) + (" …" if len(words) > 6 else "")
    return numbers


def _paragraph_of(element, paragraphs: dict) -> int | None:
    for ancestor in element.iterancestors(_w("p")):
        return paragraphs.get(ancestor)
    following = next(element.iterdescendants(_w("p")), None)  # a change to a whole row or table
    return paragraphs.get(following) if following is not None else None


def _places(numbers: list[int | None]) -> str:
    known = sorted({n for n in numbers if n})
    if not known:
        return ""
    shown = ", ".join(map(str, known[:8])) + (" …" if len(known) > 8 else "")
    return f" (paragraph{'s' if len(known) > 1 else ''} {shown})"


def _refuse_revisions_and_comments(package: WordPackage, document, paragraphs: dict, report: Diagnostics) -> None:
    changes = [element for name in REVISIONS for element in document.iter(_w(name))]
    in_notes = sum(1 for part in NOTE_PARTS if package.xml(part) is not None
                   for name in REVISIONS for _ in package.xml(part).iter(_w(name)))
    comments_part = package.xml("word/comments.xml")
    comment_count = len(comments_part.findall("w:comment", NS)) if comments_part is not None else 0
    anchors = list(document.iter(_w("commentRangeStart"))) or list(document.iter(_w("commentReference")))
    comment_count = max(comment_count, len(anchors))
    found = []
    if changes or in_notes:
        count = len(changes) + in_notes
        found.append(f"{count} tracked change{'s' if count != 1 else ''}"
                     f"{_places([_paragraph_of(c, paragraphs) for c in changes])}")
    if comment_count:
        found.append(f"{comment_count} comment{'s' if comment_count != 1 else ''}"
                     f"{_places([_paragraph_of(a, paragraphs) for a in anchors])}")
    if found:
        report.error(None, f"the document still has {' and '.join(found)}, which must not be published",
                     "accept or reject all changes and delete the comments (Review → Accept → Accept All Changes; "
                     "Review → Delete → Delete All Comments in Document), save, and build again")


def _is_on(element) -> bool:
    return element is not None and element.get(_w("val"), "true").lower() not in ("0", "false", "off")


def _drop_hidden_text(root, paragraphs: dict, report: Diagnostics) -> None:
    hidden = [run for run in root.iter(_w("r")) if _is_on(run.find("w:rPr/w:vanish", NS)) and text_of(run).strip()]
    if not hidden:
        return
    places = _places([_paragraph_of(run, paragraphs) for run in hidden])
    for run in hidden:
        run.getparent().remove(run)
    report.warning(None, f"hidden text was left out{places or ' (in the notes)'}",
                   "if it should be published, select it and clear Font → Hidden; otherwise delete it")


def _drop_decorative_pictures(document) -> None:
    """Pictures marked 'decorative' in Word's Alt Text pane are left out, as the author asked."""
    for mark in document.iterfind(".//adec:decorative", NS):
        if mark.get("val", "1") in ("1", "true"):
            drawing = next(mark.iterancestors(_w("drawing")), None)
            if drawing is not None and drawing.getparent() is not None:
                drawing.getparent().remove(drawing)


def _remove_private_use(root) -> None:
    for text in root.iter(_w("t")):
        if text.text:
            text.text = text.text.translate(PRIVATE_USE)


def _insert_text(paragraph, text: str, before=None, after=None) -> None:
    """A run holding `text`, at the start of the paragraph's content (or before or after a given run)."""
    run = etree.Element(_w("r"))
    t = etree.SubElement(run, _w("t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    if before is not None:
        before.addprevious(run)
        return
    if after is not None:
        after.addnext(run)
        return
    properties = paragraph.find("w:pPr", NS)
    if properties is not None:
        properties.addnext(run)
    else:
        paragraph.insert(0, run)


# --- languages ------------------------------------------------------------------------------------------

class _Styles:
    """The language and numbering each paragraph style gives, following `basedOn`, and the document default."""

    def __init__(self, styles):
        self.by_id = {}
        self.default_language = None
        if styles is None:
            return
        self.default_language = self._language(styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS))
        for style in styles.findall("w:style", NS):
            self.by_id[style.get(_w("styleId"))] = style

    @staticmethod
    def _language(properties) -> str | None:
        element = properties.find("w:lang", NS) if properties is not None else None
        return element.get(_w("val")) if element is not None and element.get(_w("val")) else None

    def _chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            based = style.find("w:basedOn", NS)
            style_id = based.get(_w("val")) if based is not None else None

    def language(self, style_id: str | None) -> str | None:
        """The language a paragraph style sets (not the document's default)."""
        for style in self._chain(style_id):
            found = self._language(style.find("w:rPr", NS))
            if found:
                return found
        return None

    def numbering(self, style_id: str | None):
        for style in self._chain(style_id):
            numbering = style.find("w:pPr/w:numPr", NS)
            if numbering is not None:
                return numbering
        return None


def _style_of(paragraph) -> str | None:
    style = paragraph.find("w:pPr/w:pStyle", NS)
    return style.get(_w("val")) if style is not None else None


def _runs_with_languages(paragraph, styles: _Styles):
    """(run, language tag or None) for each run of text directly in the paragraph or in its links: the
    language set on the run or its paragraph's style, None for the document's default."""
    paragraph_language = styles.language(_style_of(paragraph))
    for run in paragraph.iter(_w("r")):
        if next(run.iterancestors(_w("p"))) is not paragraph or not text_of(run):
            continue
        yield run, _Styles._language(run.find("w:rPr", NS)) or paragraph_language


def _primary(tag: str | None) -> str | None:
    return tag.split("-")[0].lower() if tag else None


def _main_language(body, styles: _Styles, package: WordPackage) -> str | None:
    for paragraph in body.iter(_w("p")):
        for run, language in _runs_with_languages(paragraph, styles):
            if language or styles.default_language:
                package.languages[language or styles.default_language] += len(text_of(run).strip())
    return package.languages.most_common(1)[0][0] if package.languages else None


def _mark_languages(body, styles: _Styles, main: str) -> None:
    """Mark paragraphs and runs whose language is set (on them or their style) to another language than the
    statement's. Text in the document's default language is not marked: a Welsh statement typed in a copy of
    Word whose default is English is still Welsh, and the language identification of unmarked text decides."""
    for paragraph in body.iter(_w("p")):
        runs = [(run, language) for run, language in _runs_with_languages(paragraph, styles) if text_of(run).strip()]
        other = {language for _, language in runs if language and _primary(language) != _primary(main)}
        if not other:
            continue
        languages = {_primary(language) or _primary(main) for _, language in runs}
        if len(languages) == 1:
            _insert_text(paragraph, f"{BLOCK_LANGUAGE}{runs[0][1]}{END}")
            continue
        group: list = []
        for run, language in runs + [(None, None)]:
            if group and (run is None or language != group[0][1] or run.getparent() is not group[-1][0].getparent()):
                first, last = group[0][0], group[-1][0]
                _insert_text(paragraph, f"{SPAN_LANGUAGE}{group[0][1]}{END}", before=first)
                _insert_text(paragraph, SPAN_END, after=last)
                group = []
            if run is not None and language and _primary(language) != _primary(main):
                group.append((run, language))


def _mark_cell_alignment(body) -> None:
    """Right-aligned and centred paragraphs in table cells (a column of figures), which mammoth drops."""
    for cell in body.iter(_w("tc")):
        for paragraph in cell.iterfind("w:p", NS):
            alignment = paragraph.find("w:pPr/w:jc", NS)
            value = ALIGNMENTS.get(alignment.get(_w("val"), "")) if alignment is not None else None
            if value and text_of(paragraph).strip():
                _insert_text(paragraph, f"{ALIGN}{value}{END}")


# --- list numbers ---------------------------------------------------------------------------------------

def _mark_list_numbers(body, styles: _Styles, numbering) -> None:
    """Mark each numbered item with the number Word shows, so that a list that goes on after a paragraph
    (4, 5, 6) keeps its numbers."""
    if numbering is None:
        return
    abstract_of, starts, overrides = {}, {}, {}
    for abstract in numbering.findall("w:abstractNum", NS):
        for level in abstract.findall("w:lvl", NS):
            start = level.find("w:start", NS)
            fmt = level.find("w:numFmt", NS)
            starts[abstract.get(_w("abstractNumId")), level.get(_w("ilvl"))] = (
                int(start.get(_w("val"), "1")) if start is not None else 1,
                fmt.get(_w("val")) if fmt is not None else "decimal")
    for num in numbering.findall("w:num", NS):
        num_id = num.get(_w("numId"))
        abstract = num.find("w:abstractNumId", NS)
        abstract_of[num_id] = abstract.get(_w("val")) if abstract is not None else None
        for override in num.findall("w:lvlOverride", NS):
            start = override.find("w:startOverride", NS)
            if start is not None:
                overrides[num_id, override.get(_w("ilvl"))] = int(start.get(_w("val"), "1"))
    counters: dict[tuple[str, str], int] = {}
    for paragraph in body.iter(_w("p")):
        reference = paragraph.find("w:pPr/w:numPr", NS)
        if reference is None:
            reference = styles.numbering(_style_of(paragraph))
        if reference is None:
            continue
        num_id = reference.find("w:numId", NS)
        level = reference.find("w:ilvl", NS)
        num_id = num_id.get(_w("val")) if num_id is not None else None
        level = level.get(_w("val"), "0") if level is not None else "0"
        if not num_id or num_id == "0" or num_id not in abstract_of:
            continue
        start, fmt = starts.get((abstract_of[num_id], level), (1, "decimal"))
        start = overrides.get((num_id, level), start)
        for key in [key for key in counters if key[0] == num_id and int(key[1]) > int(level)]:
            del counters[key]  # a higher level restarts the levels below it
        counters[num_id, level] = counters.get((num_id, level), start - 1) + 1
        if fmt not in ("bullet", "none"):
            _insert_text(paragraph, f"{LIST_NUMBER}{counters[num_id, level]}{END}")
