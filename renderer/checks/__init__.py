"""Checks: every file the build writes is read back and checked, by its media type.

`CHECKERS` maps a media type to the checkers that run on every artifact of that
type; the pipeline runs them (writers never check their own files) and records
each `Check` in the manifest and on the landing page. An external validator
(EPUBCheck, DAISY Ace) is `external`: it runs in the background while later
writers work, and `--no-verify` skips it.

A checker is `run(subject: CheckSubject) -> list[Check]`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..artifact import Artifact, Check
from ..editions import Edition, Release
from . import audio, braille, daisy, epub, html, pdf, text


@dataclass(frozen=True)
class CheckSubject:
    """A written file, what it is, and the release it belongs to."""

    path: Path
    artifact: Artifact
    release: Release
    cache_dir: Path

    @property
    def edition(self) -> Edition:
        """The edition the file renders (the full one for a file about the whole release)."""
        return self.release.edition(self.artifact.edition) or self.release.full


@dataclass(frozen=True)
class Checker:
    run: Callable[[CheckSubject], list[Check]]
    external: bool = False  # a validator program: in the background, skipped with --no-verify


CHECKERS: dict[str, list[Checker]] = {
    "text/html": [Checker(html.check)],
    "application/pdf": [Checker(pdf.check)],
    "application/epub+zip": [Checker(epub.check_package), Checker(epub.check_epubcheck, external=True),
                             Checker(epub.check_ace, external=True)],
    "audio/mpeg": [Checker(audio.check_mp3)],
    "text/vtt": [Checker(audio.check_captions)],
    "text/plain": [Checker(text.check_facts_kept)],
    "text/x-brf": [Checker(braille.check_brf)],
    "application/x-pef+xml": [Checker(braille.check_pef)],
    "application/x-daisy-202+zip": [Checker(daisy.check)],
}
