"""Readers: a source file in, the statement model out.

`read_statement(path)` picks the reader by the file's extension (today Markdown;
a Word reader goes beside it as `docx.py` and one line in `READERS`), reads and
checks the source, then runs the style checks of `lint`. It raises
`SourceError` with every error found; otherwise it returns the statement and
the report holding its warnings.
"""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostics
from ..model import Statement
from .lint import check_style
from .markdown import MarkdownReader

# file extension → reader class: `Reader(path, text, report).read() -> Statement`
READERS = {".md": MarkdownReader, ".markdown": MarkdownReader}


def read_statement(path: str | Path) -> tuple[Statement, Diagnostics]:
    """Read and check one source file. Raises SourceError if it has errors;
    returns the statement and its diagnostics (warnings) otherwise."""
    path = Path(path)
    report = Diagnostics(path)
    text = _read_text(path, report)
    report.raise_errors()
    reader = READERS.get(path.suffix.lower(), MarkdownReader)
    statement = reader(path, text, report).read()
    report.raise_errors()
    check_style(statement, report)
    return statement, report


def _read_text(path: Path, report: Diagnostics) -> str:
    if not path.exists():
        report.error(None, "the source file does not exist", "check the path, or run from the folder that holds it")
        return ""
    if not path.is_file():
        report.error(None, "the source is not a file", "give a Markdown file, or a folder of them to `build`")
        return ""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        report.error(line, f"the file is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                     "save the file as UTF-8 in your editor")
        return ""
