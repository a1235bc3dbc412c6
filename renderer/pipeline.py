"""Build a release bundle from a source statement: the one call every front end makes.

    result = renderer.build("sources/npcc-e2ee-child-safety.md", "release/")

reads the source into the statement model, runs each requested format stage on
it, writes the landing page, manifest, checksums and zip, and swaps the
finished folder in. Errors in the source raise `SourceError` before anything is
written; any other failure leaves the previous release untouched.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import __version__
from .bundle import ReleaseBundle
from .diagnostics import Diagnostic, Diagnostics, SourceError
from .model import Statement
from .source import read_statement
from .stage import BuildContext, Check, OutputFile, Stage
from .templating import templates_digest
from . import audio, epub, pdf, plain, web

GENERATOR = f"statement-renderer {__version__}"
# Where synthesised speech and checker results are kept between builds: <out>/.cache unless this is set
# (a folder shared by several release folders, e.g. in CI or by the test suite).
CACHE_VARIABLE = "STATEMENT_RENDERER_CACHE"

# Every format the renderer can build, in build order: the EPUB early, so that its
# validators (seconds of Java and Chromium) run while the later stages render.
STAGES: dict[str, Stage] = {stage.name: stage
                            for stage in (web.STAGE, epub.STAGE, audio.STAGE, pdf.STAGE, plain.STAGE)}
# The order readers see the formats in, on the landing page and in the summary.
LISTING_ORDER = ("html", "pdf", "epub", "plain", "audio")


@dataclass
class FileResult:
    path: Path
    format: str
    label: str
    media_type: str
    bytes: int
    seconds: float
    checks: list[Check]


@dataclass
class BuildResult:
    source: Path
    slug: str
    bundle_dir: Path
    files: list[FileResult] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    up_to_date: bool = False
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    summary_lines: list[str] = field(default_factory=list)
    figures: dict[str, float] = field(default_factory=dict)

    @property
    def failed_checks(self) -> list[tuple[str, str]]:
        return [(f.label, c.name) for f in self.files for c in f.checks if not c.passed]


class EmbargoError(SourceError):
    pass


def available_formats() -> list[str]:
    return list(LISTING_ORDER)


def parse_formats(formats: str | list[str] | None) -> list[str]:
    """The requested formats, checked, in build order."""
    if formats is None:
        return list(STAGES)
    names = [f.strip().lower() for f in (formats.split(",") if isinstance(formats, str) else formats) if f.strip()]
    unknown = [n for n in names if n not in STAGES]
    if unknown or not names:
        raise ValueError(f"unknown format {', '.join(unknown) or '(none given)'}; "
                         f"choose from: {', '.join(available_formats())}")
    return [n for n in STAGES if n in names]


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


def build_key(statement: Statement, formats: list[str], options: dict | None = None) -> str:
    """What a release depends on: source, images, templates, formats, options and generator version."""
    digest = hashlib.sha256()
    chosen_options = repr(sorted((options or {}).items()))
    for part in (GENERATOR, statement.source_sha256, templates_digest(), ",".join(formats), chosen_options):
        digest.update(part.encode() + b"\0")
    for figure in statement.figures:
        digest.update(figure.source.read_bytes())
    for data_file in sorted((Path(__file__).parent / "data").glob("*")):
        digest.update(data_file.read_bytes())
    return digest.hexdigest()


def build(
    source: str | Path,
    out_dir: str | Path = "release",
    formats: str | list[str] | None = None,
    *,
    force: bool = False,
    ignore_embargo: bool = False,
    cache_dir: str | Path | None = None,
    on_progress: Callable[[str], None] | None = None,
    options: dict | None = None,
) -> BuildResult:
    """Read one source statement and build its release bundle in `out_dir/<slug>/`."""
    started = time.perf_counter()
    parse_formats(formats)  # a wrong format name fails before the source is read
    statement, report = read_statement(source)
    result = build_statement(statement, out_dir, formats, force=force, ignore_embargo=ignore_embargo,
                             cache_dir=cache_dir, on_progress=on_progress, options=options, warnings=report.warnings)
    result.seconds = time.perf_counter() - started
    return result


def build_statement(
    statement: Statement,
    out_dir: str | Path = "release",
    formats: str | list[str] | None = None,
    *,
    force: bool = False,
    ignore_embargo: bool = False,
    cache_dir: str | Path | None = None,
    on_progress: Callable[[str], None] | None = None,
    options: dict | None = None,
    warnings: list[Diagnostic] | None = None,
) -> BuildResult:
    """Build the release bundle of a statement already read."""
    started = time.perf_counter()
    progress = on_progress or (lambda message: None)
    chosen = parse_formats(formats)
    if not ignore_embargo:
        check_embargo(statement)
    bundle = ReleaseBundle(Path(out_dir), statement.meta.slug)
    key = build_key(statement, chosen, options)
    result = BuildResult(source=statement.source_path, slug=statement.meta.slug, bundle_dir=bundle.live,
                         warnings=list(warnings or []))

    existing = bundle.existing_manifest()
    if not force and existing and existing.get("build_key") == key:
        result.up_to_date = True
        result.files = [FileResult(bundle.live / f["path"], f["format"], f["label"], f["media_type"], f["bytes"], 0.0,
                                   [Check(**c) for c in f["checks"]]) for f in existing["files"]]
        result.seconds = time.perf_counter() - started
        return result

    if any(STAGES[name].reads_plain_version for name in chosen):
        statement.plain_version, plain_warnings = plain.plain_version(statement)
        result.warnings += plain_warnings
    context = BuildContext(
        bundle_dir=bundle.start(),
        cache_dir=Path(cache_dir or os.environ.get(CACHE_VARIABLE) or Path(out_dir) / ".cache"),
        built_at=build_time(),
        generator=GENERATOR,
        options={"build_key": key, **(options or {})},
    )
    try:
        outputs: list[OutputFile] = []
        for name in chosen:
            progress(f"building {STAGES[name].summary}")
            stage_started = time.perf_counter()
            outputs += STAGES[name].render(statement, context)
            result.stage_seconds[name] = time.perf_counter() - stage_started
        if context.checks_running:
            progress("waiting for the validators (EPUBCheck, Ace)")
            checks_started = time.perf_counter()
            context.finish_checks()
            result.stage_seconds["validators"] = time.perf_counter() - checks_started
        outputs.sort(key=lambda output: LISTING_ORDER.index(output.format))
        progress("writing landing page, manifest and zip")
        bundle_started = time.perf_counter()
        listed = bundle.finish(statement, outputs, context)
        result.stage_seconds["bundle"] = time.perf_counter() - bundle_started
        progress("publishing")
        bundle.publish()
    except BaseException:
        context.cancel_checks()
        bundle.abandon()
        raise
    result.files = [FileResult(bundle.live / f.path, f.format, f.label, f.media_type, f.bytes,
                               result.stage_seconds.get(f.format, 0.0), f.checks) for f in listed]
    result.summary_lines = context.summary_lines
    result.warnings += context.warnings
    result.figures = context.figures
    result.seconds = time.perf_counter() - started
    return result


def find_sources(paths: list[str | Path]) -> list[Path]:
    """The source files named, with every Markdown file of any folder named (README.md aside)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.glob("*.md") if p.name.lower() != "readme.md")
        else:
            found.append(path)
    return found
