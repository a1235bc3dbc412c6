"""Find acronyms the text defines itself: "National Crime Agency (NCA)".

An acronym in brackets is matched, from its last letter back, against the
initials of the words just before it. Small joining words ("of", "and", "the")
may be skipped, and a digit may stand for its word ("E2EE": End-to-end
encryption). Only matches that use every letter count, so ordinary brackets
("(see below)", "(2024)") are never mistaken for definitions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

ACRONYM_IN_BRACKETS = re.compile(r"\(([A-Z][A-Za-z0-9&]*[A-Z0-9])s?\)")
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
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
    words = list(WORD.finditer(before))[-MAX_WORDS_BACK:]
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
