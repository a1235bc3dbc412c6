"""The audio: each edition read aloud, `<slug>.mp3` with `<slug>.vtt` captions.

1. the speech script (`script.py`) says what to read, sentence by sentence;
2. each sentence is synthesised by its language's voice (`voices.py`), or taken
   from the segment cache (`synthesis.py`);
3. the sentences are joined with pauses and mastered (`mastering.py`), one gain for the whole and the
   limiter chapter by chapter;
4. each chapter is encoded (or taken from the cache, when its mastered samples did not change) and the
   chapters joined (`mp3.py`); the file is tagged with a chapter per section (with sub-chapters per
   paragraph, quote, list or table) and measured as a player decodes it; the checks read those figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from ...artifact import Artifact
from ...diagnostics import Diagnostic, Severity, SourceError
from ...editions import Edition
from ...model import ReadAlong, Statement
from ...templating import render
from ...text.dates import format_duration
from ...text.messages import interface
from ...text.words import count_words
from .. import Spoken, SpokenChapter, SpokenSentence, WriterContext
from . import mastering, voices
from .mastering import ENCODER_LOUDNESS_LOSS, TARGET_LUFS, MasteringRecords, laid_out, level_matched, mastered_pieces
from .mp3 import BITRATE_KBPS, MasteredCache, PieceCache, spliced, write_tags
from .script import SpeechScript, speech_script
from .synthesis import SAMPLE_RATE, SegmentCache, SynthesisFigures, Synthesiser, segment_key

LABELS = {"full": "audio", "plain": "plain_audio"}  # the catalogue's `formats`


def _voice_error(statement: Statement, error: voices.VoiceError) -> SourceError:
    return SourceError([Diagnostic(Severity.ERROR, statement.source_path, None, error.message, error.fix)])


def choose_cast(statement: Statement, context: WriterContext, offline_only: bool = False) -> voices.Cast:
    requested = context.options.voice
    try:
        return voices.cast_voices(statement.meta.language, statement.languages, requested or statement.meta.voice,
                                  statement.source_path.parent, trusted=bool(requested), offline_only=offline_only)
    except voices.SpeechProgramMissing:
        raise
    except voices.VoiceError as error:
        raise _voice_error(statement, error) from error


def write(editions: Iterable[Edition], context: WriterContext) -> list[Artifact]:
    statement = editions[0].statement
    mastering.get_ready()
    cache = SegmentCache(context.cache_dir / "speech")
    try:
        cast = choose_cast(statement, context)
    except voices.SpeechProgramMissing as missing:  # no audio rather than a build that stops (nor half of it:
        # a bilingual statement is not read in one of its languages only)
        context.not_made.append({"format": "audio", "reason": missing.message, "fix": missing.fix})
        context.warnings.append(Diagnostic(Severity.WARNING, statement.source_path, None,
                                           f"no audio was made: {missing.message}", missing.fix))
        return []
    try:
        cast, figures, editions, scripts, made = _record(editions, cast, cache, context)
    except voices.VoiceUnavailable as reason:
        asked = cast
        cast = choose_cast(statement, context, offline_only=True)
        context.warnings.append(Diagnostic(
            Severity.WARNING, statement.source_path, None,
            f"the online voice {asked.main.label} could not be reached ({reason}); the audio was read by the "
            f"offline voice {cast.main.label} instead",
            "check the internet connection and build again with --force, or choose an offline voice"))
        cast, figures, editions, scripts, made = _record(editions, cast, cache, context)  # only the voice that read it
    except voices.VoiceError as error:
        raise _voice_error(statement, error) from error
    _warn_about_voices(statement, cast, scripts, context)
    artifacts = [artifact for files, _ in made for artifact in files]
    context.spoken += [spoken for _, spoken in made]
    made = [files for files, _ in made]

    rtf = figures.synthesis_seconds / figures.synthesised_audio_seconds if figures.synthesised_audio_seconds else 0
    context.figures.update(synthesis_seconds=figures.synthesis_seconds, real_time_factor=rtf,
                           synthesised_sentences=figures.synthesised)
    durations = [format_duration(files[0].properties["duration_seconds"]) + (" (plain language)" if edition.is_plain
                                                                            else "")
                 + (f" ({files[0].language})" if files[0].language else "")
                 for edition, files in zip(editions, made)]
    synthesised = (f"synthesised {figures.synthesised} of {figures.sentences} sentences in "
                   f"{figures.synthesis_seconds:.1f} s (real-time factor {rtf:.3f}), the rest from the cache"
                   if figures.synthesised else f"all {figures.sentences} sentences from the cache")
    main = artifacts[0].properties
    context.summary_lines.append(
        f"Audio: {' and '.join(durations)}, read by {', '.join(cast.labels)}; {synthesised}; "
        f"{main['loudness_lufs']:.1f} LUFS, true peak {main['true_peak_dbtp']:.1f} dBTP.")
    return artifacts


def _scripts(editions: Iterable[Edition]) -> Iterator[tuple[Edition, SpeechScript]]:
    """Each recording to make and its speech script, in order: an edition, or for a bilingual statement each
    language of it (read with the whole statement's text). The plain edition is reached (and so written, if the
    plain format has not started it, `editions.Release`) once the statement's own sentences are queued."""
    for edition in editions:
        text = ReadAlong(edition.statement.blocks)
        for part in edition.parts or (edition,):
            yield part, speech_script(part, text)


