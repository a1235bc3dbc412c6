"""EPUB 3 Media Overlays for the EPUB writer: which element of a content document each sentence of the audio
reads, and for how long (from the audio stage's own sentence times: `context.spoken`).

Each sentence the audio reads names the element it belongs to (`Utterance.target`: a sentence's span, a
heading, a table row, …). A `par` is made for each one found in the document, in document order; words
with no element of their own ("End of quote.", "Statement from …") and any element out of order are joined
to the clip before them, so the clips run end to end and add up to the recordings. The pars inside a quote,
a list or a table are grouped in a `seq` pointing to it (`epub:type` figure, list, table), so that a
reading system can skip or escape it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from . import Spoken

XHTML = "{http://www.w3.org/1999/xhtml}"
ACTIVE_CLASS = "-epub-media-overlay-active"
CONTAINERS = {f"{XHTML}table": "table", f"{XHTML}ul": "list", f"{XHTML}ol": "list", f"{XHTML}figure": "figure"}


@dataclass
class Par:
    id: str
    target: str
    audio: str
    begin: float
    end: float


@dataclass
class Group:
    id: str
    target: str
    type: str
    pars: list[Par] = field(default_factory=list)


def clock(seconds: float) -> str:
    """A SMIL clock value, h:mm:ss.fff (media:duration)."""
    whole, fraction = divmod(round(seconds * 1000), 1000)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}.{fraction:03d}"


def overlay(xhtml: str, recordings: list[Spoken], audio_folder: str = "audio/") -> tuple[list, float]:
    """The entries of a content document's overlay (pars, and groups of them) and their total duration."""
    root = etree.fromstring(xhtml.encode("utf-8"))
    order = {element.get("id"): index for index, element in enumerate(root.iter()) if element.get("id")}
    section, section_of = None, {}  # the level-2 heading each element comes under
    for element in root.iter():
        if element.tag == f"{XHTML}h2" and element.get("id"):
            section = element.get("id")
        if element.get("id"):
            section_of[element.get("id")] = section
    container = {}
    for element in root.iter():
        if element.get("id"):
            found = next((c for c in [element, *element.iterancestors()]
                          if c.tag in CONTAINERS and c.get("id")), None)
            container[element.get("id")] = (found.get("id"), CONTAINERS[found.tag]) if found is not None else None
    pars: list[Par] = []
    for recording in recordings:
        audio = audio_folder + recording.mp3
        pending = None  # where words before the first par of this recording begin
        for _, sentence, begin, end in recording.clips():
            if sentence.target in order and (not pars or order[sentence.target] > order[pars[-1].target]):
                pars.append(Par(f"par{len(pars) + 1}", sentence.target, audio, begin if pending is None else pending,
                                end))
                pending = None
            elif pars and pars[-1].audio == audio:
                pars[-1].end = end
            elif pending is None:
                pending = begin
    entries: list = []
    groups = 0
    for par in pars:
        level = entries  # the section's seq (headed by its level-2 heading), then the quote's, list's or table's
        heading = section_of.get(par.target)
        if heading is not None:
            if not (entries and isinstance(entries[-1], Group) and entries[-1].target == heading):
                groups += 1
                entries.append(Group(f"seq{groups}", heading, "chapter"))
            level = entries[-1].pars
        inside = container.get(par.target)
        if inside is None:
            level.append(par)
        elif level and isinstance(level[-1], Group) and level[-1].target == inside[0]:
            level[-1].pars.append(par)
        else:
            groups += 1
            level.append(Group(f"seq{groups}", inside[0], inside[1], [par]))
    return entries, sum(par.end - par.begin for par in pars)
