"""Words and numbers: the one definition of each, and the one way to count them."""

from __future__ import annotations

import re
from collections.abc import Iterable

# A word: letters, with apostrophes and hyphens inside ("child’s", "end-to-end"); never digits.
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# A number as written: "£4.2", "1,500", "75%", "2024" (one each).
NUMBER = re.compile(r"(?<![\w.])[£$€]?\d[\d,]*(?:\.\d+)?%?")
# What a length counts: a number as written is one, a word with digits in it ("E2EE") is one.
COUNTED = re.compile(r"[£$€]?\d[\d,]*(?:\.\d+)?%?|\w+(?:['’-]\w+)*")
# A web address as written in running text ("www.gov.uk/talktofrank", "https://…"), without the full stop after it.
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\"]*[^\s<>()\".,;:!?'’]")
# An email address.
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
# The parts of a compound, for initials: "End-to-end" is three parts ("E2EE": End-to-end encryption).
WORD_PART = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def words(text: str) -> list[str]:
    """The words of a text, numbers left out."""
    return WORD.findall(text)


def count_words(text: str | Iterable[str]) -> int:
    """Words and numbers ('£4.2' is one): what every length in the project counts."""
    if not isinstance(text, str):
        return sum(count_words(part) for part in text)
    return len(COUNTED.findall(text))


def clip(text: str, limit: int = 60) -> str:
    """A text shortened for a one-line message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
