"""Editions: the versions of a statement a release carries, made before any writer runs.

An edition is a statement model plus what readers are told about it. The full
edition is the statement as written; the plain-language edition is a second
statement made from it (`plain_language`): the authors' own, or generated for
English. Like Pandoc filters, editions are model in, model out: the source
statement is never changed. Writers render the editions they are given.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class Release:
    """Every edition of one statement for one build, and what making them found worth a warning."""

    full: Edition
    plain: Edition | None = None
    warnings: list[Diagnostic] = field(default_factory=list)

    @property
    def statement(self) -> Statement:
        return self.full.statement

    @property
    def editions(self) -> list[Edition]:
        return [self.full, *([self.plain] if self.plain else [])]

    def named(self, names: tuple[str, ...]) -> list[Edition]:
        """The editions of these names that this release has, in release order."""
        return [edition for edition in self.editions if edition.name in names]

    def edition(self, name: str | None) -> Edition | None:
        return next((edition for edition in self.editions if edition.name == name), None)


def make_release(statement: Statement, with_plain: bool) -> Release:
    """The full edition (split by language for a bilingual statement), and the plain-language one when
    a chosen writer needs it."""
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
    if not with_plain:
        return Release(full, warnings=warnings)
    plain, plain_warnings = plain_edition(statement)
    return Release(full, plain, warnings + plain_warnings)
