"""The MP3 file: LAME encoding, ID3v2.4 tags with chapters, and what a player measures when it decodes it."""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...files import write_atomically
from ...model import Statement
from . import voices
from .mastering import ENCODER_LOUDNESS_LOSS, LEAD_IN_SECONDS, LEAD_OUT_SECONDS, LIMITER_CEILING, TARGET_LUFS, \
    KeptForLater, Mastered, Recording, gated_loudness, read_arrays, step_energies, true_peak, write_arrays
from .script import SpeechScript
from .synthesis import SAMPLE_RATE, segment_key, to_int16

BITRATE_KBPS = 64
LAME_DELAY = 1107  # samples of silence before the first one, as LAME encodes and a player decodes (a test checks)


def encode_mp3(samples: np.ndarray) -> bytes:
    import lameenc

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(BITRATE_KBPS)
    encoder.set_in_sample_rate(SAMPLE_RATE)
    encoder.set_channels(1)
    encoder.set_quality(3)  # LAME -q3: near its best, twice as fast as -q2
    return bytes(encoder.encode(to_int16(samples).tobytes()) + encoder.flush())


def iso_639_2(language: str) -> str:
    import langcodes

    try:
        return langcodes.Language.get(language).to_alpha3()
    except (LookupError, ValueError):
        return "und"


def write_tags(path: Path, statement: Statement, recording: Recording, script: SpeechScript, generator: str,
               voice_labels: list[str]) -> None:
    from mutagen.id3 import (CHAP, COMM, CTOC, ID3, TCON, TDRC, TIT2, TLAN, TLEN, TPE1, TALB, TPUB, TSSE, USLT,
                             CTOCFlags)

    meta = statement.meta
    language = iso_639_2(meta.language)
    tags = ID3()
    tags.add(TIT2(encoding=3, text=[meta.title]))
    tags.add(TPE1(encoding=3, text=[meta.organisation]))
    tags.add(TALB(encoding=3, text=[meta.organisation]))
    tags.add(TPUB(encoding=3, text=[meta.organisation]))
    tags.add(TDRC(encoding=3, text=[meta.date.isoformat()]))
    tags.add(TLAN(encoding=3, text=[language]))
    tags.add(TCON(encoding=3, text=["Speech"]))
    tags.add(TLEN(encoding=3, text=[str(int(recording.seconds * 1000))]))
    tags.add(TSSE(encoding=3, text=[f"{generator}; voice: {', '.join(voice_labels)}"]))
    tags.add(COMM(encoding=3, lang=language, desc="source",
                  text=[f"Source {statement.source_path.name}, SHA-256 {statement.source_sha256}"]))
    tags.add(USLT(encoding=3, lang=language, desc="transcript", text="\n".join(cue.text for cue in recording.cues)))
    def chapter(element_id: str, mark) -> CHAP:
        return CHAP(element_id=element_id, start_time=round(mark.start * 1000), end_time=round(mark.end * 1000),
                    sub_frames=[TIT2(encoding=3, text=[mark.title])])

    # a section with sub-chapters (paragraphs, quotes) is a table of contents of its own under the top one, so
    # that chapters never overlap: players that list every CHAP in time order show the sub-chapters in place
    ids = [f"chapter{number}" for number in range(1, len(recording.chapters) + 1)]
    tags.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED, child_element_ids=ids,
                  sub_frames=[TIT2(encoding=3, text=[script.title])]))
    for element_id, mark in zip(ids, recording.chapters):
        if not mark.parts:
            tags.add(chapter(element_id, mark))
            continue
        part_ids = [f"{element_id}.{number}" for number in range(1, len(mark.parts) + 1)]
        tags.add(CTOC(element_id=element_id, flags=CTOCFlags.ORDERED, child_element_ids=part_ids,
                      sub_frames=[TIT2(encoding=3, text=[mark.title])]))
        for part_id, part in zip(part_ids, mark.parts):
            tags.add(chapter(part_id, part))
    tags.save(path, v2_version=4)


@dataclass
class Measured:
    """What a player gets from the encoded file: its length, loudness and true peak."""

    seconds: float
    loudness: float
    true_peak: float


def decoded(mp3: bytes) -> np.ndarray:
    """The samples a player decodes from MP3 data."""
    import soundfile

    samples, rate = soundfile.read(io.BytesIO(mp3), dtype="float32")
    if rate != SAMPLE_RATE:
        raise ValueError(f"MP3 data decodes at {rate} Hz, not {SAMPLE_RATE} Hz")
    return samples


@dataclass
class Spliced:
    """A recording encoded piece by piece (chapters, split at their sub-chapters) and joined: MP3 frames follow
    one another, so the file decodes to each piece's own decoding, one after the other (each opening with the
    encoder's LAME_DELAY of silence and ending on a whole frame: a few hundredths of a second more silence in
    the pause where pieces meet; no click)."""

    mp3: bytes
    length: int  # samples, as a player decodes the whole file
    starts: list[int]  # where each piece's first sample is heard
    loudness: float  # LUFS of the decoded file
    true_peak: float  # dBTP of the decoded file: the loudest of its pieces'

    def measured(self) -> "Measured":
        return Measured(self.length / SAMPLE_RATE, self.loudness, self.true_peak)


