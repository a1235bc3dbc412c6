"""The language of passages the author did not mark: identified offline, block by block.

A statement published in Welsh and English often arrives as two halves with no
`{lang=…}` marks. Each top-level block the author left unmarked is identified
with lingua (its models ship inside the package, so nothing is downloaded); a
block whose language differs confidently from the statement's is marked with it,
and one warning lists what was marked, for the author to confirm.

- Marks the author wrote always win: marked blocks and `:::` passages are not looked at.
- Short blocks (a name, a two-word heading) and unsure ones are not identified on
  their own; they take the language of the blocks around them when those agree
  (or when a `* * *` rule starts the run they open), and are otherwise left alone.
- Most statements are in one language throughout. lingua's low-accuracy mode (trigrams only: about
  60 MB and a tenth of a second for all the candidates) screens them first: when the statement's
  language is the likeliest of every block of MIN_WORDS or more and no block is marked with another,
  nothing is marked and the full models are never loaded. Otherwise (one block likelier in another
  language: the screen says so of short lines of names more often than the full models do) every block
  is identified with the full models, as above, of the languages the screen found and the statement's
  own (English and Welsh: about 50 MB and 0.3 s, against 280 MB and 1.7 s for every candidate). On the
  corpus, the examples and the test statements the screen never ranked a Welsh block's English first.
"""

from __future__ import annotations

import dataclasses
import threading
from functools import lru_cache

from ..diagnostics import Diagnostics
from ..model import Block, Statement, block_text
from ..text.messages import language_name, primary_language
from ..text.words import count_words

MIN_WORDS = 4  # fewer words than this is too little to tell a language by
MIN_CONFIDENCE = 0.9  # lingua's confidence in the most likely language
IDENTIFIED_KINDS = ("heading", "paragraph", "blockquote", "list", "table")
# The languages a block is told apart from, besides the statement's own: those most used in public
# statements in the UK. Fewer candidates make lingua surer of each.
CANDIDATES = ("en", "cy", "ga", "gd", "fr", "de", "es", "it", "pt", "pl", "ro", "lt", "ar", "ur", "pa", "bn", "zh",
              "so")


_building = threading.Lock()  # threads checking at once wait for the one detector, not build one each


def _detector(candidates: frozenset[str], screening: bool = False):
    with _building:
        return _built_detector(candidates, screening)


@lru_cache(maxsize=8)
def _built_detector(candidates: frozenset[str], screening: bool):
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = set()
    for code in candidates:
        try:
            languages.add(Language.from_iso_code_639_1(IsoCode639_1.from_str(code)))
        except ValueError:  # a language lingua does not know
            continue
    builder = LanguageDetectorBuilder.from_languages(*languages)
    return (builder.with_low_accuracy_mode() if screening else builder).build()


def identify(text: str, candidates: frozenset[str]) -> str | None:
    """The language of a text among `candidates` (ISO 639-1), or None when it is too short or lingua is unsure."""
    if count_words(text) < MIN_WORDS:
        return None
    language, confidence = _likeliest(text, candidates, screening=False)
    return language if confidence >= MIN_CONFIDENCE else None


def _likeliest(text: str, candidates: frozenset[str], screening: bool) -> tuple[str | None, float]:
    """The likeliest language of a text among `candidates` and lingua's confidence in it (`screening`: by its
    low-accuracy models)."""
    values = _detector(candidates, screening).compute_language_confidence_values(text)
    if not values:
        return None, 0.0
    return values[0].language.iso_code_639_1.name.lower(), values[0].value


def mark_languages(statement: Statement, report: Diagnostics) -> Statement:
    """The statement with each unmarked block in another language marked with it; a warning lists them."""
    marks = {index: language for index, language in _languages_found(statement.blocks, statement.meta.language).items()
             if language}
    if not marks:
        return statement
    blocks = [dataclasses.replace(block, language=marks[i]) if i in marks else block
              for i, block in enumerate(statement.blocks)]
    by_language: dict[str, list[int]] = {}
    for i in sorted(marks):
        by_language.setdefault(marks[i], []).append(statement.blocks[i].line)
    described = "; ".join(f"{language_name(language)} ({language}), "
                          + (f"{len(at)} blocks from line {at[0]} to line {at[-1]}" if len(at) > 1 else f"line {at[0]}")
                          for language, at in by_language.items())
    report.warning(statement.blocks[min(marks)].line,
                   f"passages with no language mark were identified as another language and marked: {described}",
                   "check them; mark a passage yourself with {lang=…} or ::: {lang=…} where this is wrong")
    return dataclasses.replace(statement, blocks=blocks)


def _languages_found(blocks: list[Block], statement_language: str) -> dict[int, str | None]:
    """index of each unmarked top-level block → its language (None: cannot tell)."""
    own = primary_language(statement_language)
    others = _other_languages_screened(blocks, own)
    if not others:
        return {}
    candidates = frozenset({own, *others})
    # each block: a language (identified, or the author's), None (unsure), or "|" (a rule: a new run starts)
    seen: list[str | None] = []
    for block in blocks:
        if block.kind == "break":
            seen.append("|")
        elif block.language:
            seen.append(primary_language(block.language))
        elif block.kind in IDENTIFIED_KINDS:
            seen.append(identify(block_text(block), candidates))
        else:
            seen.append(None)
    found: dict[int, str | None] = {}
    for index, block in enumerate(blocks):
        if block.language or block.kind == "break":
            continue
        language = seen[index] or _from_neighbours(seen, index)
        found[index] = language if language != own else None
    return found


def _other_languages_screened(blocks: list[Block], own: str) -> set[str]:
    """The languages other than the statement's that the quick screen finds likeliest for some block, or that
    the author marked (see above)."""
    everyone = frozenset({*CANDIDATES, own})
    others = set()
    for block in blocks:
        if block.language:
            others.add(primary_language(block.language))
        elif block.kind in IDENTIFIED_KINDS and count_words(text := block_text(block)) >= MIN_WORDS:
            others.add(_likeliest(text, everyone, screening=True)[0])
    return others - {own, None}


def _from_neighbours(seen: list[str | None], index: int) -> str | None:
    """The language of an unsure block from the blocks around it: the next sure one's, when the previous
    sure one agrees or a rule (or the start) comes between them."""
    following = next((s for s in seen[index + 1:] if s is not None), None)
    if following in (None, "|"):
        return None
    preceding = next((s for s in reversed(seen[:index]) if s is not None), "|")
    return following if preceding in ("|", following) else None

