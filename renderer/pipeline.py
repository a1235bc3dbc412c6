"""Build a release bundle from a source statement: the one call every front end makes.

    result = renderer.build("sources/npcc-e2ee-child-safety.md", "release/")

The flow, and the only place that owns its order, concurrency, caching and publication:

    read (readers) → preflight → editions (Release) → writers (FORMATS) → checks (by media type)
        → bundle (landing page, manifest, zip, checksums, atomic swap)

Errors in the source raise `SourceError` before anything is written; any other
failure leaves the previous release untouched.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Callable

from . import __version__, bundle
from .artifact import Artifact
from .checks import CHECKERS, CheckSubject
from .diagnostics import Diagnostic, Diagnostics, SourceError, file_system_error
from .editions import FULL, PLAIN, Release, make_release
from .model import Statement
from .readers import read_statement
from .templating import templates_digest
from .writers import BuildOptions, WriterContext
from .writers import audio, braille, daisy, epub, html, pdf, readability, text
from .writers.audio.voices import VoiceError, check_voice

GENERATOR = f"statement-renderer {__version__}"
# Where synthesised speech and checker results are kept between builds: <out>/.cache unless this is set
# (a folder shared by several release folders, e.g. in CI or by the test suite).
CACHE_VARIABLE = "STATEMENT_RENDERER_CACHE"
DATA_FOLDER = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Format:
    """What `--formats NAME` builds: each writer with the editions it renders."""

    name: str
    summary: str
    outputs: tuple[tuple[ModuleType, tuple[str, ...]], ...]
    needs: tuple[str, ...] = ()  # formats it is made from, built with it
    reads: tuple[str, ...] = ()  # formats it uses when they are built too (made before it)

    @property
    def after(self) -> tuple[str, ...]:
        return self.needs + self.reads

    @property
    def needs_plain_edition(self) -> bool:
        return any(PLAIN in editions for _, editions in self.outputs)


# Every format. A format others are made from (the audio: the EPUB reads it aloud with Media Overlays, the
# DAISY book is made of it) is built in the background from the start, while the formats that do not need
# it are built in this order; those that do come last. The plain version comes before the PDFs: the audio
# reads the plain edition as soon as the statement's own sentences are synthesised, which after a one-word
# edit is within half a second. Adding a format is one writer module and one line.
FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("html", "accessible web page", ((html, (FULL,)),)),
    Format("audio", "spoken audio (MP3) with captions", ((audio, (FULL, PLAIN)),)),
    Format("epub", "EPUB 3 e-book", ((epub, (FULL, PLAIN)),), reads=("audio",)),
    Format("plain", "plain-language version and readability report",
           ((html, (PLAIN,)), (text, (PLAIN,)), (pdf, (PLAIN,)), (readability, (FULL, PLAIN)))),
    Format("pdf", "tagged PDF and large print", ((pdf, (FULL,)),)),
    Format("braille", "braille (BRF and PEF)", ((braille, (FULL,)),)),
    Format("daisy", "DAISY 2.02 talking book", ((daisy, (FULL,)),), needs=("audio",)),
)}
# The order readers see the formats in, on the landing page and in the summary.
LISTING_ORDER = ("html", "pdf", "epub", "plain", "audio", "daisy", "braille")


@dataclass
class BuildResult:
    source: Path
    slug: str
    bundle_dir: Path
    files: list[Artifact] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    up_to_date: bool = False
    published: bool = True  # False: a check failed, and the bundle was held back in `held_back`
    held_back: Path | None = None
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    summary_lines: list[str] = field(default_factory=list)
    figures: dict[str, float] = field(default_factory=dict)

    @property
    def failed_checks(self) -> list[tuple[str, str]]:
        return [(f.label, c.name) for f in self.files for c in f.checks if not c.passed]


def summary(result: BuildResult) -> dict:
    """A build's result as JSON data (for a build run elsewhere: the web app's jobs and the queue's workers):
    the same figures and checks as the CLI's summary."""
    return {
        "source": str(result.source),
        "slug": result.slug,
        "bundle": str(result.bundle_dir),
        "up_to_date": result.up_to_date,
        "published": result.published,
        "held_back": str(result.held_back) if result.held_back else None,
        "seconds": round(result.seconds, 2),
        "stage_seconds": {name: round(seconds, 2) for name, seconds in result.stage_seconds.items()},
        "summary_lines": result.summary_lines,
        "warnings": [str(w) for w in result.warnings],
        "failed_checks": [f"{label}: {check}" for label, check in result.failed_checks],
        "files": [{"format": f.format, "name": f.name, "bytes": f.bytes, "label": f.label,
                   "checks": [{"name": c.name, "passed": c.passed, "details": c.details} for c in f.checks]}
                  for f in result.files],
    }


