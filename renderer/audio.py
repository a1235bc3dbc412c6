"""The audio stage: the statement read aloud, `<slug>.mp3` with `<slug>.vtt` captions.

For the statement and for its plain-language version:

1. the speech script (`speech.py`) says what to read, sentence by sentence;
2. each sentence is synthesised by its language's voice (`voices.py`), or
   taken from the segment cache, keyed by (voice, words): a rebuild after a
   one-word edit synthesises only the sentence that changed;
3. the sentences are joined with pauses (short between sentences, longer
   between paragraphs and sections), brought to −19 LUFS integrated
   (ITU-R BS.1770, mono speech) with a look-ahead limiter so that the true
   peak stays at or below −1 dBTP;
4. it is encoded to MP3 in-process (LAME, mono, 22.05 kHz, 64 kbps), tagged
   (ID3v2.4: title, organisation, date, language, genre, the source checksum,
   a transcript, and a chapter for every section), then decoded again to
   measure what listeners will get: loudness, true peak, duration, chapters.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import voices
from .diagnostics import Diagnostic, Severity, SourceError
from .model import Statement, count_words
from .speech import SpeechScript, Utterance, speech_script
from .stage import BuildContext, Check, OutputFile, Stage
from .templating import render

SAMPLE_RATE = voices.SAMPLE_RATE
TARGET_LUFS = -19.0  # integrated loudness for mono spoken word
LOUDNESS_TOLERANCE = 1.0  # LU either side of the target
ENCODER_LOUDNESS_LOSS = 0.5  # LU: LAME's low-pass at 64 kbps takes about this much (measured on the examples)
TRUE_PEAK_LIMIT = -1.0  # dBTP, of the decoded MP3
LIMITER_CEILING = -2.0  # dBTP before encoding: the MP3 encoder adds a little overshoot
BITRATE_KBPS = 64
LEAD_IN_SECONDS, LEAD_OUT_SECONDS = 0.3, 0.8
SILENCE_THRESHOLD = 10 ** (-50 / 20)  # what counts as silence when trimming a synthesised sentence
MIN_WORDS_PER_MINUTE, MAX_WORDS_PER_MINUTE = 110, 220  # a plausible pace for the duration check


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


@dataclass
class Recording:
    """The speech of one script joined with its pauses, with where each sentence and chapter starts."""

    samples: np.ndarray
    cues: list[Cue]
    chapters: list[ChapterMark]

    @property
    def seconds(self) -> float:
        return len(self.samples) / SAMPLE_RATE


@dataclass
class SynthesisFigures:
    sentences: int = 0
    synthesised: int = 0
    synthesis_seconds: float = 0.0
    synthesised_audio_seconds: float = 0.0


# --- the segment cache ---------------------------------------------------------------------


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
        path = self._path(voice, text)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.stem}.{os.getpid()}.partial.npy")
        np.save(partial, to_int16(samples))
        os.replace(partial, path)  # never a half-written segment, even with builds running side by side


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


def synthesise(utterances: list[Utterance], cast: voices.Cast, cache: SegmentCache,
               figures: SynthesisFigures) -> dict[tuple[str, str], np.ndarray]:
    """The audio of every utterance, keyed by (voice identity, spoken words); from the cache where it can be."""
    audio: dict[tuple[str, str], np.ndarray] = {}
    missing: dict[tuple[str, str], tuple[voices.Voice, str]] = {}
    for utterance in utterances:
        voice = cast.voice_for(utterance.language)
        key = segment_key(cast, utterance)
        figures.sentences += 1
        if key in audio or key in missing:
            continue
        cached = cache.get(voice, utterance.spoken)
        if cached is not None:
            audio[key] = cached
        else:
            missing[key] = (voice, utterance.spoken)

    def make(job: tuple[voices.Voice, str]) -> np.ndarray:
        voice, text = job
        samples = trimmed(voice.speak(text))
        cache.put(voice, text, samples)
        return samples

    started = time.perf_counter()
    parallel = {key: job for key, job in missing.items() if job[0].parallel}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2, thread_name_prefix="speech") as pool:
        running = {key: pool.submit(make, job) for key, job in parallel.items()}
        # Piper runs one sentence at a time: its ONNX session already uses every core
        for key, job in missing.items():
            if key not in parallel:
                audio[key] = make(job)
        for key, future in running.items():
            audio[key] = future.result()
    figures.synthesised += len(missing)
    figures.synthesis_seconds += time.perf_counter() - started
    figures.synthesised_audio_seconds += sum(len(audio[key]) for key in missing) / SAMPLE_RATE
    return audio


# --- joining and mastering ----------------------------------------------------------------------


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
    for chapter in script.chapters:
        starts.append((chapter.title, position if starts else 0))
        for utterance in chapter.utterances:
            samples = audio[segment_key(cast, utterance)]
            cues.append(Cue(position / SAMPLE_RATE, (position + len(samples)) / SAMPLE_RATE, utterance.caption))
            pause = silence(utterance.pause)
            pieces += [samples, pause]
            position += len(samples) + len(pause)
    pieces.append(silence(LEAD_OUT_SECONDS))
    joined = np.concatenate(pieces)
    ends = [start for _, start in starts[1:]] + [len(joined)]
    chapters = [ChapterMark(title, start / SAMPLE_RATE, end / SAMPLE_RATE) for (title, start), end in zip(starts, ends)]
    return Recording(joined, cues, chapters)


# --- the MP3 file ----------------------------------------------------------------------------


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
    ids = [f"chapter{number}" for number in range(1, len(recording.chapters) + 1)]
    tags.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED, child_element_ids=ids,
                  sub_frames=[TIT2(encoding=3, text=[script.title])]))
    for element_id, chapter in zip(ids, recording.chapters):
        tags.add(CHAP(element_id=element_id, start_time=round(chapter.start * 1000), end_time=round(chapter.end * 1000),
                      sub_frames=[TIT2(encoding=3, text=[chapter.title])]))
    tags.save(path, v2_version=4)


@dataclass
class Measured:
    """What a player gets from the encoded file: its length, loudness and true peak."""

    seconds: float
    loudness: float
    true_peak: float


def measure_mp3(path: Path) -> Measured:
    """Decode the MP3 as a player would and measure it."""
    import soundfile

    samples, rate = soundfile.read(path, dtype="float32")
    if rate != SAMPLE_RATE:
        raise ValueError(f"{path.name} decodes at {rate} Hz, not {SAMPLE_RATE} Hz")
    return Measured(len(samples) / rate, loudness(samples), true_peak(samples))


def read_chapters(path: Path) -> list[tuple[str, float]]:
    """The chapters a podcast player would show: (title, start in seconds), from the ID3 CHAP frames."""
    from mutagen.id3 import ID3

    frames = ID3(path).getall("CHAP")
    return sorted(((frame.sub_frames["TIT2"].text[0], frame.start_time / 1000) for frame in frames),
                  key=lambda chapter: chapter[1])


class MasteredCache:
    """Encoded MP3s (untagged) and their measurements, keyed by the sentences and pauses they hold:
    a version whose words did not change is not mastered, encoded and measured again."""

    # change the last part whenever mastering or encoding changes, so cached MP3s are made again
    SETTINGS = (f"{TARGET_LUFS}|{ENCODER_LOUDNESS_LOSS}|{LIMITER_CEILING}|{BITRATE_KBPS}|{LEAD_IN_SECONDS}|"
                f"{LEAD_OUT_SECONDS}|lame-q3|v4")

    def __init__(self, folder: Path):
        self.folder = folder

    def key(self, script: SpeechScript, cast: voices.Cast) -> str:
        digest = hashlib.sha256(self.SETTINGS.encode())
        for utterance in script.utterances:
            voice, spoken = segment_key(cast, utterance)
            digest.update(f"{voice}\0{spoken}\0{utterance.pause}\0".encode())
        return digest.hexdigest()

    def get(self, key: str) -> tuple[bytes, Measured] | None:
        try:
            measured = Measured(**json.loads((self.folder / f"{key}.json").read_text("utf-8")))
            return (self.folder / f"{key}.mp3").read_bytes(), measured
        except (OSError, ValueError, TypeError):
            return None

    def put(self, key: str, mp3: bytes, measured: Measured) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for suffix, data in ((".mp3", mp3), (".json", json.dumps(vars(measured)).encode())):
            partial = self.folder / f"{key}.{os.getpid()}.partial"
            partial.write_bytes(data)
            os.replace(partial, self.folder / f"{key}{suffix}")  # the .json last: it marks the pair complete


def audio_checks(measured: Measured, chapters: list[tuple[str, float]], script: SpeechScript) -> list[Check]:
    words = count_words(utterance.spoken for utterance in script.utterances)
    pace = words / (measured.seconds / 60) if measured.seconds else 0
    expected_titles = [chapter.title for chapter in script.chapters]
    return [
        Check("Loudness", bool(abs(measured.loudness - TARGET_LUFS) <= LOUDNESS_TOLERANCE),
              f"{measured.loudness:.1f} LUFS integrated (target {TARGET_LUFS:.0f} ± {LOUDNESS_TOLERANCE:.0f})"),
        Check("True peak", bool(measured.true_peak <= TRUE_PEAK_LIMIT),
              f"{measured.true_peak:.1f} dBTP (limit {TRUE_PEAK_LIMIT:.0f})"),
        Check("Chapters", [title for title, _ in chapters] == expected_titles,
              f"{len(chapters)} chapters, one for each section, read back from the ID3 tags"),
        Check("Duration", MIN_WORDS_PER_MINUTE <= pace <= MAX_WORDS_PER_MINUTE,
              f"{format_duration(measured.seconds)} for {words} spoken words ({pace:.0f} words a minute)"),
    ]


VTT_TIMING = re.compile(r"^(\d{2,}):(\d{2}):(\d{2})\.(\d{3}) --> (\d{2,}):(\d{2}):(\d{2})\.(\d{3})$")


def check_captions(path: Path, audio_seconds: float) -> Check:
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


def format_duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s" if minutes else f"{rest} s"


# --- the stage -----------------------------------------------------------------------------------


def _voice_error(statement: Statement, error: voices.VoiceError) -> SourceError:
    return SourceError([Diagnostic(Severity.ERROR, statement.source_path, None, error.message, error.fix)])


def choose_cast(statement: Statement, context: BuildContext, offline_only: bool = False) -> voices.Cast:
    requested = context.options.get("voice")
    try:
        return voices.cast_voices(statement.meta.language, statement.languages, requested or statement.meta.voice,
                                  statement.source_path.parent, trusted=bool(requested), offline_only=offline_only)
    except voices.VoiceError as error:
        raise _voice_error(statement, error) from error


def render_audio(statement: Statement, context: BuildContext) -> list[OutputFile]:
    cache = SegmentCache(context.cache_dir / "speech")
    cast = choose_cast(statement, context)
    versions = [statement] + ([statement.plain_version] if statement.plain_version else [])
    scripts = [speech_script(version) for version in versions]
    every_utterance = [u for script in scripts for u in script.utterances]
    figures = SynthesisFigures()
    try:
        audio = synthesise(every_utterance, cast, cache, figures)
    except voices.VoiceUnavailable as reason:
        asked = cast
        cast = choose_cast(statement, context, offline_only=True)
        context.warnings.append(Diagnostic(
            Severity.WARNING, statement.source_path, None,
            f"the online voice {asked.main.label} could not be reached ({reason}); the audio was read by the "
            f"offline voice {cast.main.label} instead",
            "check the internet connection and build again with --force, or choose an offline voice"))
        figures = SynthesisFigures()  # count only the voice that read it
        audio = synthesise(every_utterance, cast, cache, figures)
    except voices.VoiceError as error:
        raise _voice_error(statement, error) from error
    _warn_about_voices(statement, cast, scripts, context)

    mastered_cache = MasteredCache(context.cache_dir / "mastered")
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="master") as pool:  # numpy and LAME free the GIL
        made = list(pool.map(lambda pair: _write_files(*pair, cast, audio, mastered_cache, context),
                             zip(versions, scripts)))
    outputs = [output for files in made for output in files]

    rtf = figures.synthesis_seconds / figures.synthesised_audio_seconds if figures.synthesised_audio_seconds else 0
    context.figures.update(synthesis_seconds=figures.synthesis_seconds, real_time_factor=rtf,
                           synthesised_sentences=figures.synthesised)
    durations = [f"{format_duration(files[0].properties['duration_seconds'])}"
                 + (" (plain language)" if version.plain_origin else "") for version, files in zip(versions, made)]
    synthesised = (f"synthesised {figures.synthesised} of {figures.sentences} sentences in "
                   f"{figures.synthesis_seconds:.1f} s (real-time factor {rtf:.3f}), the rest from the cache"
                   if figures.synthesised else f"all {figures.sentences} sentences from the cache")
    main = outputs[0].properties
    context.summary_lines.append(
        f"Audio: {' and '.join(durations)}, read by {', '.join(cast.labels)}; {synthesised}; "
        f"{main['loudness_lufs']:.1f} LUFS, true peak {main['true_peak_dbtp']:.1f} dBTP.")
    return outputs


def _warn_about_voices(statement: Statement, cast: voices.Cast, scripts: list[SpeechScript],
                       context: BuildContext) -> None:
    for note in cast.notes:
        context.warnings.append(Diagnostic(Severity.WARNING, statement.source_path, None, note,
                                           "name a voice for the statement's language with 'voice:' or --voice"))
    untranslated = sorted({language for script in scripts for language in script.untranslated_languages})
    if untranslated:
        context.warnings.append(Diagnostic(
            Severity.WARNING, statement.source_path, None,
            f"the words the audio adds (\"said:\", \"End of statement\") are not written in {', '.join(untranslated)} "
            "yet, so they are read in English", "add the language to renderer/data/speech_phrases.yaml"))


def _write_files(statement: Statement, script: SpeechScript, cast: voices.Cast,
                 audio: dict[tuple[str, str], np.ndarray], mastered_cache: MasteredCache,
                 context: BuildContext) -> list[OutputFile]:
    slug = statement.meta.slug
    mp3_name, captions_name = f"{slug}.mp3", f"{slug}.vtt"
    mp3_path = context.path(mp3_name)
    keys = {segment_key(cast, utterance) for utterance in script.utterances}
    recording = laid_out(script, cast, level_matched({key: audio[key] for key in keys}))
    key = mastered_cache.key(script, cast)
    cached = mastered_cache.get(key)
    if cached:
        mp3_path.write_bytes(cached[0])
        measured = cached[1]
    else:
        mp3_path.write_bytes(encode_mp3(mastered(recording.samples)))
        measured = measure_mp3(mp3_path)
        if abs(measured.loudness - TARGET_LUFS) > 0.3:  # the encoder took more or less than expected: once more
            target = TARGET_LUFS + ENCODER_LOUDNESS_LOSS + (TARGET_LUFS - measured.loudness)
            mp3_path.write_bytes(encode_mp3(mastered(recording.samples, target)))
            measured = measure_mp3(mp3_path)
        mastered_cache.put(key, mp3_path.read_bytes(), measured)
    write_tags(mp3_path, statement, recording, script, context.generator, cast.labels)
    context.path(captions_name).write_text(
        render("audio/captions.vtt", cues=recording.cues, language=statement.meta.language), "utf-8")

    chapters = read_chapters(mp3_path)
    plain = statement.plain_origin is not None
    mp3 = OutputFile(
        path=mp3_name, format="audio", label="Plain-language audio (MP3)" if plain else "Audio (MP3)",
        description=(f"The {'plain-language version' if plain else 'statement'} read aloud "
                     f"({format_duration(measured.seconds)}), with a chapter for each section, for any audio player."),
        media_type="audio/mpeg", checks=audio_checks(measured, chapters, script), captions=captions_name,
        properties={
            "duration_seconds": round(measured.seconds, 2),
            "loudness_lufs": round(float(measured.loudness), 1),
            "true_peak_dbtp": round(float(measured.true_peak), 1),
            "sample_rate": SAMPLE_RATE,
            "bitrate_kbps": BITRATE_KBPS,
            "channels": 1,
            "voices": cast.labels,
            "chapters": [{"title": title, "start_seconds": round(start, 2)} for title, start in chapters],
        })
    captions = OutputFile(path=captions_name, format="audio", label=f"Captions for the {mp3.label}",
                          description="The words of the audio, timed sentence by sentence (WebVTT).",
                          media_type="text/vtt", listed=False,
                          checks=[check_captions(context.path(captions_name), measured.seconds)])
    return [mp3, captions]


STAGE = Stage(name="audio", summary="spoken audio (MP3) with captions", render=render_audio, reads_plain_version=True)
