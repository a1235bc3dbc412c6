"""The release bundle: one folder per statement, built aside and swapped in whole.

`release/<slug>/` is only ever replaced by a complete build. A build writes into
`release/.<slug>.partial-<pid>/`; when every stage has succeeded the two folders
are exchanged in one atomic step (Linux `renameat2(RENAME_EXCHANGE)`, with a
two-rename fallback elsewhere), and the release it replaces is kept as
`release/<slug>.previous/`. A build that fails or is killed leaves the live
release exactly as it was; its partial folder is removed by the next build.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import hashlib
import json
import os
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .model import Statement
from .stage import BuildContext, Check, OutputFile
from .templating import render
from .web import ui_language_attribute
from .html_checks import check_html_page

MANIFEST = "manifest.json"
CHECKSUMS = "SHA256SUMS"
LANDING_PAGE = "index.html"
MANIFEST_FORMAT = 1

TYPE_NAMES = {
    "text/html": "HTML", "application/pdf": "PDF", "application/epub+zip": "EPUB",
    "text/plain": "text", "audio/mpeg": "MP3", "text/vtt": "WebVTT captions",
}


@dataclass
class ListedFile:
    """An output file as the landing page and manifest show it."""

    path: str
    format: str
    label: str
    description: str
    media_type: str
    bytes: int
    sha256: str
    checks: list[Check]
    listed: bool
    captions: str | None
    properties: dict

    @property
    def type_name(self) -> str:
        return TYPE_NAMES.get(self.media_type, self.media_type)

    @property
    def download(self) -> bool:
        return self.media_type not in ("text/html",)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class ReleaseBundle:
    def __init__(self, out_dir: Path, slug: str):
        self.out_dir = Path(out_dir)
        self.slug = slug
        self.live = self.out_dir / slug
        self.previous = self.out_dir / f"{slug}.previous"
        self.staging = self.out_dir / f".{slug}.partial-{os.getpid()}"

    # --- before a build ------------------------------------------------------

    def existing_manifest(self) -> dict | None:
        try:
            return json.loads((self.live / MANIFEST).read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def start(self) -> Path:
        """Clear partial folders left by killed builds, then make a fresh staging folder."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        for leftover in self.out_dir.glob(f".{self.slug}.partial-*"):
            pid = leftover.name.rsplit("-", 1)[-1]
            if not pid.isdigit() or not _process_alive(int(pid)) or int(pid) == os.getpid():
                shutil.rmtree(leftover, ignore_errors=True)
        self.staging.mkdir()
        return self.staging

    def abandon(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    # --- finishing the staging folder ------------------------------------------

    def finish(self, statement: Statement, outputs: list[OutputFile], context: BuildContext) -> list[ListedFile]:
        """Write the landing page, manifest, checksums and zip into the staging folder."""
        files = [self._listed(output) for output in outputs]
        landing = render("web/landing.html", statement=statement, files=[f for f in files if f.listed],
                         language=statement.meta.language, ui_lang=ui_language_attribute(statement),
                         generator=context.generator, built_at=context.built_at.date())
        (self.staging / LANDING_PAGE).write_text(landing, "utf-8")
        landing_output = OutputFile(path=LANDING_PAGE, format="bundle", label="Landing page",
                                    description="This release's front page, linking every format.",
                                    media_type="text/html", checks=check_html_page(self.staging / LANDING_PAGE),
                                    listed=False)
        files.append(self._listed(landing_output))
        manifest = _manifest(statement, files, context)
        (self.staging / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", "utf-8")
        zip_name = f"{self.slug}.zip"
        _write_zip(self.staging / zip_name, self.staging,
                   sorted([f.path for f in files] + [MANIFEST]), context.built_at)
        checksummed = sorted([f.path for f in files] + [MANIFEST, zip_name])
        lines = [f"{sha256_file(self.staging / name)}  {name}\n" for name in checksummed]
        (self.staging / CHECKSUMS).write_text("".join(lines), "utf-8")
        return files

    def _listed(self, output: OutputFile) -> ListedFile:
        path = self.staging / output.path
        return ListedFile(path=output.path, format=output.format, label=output.label,
                          description=output.description, media_type=output.media_type,
                          bytes=path.stat().st_size, sha256=sha256_file(path), checks=output.checks,
                          listed=output.listed, captions=output.captions, properties=output.properties)

    # --- the swap -------------------------------------------------------------------

    def publish(self) -> None:
        """Make the staging folder the live release in one step; keep the old one as .previous."""
        _fsync_tree(self.staging)
        if not self.live.exists():
            os.rename(self.staging, self.live)
            return
        discard = self.out_dir / f".{self.slug}.discard-{os.getpid()}"
        if self.previous.exists():
            os.rename(self.previous, discard)
        if _exchange(self.staging, self.live):
            os.rename(self.staging, self.previous)  # the staging name now holds the old release
        else:
            os.rename(self.live, self.previous)
            os.rename(self.staging, self.live)
        shutil.rmtree(discard, ignore_errors=True)


def _manifest(statement: Statement, files: list[ListedFile], context: BuildContext) -> dict:
    meta = statement.meta
    return {
        "manifest_format": MANIFEST_FORMAT,
        "generator": {"name": "statement-renderer", "version": __version__},
        "built_at": context.built_at.isoformat(),
        "build_key": context.options.get("build_key"),
        "source": {"file": statement.source_path.name, "sha256": statement.source_sha256},
        "statement": {
            "title": meta.title,
            "organisation": meta.organisation,
            "date": meta.date.isoformat(),
            "language": meta.language,
            "languages": statement.languages,
            "slug": meta.slug,
            "summary": meta.summary,
            "author": meta.author,
            "contact": vars(meta.contact) if meta.contact else None,
            "keywords": meta.keywords,
            "version": meta.version,
            "word_count": statement.word_count,
            "reading_minutes": statement.reading_minutes,
            "outline": [vars(entry) for entry in statement.outline],
            "acronyms": statement.acronyms,
        },
        "files": [
            {
                "path": f.path,
                "format": f.format,
                "label": f.label,
                "media_type": f.media_type,
                "bytes": f.bytes,
                "sha256": f.sha256,
                "checks": [vars(check) for check in f.checks],
                **({"properties": f.properties} if f.properties else {}),
            }
            for f in sorted(files, key=lambda f: f.path)
        ],
    }


def _write_zip(target: Path, folder: Path, names: list[str], built_at: dt.datetime) -> None:
    """A zip whose bytes depend only on the files: fixed order, times and permissions."""
    timestamp = max(built_at, dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)).timetuple()[:6]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=timestamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, (folder / name).read_bytes())


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with renameat2(RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
