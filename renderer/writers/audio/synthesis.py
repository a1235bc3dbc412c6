"""Synthesis: every sentence of a speech script read by its voice, once.

Each sentence is synthesised by its language's voice, or taken from the segment
cache, keyed by (voice identity, spoken words): a rebuild after a one-word edit
synthesises only the sentence that changed, and the full and plain editions
share the sentences they have in common.
"""

from __future__ import annotations

import hashlib
import io
import os
import time
from concurrent.futures import ThreadPoolExecutor
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


def synthesise(utterances: list[Utterance], cast: voices.Cast, cache: SegmentCache, figures: SynthesisFigures,
               known: dict[tuple[str, str], np.ndarray] | None = None) -> dict[tuple[str, str], np.ndarray]:
    """The audio of every utterance, keyed by (voice identity, spoken words); from the cache where it can be.
    Utterances whose audio is `known` already (another edition's) are left out of the result."""
    audio: dict[tuple[str, str], np.ndarray] = {}
    missing: dict[tuple[str, str], tuple[voices.Voice, str]] = {}
    for utterance in utterances:
        voice = cast.voice_for(utterance.language)
        key = segment_key(cast, utterance)
        figures.sentences += 1
        if key in audio or key in missing or (known and key in known):
            continue
        cached = cache.get(voice, utterance.spoken)
        if cached is not None:
            audio[key] = cached
        else:
            missing[key] = (voice, utterance.spoken)

    def make(job: tuple[voices.Voice, str]) -> np.ndarray:
        voice, text = job
        samples = to_int16(trimmed(voice.speak(text)))
        cache.put(voice, text, samples)
        return samples.astype(np.float32) / 32767  # as the cache gives it back: the next build gets the same samples

    started = time.perf_counter()
    # longest first: the voices' sessions then finish together, not one waiting on a long last sentence
    parallel = sorted((key for key, (voice, _) in missing.items() if voice.parallel),
                      key=lambda key: len(missing[key][1]), reverse=True)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2, thread_name_prefix="speech") as pool:
        running = {key: pool.submit(make, missing[key]) for key in parallel}
        for key, job in missing.items():
            if key not in running:
                audio[key] = make(job)
        for key, future in running.items():
            audio[key] = future.result()
    figures.synthesised += len(missing)
    figures.synthesis_seconds += time.perf_counter() - started
    figures.synthesised_audio_seconds += sum(len(audio[key]) for key in missing) / SAMPLE_RATE
    return audio
