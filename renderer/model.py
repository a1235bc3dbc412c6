"""The statement model: metadata and an ordered tree of blocks with inline spans.

This is the one representation every output stage reads (like Pandoc's AST).
Facts that several stages need (heading ids, the outline, word count, the
acronym list, the language of a passage) are computed once, here or in the
source reader, and only read elsewhere.

Each node class has a `kind` string that templates dispatch on.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Union

WORDS_PER_MINUTE = 200


# --- inline spans -----------------------------------------------------------


@dataclass
class Text:
    kind: ClassVar[str] = "text"
    text: str


@dataclass
class Emphasis:
    kind: ClassVar[str] = "emphasis"
    children: list[Inline]


@dataclass
class Strong:
    kind: ClassVar[str] = "strong"
    children: list[Inline]


@dataclass
class Code:
    kind: ClassVar[str] = "code"
    text: str


@dataclass
class Link:
    kind: ClassVar[str] = "link"
    href: str
    children: list[Inline]
    title: str | None = None


@dataclass
class LineBreak:
    kind: ClassVar[str] = "linebreak"


@dataclass
class Span:
    """Inline text in another language: `[Diolch]{lang=cy}`."""

    kind: ClassVar[str] = "span"
    children: list[Inline]
    language: str


Inline = Union[Text, Emphasis, Strong, Code, Link, LineBreak, Span]


def plain_text(spans: list[Inline]) -> str:
    """The words of some inline spans, without markup."""
    parts: list[str] = []
    for span in spans:
        if isinstance(span, (Text, Code)):
            parts.append(span.text)
        elif isinstance(span, LineBreak):
            parts.append(" ")
        else:
            parts.append(plain_text(span.children))
    return "".join(parts)


# --- blocks -----------------------------------------------------------------


@dataclass
class Heading:
    kind: ClassVar[str] = "heading"
    level: int
    children: list[Inline]
    id: str
    line: int
    language: str | None = None

    @property
    def text(self) -> str:
        return plain_text(self.children)


@dataclass
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    children: list[Inline]
    line: int
    language: str | None = None

    @property
    def text(self) -> str:
        return plain_text(self.children)


@dataclass
class Attribution:
    """Who said a quote: `— Ian Critchley, NPCC Lead for Child Protection`."""

    speaker: str
    role: str | None = None

    @property
    def text(self) -> str:
        return f"{self.speaker}, {self.role}" if self.role else self.speaker


@dataclass
class BlockQuote:
    kind: ClassVar[str] = "blockquote"
    blocks: list[Block]
    attribution: Attribution | None
    line: int
    language: str | None = None


@dataclass
class ListItem:
    blocks: list[Block]


@dataclass
class ListBlock:
    kind: ClassVar[str] = "list"
    ordered: bool
    items: list[ListItem]
    tight: bool
    line: int
    start: int = 1
    language: str | None = None


@dataclass
class TableCell:
    children: list[Inline]
    align: str | None = None

    @property
    def text(self) -> str:
        return plain_text(self.children)


@dataclass
class Table:
    kind: ClassVar[str] = "table"
    header: list[TableCell]
    rows: list[list[TableCell]]
    caption: list[Inline] | None
    line: int
    language: str | None = None


@dataclass
class Figure:
    """An image with its required alt text; `source` is inside the statement's folder."""

    kind: ClassVar[str] = "figure"
    source: Path
    file_name: str  # relative to the statement's folder, with '/' separators
    bundle_path: str  # where a stage that copies it puts it: media/<file_name>
    alt: str
    caption: str | None
    width: int
    height: int
    media_type: str
    line: int
    language: str | None = None


@dataclass
class CodeBlock:
    kind: ClassVar[str] = "codeblock"
    text: str
    line: int
    language: str | None = None


@dataclass
class ThematicBreak:
    kind: ClassVar[str] = "break"
    line: int
    language: str | None = None


@dataclass
class Passage:
    """A run of blocks in another language: `::: {lang=cy}` … `:::`."""

    kind: ClassVar[str] = "passage"
    blocks: list[Block]
    language: str
    line: int


