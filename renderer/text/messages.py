"""The message catalogue: every word the project adds to a reader's output, per language.

`data/messages.yaml` holds one entry per primary language subtag (en, cy, fr).
A language without an entry gets the English words; `has_messages()` tells a
writer so, so that it can warn the person building.
"""

from __future__ import annotations

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
    return primary_language(language) in catalogue()


def messages(language: str) -> dict:
    """The words in a language; any it lacks (or all, for a language without an entry) in English."""
    return {**catalogue()[FALLBACK], **catalogue().get(primary_language(language), {})}
