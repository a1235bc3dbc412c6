"""Check any PDF for what PDF/UA-1 and its readers need, by reading the file with pikepdf.

veraPDF (the reference PDF/UA validator) is not available here, so this module
checks the machine-checkable core of PDF/UA itself: identification, tagging,
language, title, a standard structure tree with headings in order, alt text,
table headers, tagged links, no untagged content, embedded fonts, bookmarks,
metadata, and (given the source words) the reading order of the text layer.
`statement-renderer check-pdf FILE` runs it on any PDF.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import langcodes
import pikepdf
from pikepdf import Array, Dictionary, Name

from .. import model as m
from ..artifact import Check
from ..writers.pdf.tree import structure_elements

POINTS_PER_MM = 72 / 25.4

STANDARD_TYPES = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct",
    "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD",
    "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby",
    "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form",
}
TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}


def check(subject) -> list[Check]:
    """A PDF the build wrote: the PDF/UA essentials, its body text size, and its text in reading order."""
    meta = subject.edition.statement.meta
    return check_pdf(subject.path, expected_language=meta.language,
                     expected_words=reading_order_words(subject.edition.statement),
                     minimum_font_size=subject.artifact.properties.get("body_font_size_pt"),
                     furniture_band_pt=subject.artifact.properties["page_margin_mm"] * POINTS_PER_MM)


class _ReadingOrder(m.BlockVisitor[list]):
    """What copying text out of the PDF must give back, passage by passage. An image's alt text is not
    in the text layer (it is the Figure's /Alt); its caption is. Tables row by row: a header row
    repeats on each page."""

    def visit_figure(self, block) -> list[str]:
        return [block.caption] if block.caption else []

    def visit_blockquote(self, block) -> list[str]:
        texts = [text for inner in block.blocks for text in self.visit(inner)]
        return texts + ([block.attribution.text] if block.attribution else [])

    def visit_passage(self, block) -> list[str]:
        return [text for inner in block.blocks for text in self.visit(inner)]

    def visit_table(self, block) -> list:
        """A table's words as one `TableWords`: a cell that wraps onto two lines is read line by line across
        the row by a text extractor, so only the words (not their order within the table) are compared."""
        caption = [m.plain_text(block.caption)] if block.caption else []
        return caption + [TableWords(tuple(cell.text for row in [block.header, *block.rows] for cell in row))]

    def visit_list(self, block) -> list[str]:
        return [text for item in block.items for inner in item.blocks for text in self.visit(inner)]

    def visit_other(self, block) -> list[str]:
        return [m.block_text(block)]


@dataclass(frozen=True)
class TableWords:
    """The cells of a table, found between the text before the table and the text after it, in any order."""

    cells: tuple[str, ...]


def reading_order_words(statement: m.Statement) -> list:
    """The statement's own words, passage by passage, title first."""
    return [statement.meta.title, *(text for block in statement.blocks for text in _ReadingOrder().visit(block))]


def check_pdf(file, expected_language: str | None = None, expected_words: list[str] | None = None,
              minimum_font_size: float | None = None, furniture_band_pt: float = 0.0) -> list[Check]:
    """The checks; given the expected words, also the text layer's reading order, leaving out the bands at the top
    and bottom of each page (`furniture_band_pt`) where the page headers and footers are."""
    with pikepdf.open(file) as pdf:
        page_box = [float(value) for value in pdf.pages[0].mediabox] if len(pdf.pages) else [0, 0, 0, 0]
        elements = list(structure_elements(pdf))
        types = [str(el.S)[1:] for el in elements]
        checks = [
            _identification(pdf),
            _tagged(pdf, elements),
            _language(pdf, expected_language),
            _title(pdf),
            _standard_types(pdf, types),
            _headings(types),
            _alt_text(elements),
            _table_headers(elements),
            _links(pdf, elements),
            _untagged_content(pdf, elements),
            _fonts_embedded(pdf),
            _bookmarks(pdf, types),
        ]
        if minimum_font_size:
            checks.append(_body_font_size(pdf, minimum_font_size))
    if expected_words is not None:
        if hasattr(file, "read"):
            file.seek(0)
        data = file.read() if hasattr(file, "read") else Path(file).read_bytes()
        checks.append(_reading_order(data, expected_words, page_box, furniture_band_pt))
    return checks


def _identification(pdf) -> Check:
    with pdf.open_metadata() as xmp:
        part = xmp.get("pdfuaid:part")
    return Check("PDF/UA identification", str(part) == "1",
                 "The XMP metadata declares PDF/UA-1." if str(part) == "1" else "No pdfuaid:part 1 in the XMP metadata.")


def _tagged(pdf, elements) -> Check:
    marked = bool(pdf.Root.get("/MarkInfo", {}).get("/Marked", False))
    ok = marked and bool(elements)
    return Check("Tagged PDF", ok, f"Marked, with {len(elements)} structure elements." if ok
                 else "The PDF is not marked as tagged or has no structure tree.")


def _language(pdf, expected) -> Check:
    language = str(pdf.Root.get("/Lang", ""))
    ok = bool(language) and langcodes.tag_is_valid(language) and (expected is None or language == expected)
    return Check("Document language", ok, f"The document language is '{language}'." if ok
                 else f"The document language is '{language}'" + (f", expected '{expected}'." if expected else "."))


def _title(pdf) -> Check:
    shown = bool(pdf.Root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False))
    with pdf.open_metadata() as xmp:
        title = xmp.get("dc:title") or ""
    ok = shown and bool(str(title).strip())
    return Check("Title shown", ok, f"Viewers show the title '{title}'." if ok
                 else "No dc:title, or DisplayDocTitle is not set.")


