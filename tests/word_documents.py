"""Word documents for the tests, written with python-docx the way a press officer would make them in Word:
built-in styles (Title, Heading n, Quote, List Number/Bullet, Caption), a 'Statement details' table at the top,
proofing language set on the paragraphs written in another language, pictures with alt text.

`word_twin(markdown_path, docx_path)` writes the Word document of a Markdown statement (used for the examples'
Word twins, `sources/*.docx`); the small helpers build documents with one feature each.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches

from renderer import model as m
from renderer.readers import read_statement

LIST_STYLES = {(False, 0): "List Bullet", (False, 1): "List Bullet 2", (True, 0): "List Number",
               (True, 1): "List Number 2"}


def new_document(details: dict[str, str] | None = None, title: str | None = None):
    document = docx.Document()
    if title:
        document.add_paragraph(title, style="Title")
    if details:
        add_details(document, details)
    return document


def add_details(document, details: dict[str, str]) -> None:
    document.add_paragraph("Statement details")
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for name, value in details.items():
        row = table.add_row().cells
        row[0].text = name
        lines = value.split("\n")
        row[1].text = lines[0]
        for line in lines[1:]:
            row[1].add_paragraph(line)


def set_language(run, language: str) -> None:
    properties = run._r.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    properties.append(lang)


def add_link(paragraph, text: str, url: str):
    relationship = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relationship)
    run = OxmlElement("w:r")
    style = OxmlElement("w:rPr")
    run_style = OxmlElement("w:rStyle")
    run_style.set(qn("w:val"), "Hyperlink")
    style.append(run_style)
    run.append(style)
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)
    return run


def add_picture(document, path: Path, alt: str, decorative: bool = False) -> None:
    document.add_picture(str(path), width=Inches(5))
    doc_pr = document.inline_shapes[-1]._inline.docPr
    if alt:
        doc_pr.set("descr", alt)
    if decorative:
        from lxml import etree

        extensions = OxmlElement("a:extLst")
        extension = OxmlElement("a:ext")
        extension.set("uri", "{C183D7F6-B498-43B3-948B-1728B52AA6E4}")
        mark = etree.SubElement(extension, "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative")
        mark.set("val", "1")
        extensions.append(extension)
        doc_pr.append(extensions)


def new_list(paragraph, start: int = 1) -> int:
    """A new numbered list (Word's 'Restart at 1'): a new numbering instance of the paragraph style's list,
    given to this paragraph; returns its id, which the list's other items take with `number`."""
    numbering = paragraph.part.numbering_part.element
    style_num = paragraph.style.element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start_override = OxmlElement("w:startOverride")
    start_override.set(qn("w:val"), str(start))
    override.append(start_override)
    num.append(override)
    number(paragraph, num.numId)
    return num.numId


def multilevel_list(document, formats: tuple[str, ...] = ("decimal", "bullet")) -> int:
    """A list with levels, as Word's Multilevel List button makes it (level n has formats[n]); returns its id."""
    numbering = document.part.numbering_part.element
    abstract_id = max(int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))) + 1
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    for level, fmt in enumerate(formats):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(level))
        for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", "•" if fmt == "bullet" else f"%{level + 1}.")):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            lvl.append(element)
        properties = OxmlElement("w:pPr")
        indent = OxmlElement("w:ind")
        indent.set(qn("w:left"), str(720 * (level + 1)))
        indent.set(qn("w:hanging"), "360")
        properties.append(indent)
        lvl.append(properties)
        abstract.append(lvl)
    numbering.insert(0, abstract)  # abstract definitions come before the numbering instances
    return numbering.add_num(abstract_id).numId


def number(paragraph, num_id: int, level: int = 0) -> None:
    """Make the paragraph an item of list `num_id` at `level` (0 = top; Tab in Word goes one deeper)."""
    properties = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num_id_element = OxmlElement("w:numId")
    num_id_element.set(qn("w:val"), str(num_id))
    num_pr.append(ilvl)
    num_pr.append(num_id_element)
    properties.append(num_pr)


# --- a Markdown statement's Word twin -------------------------------------------------------------------