def _record(editions: Iterable[Edition], cast: voices.Cast, cache: SegmentCache, context: WriterContext) \
        -> tuple[voices.Cast, SynthesisFigures, list[Edition], list[SpeechScript], list[tuple[list[Artifact], Spoken]]]:
    """Each recording: its sentences synthesised (those the recordings share, once; a recording's new sentences
    queued while the one before is still read), then mastered, encoded and tagged in the background while the
    next recording's sentences are synthesised."""
    figures = SynthesisFigures()
    synthesiser = Synthesiser(cast, cache, figures)
    mastered_cache = MasteredCache(context.cache_dir / "mastered")
    recorded, scripts = [], []
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="master") as pool:  # numpy and LAME free the GIL
        running = []
        try:
            for edition, script in _scripts(editions):
                recorded.append(edition)
                scripts.append(script)
                synthesiser.add(script.utterances)
                if len(scripts) > 1:  # the one before is mastered once read, while this one is read
                    running.append(pool.submit(_write_files, recorded[-2], scripts[-2], cast,
                                               synthesiser.audio(scripts[-2].utterances), mastered_cache, context))
            running.append(pool.submit(_write_files, recorded[-1], scripts[-1], cast,
                                       synthesiser.audio(scripts[-1].utterances), mastered_cache, context))
            return cast, figures, recorded, scripts, [future.result() for future in running]
        except BaseException:
            for future in running:
                future.cancel()
            raise
        finally:
            synthesiser.close()


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
                 context: WriterContext) -> tuple[list[Artifact], Spoken]:
    mp3_name, captions_name = f"{edition.slug}.mp3", f"{edition.slug}.vtt"
    mp3_path = context.path(mp3_name)
    keys = {segment_key(cast, utterance) for utterance in script.utterances}
    recording = laid_out(script, cast, level_matched({key: audio[key] for key in keys}))
    key = mastered_cache.key(script, cast)
    cached = mastered_cache.get(key)
    if cached:
        mp3, measured, starts, length = cached
    else:
        pieces = PieceCache(context.cache_dir / "pieces")
        records = MasteringRecords(context.cache_dir / "pieces" / "mastered")
        # the last build's target and gain: after an edit, usually right at once
        target, gain = mastered_cache.last_gain(mp3_name) or (TARGET_LUFS + ENCODER_LOUDNESS_LOSS, None)
        chapters, gain = mastered_pieces(recording.pieces(), target, gain, records)
        result = spliced(chapters, pieces)
        measured = result.measured()
        if abs(measured.loudness - TARGET_LUFS) > 0.3:  # the encoder took more or less than expected: once more
            target += TARGET_LUFS - measured.loudness
            chapters, gain = mastered_pieces(recording.pieces(), target, records=records)  # afresh, to ± 0.1 LU
            result = spliced(chapters, pieces)
            measured = result.measured()
        mastered_cache.put(key, result, measured)
        mastered_cache.remember_gain(mp3_name, target, gain)
        mp3, starts, length = result.mp3, result.starts, result.length
    mp3_path.write_bytes(mp3)
    recording = recording.moved(starts, length)
    voices_heard = list(dict.fromkeys(cast.voice_for(utterance.language).label for utterance in script.utterances))
    write_tags(mp3_path, edition.statement, recording, script, context.generator, voices_heard)
    context.path(captions_name).write_text(
        render("audio/captions.vtt", cues=recording.cues, language=edition.statement.meta.language), "utf-8")

    duration = round(measured.seconds, 2)
    language = edition.statement.meta.language
    say = interface(language)
    label, description = say.label(LABELS[edition.name], duration=format_duration(measured.seconds, language))
    mp3 = Artifact(
        path=mp3_name, media_type="audio/mpeg", label=label, edition=edition.name, description=description,
        captions=captions_name, language=language if edition.one_language_of_several else None,
        properties={
            "duration_seconds": duration,
            "loudness_lufs": round(float(measured.loudness), 1),
            "true_peak_dbtp": round(float(measured.true_peak), 1),
            "sample_rate": SAMPLE_RATE,
            "bitrate_kbps": BITRATE_KBPS,
            "channels": 1,
            "voices": voices_heard,
            "spoken_words": count_words(utterance.spoken for utterance in script.utterances),
            "pause_seconds": round(sum(utterance.pause for utterance in script.utterances), 2),  # the script's
            "chapters": [{"title": chapter.title, "start_seconds": round(chapter.start, 2),
                          **({"parts": [{"title": part.title, "start_seconds": round(part.start, 2)}
                                        for part in chapter.parts]} if chapter.parts else {})}
                         for chapter in recording.chapters],
        })
    spoken = spoken_record(edition, mp3_name, measured.seconds, recording, script, voices_heard)
    label, description = say.label("captions", label=mp3.label)
    captions = Artifact(path=captions_name, media_type="text/vtt", label=label, description=description,
                        edition=edition.name, language=mp3.language, listed=False,
                        properties={"duration_seconds": duration})
    return [mp3, captions], spoken


def spoken_record(edition: Edition, mp3_name: str, seconds: float, recording, script: SpeechScript,
                  voices_heard: list[str]) -> Spoken:
    """Where each chapter and sentence of the recording is (the cues, one an utterance, fall in the chapter
    they start in), and the element of the text each reads."""
    targets = [utterance.target for utterance in script.utterances]
    chapters = []
    for mark in recording.chapters:
        sentences = tuple(SpokenSentence(cue.start, cue.end, cue.text, target)
                          for cue, target in zip(recording.cues, targets) if mark.start <= cue.start < mark.end)
        chapters.append(SpokenChapter(mark.title, mark.start, min(mark.end, seconds), sentences))
    return Spoken(edition, mp3_name, seconds, edition.statement.meta.language, ", ".join(voices_heard), tuple(chapters))