def _standard_types(pdf, types) -> Check:
    role_map = pdf.Root.StructTreeRoot.get("/RoleMap", {}) if "/StructTreeRoot" in pdf.Root else {}
    unknown = sorted({t for t in types if t not in STANDARD_TYPES and f"/{t}" not in role_map})
    return Check("Standard structure types", not unknown,
                 "Every structure element has a standard type." if not unknown else f"Non-standard types: {', '.join(unknown)}.")


def _headings(types) -> Check:
    levels = [int(t[1]) for t in types if re.fullmatch(r"H[1-6]", t)]
    skips = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    ok = bool(levels) and levels[0] == 1 and levels.count(1) == 1 and not skips
    detail = f"{len(levels)} headings, one H1, none skipping a level." if ok else \
        f"Heading levels in order: {' '.join('H%d' % n for n in levels) or 'none'}."
    return Check("Headings", ok, detail)


def _alt_text(elements) -> Check:
    figures = [el for el in elements if el.S == Name.Figure]
    missing = [el for el in figures if not str(el.get("/Alt", "")).strip()]
    return Check("Images have alt text", not missing,
                 f"All {len(figures)} figures have /Alt." if not missing else f"{len(missing)} figures have no /Alt.")


def _table_headers(elements) -> Check:
    tables = [el for el in elements if el.S == Name.Table]
    headers = [el for el in elements if el.S == Name.TH]
    cells = [el for el in elements if el.S == Name.TD]
    scoped = all("/Scope" in el.get("/A", {}) for el in headers)
    linked = all("/Headers" in el.get("/A", {}) for el in cells)
    ok = not tables or (bool(headers) and (scoped or linked))
    return Check("Table headers", ok, f"{len(tables)} tables; every header cell has a scope." if ok
                 else "A table has no header cells, or header cells without /Scope and data cells without /Headers.")


def _links(pdf, elements) -> Check:
    annotations = [a for page in pdf.pages for a in page.get("/Annots", []) if a.get("/Subtype") == Name.Link]
    untagged = [a for a in annotations if "/StructParent" not in a]
    link_elements = [el for el in elements if el.S == Name.Link]
    ok = not untagged and (not annotations or bool(link_elements))
    return Check("Links tagged", ok, f"{len(annotations)} link annotations, each in a Link element." if ok
                 else f"{len(untagged)} link annotations are not in the structure tree.")


def _untagged_content(pdf, elements) -> Check:
    reachable = {el.objgen for el in elements}
    owners_by_page = {}
    tree = pdf.Root.get("/StructTreeRoot")
    if tree is not None and "/ParentTree" in tree:
        nums = tree.ParentTree.get("/Nums", [])
        owners_by_page = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    problems = []
    for number, page in enumerate(pdf.pages, start=1):
        owners = owners_by_page.get(page.get("/StructParents", -1) if "/StructParents" in page else number - 1)
        depth = 0
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                depth += 1
                if op == "BDC" and len(operands) == 2 and isinstance(operands[1], Dictionary) and "/MCID" in operands[1]:
                    mcid = int(operands[1].MCID)
                    owner = owners[mcid] if isinstance(owners, Array) and mcid < len(owners) else None
                    if owner is None or owner.objgen not in reachable:
                        problems.append(f"page {number}: marked content {mcid} belongs to no structure element")
            elif op == "EMC":
                depth -= 1
            elif op in TEXT_OPERATORS and depth == 0:
                problems.append(f"page {number}: text outside any marked content")
    return Check("No untagged content", not problems,
                 "All content is tagged or marked as an artifact." if not problems
                 else f"{len(problems)} problems, e.g. {problems[0]}.")


