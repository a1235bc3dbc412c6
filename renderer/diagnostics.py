"""Problems found in a source statement, as values with a file, a line and a fix.

A stage that finds a problem makes a `Diagnostic`; errors stop the build
(raised together as `SourceError`), warnings are printed and the build goes on.
The CLI prints each one once, on one line.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Callable


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    file: Path
    line: int | None
    message: str
    fix: str
    place: str | None = None  # where in a file that has no lines, e.g. "paragraph 12" of a Word document

    def __str__(self) -> str:
        if self.place:
            where = f"{self.file}, {self.place}"
        else:
            where = f"{self.file}:{self.line}" if self.line else f"{self.file}"
        return f"{where}: {self.severity.value}: {self.message}. Fix: {self.fix}"


class SourceError(Exception):
    """One or more errors that stop a statement from being built."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = [d for d in diagnostics if d.severity is Severity.ERROR]
        super().__init__("\n".join(str(d) for d in self.diagnostics))


FILE_SYSTEM_PROBLEMS = {
    errno.EACCES: ("permission denied", "choose another --out folder, or ask for permission to write to this one"),
    errno.EPERM: ("the operation is not permitted", "choose another --out folder"),
    errno.EROFS: ("the folder is on a read-only file system", "choose another --out folder"),
    errno.ENOSPC: ("the disk is full", "free some space on the disk, or choose an --out folder on another disk"),
    errno.EDQUOT: ("the disk quota is used up", "free some space, or choose an --out folder on another disk"),
    errno.ENOTDIR: ("part of the path is a file, not a folder", "choose an --out folder that is a folder"),
}


def file_system_error(error: OSError, folder: Path) -> SourceError:
    """A failed read or write as one line with its fix (the build then stops; nothing is published)."""
    problem, fix = FILE_SYSTEM_PROBLEMS.get(error.errno, (error.strerror or str(error), "check the folder and try again"))
    where = Path(error.filename) if error.filename else folder
    return SourceError([Diagnostic(Severity.ERROR, where, None, f"cannot write the release in {folder}: {problem}",
                                   fix)])


# A line of the text a reader parsed → the file and place a person can find it at (for a source that was
# turned into that text, e.g. a Word document: its paragraph, or the line of its sidecar file).
Locate = Callable[[int | None], tuple[Path, int | None, str | None]]


class Diagnostics:
    """Collects the problems of one source file, then raises the errors at once."""

    def __init__(self, file: Path, locate: Locate | None = None):
        self.file = file
        self.locate = locate
        self.items: list[Diagnostic] = []

    def _add(self, severity: Severity, line: int | None, message: str, fix: str) -> None:
        if self.locate is None:
            self.items.append(Diagnostic(severity, self.file, line, message, fix))
        else:
            file, line, place = self.locate(line)
            self.items.append(Diagnostic(severity, file, line, message, fix, place))

    def error(self, line: int | None, message: str, fix: str) -> None:
        self._add(Severity.ERROR, line, message, fix)

    def warning(self, line: int | None, message: str, fix: str) -> None:
        self._add(Severity.WARNING, line, message, fix)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    def raise_errors(self) -> None:
        if self.errors:
            raise SourceError(self.items)
