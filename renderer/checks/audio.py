"""Checks on the audio: the MP3 as a player gets it, and its WebVTT captions."""

from __future__ import annotations

import re
from pathlib import Path

from ..artifact import Check
from ..text.dates import format_duration
from ..writers.audio.mastering import LOUDNESS_TOLERANCE, TARGET_LUFS, TRUE_PEAK_LIMIT

MIN_WORDS_PER_MINUTE, MAX_WORDS_PER_MINUTE = 110, 220  # a plausible pace for the duration check


def check_mp3(subject) -> list[Check]:
    """Loudness and true peak as measured on the decoded file, the chapters read back from its ID3 tags,
    and a plausible pace of speech (the file's length less the pauses the script puts between sentences and
    around headings, which would make a short statement seem slow)."""
    properties = subject.artifact.properties
    seconds, words = properties["duration_seconds"], properties["spoken_words"]
    pauses = properties.get("pause_seconds", 0.0)
    speaking = seconds - pauses
    pace = words / (speaking / 60) if speaking > 0 else 0
    chapters = read_chapters(subject.path)
    expected = [(chapter["title"], [part["title"] for part in chapter.get("parts", [])])
                for chapter in properties["chapters"]]
    starts = [start for _, start, parts in chapters for start in ([part[1] for part in parts] or [start])]
    in_order = all(a < b for a, b in zip(starts, starts[1:]))  # no chapter overlaps another
    sub_chapters = sum(len(parts) for _, _, parts in chapters)
    return [
        Check("Loudness", bool(abs(properties["loudness_lufs"] - TARGET_LUFS) <= LOUDNESS_TOLERANCE),
              f"{properties['loudness_lufs']:.1f} LUFS integrated (target {TARGET_LUFS:.0f} ± {LOUDNESS_TOLERANCE:.0f})"),
        Check("True peak", bool(properties["true_peak_dbtp"] <= TRUE_PEAK_LIMIT),
              f"{properties['true_peak_dbtp']:.1f} dBTP (limit {TRUE_PEAK_LIMIT:.0f})"),
        Check("Chapters", [(title, [part[0] for part in parts]) for title, _, parts in chapters] == expected
              and in_order,
              f"{len(chapters)} chapters, one for each section, and {sub_chapters} sub-chapters (paragraphs, "
              "quotes), in order, read back from the ID3 tags"),
        Check("Duration", MIN_WORDS_PER_MINUTE <= pace <= MAX_WORDS_PER_MINUTE,
              f"{format_duration(seconds)} for {words} spoken words ({pace:.0f} words a minute, "
              f"{format_duration(pauses)} of it pauses)"),
    ]


def read_chapters(path: Path) -> list[tuple[str, float, list[tuple[str, float]]]]:
    """The chapters a player shows, from the ID3 tags' top table of contents: (title, start in seconds, its
    sub-chapters as (title, start): a section with sub-chapters is a table of contents of its own)."""
    from mutagen.id3 import ID3, CTOCFlags

    tags = ID3(path)
    frames = {frame.element_id: frame for frame in [*tags.getall("CHAP"), *tags.getall("CTOC")]}
    top = next(frame for frame in tags.getall("CTOC") if frame.flags & CTOCFlags.TOP_LEVEL)

    def title_and_start(frame) -> tuple[str, float]:
        return frame.sub_frames["TIT2"].text[0], frame.start_time / 1000

    chapters = []
    for element_id in top.child_element_ids:
        frame = frames[element_id]
        if frame.FrameID == "CTOC":
            parts = [title_and_start(frames[child]) for child in frame.child_element_ids]
            chapters.append((frame.sub_frames["TIT2"].text[0], parts[0][1], parts))
        else:
            chapters.append((*title_and_start(frame), []))
    return chapters


def check_captions(subject) -> list[Check]:
    return [captions_check(subject.path, subject.artifact.properties["duration_seconds"])]


VTT_TIMING = re.compile(r"^(\d{2,}):(\d{2}):(\d{2})\.(\d{3}) --> (\d{2,}):(\d{2}):(\d{2})\.(\d{3})$")


def captions_check(path: Path, audio_seconds: float) -> Check:
    """The WebVTT rules a player relies on: the header, well-formed cue timings, in order, within the audio."""
    blocks = path.read_text("utf-8").replace("\r\n", "\n").strip().split("\n\n")
    problems = [] if blocks[0].splitlines()[0] == "WEBVTT" else ["the file does not start with WEBVTT"]
    previous_end, cues = 0.0, 0
    for block in blocks[1:]:
        lines = block.splitlines()
        timing = next((VTT_TIMING.match(line) for line in lines if "-->" in line), None)
        if not timing or len(lines) < 3:
            problems.append(f"a cue is malformed: {lines[:2]}")
            continue
        numbers = [int(n) for n in timing.groups()]
        start = numbers[0] * 3600 + numbers[1] * 60 + numbers[2] + numbers[3] / 1000
        end = numbers[4] * 3600 + numbers[5] * 60 + numbers[6] + numbers[7] / 1000
        if not previous_end <= start < end <= audio_seconds + 0.05:
            problems.append(f"cue {cues + 1} ({start:.3f} to {end:.3f} s) overlaps or is outside the audio")
        previous_end, cues = end, cues + 1
    return Check("WebVTT captions", not problems and cues > 0,
                 "; ".join(problems[:3]) if problems else f"{cues} cues in order, within the {audio_seconds:.0f} s audio")
