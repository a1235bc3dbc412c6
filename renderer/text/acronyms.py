"""Acronyms: the ones a text defines itself, and where a reader meets each for the first time.

`find_defined_acronyms` reads "National Crime Agency (NCA)" out of the text.

An acronym in brackets is matched, from its last letter back, against the
initials of the words just before it. Small joining words ("of", "and", "the")
may be skipped, and a digit may stand for its word ("E2EE": End-to-end
encryption). Only matches that use every letter count, so ordinary brackets
("(see below)", "(2024)") are never mistaken for definitions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .words import WORD_PART

ACRONYM_IN_BRACKETS = re.compile(r"\(([A-Z][A-Za-z0-9&]*[A-Z0-9])s?\)")
JOINING_WORDS = {"of", "and", "the", "for", "to", "in", "on", "at", "by", "a", "an", "&", "with", "de", "y", "a'r"}
DIGIT_WORDS = {"2": {"to", "two"}, "4": {"for", "four"}, "3": {"three"}, "1": {"one"}}
MAX_WORDS_BACK = 12


def find_defined_acronyms(texts: Iterable[str]) -> dict[str, str]:
    """Every "Full Name (ABBR)" in the texts, as {ABBR: Full Name}; the first definition wins."""
    found: dict[str, str] = {}
    for text in texts:
        for match in ACRONYM_IN_BRACKETS.finditer(text):
            acronym = match.group(1)
            if sum(c.isupper() for c in acronym) < 2 or acronym in found:
                continue
            expansion = _expansion(acronym, text[: match.start()])
            if expansion:
                found[acronym] = expansion
    return found


def _expansion(acronym: str, before: str) -> str | None:
    words = list(WORD_PART.finditer(before))[-MAX_WORDS_BACK:]
    letters = [c for c in acronym if c.isupper() or c.isdigit()]
    i, j = len(letters) - 1, len(words) - 1
    first_word = None
    while i >= 0 and j >= 0:
        word = words[j].group(0)
        letter = letters[i]
        if letter.isdigit():
            if word.lower() not in DIGIT_WORDS.get(letter, set()):
                return None
            i, j = i - 1, j - 1
        elif word[0].upper() == letter:
            first_word = j
            i, j = i - 1, j - 1
        elif word.lower() in JOINING_WORDS:
            j -= 1
        else:
            return None
    if i >= 0 or first_word is None:
        return None
    return before[words[first_word].start():].strip()


# --- first use ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AcronymUse:
    """One place an acronym is written, and what a reader knows of it there."""

    acronym: str
    written: str  # as written, with a plural 's' ("NCAs")
    expansion: str
    first: bool  # the reader has not yet been told what it stands for
    defined_here: bool  # written "(NCA)" just after its full name


class AcronymTracker:
    """Which acronyms a reader has been told about, as a text is read in order. Each edition and
    each section may start its own tracker (the plain version explains them again per section)."""

    def __init__(self, acronyms: dict[str, str], introduced: Iterable[str] = ()):
        self.acronyms = acronyms
        self.introduced: set[str] = set(introduced)
        names = sorted(acronyms, key=len, reverse=True)
        self.pattern = re.compile(r"(\(\s*)?(?<![\w-])(" + "|".join(map(re.escape, names)) +
                                  r")(s?)(?![\w-])(\s*\))?") if names else None

    def rewrite(self, text: str, say: Callable[[AcronymUse], str]) -> str:
        """The text with each acronym replaced by what `say` makes of its use (brackets included when
        it was bracketed); the tracker remembers what the text has now explained."""
        if self.pattern is None:
            return text

        def replace(match: re.Match) -> str:
            opening, acronym, plural, closing = match.groups()
            expansion = self.acronyms[acronym]
            defined_here = bool(opening and closing)
            first = acronym not in self.introduced and not defined_here and \
                expansion.lower() not in text[: match.start()].lower()
            self.introduced.add(acronym)
            use = AcronymUse(acronym, acronym + plural, expansion, first, defined_here)
            said = say(use)  # for a use defined here, `say` writes the brackets too (or leaves them out)
            return said if defined_here else (opening or "") + said + (closing or "")

        return self.pattern.sub(replace, text)

    def uses(self, text: str) -> list[AcronymUse]:
        """Every acronym use in the text, in order (the tracker remembers them, as `rewrite` does)."""
        found: list[AcronymUse] = []
        self.rewrite(text, lambda use: found.append(use) or use.written)  # the text itself is not kept
        return found
