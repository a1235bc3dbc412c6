"""Mastering: sentences joined with their pauses, brought to the loudness listeners expect.

The recording is brought to −19 LUFS integrated (ITU-R BS.1770, mono speech)
through a look-ahead limiter, so that the true peak stays at or below −1 dBTP
after encoding; each voice is first matched to the others.

One gain is found for the whole recording, but the limiter works piece by
piece (chapters, split at their sub-chapters: paragraphs, speakers): pieces meet
in a pause, which its 10 ms window never crosses, so the result is the same as
limiting the whole, and a piece whose sentences did not change is mastered (and
encoded, `mp3.py`) exactly as before: a one-word edit re-masters one paragraph.
Loudness is measured here too (BS.1770-4 gating over K-weighted 100 ms steps,
the filter from pyloudnorm), so that each piece's steps are kept and only a
changed piece is measured again; measured whole, it gives pyloudnorm's figure
(a test compares).
"""

from __future__ import annotations

import hashlib
import io
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from ...files import write_atomically

from . import voices
from .script import SpeechScript
from .synthesis import SAMPLE_RATE, segment_key

TARGET_LUFS = -19.0  # integrated loudness for mono spoken word
LOUDNESS_TOLERANCE = 1.0  # LU either side of the target
ENCODER_LOUDNESS_LOSS = 0.5  # LU: LAME's low-pass at 64 kbps takes about this much (measured on the examples)
TRUE_PEAK_LIMIT = -1.0  # dBTP, of the decoded MP3
LIMITER_CEILING = -2.0  # dBTP before encoding: the MP3 encoder adds a little overshoot
LEAD_IN_SECONDS, LEAD_OUT_SECONDS = 0.3, 0.8


def get_ready() -> None:
    """Import what mastering needs (SciPy's signal module: 0.7 s in a new process) in the background, while the
    first recording's sentences are read: in a new process after an edit, mastering would otherwise wait."""
    import importlib

    threading.Thread(target=importlib.import_module, args=("scipy.signal",), name="importing", daemon=True).start()


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
    # each piece's first and end sample: the chapters, those with sub-chapters (paragraphs, speakers) split at
    # each, so that an edit re-masters and re-encodes one paragraph even in a statement with no sections
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return len(self.samples) / SAMPLE_RATE

    def pieces(self) -> list[np.ndarray]:
        """The samples piece by piece (`spans`; each ends in its pause: the lead-in is in the first, the lead-out
        in the last)."""
        return [self.samples[start:end] for start, end in self.spans]

    def moved(self, starts: list[int], length: int) -> "Recording":
        """The same recording with piece i's samples starting at `starts[i]` instead, `length` samples long in
        all (the encoder adds a little silence between pieces): every cue and chapter mark moved with its
        piece; the first chapter still starts at 0."""

        def at(seconds: float) -> float:
            position = round(seconds * SAMPLE_RATE)
            number = max(n for n, (start, _) in enumerate(self.spans) if start <= position or n == 0)
            return (position - self.spans[number][0] + starts[number]) / SAMPLE_RATE

        def mark(chapter: ChapterMark, start: float, end: float) -> ChapterMark:
            part_starts = [start] + [at(part.start) for part in chapter.parts[1:]]
            part_ends = part_starts[1:] + [end]
            return ChapterMark(chapter.title, start, end, [ChapterMark(part.title, part_start, part_end) for
                                                           part, part_start, part_end in
                                                           zip(chapter.parts, part_starts, part_ends)])

        chapter_starts = [0.0] + [at(chapter.start) for chapter in self.chapters[1:]]
        chapter_ends = chapter_starts[1:] + [length / SAMPLE_RATE]
        return Recording(self.samples, [Cue(at(cue.start), at(cue.start) + cue.end - cue.start, cue.text)
                                        for cue in self.cues],
                         [mark(chapter, start, end) for chapter, start, end in
                          zip(self.chapters, chapter_starts, chapter_ends)], self.spans)


# BS.1770-4 gating: blocks of 400 ms, 100 ms apart; at 22,050 Hz a block is four steps of 2,205 samples
GATING_STEP = SAMPLE_RATE // 10
ABSOLUTE_GATE, RELATIVE_GATE = -70.0, -10.0  # LUFS; LU below the mean of the blocks above the absolute gate


