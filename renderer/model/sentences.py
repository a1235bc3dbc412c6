"""Sentences as the reader sees them and the listener hears them: the groundwork of the read-along EPUB.

The audio reads a paragraph sentence by sentence (`text.sentences`, on the paragraph's words); a read-along
book highlights each sentence as it is read, so each must be an element of its own in the text. `ReadAlong`
gives every paragraph of a statement (in lists and quotes too) its sentences, in document order, each with
an id (`s1`, `s2`, …) and its part of the paragraph's inline spans (`sentence_runs`: emphasis and links cut
where a sentence ends inside them). The speech script takes its sentences and ids from the same object,
so what is heard and what is highlighted cannot drift apart.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..text.sentences import sentences
from .nodes import Block, Inline, plain_text
from .visitor import walk_blocks


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str  # its words, as the speech script reads them
    spans: tuple[Inline, ...]  # its part of the paragraph's inline spans, for the page


def sentence_runs(spans: list[Inline], texts: list[str]) -> list[list[Inline]]:
    """The inline spans cut into one run a sentence (`texts`: the sentences of their words, in order). The
    space between two sentences starts the second run. Sentences that cannot be found in the words give
    one run, the whole."""
    plain = plain_text(spans)
    ends, position = [], 0
    for text in texts:
        start = plain.find(text, position)
        if start < 0:
            return [list(spans)]
        position = start + len(text)
        ends.append(position)
    if not ends:
        return [list(spans)]
    cuts = [0, *ends[:-1], len(plain)]
    return [_cut(spans, start, end) for start, end in zip(cuts, cuts[1:])]


def _cut(spans: list[Inline] | tuple[Inline, ...], start: int, end: int) -> list[Inline]:
    """The inline spans that cover characters [start, end) of their words, split where needed."""
    found: list[Inline] = []
    position = 0
    for span in spans:
        length = len(plain_text([span]))
        low, high = max(start, position), min(end, position + length)
        if low < high:
            if span.kind in ("text", "code"):
                found.append(dataclasses.replace(span, text=span.text[low - position:high - position]))
            elif span.kind == "linebreak":
                found.append(span)
            else:
                found.append(dataclasses.replace(span, children=_cut(span.children, low - position,
                                                                     high - position)))
        position += length
    return found


class ReadAlong:
    """Every paragraph's sentences with their ids, and an id for every other block (quotes, lists, tables and
their rows, figures), for one content document."""

    def __init__(self, blocks: list[Block], prefix: str = "s"):
        self._by_block: dict[object, list[Sentence]] = {}
        self._ids: dict[object, str] = {}
        self._by_place: dict[object, object] = {}  # (kind, line) → the block's key, where only one block is there
        number = 0
        for count, block in enumerate(walk_blocks(blocks), start=1):
            self._ids[id(block)] = getattr(block, "id", None) or f"b{count}"
            place = (block.kind, getattr(block, "line", None))
            self._by_place[place] = None if place in self._by_place else id(block)
            if block.kind != "paragraph":
                continue
            texts = sentences(block.text)
            runs = sentence_runs(block.children, texts)
            if len(runs) != len(texts):  # the sentences could not be placed: the paragraph is one
                texts = [" ".join(block.text.split())] if block.text.strip() else []
                runs = [list(block.children)] if texts else []
            found = []
            for text, run in zip(texts, runs):
                number += 1
                found.append(Sentence(f"{prefix}{number}", text, tuple(run)))
            self._by_block[id(block)] = found

    def _key(self, block: Block) -> object:
        """A block of this text, or a copy of one (a bilingual statement's language parts copy the blocks
        whose language mark they drop): found by where it starts in the source."""
        if id(block) in self._ids:
            return id(block)
        return self._by_place.get((block.kind, getattr(block, "line", None)))

    def element_id(self, block: Block) -> str | None:
        """The id of a block's element in the read-along text (a heading keeps its own)."""
        return self._ids.get(self._key(block))

    def row_id(self, table: Block, row: int) -> str | None:
        return f"{self.element_id(table)}-r{row}" if self.element_id(table) else None

    def of(self, block: Block) -> list[Sentence]:
        """The sentences of a paragraph (none for another block, or a paragraph with no words)."""
        return self._by_block.get(self._key(block), [])
