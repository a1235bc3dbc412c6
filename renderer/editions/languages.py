"""A bilingual statement split by language, for what can only be in one language at a time: the audio.

A statement holds two languages "in two halves" when, among its top-level blocks
(a `:::` passage counts for the blocks inside it), at least two languages each
hold a good share of the words (`BILINGUAL_SHARE`). Each such language gets a
part: its blocks in reading order, its own heading as the title where its run
opens with one. PDF, EPUB and web page stay one bilingual document.
"""

from __future__ import annotations

import dataclasses

from ..model import Block, Statement, block_text
from ..text.messages import primary_language
from ..text.words import count_words

BILINGUAL_SHARE = 0.25  # each language holds at least this share of the words


def language_parts(statement: Statement) -> list[Statement]:
    """One statement per language of a bilingual statement, the statement's own language first;
    none for a statement in one language (a quote or a phrase in another does not count)."""
    runs = _runs(statement)
    words: dict[str, int] = {}
    for language, blocks in runs:
        words[language] = words.get(language, 0) + count_words(block_text(block) for block in blocks)
    total = sum(words.values()) or 1
    languages = [language for language, count in words.items() if count / total >= BILINGUAL_SHARE]
    if len(languages) < 2:
        return []
    return [_part(statement, language, [run for run in runs if run[0] == language]) for language in languages]


def _runs(statement: Statement) -> list[tuple[str, list[Block]]]:
    """The top-level blocks as runs of one language, `:::` passages unwrapped and rules left out."""
    runs: list[tuple[str, list[Block]]] = []
    own = statement.meta.language
    for block in statement.blocks:
        if block.kind == "break":
            continue
        inner = block.blocks if block.kind == "passage" else [block]
        language = block.language or own
        if runs and primary_language(runs[-1][0]) == primary_language(language):
            runs[-1][1].extend(inner)
        else:
            runs.append((language, list(inner)))
    return runs


def _part(statement: Statement, language: str, runs: list[tuple[str, list[Block]]]) -> Statement:
    blocks = [block for _, run in runs for block in run]
    meta = statement.meta
    title, summary = meta.title, meta.summary
    if primary_language(language) != primary_language(meta.language):
        summary = None  # the summary is written in the statement's language
        if blocks and blocks[0].kind == "heading":  # the other half opens with its own headline
            title, blocks = blocks[0].text, blocks[1:]
    blocks = [dataclasses.replace(block, language=None)
              if block.language and primary_language(block.language) == primary_language(language) else block
              for block in blocks]
    part_meta = dataclasses.replace(meta, language=language, title=title, summary=summary,
                                    slug=f"{meta.slug}.{primary_language(language)}")
    return dataclasses.replace(statement, meta=part_meta, blocks=blocks)
