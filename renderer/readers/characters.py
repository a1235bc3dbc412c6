"""Characters no writer may receive, removed from every source's text with a warning for each line."""

from __future__ import annotations

import re

from ..diagnostics import Diagnostics

# C0 and C1 controls but tab and line ends (XML 1.0 forbids most of them, and a vertical tab makes an EPUB
# unreadable), the text-direction overrides and isolates that can make text display differently from how it
# reads, and the noncharacters U+FFFE and U+FFFF.
UNWANTED_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def without_unwanted_characters(text: str, report: Diagnostics) -> str:
    """The text without control and text-direction characters, with a warning for each line that had some."""
    found: dict[int, list[str]] = {}
    for match in UNWANTED_CHARACTERS.finditer(text):
        found.setdefault(text.count("\n", 0, match.start()) + 1, []).append(f"U+{ord(match.group(0)):04X}")
    for line, characters in found.items():
        report.warning(line, f"invisible control or text-direction characters were removed ({', '.join(characters)})",
                       "retype the line, or paste it as plain text, so that nothing hidden is left in it")
    return UNWANTED_CHARACTERS.sub("", text) if found else text
