"""Synthesis: every sentence of a build's speech scripts read by its voice, once.

Each sentence is synthesised by its language's voice, or taken from the segment
cache, keyed by (voice identity, spoken words): a rebuild after a one-word edit
synthesises only the sentence that changed, and the full and plain editions
share the sentences they have in common (`Synthesiser`).
"""

from __future__ import annotations

import hashlib
import io
import os
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...files import write_atomically
from . import voices
from .script import Utterance

SAMPLE_RATE = voices.SAMPLE_RATE
SILENCE_THRESHOLD = 10 ** (-50 / 20)  # what counts as silence when trimming a synthesised sentence


@dataclass
class SynthesisFigures:
    sentences: int = 0
    synthesised: int = 0
    synthesis_seconds: float = 0.0
    synthesised_audio_seconds: float = 0.0


class SegmentCache:
    """Synthesised sentences on disk, as 16-bit samples, keyed by voice and words."""

    def __init__(self, folder: Path):
        self.folder = folder

    def _path(self, voice: voices.Voice, text: str) -> Path:
        key = hashlib.sha256(f"{voice.identity}\0{SAMPLE_RATE}\0{text}".encode()).hexdigest()
        return self.folder / key[:2] / f"{key}.npy"

    def get(self, voice: voices.Voice, text: str) -> np.ndarray | None:
        try:
            return np.load(self._path(voice, text)).astype(np.float32) / 32767
        except (OSError, ValueError):
            return None

    def put(self, voice: voices.Voice, text: str, samples: np.ndarray) -> None:
        """Keep a sentence's 16-bit samples."""
        path = self._path(voice, text)
        path.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        np.save(buffer, samples)
        write_atomically(path, buffer.getvalue())  # never a half-written segment, even with builds side by side


def to_int16(samples: np.ndarray) -> np.ndarray:
    return np.clip(np.round(samples * 32767), -32768, 32767).astype(np.int16)


def trimmed(samples: np.ndarray) -> np.ndarray:
    """A sentence without the silence an engine leaves around it (the script sets the pauses)."""
    loud = np.flatnonzero(np.abs(samples) > SILENCE_THRESHOLD)
    if not len(loud):
        return samples[:0]
    margin = int(0.02 * SAMPLE_RATE)
    return samples[max(0, loud[0] - margin): loud[-1] + margin]


def segment_key(cast: voices.Cast, utterance: Utterance) -> tuple[str, str]:
    """What an utterance sounds like: the identity of the voice that reads it, and its spoken words."""
    return cast.voice_for(utterance.language).identity, utterance.spoken


class Synthesiser:
    """The sentences of a build's recordings, each read once by its voice or taken from the segment cache, keyed by
    (voice identity, spoken words). One pool of one thread a core reads them all, so a recording's new sentences
    are queued while the one before is still being read: after an edit, the plain version's changed sentences
    start as soon as it is written, and in a cold build neither session waits at the end of the statement for
    the other's last sentence. Voices that cannot read side by side (espeak-ng) read in the
    thread that asks."""

    def __init__(self, cast: voices.Cast, cache: SegmentCache, figures: SynthesisFigures):
        self.cast, self.cache, self.figures = cast, cache, figures
        self.pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 2, thread_name_prefix="speech")
        self.made: dict[tuple[str, str], np.ndarray | Future] = {}
        self.started: float | None = None  # when the first sentence was given to a voice
        self.lock = threading.Lock()

    def add(self, utterances: list[Utterance]) -> None:
        """Start reading every utterance not read or cached yet, the longest first: the voices' sessions then
        finish together, not one waiting on a long last sentence."""
        missing: dict[tuple[str, str], tuple[voices.Voice, str]] = {}
        for utterance in utterances:
            voice = self.cast.voice_for(utterance.language)
            key = segment_key(self.cast, utterance)
            self.figures.sentences += 1
            if key in self.made or key in missing:
                continue
            cached = self.cache.get(voice, utterance.spoken)
            if cached is not None:
                self.made[key] = cached
            else:
                missing[key] = (voice, utterance.spoken)
        self.figures.synthesised += len(missing)
        for key in sorted(missing, key=lambda key: len(missing[key][1]), reverse=True):
            if missing[key][0].parallel:
                self.made[key] = self.pool.submit(self._make, *missing[key])
        for key, (voice, text) in missing.items():
            if not voice.parallel:
                self.made[key] = self._make(voice, text)

    def audio(self, utterances: list[Utterance]) -> dict[tuple[str, str], np.ndarray]:
        """The audio of these utterances (added before), once read."""
        found = {}
        for utterance in utterances:
            key = segment_key(self.cast, utterance)
            if isinstance(self.made[key], Future):
                self.made[key] = self.made[key].result()
            found[key] = self.made[key]
        return found

    def close(self) -> None:
        """Stop: sentences not started are not read (after an error, or once every recording is made)."""
        self.pool.shutdown(wait=True, cancel_futures=True)

    def _make(self, voice: voices.Voice, text: str) -> np.ndarray:
        started = time.perf_counter()
        with self.lock:
            self.started = started if self.started is None else self.started
        samples = to_int16(trimmed(voice.speak(text)))
        self.cache.put(voice, text, samples)
        with self.lock:
            self.figures.synthesised_audio_seconds += len(samples) / SAMPLE_RATE
            self.figures.synthesis_seconds = time.perf_counter() - self.started  # first sentence to last
        return samples.astype(np.float32) / 32767  # as the cache gives it back: the next build gets the same samples
