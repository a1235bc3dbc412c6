"""Mastering: sentences joined with their pauses, brought to the loudness listeners expect.

The recording is brought to −19 LUFS integrated (ITU-R BS.1770, mono speech)
through a look-ahead limiter, so that the true peak stays at or below −1 dBTP
after encoding; each voice is first matched to the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import voices
from .script import SpeechScript
from .synthesis import SAMPLE_RATE, segment_key

TARGET_LUFS = -19.0  # integrated loudness for mono spoken word
LOUDNESS_TOLERANCE = 1.0  # LU either side of the target
ENCODER_LOUDNESS_LOSS = 0.5  # LU: LAME's low-pass at 64 kbps takes about this much (measured on the examples)
TRUE_PEAK_LIMIT = -1.0  # dBTP, of the decoded MP3
LIMITER_CEILING = -2.0  # dBTP before encoding: the MP3 encoder adds a little overshoot
LEAD_IN_SECONDS, LEAD_OUT_SECONDS = 0.3, 0.8


@dataclass
class Cue:
    start: float
    end: float
    text: str


@dataclass
class ChapterMark:
    title: str
    start: float
    end: float
    parts: list["ChapterMark"] = field(default_factory=list)  # its sub-chapters, end to end (or none)


@dataclass
class Recording:
    """The speech of one script joined with its pauses, with where each sentence and chapter starts."""

    samples: np.ndarray
    cues: list[Cue]
    chapters: list[ChapterMark]

    @property
    def seconds(self) -> float:
        return len(self.samples) / SAMPLE_RATE


def _meter():
    import pyloudnorm

    return pyloudnorm.Meter(SAMPLE_RATE)


def loudness(samples: np.ndarray) -> float:
    """Integrated loudness in LUFS (ITU-R BS.1770-4); -inf for silence or under half a second."""
    if len(samples) < 0.5 * SAMPLE_RATE:
        return float("-inf")
    return float(_meter().integrated_loudness(samples.astype(np.float64)))


def sample_true_peaks(samples: np.ndarray) -> np.ndarray:
    """Each sample's true-peak estimate: the largest of its four oversampled values (BS.1770-4 Annex 2)."""
    from scipy.signal import resample_poly

    oversampled = np.abs(resample_poly(samples.astype(np.float32), 4, 1))
    return np.maximum(np.maximum(oversampled[0::4], oversampled[1::4]),
                      np.maximum(oversampled[2::4], oversampled[3::4]))


def true_peak(samples: np.ndarray) -> float:
    """True peak in dBTP."""
    peak = float(sample_true_peaks(samples).max()) if len(samples) else 0.0
    return float(20 * np.log10(peak)) if peak > 0 else float("-inf")


def limited(samples: np.ndarray, peaks: np.ndarray, gain_db: float, ceiling_db: float) -> np.ndarray:
    """The samples made `gain_db` louder through a look-ahead peak limiter: the gain falls smoothly
    before each peak, so no true peak passes the ceiling. `peaks` are the samples' own true peaks."""
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    gain = 10 ** (gain_db / 20)
    needed = np.minimum(gain, 10 ** (ceiling_db / 20) / np.maximum(peaks, 1e-9))
    window = int(0.01 * SAMPLE_RATE)  # 10 ms to reach the needed gain, and as long to let go
    smooth = minimum_filter1d(needed, size=2 * window + 1, mode="nearest")
    smooth = uniform_filter1d(smooth, size=window, mode="nearest")  # never above what a peak needs
    return (samples * smooth).astype(np.float32)


def mastered(samples: np.ndarray, target: float = TARGET_LUFS + ENCODER_LOUDNESS_LOSS) -> np.ndarray:
    """At the target loudness (± 0.1 LU), true peak under LIMITER_CEILING. Limiting lowers the loudness a little, and
    more the louder it is pushed, so the gain is found by the secant method: usually in two or three passes."""
    measured = loudness(samples)
    if not np.isfinite(measured):
        return samples
    peaks = sample_true_peaks(samples)  # once: a gain scales them, the limiter needs no new oversampling
    tried: list[tuple[float, float]] = []  # (gain in dB, loudness it gave)
    gain_db = target - measured
    for _ in range(4):
        result = limited(samples, peaks, gain_db, LIMITER_CEILING)
        tried.append((gain_db, loudness(result)))
        if abs(tried[-1][1] - target) <= 0.1:
            break
        if len(tried) == 1:
            gain_db += target - tried[-1][1]
        else:
            (g0, l0), (g1, l1) = tried[-2:]
            slope = (l1 - l0) / (g1 - g0) if g1 != g0 and l1 != l0 else 1.0
            gain_db = g1 + (target - l1) / max(slope, 0.1)
    return result


def level_matched(audio: dict[tuple[str, str], np.ndarray]) -> dict[tuple[str, str], np.ndarray]:
    """Each voice brought to the same loudness, so a Welsh passage read by espeak-ng is as loud as the rest."""
    by_voice: dict[str, list[tuple[str, str]]] = {}
    for key in audio:
        by_voice.setdefault(key[0], []).append(key)
    if len(by_voice) < 2:
        return audio
    matched = {}
    for keys in by_voice.values():
        measured = loudness(np.concatenate([audio[key] for key in keys]))
        gain = 10 ** ((TARGET_LUFS - measured) / 20) if np.isfinite(measured) else 1.0
        matched.update({key: audio[key] * gain for key in keys})
    return matched


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(round(seconds * SAMPLE_RATE)), np.float32)


def laid_out(script: SpeechScript, cast: voices.Cast, audio: dict[tuple[str, str], np.ndarray]) -> Recording:
    """The sentences joined with their pauses (not yet mastered), with each caption's and chapter's time."""
    pieces = [silence(LEAD_IN_SECONDS)]
    position = len(pieces[0])
    cues: list[Cue] = []
    starts: list[tuple[str, int]] = []
    part_starts: list[list[tuple[str, int]]] = []
    for chapter in script.chapters:
        starts.append((chapter.title, position if starts else 0))
        firsts = {part.first: part.title for part in chapter.parts}
        part_starts.append([])
        for number, utterance in enumerate(chapter.utterances):
            if number in firsts:
                part_starts[-1].append((firsts[number], starts[-1][1] if number == 0 else position))
            samples = audio[segment_key(cast, utterance)]
            cues.append(Cue(position / SAMPLE_RATE, (position + len(samples)) / SAMPLE_RATE, utterance.caption))
            pause = silence(utterance.pause)
            pieces += [samples, pause]
            position += len(samples) + len(pause)
    pieces.append(silence(LEAD_OUT_SECONDS))
    joined = np.concatenate(pieces)
    ends = [start for _, start in starts[1:]] + [len(joined)]
    chapters = [ChapterMark(title, start / SAMPLE_RATE, end / SAMPLE_RATE, marks(parts, end))
                for (title, start), end, parts in zip(starts, ends, part_starts)]
    return Recording(joined, cues, chapters)


def marks(starts: list[tuple[str, int]], end: int) -> list[ChapterMark]:
    """Chapters (or sub-chapters) from their titles and first samples: each ends where the next begins."""
    ends = [start for _, start in starts[1:]] + [end]
    return [ChapterMark(title, start / SAMPLE_RATE, until / SAMPLE_RATE) for (title, start), until in zip(starts, ends)]
