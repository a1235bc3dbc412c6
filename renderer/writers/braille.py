"""Braille: the statement in Unified English Braille grade 2, laid out in pages for embossers and braille
displays: `<slug>.brf` (ASCII braille) and `<slug>.pef` (PEF 2008-1, the XML braille format libraries keep).

liblouis (Debian's `liblouis-bin` and `liblouis-data`, run as `lou_translate`) translates the text of each
block: UEB grade 2 (contracted, the UK's code since 2015) for English, Welsh grade 2 for Welsh passages,
uncontracted UEB for words in any other language, as UEB asks for foreign words. This module lays the
braille out, following UK practice for a 40-cell, 25-line page:

- the braille page number on the first line of each page, at the right; text on lines 2 to 25;
- the title centred, then a separation line of dots 2-5; headings centred with a blank line before
  (sub-headings of level 3 and below start in cell 5), never left alone at the foot of a page;
- paragraphs start in cell 3 and run over to cell 1; list items, table rows and contact lines start in
  cell 1 and run over to cell 3; a table's rows are read linearly, each cell after its column heading;
- lines break only between braille words (a word longer than a line is split).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import model as m
from ..artifact import Artifact
from ..diagnostics import Diagnostic, Severity
from ..editions import Edition
from ..model.visitor import block_text
from ..templating import render
from ..text.dates import long_date
from ..text.braille import CELLS, LINES, SEPARATOR, TEXT_LINES, LiblouisMissing, table_for, translate, \
    unicode_braille
from ..text.messages import interface
from . import WriterContext

@dataclass
class Item:
    """One block of the braille book: what it is (for its layout), its print text and its language."""

    kind: str  # title, heading, subheading, paragraph, item, row, separator
    text: str
    language: str


def items_of(statement: m.Statement) -> list[Item]:
    """The statement as the braille book's blocks, in reading order."""
    meta = statement.meta
    say = interface(meta.language)
    items = [Item("title", meta.title, meta.language), Item("separator", "", meta.language),
             Item("paragraph", f"{meta.organisation}, {long_date(meta.date, meta.language)}", meta.language)]
    items += _blocks(statement.blocks, meta.language, say)
    contact = meta.contact
    if contact and (contact.name or contact.email or contact.phone):
        items.append(Item("heading", say("contact_label"), meta.language))
        items += [Item("item", value, meta.language) for value in (contact.name, contact.email, contact.phone) if value]
    return items


def _blocks(blocks: list, language: str, say) -> list[Item]:
    items: list[Item] = []
    for block in blocks:
        own = block.language or language
        if block.kind == "heading":
            items.append(Item("heading" if block.level <= 2 else "subheading", block.text, own))
        elif block.kind == "list":
            for number, list_item in enumerate(block.items, start=block.start):
                marker = f"{number}. " if block.ordered else ""
                texts = [block_text(inner) for inner in list_item.blocks]
                items.append(Item("item", marker + " ".join(texts), own))
        elif block.kind == "table":
            if block.caption:
                items.append(Item("paragraph", "".join(span.text for span in block.caption if hasattr(span, "text")),
                                  own))
            heads = [cell.text for cell in block.header]
            for row in block.rows:
                items.append(Item("row", "; ".join(f"{head}: {cell.text}" if head else cell.text
                                                   for head, cell in zip(heads, row)), own))
        elif block.kind == "blockquote":
            texts = [block_text(inner) for inner in block.blocks]
            for index, text in enumerate(texts):
                opening = "“" if index == 0 else ""
                closing = "”" if index == len(texts) - 1 else ""
                items.append(Item("paragraph", f"{opening}{text}{closing}", own))
            if block.attribution:
                items.append(Item("paragraph", f"– {block.attribution.text}", own))
        elif block.kind == "passage":
            items += _blocks(block.blocks, own, say)
        elif block.kind == "figure":
            items.append(Item("paragraph", f"{say('image_label')}: {block.alt}", own))
            if block.caption:
                items.append(Item("paragraph", block.caption, own))
        else:
            text = block_text(block)
            if text.strip():
                items.append(Item("paragraph", text, own))
    return items


def braille_of(items: list[Item]) -> list[str]:
    """Each item's text in braille, translated with its language's table."""
    braille = [""] * len(items)
    by_table: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        if item.text:
            by_table.setdefault(table_for(item.language), []).append(index)
    for table, indexes in by_table.items():
        for index, text in zip(indexes, translate([items[i].text for i in indexes], table)):
            braille[index] = text
    return braille


