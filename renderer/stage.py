"""What every format stage shares: the build context it is given and the files it returns.

A stage is a room with one door: `render(statement, context) -> list[OutputFile]`.
It reads only the statement model, writes only inside `context.bundle_dir`, and
reports the checks it ran on each file it wrote.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .diagnostics import Diagnostic
from .model import Statement


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    details: str


@dataclass
class OutputFile:
    path: str  # relative to the bundle folder, with '/' separators
    format: str
    label: str
    description: str
    media_type: str
    checks: list[Check] = field(default_factory=list)
    listed: bool = True  # shown as a format on the landing page (media files are not)
    captions: str | None = None  # for audio: the WebVTT file that captions it
    properties: dict = field(default_factory=dict)  # measured figures recorded in the manifest (e.g. loudness)


@dataclass
class BuildContext:
    bundle_dir: Path
    cache_dir: Path
    built_at: dt.datetime
    generator: str
    options: dict = field(default_factory=dict)
    summary_lines: list[str] = field(default_factory=list)  # figures a stage reports to the person building
    warnings: list[Diagnostic] = field(default_factory=list)  # what a stage found worth telling them
    figures: dict[str, float] = field(default_factory=dict)  # timings for benchmarks (never in the bundle)
    checks_running: list[tuple[OutputFile, Future]] = field(default_factory=list)
    checker_pool: ThreadPoolExecutor | None = None

    def path(self, relative: str) -> Path:
        target = self.bundle_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def check_later(self, output: OutputFile, check: Callable[[], Check]) -> None:
        """Run a slow check (an external validator) while the next stages render."""
        if self.checker_pool is None:
            self.checker_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="check")
        self.checks_running.append((output, self.checker_pool.submit(check)))

    def finish_checks(self) -> None:
        """Wait for every check started with `check_later` and add its result to its file."""
        try:
            for output, future in self.checks_running:
                output.checks.append(future.result())
        finally:
            self.cancel_checks()

    def cancel_checks(self) -> None:
        """Drop checks not yet started (a failed build); running ones end on their own."""
        self.checks_running.clear()
        if self.checker_pool is not None:
            self.checker_pool.shutdown(wait=False, cancel_futures=True)
            self.checker_pool = None


@dataclass(frozen=True)
class Stage:
    name: str
    summary: str
    render: Callable[[Statement, BuildContext], list[OutputFile]]
    reads_plain_version: bool = False  # the pipeline makes `statement.plain_version` only when a stage reads it