class EmbargoError(SourceError):
    pass


def available_formats() -> list[str]:
    return list(LISTING_ORDER)


def parse_formats(formats: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """The requested formats, checked, in build order."""
    if formats is None:
        return tuple(FORMATS)
    names = [f.strip().lower() for f in (formats.split(",") if isinstance(formats, str) else formats) if f.strip()]
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise ValueError(f"unknown format {', '.join(unknown) or '(none given)'}; "
                         f"choose from: {', '.join(available_formats())}")
    names += [needed for name in names for needed in FORMATS[name].needs]
    return tuple(n for n in FORMATS if n in names)


def build_options(options: BuildOptions | None = None, **values) -> BuildOptions:
    """Options from keywords (`formats="pdf,epub"`, `verify=False`), checked: formats in build order."""
    options = dataclasses.replace(options or BuildOptions(), **values)
    return dataclasses.replace(options, formats=parse_formats(options.formats))


def check_options(options: BuildOptions) -> None:
    """Raise ValueError for a voice chosen by the person building that cannot be used (`build_options`
    has already checked the formats)."""
    if options.voice is not None:
        try:
            check_voice(options.voice, None, trusted=True)
        except VoiceError as exc:
            raise ValueError(f"--voice: {exc.message}. Fix: {exc.fix}") from None


def preflight(statement: Statement) -> None:
    """What the source chose that a writer will need, checked before anything is written: its voice."""
    if statement.meta.voice:
        try:
            check_voice(statement.meta.voice, statement.source_path.parent)
        except VoiceError as exc:
            report = Diagnostics(statement.source_path)
            report.error(statement.field_lines.get("voice"), f"the voice '{statement.meta.voice}' cannot be used: "
                                                             f"{exc.message}", exc.fix)
            report.raise_errors()


def build_time() -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), otherwise now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.now(tz=dt.timezone.utc).replace(microsecond=0)


def check_embargo(statement: Statement, now: dt.datetime | None = None) -> None:
    embargo = statement.meta.embargo
    now = now or dt.datetime.now(tz=dt.timezone.utc)
    if embargo and now < embargo:
        report = Diagnostics(statement.source_path)
        report.error(None, f"the statement is under embargo until {embargo.isoformat()}",
                     "wait until then, or pass --ignore-embargo to build a preview that must not be published")
        raise EmbargoError(report.items)


def build_key(statement: Statement, options: BuildOptions) -> str:
    """What a release depends on: source, images, templates, data, formats, options and generator version."""
    digest = hashlib.sha256()
    chosen = repr((options.verify, options.voice, options.publish_with_failures))
    for part in (GENERATOR, statement.source_sha256, templates_digest(), ",".join(options.formats), chosen):
        digest.update(part.encode() + b"\0")
    for figure in statement.figures:
        digest.update(figure.data)
    for data_file in sorted(DATA_FOLDER.glob("*")):
        digest.update(data_file.read_bytes())
    return digest.hexdigest()


def build(source: str | Path, out_dir: str | Path = "release", options: BuildOptions | None = None, *,
          on_progress: Callable[[str], None] | None = None, **option_values) -> BuildResult:
    """Read one source statement and build its release bundle in `out_dir/<slug>/`.
    Options as a `BuildOptions`, or as keywords: `build(source, "release", formats="pdf", force=True)`."""
    started = time.perf_counter()
    options = build_options(options, **option_values)  # a wrong format name fails before the source is read
    statement, report = read_statement(source)
    result = build_statement(statement, out_dir, options, on_progress=on_progress, warnings=report.warnings)
    result.seconds = time.perf_counter() - started
    return result


