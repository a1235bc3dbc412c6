"""The audio: each edition read aloud, `<slug>.mp3` with `<slug>.vtt` captions.

1. the speech script (`script.py`) says what to read, sentence by sentence;
2. each sentence is synthesised by its language's voice (`voices.py`), or taken
   from the segment cache (`synthesis.py`);
3. the sentences are joined with pauses and mastered (`mastering.py`);
4. the result is encoded, tagged with a chapter per section and measured again
   as a player decodes it (`mp3.py`); the checks read those figures.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from ...artifact import Artifact
from ...diagnostics import Diagnostic, Severity, SourceError
from ...editions import Edition
from ...model import Statement
from ...templating import render
from ...text.dates import format_duration
from ...text.words import count_words
from .. import WriterContext
from . import voices
from .mastering import ENCODER_LOUDNESS_LOSS, TARGET_LUFS, laid_out, level_matched, mastered
from .mp3 import BITRATE_KBPS, MasteredCache, encode_mp3, measure_mp3, write_tags
from .script import SpeechScript, speech_script
from .synthesis import SAMPLE_RATE, SegmentCache, SynthesisFigures, segment_key, synthesise

LABELS = {"full": "Audio (MP3)", "plain": "Plain-language audio (MP3)"}
READ_ALOUD = {"full": "statement", "plain": "plain-language version"}


def _voice_error(statement: Statement, error: voices.VoiceError) -> SourceError:
    return SourceError([Diagnostic(Severity.ERROR, statement.source_path, None, error.message, error.fix)])


def choose_cast(statement: Statement, context: WriterContext, offline_only: bool = False) -> voices.Cast:
    requested = context.options.voice
    try:
        return voices.cast_voices(statement.meta.language, statement.languages, requested or statement.meta.voice,
                                  statement.source_path.parent, trusted=bool(requested), offline_only=offline_only)
    except voices.VoiceError as error:
        raise _voice_error(statement, error) from error


def write(editions: list[Edition], context: WriterContext) -> list[Artifact]:
    statement = editions[0].statement
    cache = SegmentCache(context.cache_dir / "speech")
    cast = choose_cast(statement, context)
    scripts = [speech_script(edition) for edition in editions]
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
                             zip(editions, scripts)))
    artifacts = [artifact for files in made for artifact in files]

    rtf = figures.synthesis_seconds / figures.synthesised_audio_seconds if figures.synthesised_audio_seconds else 0
    context.figures.update(synthesis_seconds=figures.synthesis_seconds, real_time_factor=rtf,
                           synthesised_sentences=figures.synthesised)
    durations = [format_duration(files[0].properties["duration_seconds"]) + (" (plain language)" if edition.is_plain
                                                                            else "")
                 for edition, files in zip(editions, made)]
    synthesised = (f"synthesised {figures.synthesised} of {figures.sentences} sentences in "
                   f"{figures.synthesis_seconds:.1f} s (real-time factor {rtf:.3f}), the rest from the cache"
                   if figures.synthesised else f"all {figures.sentences} sentences from the cache")
    main = artifacts[0].properties
    context.summary_lines.append(
        f"Audio: {' and '.join(durations)}, read by {', '.join(cast.labels)}; {synthesised}; "
        f"{main['loudness_lufs']:.1f} LUFS, true peak {main['true_peak_dbtp']:.1f} dBTP.")
    return artifacts


def _warn_about_voices(statement: Statement, cast: voices.Cast, scripts: list[SpeechScript],
                       context: WriterContext) -> None:
    for note in cast.notes:
        context.warnings.append(Diagnostic(Severity.WARNING, statement.source_path, None, note,
                                           "name a voice for the statement's language with 'voice:' or --voice"))
    untranslated = sorted({language for script in scripts for language in script.untranslated_languages})
    if untranslated:
        context.warnings.append(Diagnostic(
            Severity.WARNING, statement.source_path, None,
            f"the words the audio adds (\"said:\", \"End of statement\") are not written in {', '.join(untranslated)} "
            "yet, so they are read in English", "add the language to renderer/data/messages.yaml"))


def _write_files(edition: Edition, script: SpeechScript, cast: voices.Cast,
                 audio: dict[tuple[str, str], np.ndarray], mastered_cache: MasteredCache,
                 context: WriterContext) -> list[Artifact]:
    mp3_name, captions_name = f"{edition.slug}.mp3", f"{edition.slug}.vtt"
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
    write_tags(mp3_path, edition.statement, recording, script, context.generator, cast.labels)
    context.path(captions_name).write_text(
        render("audio/captions.vtt", cues=recording.cues, language=edition.statement.meta.language), "utf-8")

    duration = round(measured.seconds, 2)
    mp3 = Artifact(
        path=mp3_name, media_type="audio/mpeg", label=LABELS[edition.name], edition=edition.name,
        description=(f"The {READ_ALOUD[edition.name]} read aloud ({format_duration(measured.seconds)}), "
                     "with a chapter for each section, for any audio player."),
        captions=captions_name,
        properties={
            "duration_seconds": duration,
            "loudness_lufs": round(float(measured.loudness), 1),
            "true_peak_dbtp": round(float(measured.true_peak), 1),
            "sample_rate": SAMPLE_RATE,
            "bitrate_kbps": BITRATE_KBPS,
            "channels": 1,
            "voices": cast.labels,
            "spoken_words": count_words(utterance.spoken for utterance in script.utterances),
            "chapters": [{"title": chapter.title, "start_seconds": round(chapter.start, 2)}
                         for chapter in recording.chapters],
        })
    captions = Artifact(path=captions_name, media_type="text/vtt", label=f"Captions for the {mp3.label}",
                        description="The words of the audio, timed sentence by sentence (WebVTT).",
                        edition=edition.name, listed=False, properties={"duration_seconds": duration})
    return [mp3, captions]
