"""The message catalogue: every word the project adds to a reader's output, per language.

`data/messages.yaml` holds one entry per primary language subtag (en, cy, fr).
Welsh and English are complete. The speech script takes what a language has and
English for the rest (`messages`); the templates and writers take a language's
words only when it has all of them, and English otherwise, marked as English
(`interface`). `has_messages()` tells a writer when English stands in, so that it
can warn the person building.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

FALLBACK = "en"


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict]:
    return yaml.safe_load(resources.files("renderer").joinpath("data/messages.yaml").read_text("utf-8"))


def primary_language(language: str) -> str:
    """'en-GB' → 'en', 'cy' → 'cy'."""
    return language.split("-")[0].lower()


def same_language(a: str | None, b: str | None) -> bool:
    return bool(a and b) and primary_language(a) == primary_language(b)


def has_messages(language: str) -> bool:
    """True when the catalogue has every word in the language."""
    return set(catalogue().get(primary_language(language), {})) >= set(catalogue()[FALLBACK])


def in_catalogue(language: str) -> bool:
    """True when the catalogue has at least some words in the language (French has the speech script's)."""
    return primary_language(language) in catalogue()


def messages(language: str) -> dict:
    """The words in a language; any it lacks (or all, for a language without an entry) in English."""
    return {**catalogue()[FALLBACK], **catalogue().get(primary_language(language), {})}


def language_name(code: str, in_language: str = "en") -> str:
    """'cy' → 'Welsh' (or, in Welsh, 'Cymraeg'), from the CLDR data langcodes ships."""
    import langcodes

    return langcodes.Language.get(primary_language(code)).display_name(primary_language(in_language))


@dataclass(frozen=True)
class Interface:
    """The words templates and writers add to a document in `language`: `say("published_by", date=…)`.
    `marked` is the language to mark them with where it is not the document's (English standing in)."""

    language: str
    words_language: str

    @property
    def marked(self) -> str | None:
        return None if same_language(self.language, self.words_language) else self.words_language

    def __call__(self, key: str, **fields) -> str:
        words = catalogue()[self.words_language][key]
        return words.format(**fields) if fields else words

    def label(self, key: str, **fields) -> tuple[str, str]:
        """A file's label and description (the catalogue's `formats`)."""
        label, description = catalogue()[self.words_language]["formats"][key]
        return label.format(**fields), description.format(**fields)

    def plural(self, key: str, count: int, **fields) -> str:
        """`key_one` for 1, `key_other` otherwise."""
        return self(f"{key}_{'one' if count == 1 else 'other'}", count=count, **fields)


def interface(language: str) -> Interface:
    return Interface(language, primary_language(language) if has_messages(language) else FALLBACK)
