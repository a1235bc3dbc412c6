"""The nodes of the statement model: blocks and the inline spans inside them.

Every node is immutable (a frozen dataclass) and has a `kind` string that the
templates and `BlockVisitor` dispatch on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Union

# --- inline spans -----------------------------------------------------------


@dataclass(frozen=True)
class Text:
    kind: ClassVar[str] = "text"
    text: str


@dataclass(frozen=True)
class Emphasis:
    kind: ClassVar[str] = "emphasis"
    children: list[Inline]


@dataclass(frozen=True)
class Strong:
    kind: ClassVar[str] = "strong"
    children: list[Inline]


@dataclass(frozen=True)
class Code:
    kind: ClassVar[str] = "code"
    text: str


@dataclass(frozen=True)
class Link:
    kind: ClassVar[str] = "link"
    href: str
    children: list[Inline]
    title: str | None = None


@dataclass(frozen=True)
class LineBreak:
    kind: ClassVar[str] = "linebreak"


@dataclass(frozen=True)
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
        if span.kind in ("text", "code"):
            parts.append(span.text)
        elif span.kind == "linebreak":
            parts.append(" ")
        else:
            parts.append(plain_text(span.children))
    return "".join(parts)


def lines_of(spans: list[Inline]) -> list[str]:
    """The words of some inline spans, one string for each line the author broke by hand."""
    lines: list[list[Inline]] = [[]]
    for span in spans:
        if span.kind == "linebreak":
            lines.append([])
        else:
            lines[-1].append(span)
    return [plain_text(line) for line in lines]


class HasInlineText:
    """A node made of inline spans (`children`): its words without markup, as `text`."""

    @property
    def text(self) -> str:
        return plain_text(self.children)


# --- blocks -----------------------------------------------------------------


@dataclass(frozen=True)
class Heading(HasInlineText):
    kind: ClassVar[str] = "heading"
    level: int
    children: list[Inline]
    id: str
    line: int
    language: str | None = None


@dataclass(frozen=True)
class Paragraph(HasInlineText):
    kind: ClassVar[str] = "paragraph"
    children: list[Inline]
    line: int
    language: str | None = None


@dataclass(frozen=True)
class Attribution:
    """Who said a quote: `— Ian Critchley, NPCC Lead for Child Protection`."""

    speaker: str
    role: str | None = None

    @property
    def text(self) -> str:
        return f"{self.speaker}, {self.role}" if self.role else self.speaker


@dataclass(frozen=True)
class BlockQuote:
    kind: ClassVar[str] = "blockquote"
    blocks: list[Block]
    attribution: Attribution | None
    line: int
    language: str | None = None


@dataclass(frozen=True)
class ListItem:
    blocks: list[Block]


@dataclass(frozen=True)
class ListBlock:
    kind: ClassVar[str] = "list"
    ordered: bool
    items: list[ListItem]
    tight: bool
    line: int
    start: int = 1
    language: str | None = None


@dataclass(frozen=True)
class TableCell(HasInlineText):
    children: list[Inline]
    align: str | None = None


@dataclass(frozen=True)
class Table:
    kind: ClassVar[str] = "table"
    header: list[TableCell]
    rows: list[list[TableCell]]
    caption: list[Inline] | None
    line: int
    language: str | None = None


@dataclass(frozen=True)
class Figure:
    """An image with its required alt text. `data` is the image file as the reader read and checked it
    (writers use these bytes and never read a file again); `source` says where it came from."""

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
    data: bytes = field(default=b"", repr=False, compare=False)


@dataclass(frozen=True)
class CodeBlock:
    kind: ClassVar[str] = "codeblock"
    text: str
    line: int
    language: str | None = None


@dataclass(frozen=True)
class ThematicBreak:
    kind: ClassVar[str] = "break"
    line: int
    language: str | None = None


@dataclass(frozen=True)
class Passage:
    """A run of blocks in another language: `::: {lang=cy}` … `:::`."""

    kind: ClassVar[str] = "passage"
    blocks: list[Block]
    language: str
    line: int


Block = Union[Heading, Paragraph, BlockQuote, ListBlock, Table, Figure, CodeBlock, ThematicBreak, Passage]