def word_twin(markdown_path: Path, docx_path: Path) -> Path:
    """Write the Word document of a Markdown statement: same fields, words and structure."""
    statement, _ = read_statement(markdown_path)
    meta = statement.meta
    document = docx.Document()
    properties = document.core_properties
    properties.title = "Document1"  # as Word leaves it: the Title paragraph is the title
    properties.author = meta.author or ""
    properties.subject = meta.summary or ""
    properties.keywords = ", ".join(meta.keywords)
    document.add_paragraph(meta.title, style="Title")
    details = {"Organisation": meta.organisation, "Date": f"{meta.date.day} {meta.date:%B %Y}",
               "Language": meta.language, "Slug": meta.slug}
    if meta.contact:
        for key in ("name", "email", "phone"):
            if getattr(meta.contact, key):
                details[f"Contact {key}"] = getattr(meta.contact, key)
    for name, mapping in (("Acronyms", meta.acronyms), ("Glossary", meta.glossary)):
        if mapping:
            details[name] = "\n".join(f"{term}: {text}" for term, text in mapping.items())
    if meta.version != "1":
        details["Version"] = meta.version
    if meta.embargo:
        details["Embargo"] = meta.embargo.isoformat()
    if meta.voice:
        details["Voice"] = meta.voice
    add_details(document, details)
    _Twin(document, markdown_path.parent).blocks(statement.blocks, None)
    document.save(docx_path)
    return docx_path


class _Twin:
    def __init__(self, document, folder: Path):
        self.document = document
        self.folder = folder

    def blocks(self, blocks: list, language: str | None, level: int = 0) -> None:
        for block in blocks:
            self.block(block, block.language if getattr(block, "language", None) else language, level)

    def block(self, block, language: str | None, level: int) -> None:
        document = self.document
        if isinstance(block, m.Passage):
            self.blocks(block.blocks, block.language, level)
        elif isinstance(block, m.Heading):
            self.inlines(document.add_paragraph(style=f"Heading {block.level - 1}"), block.children, language)
        elif isinstance(block, m.Paragraph):
            self.inlines(document.add_paragraph(), block.children, language)
        elif isinstance(block, m.BlockQuote):
            for inner in block.blocks:
                self.inlines(document.add_paragraph(style="Quote"), inner.children, inner.language or language)
            if block.attribution:
                who = block.attribution.speaker + (f", {block.attribution.role}" if block.attribution.role else "")
                self.inlines(document.add_paragraph(style="Quote"), [m.Text(f"— {who}")], language)
        elif isinstance(block, m.ListBlock):
            for index, item in enumerate(block.items):
                for inner in item.blocks:
                    if isinstance(inner, m.ListBlock):
                        self.block(inner, language, level + 1)
                        continue
                    paragraph = document.add_paragraph(style=LIST_STYLES[block.ordered, min(level, 1)])
                    if block.ordered and level == 0:
                        if index == 0:
                            list_id = new_list(paragraph, block.start)
                        else:
                            number(paragraph, list_id)
                    self.inlines(paragraph, inner.children, language)
        elif isinstance(block, m.Table):
            if block.caption:
                self.inlines(document.add_paragraph(style="Caption"), block.caption, language)
            table = document.add_table(rows=1 + len(block.rows), cols=len(block.header))
            table.style = "Table Grid"
            header_properties = table.rows[0]._tr.get_or_add_trPr()
            header_properties.append(OxmlElement("w:tblHeader"))
            for row_index, cells in enumerate([block.header, *block.rows]):
                for cell, source in zip(table.rows[row_index].cells, cells):
                    paragraph = cell.paragraphs[0]
                    if source.align == "right":
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                    self.inlines(paragraph, source.children, language)
        elif isinstance(block, m.Figure):
            add_picture(document, block.source, block.alt)
            if block.caption:
                self.inlines(document.add_paragraph(style="Caption"), [m.Text(block.caption)], language)
        elif isinstance(block, m.ThematicBreak):
            document.add_paragraph("* * *").alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            raise NotImplementedError(f"no Word form for {block.kind} in the test twin")

    def inlines(self, paragraph, spans: list, language: str | None, bold=False, italic=False) -> None:
        for span in spans:
            if isinstance(span, m.Text):
                run = paragraph.add_run(span.text)
                run.bold, run.italic = bold or None, italic or None
                if language:
                    set_language(run, language)
            elif isinstance(span, m.Strong):
                self.inlines(paragraph, span.children, language, True, italic)
            elif isinstance(span, m.Emphasis):
                self.inlines(paragraph, span.children, language, bold, True)
            elif isinstance(span, m.Span):
                self.inlines(paragraph, span.children, span.language, bold, italic)
            elif isinstance(span, m.Link):
                run = add_link(paragraph, m.plain_text(span.children), span.href)
                if language:
                    lang = OxmlElement("w:lang")
                    lang.set(qn("w:val"), language)
                    run.find(qn("w:rPr")).append(lang)
            elif isinstance(span, m.LineBreak):
                paragraph.add_run().add_break()
            else:
                raise NotImplementedError(f"no Word form for {type(span).__name__} in the test twin")




