"""Braille: the page size, the liblouis tables for each language, translation both ways (`lou_translate`
from Debian's liblouis-bin), and ASCII braille ↔ Unicode braille. Used by the braille writer and by the
checks that read its files back."""

from __future__ import annotations

import shutil
import subprocess

from .messages import primary_language

CELLS = 40
LINES = 25
TEXT_LINES = LINES - 1  # the first line of every page holds its number
DISPLAY_TABLE = "en-us-brf.dis"  # ASCII braille, as BRF files and embossers use it
TABLES = {"en": "en-ueb-g2.ctb", "cy": "cy-cy-g2.ctb"}
FOREIGN_TABLE = "en-ueb-g1.ctb"  # UEB writes words of other languages uncontracted
# ASCII braille: the character for each of the 64 cells, in the order of Unicode's braille block (U+2800 + dots)
ASCII_BRAILLE = " A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)="
SEPARATOR = "3" * 12  # dots 2-5: the UK's separation line


class LiblouisMissing(Exception):
    """lou_translate is not installed, or cannot translate (its tables missing): the reason in words."""

    def __init__(self, reason: str = "liblouis is not installed"):
        super().__init__(reason)
        self.reason = reason


def table_for(language: str) -> str:
    return TABLES.get(primary_language(language), FOREIGN_TABLE)


def translate(texts: list[str], table: str, backward: bool = False) -> list[str]:
    """Each text through liblouis (one `lou_translate` for them all): print → ASCII braille, or back."""
    program = shutil.which("lou_translate")
    if program is None:
        raise LiblouisMissing()
    lines = [" ".join(text.split()).replace("\\", "\\\\") for text in texts]  # lou_translate reads \ escapes
    done = subprocess.run([program, "--backward" if backward else "--forward", f"{DISPLAY_TABLE},{table}"],
                          input="\n".join(lines) + "\n", capture_output=True, text=True)
    if done.returncode != 0 or "could not be compiled" in done.stderr:  # it exits 0 when a table is missing
        problem = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise LiblouisMissing(f"liblouis could not translate with {table} ({problem})")
    result = done.stdout.split("\n")[:len(lines)]
    if len(result) != len(lines):
        raise RuntimeError(f"liblouis gave {len(result)} lines for {len(lines)}")
    return result


def unicode_braille(ascii_braille: str) -> str:
    return "".join(chr(0x2800 + ASCII_BRAILLE.index(c)) if c in ASCII_BRAILLE else chr(0x2800)
                   for c in ascii_braille.upper())