@lru_cache(maxsize=1)
def _k_weighting() -> np.ndarray:
    """BS.1770-4's K-weighting filter at our sample rate, as pyloudnorm's Meter makes it: its two stages (a high
    shelf, then a high pass) as second-order sections, applied in one pass."""
    import pyloudnorm

    stages = (pyloudnorm.IIRfilter(4.0, 1 / np.sqrt(2), 1500.0, SAMPLE_RATE, "high_shelf"),
              pyloudnorm.IIRfilter(0.0, 0.5, 38.0, SAMPLE_RATE, "high_pass"))
    return np.vstack([np.concatenate([stage.b, stage.a]) for stage in stages])


def step_energies(samples: np.ndarray) -> np.ndarray:
    """The K-weighted energy (sum of squares) of each 100 ms of the samples, the last one part-filled: what
    integrated loudness is measured from."""
    from scipy.signal import sosfilt

    weighted = sosfilt(_k_weighting(), samples.astype(np.float64))
    weighted = np.pad(weighted, (0, -len(weighted) % GATING_STEP))
    return np.square(weighted).reshape(-1, GATING_STEP).sum(axis=1)


def gated_loudness(steps: np.ndarray, length: int) -> float:
    """Integrated loudness in LUFS (ITU-R BS.1770-4) of the consecutive 100 ms steps' energies of `length`
    samples: the mean of the 400 ms blocks above both gates; -inf for silence or under half a second."""
    if length < SAMPLE_RATE // 2 or len(steps) < 4:
        return float("-inf")
    blocks = (steps[:-3] + steps[1:-2] + steps[2:-1] + steps[3:]) / (4 * GATING_STEP)
    with np.errstate(divide="ignore"):
        levels = -0.691 + 10 * np.log10(blocks)
        audible = levels >= ABSOLUTE_GATE
        if not audible.any():
            return float("-inf")
        relative = -0.691 + 10 * np.log10(blocks[audible].mean()) + RELATIVE_GATE
        kept = blocks[audible & (levels > relative)]
        return float(-0.691 + 10 * np.log10(kept.mean())) if len(kept) else float("-inf")


def loudness(samples: np.ndarray) -> float:
    """Integrated loudness in LUFS (ITU-R BS.1770-4); -inf for silence or under half a second."""
    return gated_loudness(step_energies(samples), len(samples))


TRUE_PEAK_BLOCK = 10 * SAMPLE_RATE  # oversampled ten seconds at a time: a few MB, not hundreds for a long recording
TRUE_PEAK_OVERLAP = 64  # samples read either side of a block: more than the oversampling filter reaches


def sample_true_peaks(samples: np.ndarray) -> np.ndarray:
    """Each sample's true-peak estimate: the largest of its four oversampled values (BS.1770-4 Annex 2)."""
    from scipy.signal import resample_poly

    samples = samples.astype(np.float32)
    peaks = np.empty(len(samples), np.float32)
    for start in range(0, len(samples), TRUE_PEAK_BLOCK):
        end = min(start + TRUE_PEAK_BLOCK, len(samples))
        low, high = max(0, start - TRUE_PEAK_OVERLAP), min(len(samples), end + TRUE_PEAK_OVERLAP)
        oversampled = np.abs(resample_poly(samples[low:high], 4, 1))
        # the largest of each sample's four values: the four phases compared whole (numpy's max over a short
        # axis of four takes twice as long)
        largest = np.maximum(np.maximum(oversampled[0::4], oversampled[1::4]),
                             np.maximum(oversampled[2::4], oversampled[3::4]))
        peaks[start:end] = largest[start - low:end - low]
    return peaks


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


class KeptForLater:
    """Values worth keeping from one build to the next in one process (a worker that builds again after an edit),
    by a digest of what they were made from; the oldest are dropped past a size. Safe to use from the threads
    that master two recordings at once."""

    def __init__(self, max_bytes: int):
        self.max_bytes, self.bytes = max_bytes, 0
        self.values: dict[str, object] = {}
        self.lock = threading.Lock()

    def get(self, key: str, make: Callable[[], object]):
        """The value kept for `key`, or what `make()` gives, kept unless it is None (nothing found)."""
        with self.lock:
            found = self.values.get(key)
        if found is None:
            found = make()
            if found is None:
                return None
            size = _size(found)
            with self.lock:
                while self.values and self.bytes + size > self.max_bytes:
                    oldest = next(iter(self.values))
                    self.bytes -= _size(self.values.pop(oldest))
                if key not in self.values:
                    self.values[key] = found
                    self.bytes += size
        return found