def _fonts_embedded(pdf) -> Check:
    names, missing = set(), set()
    for page in pdf.pages:
        for font in page.get("/Resources", {}).get("/Font", {}).values():
            for face in [font, *font.get("/DescendantFonts", [])]:
                descriptor = face.get("/FontDescriptor")
                if descriptor is None:
                    continue
                name = str(descriptor.get("/FontName", "?"))
                names.add(name)
                if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    missing.add(name)
    return Check("Fonts embedded", bool(names) and not missing,
                 f"All {len(names)} fonts are embedded." if not missing else f"Not embedded: {', '.join(sorted(missing))}.")


def _bookmarks(pdf, types) -> Check:
    headings = sum(1 for t in types if re.fullmatch(r"H[1-6]", t))
    count = 0
    with pdf.open_outline() as outline:
        stack = list(outline.root)
        while stack:
            item = stack.pop()
            count += 1
            stack.extend(item.children)
    ok = count >= headings > 0
    return Check("Bookmarks", ok, f"{count} bookmarks for {headings} headings." if ok
                 else f"Only {count} bookmarks for {headings} headings.")


def _body_font_size(pdf, minimum: float) -> Check:
    """The size most of the text is set in (font size times the text matrix scale)."""
    sizes: Counter = Counter()
    for page in pdf.pages:
        font_size, scale = 0.0, 1.0
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op == "Tf":
                font_size = float(operands[1])
            elif op == "Tm":
                scale = abs(float(operands[3]))
            elif op in TEXT_OPERATORS:
                sizes[round(font_size * scale, 1)] += 1
    body = sizes.most_common(1)[0][0] if sizes else 0
    return Check("Body text size", body >= minimum, f"Most text is set in {body:g} pt (at least {minimum:g} pt).")


def _letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def _reading_order(data: bytes, expected: list[str], page_box: list[float], band: float) -> Check:
    """The text layer gives back the statement's words, block by block, in reading order. The page headers
    and footers are left out by where they are (pdftotext's crop box), not by what they say: an organisation
    name in a sentence, or a header that wraps onto two lines, must not confuse the comparison."""
    if not shutil.which("pdftotext"):
        return Check("Text in reading order", False, "pdftotext (poppler-utils) is not installed, so this was not checked.")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        left, bottom, right, top = page_box
        crop = ["-x", "0", "-y", f"{band:.0f}", "-W", f"{right - left:.0f}", "-H", f"{top - bottom - 2 * band:.0f}"]
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-r", "72", *crop, handle.name, "-"],
                              capture_output=True, text=True, check=True).stdout
    # Compared as letters and digits only: line breaks may join or split a hyphenated word.
    letters = _letters(text)
    words_at = _words_with_offsets(text)
    position = 0
    for index, block in enumerate(expected):
        if isinstance(block, TableWords):
            following = next((b for b in expected[index + 1:] if not isinstance(b, TableWords)), None)
            end = letters.find(_letters(following), position) if following else len(letters)
            end = end if end >= 0 else len(letters)
            region = {word for offset, word in words_at if position <= offset < end}
            missing = [cell for cell in block.cells if not set(_words(cell)) <= region]
            if missing:
                return Check("Text in reading order", False,
                             f"A table cell's words are not in the text layer: '{missing[0][:60]}'.")
            continue
        wanted = _letters(block)
        found = letters.find(wanted, position)
        if found < 0:
            return Check("Text in reading order", False, f"Not found in order in the text layer: '{block[:60]}…'.")
        position = found + len(wanted)
    return Check("Text in reading order", True, f"Copying the text gives back all {len(expected)} blocks in order.")


def _words(text: str) -> list[str]:
    return [word for word in (_letters(part) for part in text.split()) if word]


def _words_with_offsets(text: str) -> list[tuple[int, str]]:
    """Each word of the text (letters and digits only) with where it starts in `_letters(text)`."""
    found, offset = [], 0
    for word in _words(text):
        found.append((offset, word))
        offset += len(word)
    return found
