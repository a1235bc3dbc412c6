"""pysbd 0.3: the English rules with the abbreviations of British titles and contact lines.

pysbd splits after an abbreviation it does not know when a capital letter or a number follows, so "The Rt.
Hon. Stephen Harper" became three sentences (three captions, three read-along spans, three "sentences" for the
plain-language version's counts) and so did "Cllr. Smith", "Ch. Insp. Jones", "approx. 200", "c. 200" and
"Tel. 0123 …".
A segmenter's language rules are the class it holds as `language_module` (set by its constructor from the
language code; not a documented setting): here a subclass of pysbd's English whose abbreviation lists add these,
titles before a name (`PREPOSITIVE_ABBREVIATIONS`) and words before a number (`NUMBER_ABBREVIATIONS`).
"""

from __future__ import annotations

from . import require_version

TITLES = ["rt", "hon", "cllr", "insp", "ch", "revd", "cdr"]  # "The Rt. Hon.", "Cllr.", "Ch. Insp.", "Revd."
BEFORE_NUMBERS = ["approx", "tel", "c"]  # "approx. 200", "Tel. 0123 456789", "c. 200" (circa)


def british_english_segmenter():
    """A pysbd Segmenter for English that knows the abbreviations above (one per thread: see text/sentences)."""
    require_version("pysbd", "0.3", "renderer/compat/pysbd.py")
    import pysbd
    from pysbd.lang.english import English

    class BritishAbbreviation(English.Abbreviation):
        ABBREVIATIONS = English.Abbreviation.ABBREVIATIONS + sorted(
            set(TITLES + BEFORE_NUMBERS) - set(English.Abbreviation.ABBREVIATIONS))
        PREPOSITIVE_ABBREVIATIONS = English.Abbreviation.PREPOSITIVE_ABBREVIATIONS + TITLES
        NUMBER_ABBREVIATIONS = English.Abbreviation.NUMBER_ABBREVIATIONS + BEFORE_NUMBERS

    class BritishEnglish(English):
        Abbreviation = BritishAbbreviation

    segmenter = pysbd.Segmenter(language="en", clean=False)
    segmenter.language_module = BritishEnglish
    return segmenter