def build_statement(statement: Statement, out_dir: str | Path = "release", options: BuildOptions | None = None, *,
                    on_progress: Callable[[str], None] | None = None, warnings: list[Diagnostic] | None = None,
                    **option_values) -> BuildResult:
    """Build the release bundle of a statement already read."""
    started = time.perf_counter()
    progress = on_progress or (lambda message: None)
    options = build_options(options, **option_values)
    preflight(statement)
    if not options.ignore_embargo:
        check_embargo(statement)
    release_folder = bundle.ReleaseBundle(Path(out_dir), statement.meta.slug)
    key = build_key(statement, options)
    result = BuildResult(source=statement.source_path, slug=statement.meta.slug, bundle_dir=release_folder.live,
                         warnings=list(warnings or []))

    existing = release_folder.existing_manifest()
    if not options.force and existing and existing.get("build_key") == key:
        result.up_to_date = True
        result.files = bundle.artifacts_listed(existing)
        result.seconds = time.perf_counter() - started
        return result

    cache_dir = Path(options.cache_dir or os.environ.get(CACHE_VARIABLE) or Path(out_dir) / ".cache")
    release = make_release(statement, with_plain=any(FORMATS[name].needs_plain_edition for name in options.formats),
                           kept=cache_dir / "plain")
    context = WriterContext(
        bundle_dir=release_folder.staging,
        cache_dir=cache_dir,
        built_at=build_time(),
        generator=GENERATOR,
        options=options,
    )
    validators = _Validators(release, context)
    formats = _Formats(release, context, validators, options.formats, progress)
    try:
        release_folder.start()
        for name in formats.order:
            progress(f"building {FORMATS[name].summary}")
            formats.build(name)
        artifacts = formats.finish(result.stage_seconds)
        if validators.running:
            progress("waiting for the validators (EPUBCheck, Ace)")
            checks_started = time.perf_counter()
            validators.finish()
            result.stage_seconds["validators"] = time.perf_counter() - checks_started
        progress("writing landing page, manifest and zip")
        bundle_started = time.perf_counter()
        artifacts.sort(key=lambda artifact: LISTING_ORDER.index(artifact.format))
        for artifact in artifacts:
            bundle.measure(context.bundle_dir, artifact)
        landing = bundle.write_landing_page(context.bundle_dir, statement, artifacts, GENERATOR, context.built_at)
        validators.check(landing)
        artifacts.append(bundle.measure(context.bundle_dir, landing))
        failed = any(not check.passed for artifact in artifacts for check in artifact.checks)
        result.published = not failed or options.publish_with_failures
        bundle.finish(context.bundle_dir, statement, artifacts, context.built_at, __version__, key, result.published,
                      context.not_made)
        result.stage_seconds["bundle"] = time.perf_counter() - bundle_started
        if result.published:
            progress("publishing")
            release_folder.publish()
        else:
            release_folder.hold_back()
            result.held_back = release_folder.failed
    except OSError as error:  # a folder that cannot be written, a full disk: one line with its fix
        formats.cancel()
        validators.cancel()
        release_folder.abandon()
        raise file_system_error(error, Path(out_dir)) from error
    except BaseException:  # anything else, Ctrl-C included: the live release stays as it was
        formats.cancel()
        validators.cancel()
        release_folder.abandon()
        raise
    result.files = artifacts
    result.summary_lines = context.summary_lines
    result.warnings += release.warnings + context.warnings
    result.figures = context.figures
    result.seconds = time.perf_counter() - started
    return result


