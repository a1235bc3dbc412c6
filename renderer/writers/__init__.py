"""Writers: editions in, files out. One module (or folder) per kind of output.

A writer is a module with

    write(editions: list[Edition], context: WriterContext) -> list[Artifact]

It renders the editions it is given (the pipeline decides which: see
`build.FORMATS`), writes its files with `context.path(...)`, and returns one
`Artifact` per file. It reads only the model, the templates and its own data;
it never imports another writer, and never checks its own files: the pipeline
runs the checks registered for each artifact's media type (`renderer.checks`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic


@dataclass(frozen=True)
class BuildOptions:
    """What the person building chose (the CLI's options, or the web form's)."""

    formats: tuple[str, ...] | None = None  # None: every format
    force: bool = False  # rebuild even when the release is up to date
    ignore_embargo: bool = False  # build a preview of a statement under embargo
    verify: bool = True  # run the external validators (EPUBCheck, Ace)
    publish_with_failures: bool = False  # publish even when a check failed (the manifest says so)
    voice: str | None = None  # the voice that reads the audio, instead of the statement's `voice:`
    cache_dir: Path | None = None  # speech and checker caches; default <out>/.cache or $STATEMENT_RENDERER_CACHE


@dataclass(frozen=True)
class SpokenSentence:
    start: float  # seconds into the recording
    end: float
    caption: str  # the words as written
    target: str | None = None  # the id of the element of the text it reads (read-along EPUB), if it has one


@dataclass(frozen=True)
class SpokenChapter:
    title: str
    start: float
    end: float
    sentences: tuple[SpokenSentence, ...]


@dataclass(frozen=True)
class Spoken:
    """What the audio stage recorded for one edition (or one language of a bilingual one): its MP3 in the
    bundle, its length and where each chapter and sentence is, as the synthesiser made them. The
    talking-book formats (DAISY) are made from it; they never time the audio again."""

    edition: "object"  # the Edition
    mp3: str
    seconds: float
    language: str
    narrator: str
    chapters: tuple[SpokenChapter, ...]

    def clips(self) -> list[tuple[SpokenChapter, SpokenSentence, float, float]]:
        """Each sentence (with its chapter) and its clip of the recording: from its start (the first one
        from 0) to the next sentence's start (the last one to the end), so that the clips run end to end,
        pauses included, and add up to the whole recording."""
        sentences = [(chapter, sentence) for chapter in self.chapters for sentence in chapter.sentences]
        ends = [sentence.start for _, sentence in sentences[1:]] + [self.seconds]
        return [(chapter, sentence, 0.0 if position == 0 else sentence.start, end)
                for position, ((chapter, sentence), end) in enumerate(zip(sentences, ends))]


@dataclass
class WriterContext:
    """Where a writer writes and what it may tell the person building."""

    bundle_dir: Path
    cache_dir: Path
    built_at: dt.datetime
    generator: str
    options: BuildOptions
    summary_lines: list[str] = field(default_factory=list)  # figures a writer reports (e.g. readability)
    warnings: list[Diagnostic] = field(default_factory=list)  # what a writer found worth telling them
    figures: dict[str, float] = field(default_factory=dict)  # timings for benchmarks (never in the bundle)
    # what a writer could not make on this machine, and why (recorded in the manifest): {"format", "reason", "fix"}
    not_made: list[dict] = field(default_factory=list)
    spoken: list[Spoken] = field(default_factory=list)  # what the audio stage recorded, for the talking books

    def path(self, relative: str) -> Path:
        target = self.bundle_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        return target