def wrap(braille: str, first: int, runover: int, width: int = CELLS) -> list[str]:
    """Braille text in lines of `width` cells: the first line starts after `first` blank cells, the others
    after `runover`; lines break between words."""
    lines: list[str] = []
    line = " " * first
    for word in braille.split():
        room = width - len(line)
        if len(line.strip()) and len(word) + 1 <= room:
            line += " " + word
            continue
        if line.strip():
            lines.append(line)
            line = " " * runover
        while len(line) + len(word) > width:  # a word longer than a line: split it
            cut = width - len(line)
            lines.append(line + word[:cut])
            word, line = word[cut:], " " * runover
        line += word
    if line.strip():
        lines.append(line)
    return lines


def centred(braille: str) -> list[str]:
    lines = wrap(braille, 0, 0, CELLS - 4)  # at least two blank cells each side
    return [" " * ((CELLS - len(line)) // 2) + line for line in lines]


def page_number(number: int) -> str:
    """A braille page number: the number sign, then the digits as the letters a to j."""
    return "#" + "".join("JABCDEFGHI"[int(digit)] for digit in str(number))


def layout(items: list[Item], braille: list[str]) -> list[list[str]]:
    """The book's pages, each a list of at most 25 lines of at most 40 cells (page number first)."""
    blocks: list[tuple[list[str], bool, int]] = []  # (lines, a blank line before, lines of what follows to keep)
    for item, text in zip(items, braille):
        if item.kind == "title":
            blocks.append((centred(text), False, 1))
        elif item.kind == "separator":
            blocks.append(([" " * ((CELLS - len(SEPARATOR)) // 2) + SEPARATOR], False, 1))
        elif item.kind == "heading":
            blocks.append((centred(text), True, 1))
        elif item.kind == "subheading":
            blocks.append((wrap(text, 4, 4), True, 1))
        elif item.kind == "paragraph":
            blocks.append((wrap(text, 2, 0), False, 0))
        else:  # item, row
            blocks.append((wrap(text, 0, 2), False, 0))
    pages: list[list[str]] = [[]]
    for lines, blank_before, keep in blocks:
        lead = [""] if blank_before and pages[-1] else []
        # a heading (or the title) never stands alone at the foot of a page: what follows it starts there too
        if keep and pages[-1] and len(pages[-1]) + len(lead) + len(lines) + keep > TEXT_LINES:
            pages.append([])
            lead = []
        for line in lead + lines:
            if len(pages[-1]) >= TEXT_LINES:
                if not line:
                    continue  # no blank line at the top of a page
                pages.append([])
            pages[-1].append(line)
    numbered = []
    for number, page in enumerate(pages, start=1):
        label = page_number(number)
        numbered.append([" " * (CELLS - len(label)) + label] + page)
    return numbered


def brf_text(pages: list[list[str]]) -> str:
    """Pages as a BRF file: lines end CR LF, pages end with a form feed."""
    return "".join("\r\n".join(line.rstrip() for line in page) + "\r\n\f" for page in pages)


def write(editions: list[Edition], context: WriterContext) -> list[Artifact]:
    edition = editions[0]
    statement = edition.statement
    items = items_of(statement)
    try:
        pages = layout(items, braille_of(items))
    except LiblouisMissing as missing:
        fix = "install liblouis and its tables (Debian: apt-get install liblouis-bin liblouis-data), then build again"
        context.not_made.append({"format": "braille", "reason": missing.reason, "fix": fix})
        context.warnings.append(Diagnostic(Severity.WARNING, statement.source_path, None,
                                           f"no braille was made: {missing.reason}", fix))
        return []
    language = statement.meta.language
    say = interface(language)
    brf, pef = f"{edition.slug}.brf", f"{edition.slug}.pef"
    context.path(brf).write_bytes(brf_text(pages).encode("ascii", errors="replace"))
    context.path(pef).write_text(render("braille/book.pef.xml", statement=statement, language=language,
                                        pages=[[unicode_braille(line.rstrip()) for line in page] for page in pages],
                                        cells=CELLS, lines=LINES, built_at=context.built_at,
                                        identifier=f"{statement.meta.slug}-braille"), "utf-8")
    context.summary_lines.append(f"Braille: {len(pages)} page{'s' if len(pages) != 1 else ''} of {CELLS} cells by "
                                 f"{LINES} lines ({', '.join(sorted({table_for(i.language) for i in items}))})")
    return [Artifact(path=brf, media_type="text/x-brf", label=say.label("braille")[0],
                     description=say.label("braille")[1], edition=edition.name),
            Artifact(path=pef, media_type="application/x-pef+xml", label=say.label("braille_pef")[0],
                     description=say.label("braille_pef")[1], edition=edition.name)]
