"""Editions: the versions of a statement a release carries, made before any writer runs.

An edition is a statement model plus what readers are told about it. The full
edition is the statement as written; the plain-language edition is a second
statement made from it (`plain_language`): the authors' own, or generated for
English, when first used. Like Pandoc filters, editions are model in, model out: the source
statement is never changed. Writers render the editions they are given.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, Severity
from ..model import Statement
from ..text.messages import has_messages, language_name

FULL, PLAIN = "full", "plain"


@dataclass(frozen=True)
class Edition:
    name: str  # FULL or PLAIN
    statement: Statement
    origin: str  # "source" (the statement as written), "author" (written by its authors) or "generated"
    notice: str | None = None  # what readers are told about this edition, at its top
    # a bilingual statement's edition split by language (`languages.py`), for the audio; () otherwise
    parts: tuple[Edition, ...] = ()
    one_language_of_several: bool = False  # True for each of those parts

    @property
    def slug(self) -> str:
        """The name its files start with: `npcc-e2ee-child-safety`, `npcc-e2ee-child-safety-plain`."""
        return self.statement.meta.slug

    @property
    def is_plain(self) -> bool:
        return self.name == PLAIN


class Release:
    """Every edition of one statement for one build, and what making them found worth a warning. The plain-language
    edition is made on first use (by whichever thread of the build needs it first), so that the audio can start
    reading the statement while the plain version is still being written."""

    def __init__(self, full: Edition, make_plain: Callable[[], tuple[Edition, list[Diagnostic]]] | None = None,
                 warnings: list[Diagnostic] | None = None):
        self.full = full
        self.warnings = list(warnings or [])
        self._make_plain = make_plain
        self._plain: Edition | None = None
        self._lock = threading.Lock()

    @property
    def plain(self) -> Edition | None:
        with self._lock:
            if self._make_plain is not None:
                self._plain, warnings = self._make_plain()
                self.warnings += warnings
                self._make_plain = None
            return self._plain

    @property
    def statement(self) -> Statement:
        return self.full.statement

    @property
    def editions(self) -> list[Edition]:
        return [self.full, *([self.plain] if self.plain else [])]

    def named(self, names: tuple[str, ...]) -> "Named":
        """The editions of these names that this release has, in release order."""
        return Named(self, names)

    def edition(self, name: str | None) -> Edition | None:
        return next((edition for edition in self.editions if edition.name == name), None)


class Named(Sequence):
    """Some editions of a release, the plain one made only when it is reached: iterating gives the full edition
    first, before the plain one is written."""

    def __init__(self, release: Release, names: tuple[str, ...]):
        self.release, self.names = release, names

    def __iter__(self) -> Iterator[Edition]:
        if FULL in self.names:
            yield self.release.full
        if PLAIN in self.names and self.release.plain:
            yield self.release.plain

    def __bool__(self) -> bool:
        return FULL in self.names or any(True for _ in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __getitem__(self, index):
        if index == 0 and FULL in self.names:
            return self.release.full
        return list(self)[index]


def make_release(statement: Statement, with_plain: bool, kept: Path | None = None) -> Release:
    """The full edition (split by language for a bilingual statement), and the plain-language one when
    a chosen writer needs it (made when first used; `kept`: a folder where what it took to make is kept for the
    next build, `plain_language.KeptSimplifications`)."""
    from .languages import language_parts
    from .plain_language import plain_edition

    parts = tuple(Edition(FULL, part, origin="source", one_language_of_several=True)
                  for part in language_parts(statement))
    full = Edition(FULL, statement, origin="source", parts=parts)
    warnings = [] if has_messages(statement.meta.language) else [Diagnostic(
        Severity.WARNING, statement.source_path, None,
        f"the words the documents add (\"Published\", \"Contents\", \"Page 1 of 2\") are not translated into "
        f"{language_name(statement.meta.language)}, so they are in English (marked as English)",
        "add the language to renderer/data/messages.yaml")]
    return Release(full, (lambda: plain_edition(statement, kept)) if with_plain else None, warnings)
