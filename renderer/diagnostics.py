"""Problems found in a source statement, as values with a file, a line and a fix.

A stage that finds a problem makes a `Diagnostic`; errors stop the build
(raised together as `SourceError`), warnings are printed and the build goes on.
The CLI prints each one once, on one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path


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

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else f"{self.file}"
        return f"{where}: {self.severity.value}: {self.message}. Fix: {self.fix}"


class SourceError(Exception):
    """One or more errors that stop a statement from being built."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = [d for d in diagnostics if d.severity is Severity.ERROR]
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class Diagnostics:
    """Collects the problems of one source file, then raises the errors at once."""

    def __init__(self, file: Path):
        self.file = file
        self.items: list[Diagnostic] = []

    def error(self, line: int | None, message: str, fix: str) -> None:
        self.items.append(Diagnostic(Severity.ERROR, self.file, line, message, fix))

    def warning(self, line: int | None, message: str, fix: str) -> None:
        self.items.append(Diagnostic(Severity.WARNING, self.file, line, message, fix))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    def raise_errors(self) -> None:
        if self.errors:
            raise SourceError(self.items)
