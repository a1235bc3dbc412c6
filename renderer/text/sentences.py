"""Sentences, from a real segmenter (pysbd): abbreviations and decimals stay whole (with British titles and
contact-line abbreviations added: `compat/pysbd.py`).

A pysbd Segmenter keeps the text it is segmenting on itself, so two threads sharing one get each other's
sentences (the audio is written in a thread of its own while the other formats are made): each thread has
its own.
"""

from __future__ import annotations

import re
import threading

from .words import EMAIL, URL

_own = threading.local()


def _segmenter():
    if not hasattr(_own, "segmenter"):
        from ..compat.pysbd import british_english_segmenter

        _own.segmenter = british_english_segmenter()
    return _own.segmenter


def sentences(text: str) -> list[str]:
    """The sentences of a passage, stripped, empty ones left out. A web or email address is one word: pysbd would
    end a sentence at its dots and question mark ("see https://www.a." | "gov.uk/news?" | "query=1.")."""
    if not text.strip():
        return []
    addresses: list[str] = []

    def hidden(match: re.Match) -> str:
        addresses.append(match.group(0))
        return f"xaddress{len(addresses) - 1}x"

    masked = EMAIL.sub(hidden, URL.sub(hidden, text))
    found = [s.strip() for s in _segmenter().segment(masked) if s.strip()]
    return [PLACEHOLDER.sub(lambda match: addresses[int(match.group(1))], s) for s in found] if addresses else found


PLACEHOLDER = re.compile(r"xaddress(\d+)x")