Block = Union[Heading, Paragraph, BlockQuote, ListBlock, Table, Figure, CodeBlock, ThematicBreak, Passage]


def block_text(block: Block) -> str:
    """The words of a block and everything inside it, one paragraph a line."""
    if isinstance(block, (Heading, Paragraph)):
        return block.text
    if isinstance(block, CodeBlock):
        return block.text
    if isinstance(block, Figure):
        return block.alt
    if isinstance(block, ThematicBreak):
        return ""
    if isinstance(block, (BlockQuote, Passage)):
        text = "\n".join(block_text(b) for b in block.blocks)
        if isinstance(block, BlockQuote) and block.attribution:
            text += "\n" + block.attribution.text
        return text
    if isinstance(block, ListBlock):
        return "\n".join(block_text(b) for item in block.items for b in item.blocks)
    if isinstance(block, Table):
        rows = [block.header, *block.rows]
        text = "\n".join(" ".join(cell.text for cell in row) for row in rows)
        return (plain_text(block.caption) + "\n" + text) if block.caption else text
    raise TypeError(f"unknown block {block!r}")


def walk_blocks(blocks: list[Block]):
    """Every block in reading order, nested ones included."""
    for block in blocks:
        yield block
        if isinstance(block, (BlockQuote, Passage)):
            yield from walk_blocks(block.blocks)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from walk_blocks(item.blocks)


# --- metadata and the statement -----------------------------------------------


@dataclass
class Contact:
    name: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass
class Metadata:
    title: str
    organisation: str
    date: dt.date
    language: str = "en-GB"
    slug: str = ""
    summary: str | None = None
    author: str | None = None
    contact: Contact | None = None
    embargo: dt.datetime | None = None
    acronyms: dict[str, str] = field(default_factory=dict)
    glossary: dict[str, str] = field(default_factory=dict)
    keywords: list[str] = field(default_factory=list)
    version: str = "1"
    voice: str | None = None


@dataclass
class OutlineEntry:
    level: int
    text: str
    id: str


@dataclass
class Section:
    """The blocks under one level-2 heading (the first section may have none)."""

    heading: Heading | None
    blocks: list[Block]

    @property
    def title(self) -> str | None:
        return self.heading.text if self.heading else None


def sections_of(blocks: list[Block]) -> list[Section]:
    """The blocks grouped by level-2 heading."""
    sections: list[Section] = []
    for block in blocks:
        if isinstance(block, Heading) and block.level == 2:
            sections.append(Section(heading=block, blocks=[]))
        else:
            if not sections:
                sections.append(Section(heading=None, blocks=[]))
            sections[-1].blocks.append(block)
    return sections


def outline_of(blocks: list[Block]) -> list[OutlineEntry]:
    return [OutlineEntry(b.level, b.text, b.id) for b in walk_blocks(blocks) if isinstance(b, Heading)]


WORD = re.compile(r"\w+(?:['’-]\w+)*")


def count_words(texts) -> int:
    return sum(len(WORD.findall(text)) for text in texts)


@dataclass
class Statement:
    meta: Metadata
    blocks: list[Block]
    source_path: Path
    source_sha256: str
    plain_language: list[Block] | None = None
    # the acronym list: front matter first, then "Full Name (ABBR)" found in the text
    acronyms: dict[str, str] = field(default_factory=dict)
    word_count: int = 0
    outline: list[OutlineEntry] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    # the plain-language version as a statement of its own, made once per build (renderer.plain)
    plain_version: Statement | None = None
    # a plain version: how it was made ("author" or "generated"); its notice to readers
    plain_origin: str | None = None
    notice: str | None = None

    @property
    def reading_minutes(self) -> int:
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))

    @property
    def figures(self) -> list[Figure]:
        return [b for b in walk_blocks(self.blocks) if isinstance(b, Figure)]

    @property
    def languages(self) -> list[str]:
        """The statement's language first, then every other language used in it."""
        found = [self.meta.language]
        for block in walk_blocks(self.blocks):
            if block.language and block.language not in found:
                found.append(block.language)
        return found
