"""Sentences, from a real segmenter (pysbd): abbreviations and decimals stay whole (with British titles and
contact-line abbreviations added: `compat/pysbd.py`).

A pysbd Segmenter keeps the text it is segmenting on itself, so two threads sharing one get each other's
sentences (the audio is written in a thread of its own while the other formats are made): each thread has
its own.
"""

from __future__ import annotations

import threading

_own = threading.local()


def _segmenter():
    if not hasattr(_own, "segmenter"):
        from ..compat.pysbd import british_english_segmenter

        _own.segmenter = british_english_segmenter()
    return _own.segmenter


def sentences(text: str) -> list[str]:
    """The sentences of a passage, stripped, empty ones left out."""
    if not text.strip():
        return []
    return [s.strip() for s in _segmenter().segment(text) if s.strip()]
