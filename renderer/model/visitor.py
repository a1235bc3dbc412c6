"""One way to walk the blocks: a visitor with a method per block kind, dispatched by `kind`.

Writers that need something from every kind of block (the text of a block, the
words a PDF must give back, the speech script, the prose a readability formula
scores) subclass `BlockVisitor` and write one method per kind, instead of a
ladder of `isinstance` tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

from .nodes import Block, Inline, Link, plain_text

Result = TypeVar("Result")

KINDS = ("heading", "paragraph", "blockquote", "list", "table", "figure", "codeblock", "break", "passage")


class BlockVisitor(Generic[Result]):
    """`visit(block)` calls the method named after the block's kind (`list` → `visit_list`). A kind a
    subclass does not handle goes to `visit_other`, which raises: every kind is handled on purpose."""

    def visit(self, block: Block) -> Result:
        return getattr(self, f"visit_{block.kind}", self.visit_other)(block)

    def visit_all(self, blocks: list[Block]) -> list[Result]:
        return [self.visit(block) for block in blocks]

    def visit_other(self, block: Block) -> Result:
        raise TypeError(f"{type(self).__name__} does not handle {block.kind} blocks")


class _BlockText(BlockVisitor[str]):
    def visit_heading(self, block) -> str:
        return block.text

    visit_paragraph = visit_heading

    def visit_codeblock(self, block) -> str:
        return block.text

    def visit_figure(self, block) -> str:
        return block.alt

    def visit_break(self, block) -> str:
        return ""

    def visit_passage(self, block) -> str:
        return "\n".join(self.visit_all(block.blocks))

    def visit_blockquote(self, block) -> str:
        text = "\n".join(self.visit_all(block.blocks))
        return text + "\n" + block.attribution.text if block.attribution else text

    def visit_list(self, block) -> str:
        return "\n".join(self.visit(inner) for item in block.items for inner in item.blocks)

    def visit_table(self, block) -> str:
        text = "\n".join(" ".join(cell.text for cell in row) for row in [block.header, *block.rows])
        return (plain_text(block.caption) + "\n" + text) if block.caption else text


_BLOCK_TEXT = _BlockText()


def block_text(block: Block) -> str:
    """The words of a block and everything inside it, one paragraph a line."""
    return _BLOCK_TEXT.visit(block)


def children_of(block: Block) -> list[Block]:
    """The blocks directly inside a block (a quote's, a passage's, every list item's)."""
    if block.kind in ("blockquote", "passage"):
        return block.blocks
    if block.kind == "list":
        return [inner for item in block.items for inner in item.blocks]
    return []


def walk_blocks(blocks: list[Block]) -> Iterator[Block]:
    """Every block in reading order, nested ones included."""
    for block in blocks:
        yield block
        yield from walk_blocks(children_of(block))


def walk_with_language(blocks: list[Block], language: str) -> Iterator[tuple[Block, str]]:
    """Every block in reading order with the language it is in: its own mark, or the one it sits in."""
    for block in blocks:
        own = block.language or language
        yield block, own
        yield from walk_with_language(children_of(block), own)


def walk_inlines(spans: list[Inline]) -> Iterator[Inline]:
    """Every inline span in reading order, nested ones included."""
    for span in spans:
        yield span
        yield from walk_inlines(getattr(span, "children", []))


def links_in(spans: list[Inline]) -> list[Link]:
    return [span for span in walk_inlines(spans) if span.kind == "link"]
