"""Readers: a source file in, the statement model out.

`read_statement(path)` picks the reader by the file's extension (Markdown, or
Word, which is read as the Markdown it stands for: see `docx`), reads and
checks the source, marks the language of passages the author left unmarked
(`languages`), then runs the style checks of `lint`. It raises
`SourceError` with every error found; otherwise it returns the statement and
the report holding its warnings.
"""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostics
from ..model import Statement
from .characters import without_unwanted_characters
from .docx import WordReader
from .languages import mark_languages
from .lint import check_style
from .markdown import MarkdownReader

def read_statement(path: str | Path) -> tuple[Statement, Diagnostics]:
    """Read and check one source file. Raises SourceError if it has errors;
    returns the statement and its diagnostics (warnings) otherwise."""
    path = Path(path)
    report = Diagnostics(path)
    statement = READERS.get(path.suffix.lower(), _read_markdown)(path, report)
    report.raise_errors()
    statement = mark_languages(statement, report)
    check_style(statement, report)
    return statement, report


def _read_markdown(path: Path, report: Diagnostics) -> Statement | None:
    text = _read_text(path, report)
    return MarkdownReader(path, text, report).read() if not report.errors else None


def _read_word(path: Path, report: Diagnostics) -> Statement | None:
    return WordReader(path, report).read()


# file extension → reader: `read(path, report) -> Statement | None` (None only after an error)
READERS = {".md": _read_markdown, ".markdown": _read_markdown, ".docx": _read_word,
           ".docm": _read_word}  # a .docm is refused, with the reason
SOURCE_SUFFIXES = tuple(READERS)


def _read_text(path: Path, report: Diagnostics) -> str:
    if not path.exists():
        report.error(None, "the source file does not exist", "check the path, or run from the folder that holds it")
        return ""
    if not path.is_file():
        report.error(None, "the source is not a file", "give a Markdown file, or a folder of them to `build`")
        return ""
    data = path.read_bytes()
    try:
        return without_unwanted_characters(data.decode("utf-8-sig"), report)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        report.error(line, f"the file is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                     "save the file as UTF-8 in your editor")
        return ""


