"""Readers: a source file in, the statement model out.

`read_statement(path)` picks the reader by the file's extension (today Markdown;
a Word reader goes beside it as `docx.py` and one line in `READERS`), reads and
checks the source, marks the language of passages the author left unmarked
(`languages`), then runs the style checks of `lint`. It raises
`SourceError` with every error found; otherwise it returns the statement and
the report holding its warnings.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..diagnostics import Diagnostics
from ..model import Statement
from .languages import mark_languages
from .lint import check_style
from .markdown import MarkdownReader

# Characters no writer may receive: C0 and C1 controls but tab and line ends (XML 1.0 forbids most of them,
# and a vertical tab makes an EPUB unreadable), the text-direction overrides and isolates that can make
# text display differently from how it reads, and the noncharacters U+FFFE and U+FFFF.
UNWANTED_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
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
    statement = mark_languages(statement, report)
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
        return _without_unwanted_characters(data.decode("utf-8-sig"), report)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        report.error(line, f"the file is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                     "save the file as UTF-8 in your editor")
        return ""


def _without_unwanted_characters(text: str, report: Diagnostics) -> str:
    """The text without control and text-direction characters, with a warning for each line that had some."""
    found: dict[int, list[str]] = {}
    for match in UNWANTED_CHARACTERS.finditer(text):
        found.setdefault(text.count("\n", 0, match.start()) + 1, []).append(f"U+{ord(match.group(0)):04X}")
    for line, characters in found.items():
        report.warning(line, f"invisible control or text-direction characters were removed ({', '.join(characters)})",
                       "retype the line, or paste it as plain text, so that nothing hidden is left in it")
    return UNWANTED_CHARACTERS.sub("", text) if found else text