class _Formats:
    """Builds the formats asked for: one that others are made from (the audio) in a thread of its own from the
    start, with its own lists of warnings and figures (merged in when it ends, so nothing is interleaved),
    while the others are built here; a format that needs it waits for it."""

    def __init__(self, release: Release, context: WriterContext, validators: "_Validators", names: tuple[str, ...],
                 progress: Callable[[str], None]):
        self.release, self.context, self.validators, self.progress = release, context, validators, progress
        self.names = names
        needed = {other for name in names for other in FORMATS[name].after if other in names}
        self.background = [name for name in names if name in needed]
        self.order = self.background + [name for name in names if name not in needed and not FORMATS[name].after] + \
            [name for name in names if name not in needed and FORMATS[name].after]
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="format") if self.background else None
        self.running: dict[str, tuple[Future, WriterContext]] = {}
        self.artifacts: dict[str, list[Artifact]] = {}
        self.seconds: dict[str, float] = {}

    def build(self, name: str) -> None:
        if name in self.background:
            own = dataclasses.replace(self.context, summary_lines=[], warnings=[], figures={}, not_made=[], spoken=[])
            self.running[name] = (self.pool.submit(self._write, name, own), own)
            return
        for other in FORMATS[name].after:
            self._join(other)
        self.artifacts[name] = self._write(name, self.context)

    def _write(self, name: str, context: WriterContext) -> list[Artifact]:
        started = time.perf_counter()
        made = []
        for writer, edition_names in FORMATS[name].outputs:
            editions = self.release.named(edition_names)
            if not editions:  # a plain-language writer, for a statement that has no plain edition
                continue
            for artifact in writer.write(editions, context):
                artifact.format = name
                self.validators.check(artifact)
                made.append(artifact)
        self.seconds[name] = time.perf_counter() - started
        return made

    def _join(self, name: str) -> None:
        if name not in self.running:
            return
        future, own = self.running.pop(name)
        if not future.done():
            self.progress(f"waiting for the {FORMATS[name].summary}")
        self.artifacts[name] = future.result()
        self.context.summary_lines += own.summary_lines
        self.context.warnings += own.warnings
        self.context.figures.update(own.figures)
        self.context.not_made += own.not_made
        self.context.spoken += own.spoken

    def finish(self, stage_seconds: dict[str, float]) -> list[Artifact]:
        """Every format's artifacts, once all are built, in the order asked for."""
        for name in list(self.running):
            self._join(name)
        if self.pool is not None:
            self.pool.shutdown()
        stage_seconds.update((name, self.seconds[name]) for name in self.names if name in self.seconds)
        return [artifact for name in self.names for artifact in self.artifacts.get(name, [])]

    def cancel(self) -> None:
        """A failed build: wait for a format still being built (it writes into the folder about to be dropped)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


class _Validators:
    """Runs the checks registered for each artifact's media type: at once, or (external validators)
    in the background while the next writers work."""

    def __init__(self, release: Release, context: WriterContext):
        self.release, self.context = release, context
        self.pool: ThreadPoolExecutor | None = None
        self.running: list[tuple[Artifact, Future]] = []
        self.lock = threading.Lock()

    def check(self, artifact: Artifact) -> None:
        """(Called from the build's threads: the audio's and the others'.)"""
        subject = CheckSubject(self.context.bundle_dir / artifact.path, artifact, self.release, self.context.cache_dir)
        for checker in CHECKERS.get(artifact.media_type, []):
            if not checker.external:
                artifact.checks += checker.run(subject)
            elif self.context.options.verify:
                with self.lock:
                    if self.pool is None:
                        self.pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="check")
                    self.running.append((artifact, self.pool.submit(checker.run, subject)))

    def finish(self) -> None:
        """Wait for every background check and add its results to its artifact, in the order started."""
        try:
            for artifact, future in self.running:
                artifact.checks += future.result()
        finally:
            self.cancel()

    def cancel(self) -> None:
        """Drop checks not yet started (a failed build); running ones end on their own."""
        self.running.clear()
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None


def find_sources(paths: list[str | Path]) -> list[Path]:
    """The source files named, with every statement of any folder named: its Markdown files (README.md
    aside) and Word documents (not Word's '~$' lock files, nor a document with a Markdown file of the same
    name beside it: that is its twin, e.g. made by `convert`, and the Markdown file is the source)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            markdown = [p for p in path.glob("*.md") if p.name.lower() != "readme.md"]
            word = [p for p in path.glob("*.docx") if not p.name.startswith("~$") and not p.with_suffix(".md").exists()]
            found += sorted(markdown + word)
        else:
            found.append(path)
    return found
