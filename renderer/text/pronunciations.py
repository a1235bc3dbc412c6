"""Pronunciation lexicons: how the speech script says words a voice gets wrong.

Three sources, later ones winning: the project's `data/pronunciations.yaml` (per language), a W3C PLS
lexicon file named in the statement's front matter (`pronounce: names.pls`, as DAISY tools use), and the
statement's own `pronounce:` map (`Critchley: Critch-lee`). Only what the voice says changes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from lxml import etree

from .messages import primary_language

DATA = Path(__file__).resolve().parent.parent / "data" / "pronunciations.yaml"
PLS = "{http://www.w3.org/2005/01/pronunciation-lexicon}"


@lru_cache(maxsize=1)
def project_lexicon() -> dict[str, dict[str, str]]:
    return yaml.safe_load(DATA.read_text("utf-8")) or {}


def read_pls(path: Path) -> dict[str, str]:
    """grapheme → alias from a PLS 1.0 file (entries with only phonemes are left out: the voices here take
    words, not IPA)."""
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    found = {}
    for lexeme in root.iter(f"{PLS}lexeme"):
        alias = lexeme.findtext(f"{PLS}alias")
        if alias:
            for grapheme in lexeme.iter(f"{PLS}grapheme"):
                if grapheme.text and grapheme.text.strip():
                    found[grapheme.text.strip()] = alias.strip()
    return found


class Lexicon:
    def __init__(self, entries: dict[str, str]):
        self.entries = dict(entries)
        names = sorted(self.entries, key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w'’-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])",
                                  re.IGNORECASE) if names else None

    @classmethod
    def for_statement(cls, language: str, own: dict[str, str], lexicon_file: Path | None = None) -> "Lexicon":
        entries = dict(project_lexicon().get(primary_language(language)) or {})
        if lexicon_file is not None:
            entries.update(read_pls(lexicon_file))
        entries.update(own)
        return cls(entries)

    def respelled(self, text: str) -> str:
        """The text with each entry's word said as its respelling (names only as written, with a capital)."""
        if self.pattern is None:
            return text

        def say(match: re.Match) -> str:
            word = match.group(1)
            for entry, respelling in self.entries.items():
                if entry == word or (entry.islower() and entry == word.lower()):
                    return respelling if not word[0].isupper() or respelling[0].isupper() else \
                        respelling[0].upper() + respelling[1:]
            return word

        return self.pattern.sub(say, text)
