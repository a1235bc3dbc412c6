"""What a writer makes and the pipeline checks, bundles and lists: one record per file.

A writer returns `Artifact`s (path, media type, label, description, edition);
the pipeline fills in the rest as the file goes on: its format, the checks run
on it, then its size and checksum when it is bundled. The manifest, the landing
page and `BuildResult` all read the same records.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

TYPE_NAMES = {
    "text/html": "HTML", "application/pdf": "PDF", "application/epub+zip": "EPUB",
    "text/plain": "text", "audio/mpeg": "MP3", "text/vtt": "WebVTT captions",
}


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    details: str


@dataclass
class Artifact:
    path: str  # relative to the bundle folder, with '/' separators
    media_type: str
    label: str
    description: str
    edition: str | None  # "full", "plain", or None for a file about the whole release
    listed: bool = True  # shown as a format on the landing page (images and captions are not)
    captions: str | None = None  # for audio: the WebVTT file that captions it
    language: str | None = None  # a file in one language of a bilingual release (its audio); None: the whole
    properties: dict = field(default_factory=dict)  # what the writer measured or promises, in the manifest
    # filled in by the pipeline
    format: str = ""  # the format (in --formats) it was built for
    checks: list[Check] = field(default_factory=list)
    bytes: int = 0
    sha256: str = ""

    @property
    def type_name(self) -> str:
        return TYPE_NAMES.get(self.media_type, self.media_type)

    @property
    def download(self) -> bool:
        return self.media_type != "text/html"

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


def source_digest(source: Path) -> str | None:
    """What a build was made from: the source file's SHA-256, None when there is no such file (publishing
    checks the source has not changed since its build)."""
    return sha256_file(source) if source.is_file() else None


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
