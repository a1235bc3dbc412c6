"""Checks on the DAISY 2.02 talking book, from the structure its specification sets (there is no DAISY
validator on these machines): the navigation control centre's required metadata and first heading, every
link of the ncc and every text and audio reference of the SMIL files resolving inside the book, clip times
that increase and stay inside the audio, each SMIL's duration and elapsed time, and the total time."""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

from ..artifact import Check

XHTML = "{http://www.w3.org/1999/xhtml}"
REQUIRED_META = ("dc:title", "dc:creator", "dc:date", "dc:format", "dc:identifier", "dc:language", "dc:publisher",
                 "ncc:charset", "ncc:depth", "ncc:files", "ncc:generator", "ncc:maxPageNormal",
                 "ncc:multimediaType", "ncc:narrator", "ncc:pageFront", "ncc:pageNormal", "ncc:pageSpecial",
                 "ncc:setInfo", "ncc:tocItems", "ncc:totalTime")
TOLERANCE = 0.05  # seconds: times are written to the millisecond
TOTAL_TOLERANCE = 1.0  # the total against the MP3s' own length (encoder padding)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


class BookProblem(Exception):
    pass


def seconds_of(value: str) -> float:
    """A SMIL time (DAISY's and EPUB Media Overlays'): 'npt=12.345s', '12.345s', '[hh:]mm:ss(.sss)'.
    ValueError when it is not one."""
    value = value.strip().removeprefix("npt=")
    if value.endswith("s") and ":" not in value:
        return float(value[:-1])
    parts = value.split(":")
    if not 2 <= len(parts) <= 3:
        raise ValueError(f"'{value}' is not a clock value")
    return sum(float(part) * 60 ** power for power, part in enumerate(reversed(parts)))


def check(subject) -> list[Check]:
    try:
        with zipfile.ZipFile(subject.path) as book:
            return inspect(book)
    except (zipfile.BadZipFile, BookProblem, etree.XMLSyntaxError, KeyError, ValueError) as problem:
        return [Check("DAISY 2.02 structure", False, f"the book cannot be read: {problem}")]