def _size(value) -> int:
    """Bytes a kept value holds, near enough: its arrays' (those of a tuple's parts too)."""
    return sum(map(_size, value)) if isinstance(value, tuple) else getattr(value, "nbytes", 8)


_PEAKS = KeptForLater(64 * 2 ** 20)  # pieces' true peaks: about 12 minutes of speech (two versions, twice over)
_STEPS = KeptForLater(8 * 2 ** 20)  # pieces' step energies (about 3 KB a minute of speech)
_MASTERED = KeptForLater(8 * 2 ** 20)  # what a piece became at a gain: (digest, loudness steps) of `Mastered`


def piece_digest(samples: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(samples, np.float32).tobytes()).hexdigest()


def _peaks_of(samples: np.ndarray, digest: str) -> np.ndarray:
    return _PEAKS.get(digest, lambda: sample_true_peaks(samples))


@dataclass
class Mastered:
    """A piece as mastered at one gain: the digest of its samples and their loudness steps, which is all the file
    needs while its MP3 is in the cache (`mp3.PieceCache`); the samples themselves are made again only when it
    has to be encoded."""

    digest: str
    steps: np.ndarray
    length: int
    made: Callable[[], np.ndarray]

    def samples(self) -> np.ndarray:
        return self.made()


class MasteringRecords:
    """What mastering made of each piece at each gain (`Mastered` without its samples), kept on disk by the piece's
    digest, the gain and what limiting depends on: a new process after an edit limits and measures only the piece
    that changed, not every piece again (their true peaks, four times oversampled, are most of mastering's work)."""

    SETTINGS = f"{LIMITER_CEILING}|{SAMPLE_RATE}|numpy {np.__version__}|limited-v1"

    def __init__(self, folder: Path | None):
        self.folder = folder

    def _path(self, key: str) -> Path:
        name = hashlib.sha256(f"{self.SETTINGS}\0{key}".encode()).hexdigest()
        return self.folder / name[:2] / f"{name}.npz"

    def get(self, key: str) -> tuple[str, np.ndarray] | None:
        kept = read_arrays(self._path(key), "digest", "steps") if self.folder is not None else None
        return (str(kept[0]), kept[1]) if kept is not None else None

    def put(self, key: str, mastered: Mastered) -> None:
        if self.folder is not None:
            write_arrays(self._path(key), digest=mastered.digest, steps=mastered.steps)


def read_arrays(path: Path, *names: str) -> tuple[np.ndarray, ...] | None:
    """The named arrays of a file `write_arrays` wrote, or None when there is none yet or it is damaged (numpy
    raises BadZipFile or EOFError for a truncated one, KeyError for one without a name)."""
    try:
        with np.load(path) as kept:
            return tuple(kept[name] for name in names)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return None


