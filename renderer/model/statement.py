"""The statement: its metadata and its blocks, with the facts every writer reads computed once.

A `Statement` is immutable. Facts derived from the blocks (word count, outline,
sections, figures, languages, acronyms) are cached properties, so they are
computed once, on first use, and never disagree with the blocks.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..text.acronyms import find_defined_acronyms
from ..text.words import count_words
from .nodes import Block, Figure, Heading
from .visitor import block_text, walk_blocks, walk_with_language

WORDS_PER_MINUTE = 200

# The label a press office puts over the notes for journalists at the end of a release, as a heading or a line of
# its own ("Notes to editors", "**Notes to editors:**", "Editors' notes", "Nodiadau i olygyddion").
NOTES_TO_EDITORS = re.compile(
    r"^(?:notes?\s+(?:to|for)\s+(?:the\s+)?(?:news\s+)?editors?|editors?['’]?s?['’]?\s+notes?"
    r"|nodiadau\s+(?:i|ar\s+gyfer)\s+(?:['’]r\s+)?(?:olygyddion|golygyddion|golygydd)|nodyn\s+i\s+olygyddion)"
    r"\s*[:.]?$", re.IGNORECASE)
# The line that ends a release before its notes: "ENDS", "-ends-", "– ENDS –", "Diwedd".
END_OF_RELEASE = re.compile(r"^[\W_]*(?:ends?|diwedd)[\W_]*$", re.IGNORECASE)


def ends_release(block: Block) -> bool:
    """True for the press office's "ENDS" line: a mark for journalists, not words for a reader or a listener."""
    return block.kind == "paragraph" and bool(END_OF_RELEASE.match(block_text(block).strip()))


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
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
    pronounce: dict[str, str] = field(default_factory=dict)  # word → how the audio says it
    pronounce_file: str | None = None  # a W3C PLS lexicon beside the statement


@dataclass(frozen=True)
class OutlineEntry:
    level: int
    text: str
    id: str
    language: str  # the heading's own, or that of the passage it is in


@dataclass(frozen=True)
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
        if block.kind == "heading" and block.level == 2:
            sections.append(Section(heading=block, blocks=[]))
        else:
            if not sections:
                sections.append(Section(heading=None, blocks=[]))
            sections[-1].blocks.append(block)
    return sections


@dataclass(frozen=True)
class Statement:
    meta: Metadata
    blocks: list[Block]
    source_path: Path
    source_sha256: str
    # the authors' own plain-language version (the `plain_language` field), as blocks
    plain_language: list[Block] | None = None
    # where each metadata field was written (front matter line, or paragraph number), for messages
    field_lines: dict[str, int] = field(default_factory=dict)

    @cached_property
    def acronyms(self) -> dict[str, str]:
        """The acronym list: "Full Name (ABBR)" found in the text, then the metadata's (which win)."""
        found = find_defined_acronyms(block_text(block) for block in walk_blocks(self.blocks))
        return {**found, **self.meta.acronyms}

    @cached_property
    def word_count(self) -> int:
        return count_words(block_text(block) for block in self.blocks)

    @property
    def reading_minutes(self) -> int:
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))

    @cached_property
    def outline(self) -> list[OutlineEntry]:
        return [OutlineEntry(b.level, b.text, b.id, language)
                for b, language in walk_with_language(self.blocks, self.meta.language) if b.kind == "heading"]

    @cached_property
    def sections(self) -> list[Section]:
        return sections_of(self.blocks)

    @cached_property
    def notes_to_editors(self) -> int | None:
        """Where the notes to editors start: the position in `blocks` of their heading or label, or None."""
        return next((position for position, block in enumerate(self.blocks)
                     if block.kind in ("heading", "paragraph") and NOTES_TO_EDITORS.match(block_text(block).strip())),
                    None)

    @cached_property
    def figures(self) -> list[Figure]:
        return [b for b in walk_blocks(self.blocks) if b.kind == "figure"]

    @cached_property
    def languages(self) -> list[str]:
        """The statement's language first, then every other language used in it."""
        found = [self.meta.language]
        for block in walk_blocks(self.blocks):
            if block.language and block.language not in found:
                found.append(block.language)
        return found