def inspect(book: zipfile.ZipFile) -> list[Check]:
    names = set(book.namelist())
    ncc_name = next((n for n in names if posixpath.basename(n).lower() == "ncc.html"), None)
    if ncc_name is None:
        raise BookProblem("there is no ncc.html")
    folder = posixpath.dirname(ncc_name)

    def inside(relative: str) -> str:
        return posixpath.normpath(posixpath.join(folder, relative)) if folder else relative

    ncc = etree.fromstring(book.read(ncc_name), _PARSER)
    meta = {m.get("name"): m.get("content", "") for m in ncc.iter(f"{XHTML}meta") if m.get("name")}
    body = ncc.find(f"{XHTML}body")
    headings = [e for e in body if e.tag in {f"{XHTML}h{n}" for n in range(1, 7)}] if body is not None else []

    problems = [f"{name} is missing" for name in REQUIRED_META if not meta.get(name, "").strip()]
    if meta.get("dc:format") != "Daisy 2.02":
        problems.append(f"dc:format is '{meta.get('dc:format')}', not 'Daisy 2.02'")
    if meta.get("ncc:multimediaType") != "audioFullText":
        problems.append("ncc:multimediaType is not audioFullText")
    if body is None or not len(body) or body[0].tag != f"{XHTML}h1" or body[0].get("class") != "title":
        problems.append("the ncc's first element is not <h1 class=\"title\">")
    if meta.get("ncc:tocItems", "").isdigit() and int(meta["ncc:tocItems"]) != len(headings):
        problems.append(f"ncc:tocItems is {meta['ncc:tocItems']} but the ncc has {len(headings)} headings")
    depth = max((int(h.tag[-1]) for h in headings), default=0)
    if meta.get("ncc:depth", "").isdigit() and int(meta["ncc:depth"]) != depth:
        problems.append(f"ncc:depth is {meta['ncc:depth']} but the deepest heading is h{depth}")
    if meta.get("ncc:files", "").isdigit() and int(meta["ncc:files"]) != len(names):
        problems.append(f"ncc:files is {meta['ncc:files']} but the book holds {len(names)} files")
    checks = [Check("DAISY 2.02 metadata", not problems, "; ".join(problems) if problems else
                    "ncc.html has every required metadata item, with Daisy 2.02 and audioFullText")]

    # every ncc entry leads to a SMIL par; every SMIL's text and audio lead to what exists
    broken, smil_order, ids_in = [], [], {}

    def ids_of(name: str) -> set[str]:
        if name not in ids_in:
            if name not in names:
                ids_in[name] = None
            else:
                tree = etree.fromstring(book.read(name), _PARSER)
                ids_in[name] = {e.get("id") for e in tree.iter() if e.get("id")}
        return ids_in[name] or set()

    for heading in headings:
        link = heading.find(f"{XHTML}a")
        href = link.get("href", "") if link is not None else ""
        target, _, fragment = href.partition("#")
        if not target.endswith(".smil") or inside(target) not in names or fragment not in ids_of(inside(target)):
            broken.append(f"the ncc heading '{''.join(heading.itertext()).strip()}' links to {href or 'nothing'}")
        elif inside(target) not in smil_order:
            smil_order.append(inside(target))
    audio_seconds: dict[str, float] = {}
    timing: list[str] = []
    elapsed = 0.0
    for name in smil_order:
        smil = etree.fromstring(book.read(name), _PARSER)
        smil_meta = {m.get("name"): m.get("content", "") for m in smil.iter("meta")}
        if smil_meta.get("dc:format") != "Daisy 2.02":
            broken.append(f"{posixpath.basename(name)} has no dc:format Daisy 2.02")
        clips = []
        for par in smil.iter("par"):
            text, audio = par.find("text"), par.find("audio")
            if text is None or audio is None:
                broken.append(f"{posixpath.basename(name)}: the par {par.get('id')} lacks its text or audio")
                continue
            target, _, fragment = text.get("src", "").partition("#")
            if fragment not in ids_of(inside(target)):
                broken.append(f"{posixpath.basename(name)}: {text.get('src')} does not exist")
            source = inside(audio.get("src", ""))
            if source not in names:
                broken.append(f"{posixpath.basename(name)}: the audio {audio.get('src')} is not in the book")
                continue
            if source not in audio_seconds:
                from mutagen.mp3 import MP3

                audio_seconds[source] = MP3(io.BytesIO(book.read(source))).info.length
            clips.append((source, seconds_of(audio.get("clip-begin", "")), seconds_of(audio.get("clip-end", ""))))
        previous_end = {}
        for source, begin, end in clips:
            if end <= begin:
                timing.append(f"{posixpath.basename(name)}: a clip ends ({end:.3f} s) before it begins ({begin:.3f} s)")
            if begin < previous_end.get(source, 0.0) - TOLERANCE:
                timing.append(f"{posixpath.basename(name)}: a clip at {begin:.3f} s starts before the one before it ends")
            if end > audio_seconds[source] + TOLERANCE:
                timing.append(f"{posixpath.basename(name)}: a clip ends at {end:.3f} s, after the end of "
                              f"{posixpath.basename(source)} ({audio_seconds[source]:.3f} s)")
            previous_end[source] = end
        duration = sum(end - begin for _, begin, end in clips)
        seq = smil.find("body/seq")
        if seq is None or abs(seconds_of(seq.get("dur", "0s")) - duration) > TOLERANCE:
            timing.append(f"{posixpath.basename(name)}: its seq's dur is not the sum of its clips ({duration:.3f} s)")
        if abs(seconds_of(smil_meta.get("ncc:timeInThisSmil", "0:0:0")) - duration) > TOLERANCE:
            timing.append(f"{posixpath.basename(name)}: ncc:timeInThisSmil is not {duration:.3f} s")
        if abs(seconds_of(smil_meta.get("ncc:totalElapsedTime", "0:0:0")) - elapsed) > TOLERANCE:
            timing.append(f"{posixpath.basename(name)}: ncc:totalElapsedTime is not {elapsed:.3f} s")
        elapsed += duration
    checks.append(Check("DAISY navigation", not broken, "; ".join(broken[:5]) if broken else
                        f"all {len(headings)} ncc headings and every SMIL text and audio reference resolve"))
    checks.append(Check("DAISY timing", not timing, "; ".join(timing[:5]) if timing else
                        f"{len(smil_order)} SMIL files: clips in order, inside the audio, durations and elapsed times "
                        "as stated"))
    try:
        total = seconds_of(meta.get("ncc:totalTime", ""))
    except ValueError:
        total = -1.0  # missing or not a time
    audio_total = sum(audio_seconds.values())
    total_ok = abs(total - elapsed) <= TOTAL_TOLERANCE and abs(total - audio_total) <= TOTAL_TOLERANCE
    checks.append(Check("DAISY total time", total_ok,
                        f"ncc:totalTime {meta.get('ncc:totalTime')}: the SMIL files add up to {elapsed:.1f} s and the "
                        f"audio lasts {audio_total:.1f} s"))
    return checks