@dataclass
class _Heard:
    """What a player gets from one encoded piece: its length, its loudness steps and its true peak."""

    length: int
    steps: np.ndarray
    true_peak: float

    @property
    def nbytes(self) -> int:
        return self.steps.nbytes + 16


def _heard(mp3: bytes) -> _Heard:
    samples = decoded(mp3)
    return _Heard(len(samples), step_energies(samples), true_peak(samples))


_HEARD = KeptForLater(8 * 2 ** 20)  # encoded pieces as heard, by the MP3's digest: an unchanged one is not decoded


class PieceCache:
    """Encoded pieces, by their mastered samples' digest: an unchanged piece is not encoded again. Beside them, what a
    player gets from each (`_Heard`, by the MP3's digest): a new process does not decode every piece again to
    measure the file (half a second or more a recording)."""

    def __init__(self, folder: Path):
        self.folder = folder

    def heard(self, mp3: bytes) -> _Heard:
        digest = hashlib.sha256(mp3).hexdigest()
        return _HEARD.get(digest, lambda: self._heard_kept(digest, mp3))

    def _path(self, folder: Path, digest: str, suffix: str) -> Path:
        """Where what is made from `digest` is kept: by the mastering settings too, so new settings make new files."""
        key = hashlib.sha256(f"{MasteredCache.SETTINGS}\0{digest}".encode()).hexdigest()
        return folder / key[:2] / f"{key}{suffix}"

    def _heard_kept(self, digest: str, mp3: bytes) -> _Heard:
        path = self._path(self.folder / "heard", digest, ".npz")
        kept = read_arrays(path, "length", "steps", "true_peak")
        if kept is not None:
            length, steps, peak = kept
            return _Heard(int(length), steps, float(peak))
        heard = _heard(mp3)  # none yet, or damaged: measure it
        write_arrays(path, length=heard.length, steps=heard.steps, true_peak=heard.true_peak)
        return heard

    def encoded(self, piece: Mastered) -> bytes:
        path = self._path(self.folder, piece.digest, ".mp3")
        try:
            return path.read_bytes()
        except OSError:
            mp3 = encode_mp3(piece.samples())
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, mp3)
            return mp3


def spliced(pieces: list[Mastered], cache: PieceCache) -> Spliced:
    encoded = [cache.encoded(piece) for piece in pieces]
    heard = [cache.heard(mp3) for mp3 in encoded]
    lengths = np.cumsum([0] + [piece.length for piece in heard])
    # pieces meet in a pause: the file's loudness is measured over its pieces' steps, its true peak is its
    # loudest piece's
    loudness = gated_loudness(np.concatenate([piece.steps for piece in heard]), int(lengths[-1]))
    return Spliced(b"".join(encoded), int(lengths[-1]), [int(length) + LAME_DELAY for length in lengths[:-1]],
                   loudness, max(piece.true_peak for piece in heard))


class MasteredCache:
    """Whole recordings as encoded (untagged) with their measurements and where each piece starts, keyed by
    the sentences and pauses they hold: a version whose words did not change is not mastered, encoded and
    measured again. It also remembers, per MP3 name, the gain and target the last build used: an edited
    version starts its search for the gain there."""

    # change the last part whenever mastering or encoding changes, so cached MP3s are made again
    SETTINGS = (f"{TARGET_LUFS}|{ENCODER_LOUDNESS_LOSS}|{LIMITER_CEILING}|{BITRATE_KBPS}|{LEAD_IN_SECONDS}|"
                f"{LEAD_OUT_SECONDS}|lame-q3|v6")

    def __init__(self, folder: Path):
        self.folder = folder

    def key(self, script: SpeechScript, cast: voices.Cast) -> str:
        digest = hashlib.sha256(self.SETTINGS.encode())
        for chapter in script.chapters:
            digest.update(b"\1")  # where chapters and sub-chapters begin matters: each piece is encoded on its own
            firsts = {part.first for part in chapter.parts}
            for number, utterance in enumerate(chapter.utterances):
                if number in firsts:
                    digest.update(b"\2")
                voice, spoken = segment_key(cast, utterance)
                digest.update(f"{voice}\0{spoken}\0{utterance.pause}\0".encode())
        return digest.hexdigest()

    def get(self, key: str) -> tuple[bytes, Measured, list[int], int] | None:
        try:
            record = json.loads((self.folder / f"{key}.json").read_text("utf-8"))
            return ((self.folder / f"{key}.mp3").read_bytes(), Measured(**record["measured"]), record["starts"],
                    record["length"])
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def put(self, key: str, result: Spliced, measured: Measured) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        record = {"measured": vars(measured), "starts": result.starts, "length": result.length}
        for suffix, data in ((".mp3", result.mp3), (".json", json.dumps(record).encode())):
            write_atomically(self.folder / f"{key}{suffix}", data)  # the .json last: it marks the pair complete

    def _last_path(self, name: str) -> Path:
        return self.folder / "last" / f"{hashlib.sha256(name.encode()).hexdigest()}.json"

    def last_gain(self, name: str) -> tuple[float, float] | None:
        """(target, gain in dB) the last build of the MP3 named `name` ended with."""
        try:
            record = json.loads(self._last_path(name).read_text("utf-8"))
            return float(record["target"]), float(record["gain"])
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def remember_gain(self, name: str, target: float, gain: float) -> None:
        self._last_path(name).parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self._last_path(name), json.dumps({"target": target, "gain": gain}).encode())