def write_arrays(path: Path, **arrays) -> None:
    """Arrays kept in one .npz file, written whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    write_atomically(path, buffer.getvalue())


def _mastered(piece: np.ndarray, digest: str, gain_db: float, records: MasteringRecords) -> tuple[Mastered, bool]:
    """The piece limited at `gain_db` (as it was before, when kept in this process or on disk), and whether it was
    made now."""
    key = f"{digest}:{gain_db:.2f}"

    def make() -> np.ndarray:
        return limited(piece, _peaks_of(piece, digest), gain_db, LIMITER_CEILING)

    found = _MASTERED.get(key, lambda: records.get(key))
    if found is not None:
        mastered_digest, steps = found
        return Mastered(mastered_digest, steps, len(piece), make), False
    return as_it_is(make()), True


def as_it_is(samples: np.ndarray, digest: str | None = None) -> Mastered:
    """Samples as they are, with their digest and loudness steps (measured once in a process)."""
    digest = digest or piece_digest(samples)
    return Mastered(digest, _STEPS.get(digest, lambda: step_energies(samples)), len(samples), lambda: samples)


def joined_loudness(pieces: list[Mastered]) -> float:
    """The loudness of the pieces (which meet in a pause) played one after the other, from each piece's own
    steps: after an edit, only the piece that changed is measured again. Within a few hundredths of an LU of
    measuring them joined, as the 100 ms steps start again with each piece (0.005 LU on the examples' speech; a
    test compares)."""
    return gated_loudness(np.concatenate([piece.steps for piece in pieces]), sum(piece.length for piece in pieces))


def mastered_pieces(pieces: list[np.ndarray], target: float = TARGET_LUFS + ENCODER_LOUDNESS_LOSS,
                    first_gain: float | None = None, records: MasteringRecords | None = None) \
        -> tuple[list[Mastered], float]:
    """The pieces (`Recording.spans`) at the target loudness over the whole, true peak under LIMITER_CEILING, and
    the gain used (dB, rounded to 0.01). Limiting lowers the loudness a little, and more the louder it is pushed,
    so the gain is found by the secant method to ± 0.1 LU. From `first_gain` (the last build's, for an edited version)
    ± 0.3 LU is enough: the other pieces then keep their mastered samples, so they are neither limited nor encoded
    again (`records`), and the file stays well inside the ± 1 LU the check allows (the writer re-masters a file
    that ends up more than 0.3 LU off once encoded)."""
    records = records or MasteringRecords(None)
    digests = [piece_digest(piece) for piece in pieces]

    def as_they_are() -> list[Mastered]:
        return [as_it_is(piece, digest) for piece, digest in zip(pieces, digests)]

    if first_gain is None:
        measured = joined_loudness(as_they_are())
        if not np.isfinite(measured):  # silence, or under half a second
            return as_they_are(), 0.0
    tried: list[tuple[float, float]] = []  # (gain in dB, loudness it gave)
    gain_db = round(target - measured if first_gain is None else first_gain, 2)
    tolerance = 0.3 if first_gain is not None else 0.1
    for _ in range(5):
        result = [_mastered(piece, digest, gain_db, records) for piece, digest in zip(pieces, digests)]
        tried.append((gain_db, joined_loudness([made for made, _ in result])))
        if not np.isfinite(tried[-1][1]):  # silence, or under half a second
            return as_they_are(), 0.0
        if abs(tried[-1][1] - target) <= tolerance:
            break
        tolerance = 0.1
        if len(tried) == 1:
            gain_db += target - tried[-1][1]
        else:
            (g0, l0), (g1, l1) = tried[-2:]
            slope = (l1 - l0) / (g1 - g0) if g1 != g0 and l1 != l0 else 1.0
            gain_db = g1 + (target - l1) / max(slope, 0.1)
        gain_db = round(gain_db, 2)
    for (made, new), digest in zip(result, digests):  # only the gain kept is worth keeping
        if new:
            key = f"{digest}:{tried[-1][0]:.2f}"
            _MASTERED.get(key, lambda made=made: (made.digest, made.steps))
            records.put(key, made)
    return [made for made, _ in result], tried[-1][0]


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
    piece_starts = [0]
    for chapter in script.chapters:
        starts.append((chapter.title, position if starts else 0))
        firsts = {part.first: part.title for part in chapter.parts}
        part_starts.append([])
        for number, utterance in enumerate(chapter.utterances):
            start = starts[-1][1] if number == 0 else position
            if number in firsts:
                part_starts[-1].append((firsts[number], start))
            if (number == 0 or number in firsts) and start > piece_starts[-1]:  # a chapter's or a sub-chapter's
                piece_starts.append(start)
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
    return Recording(joined, cues, chapters, list(zip(piece_starts, piece_starts[1:] + [len(joined)])))


def marks(starts: list[tuple[str, int]], end: int) -> list[ChapterMark]:
    """Chapters (or sub-chapters) from their titles and first samples: each ends where the next begins."""
    ends = [start for _, start in starts[1:]] + [end]
    return [ChapterMark(title, start / SAMPLE_RATE, until / SAMPLE_RATE) for (title, start), until in zip(starts, ends)]