def words_and_structure(statement: m.Statement) -> list[tuple]:
    """What a reader meets, block by block: kind, words, language, and the structure around them (list
    numbers, table header and alignment, quote attribution, image alt text and caption). Line numbers, and
    whether a language is set on a block or on the passage around it, are left out."""
    found: list[tuple] = []

    def walk(blocks: list, language: str, depth: int) -> None:
        for block in blocks:
            here = getattr(block, "language", None) or language
            if isinstance(block, m.Passage):
                walk(block.blocks, block.language, depth)
            elif isinstance(block, m.Heading):
                found.append(("heading", block.level, block.text, here))
            elif isinstance(block, m.Paragraph):
                found.append(("paragraph", depth, block.text, here, _spans(block.children)))
            elif isinstance(block, m.BlockQuote):
                found.append(("quote", block.attribution))
                walk(block.blocks, here, depth + 1)
            elif isinstance(block, m.ListBlock):
                found.append(("list", block.ordered, block.start if block.ordered else None, len(block.items)))
                for item in block.items:
                    walk(item.blocks, here, depth + 1)
            elif isinstance(block, m.Table):
                found.append(("table", m.plain_text(block.caption or []),
                              [(m.plain_text(c.children), c.align) for c in block.header],
                              [[(m.plain_text(c.children), c.align) for c in row] for row in block.rows]))
            elif isinstance(block, m.Figure):
                found.append(("figure", block.alt, block.caption, block.width, block.height, block.media_type))
            else:
                found.append((block.kind,))

    walk(statement.blocks, statement.meta.language, 0)
    return found


def _spans(spans: list) -> list[tuple]:
    """Emphasis, links and language spans in a paragraph."""
    marked = []
    for span in spans:
        if isinstance(span, (m.Strong, m.Emphasis)):
            marked.append((type(span).__name__, m.plain_text(span.children)))
        elif isinstance(span, m.Link):
            marked.append(("link", span.href, m.plain_text(span.children)))
        elif isinstance(span, m.Span):
            marked.append(("span", span.language, m.plain_text(span.children)))
    return marked


def add_footnote(document, paragraph, text: str) -> None:
    """A footnote (Word's References → Insert Footnote) at the end of the paragraph; python-docx has no
    footnotes, so the part is written as Word writes it."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    main = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    package = document.part.package
    existing = next((part for part in package.iter_parts() if part.partname == "/word/footnotes.xml"), None)
    notes = [] if existing is None else existing._notes
    notes.append(text)
    body = "".join(
        f'<w:footnote w:id="{number}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/>'
        f'</w:r><w:r><w:t xml:space="preserve"> {note}</w:t></w:r></w:p></w:footnote>'
        for number, note in enumerate(notes, start=1))
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{main}">'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
           f'</w:footnote>{body}</w:footnotes>').encode()
    if existing is None:
        existing = Part(PackURI("/word/footnotes.xml"),
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", xml, package)
        document.part.relate_to(existing, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes")
    existing._blob, existing._notes = xml, notes
    run = paragraph.add_run()
    properties = run._r.get_or_add_rPr()
    superscript = OxmlElement("w:vertAlign")
    superscript.set(qn("w:val"), "superscript")
    properties.append(superscript)
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), str(len(notes)))
    run._r.append(reference)


def track_change(paragraph, inserted: str, deleted: str) -> None:
    """An unaccepted insertion and deletion, as Word records them with Track Changes on."""
    for tag, text_tag, text in (("w:ins", "w:t", inserted), ("w:del", "w:delText", deleted)):
        change = OxmlElement(tag)
        change.set(qn("w:id"), str(len(paragraph._p) + 100))
        change.set(qn("w:author"), "Press Office")
        change.set(qn("w:date"), "2026-11-20T10:00:00Z")
        run = OxmlElement("w:r")
        text_element = OxmlElement(text_tag)
        text_element.text = text
        text_element.set(qn("xml:space"), "preserve")
        run.append(text_element)
        change.append(run)
        paragraph._p.append(change)


def rewrite_part(path: Path, name: str, change) -> None:
    """Change one part of a saved .docx (e.g. docProps/app.xml, which python-docx does not write)."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[name] = change(parts.get(name, b""))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part_name, data in parts.items():
            archive.writestr(part_name, data)


if __name__ == "__main__":  # regenerate the examples' Word twins kept in sources/
    import sys

    for name in sys.argv[1:] or ["npcc-e2ee-child-safety"]:
        print(word_twin(Path(__file__).parent.parent / "sources" / f"{name}.md",
                        Path(__file__).parent.parent / "sources" / f"{name}.docx"))
