"""`manifest.json`: what the release holds, each file's type, size, checksum and checks, and the evidence."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

from ..artifact import Artifact, Check
from ..model import Statement

MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1


def manifest(statement: Statement, artifacts: list[Artifact], built_at: dt.datetime, generator_version: str,
             build_key: str, published: bool, not_made: list[dict] = ()) -> dict:
    meta = statement.meta
    failed = sorted({f"{a.label}: {c.name}" for a in artifacts for c in a.checks if not c.passed})
    return {
        "manifest_format": MANIFEST_FORMAT,
        "generator": {"name": "statement-renderer", "version": generator_version},
        "built_at": built_at.isoformat(),
        "build_key": build_key,
        # whether this bundle was published, the checks that failed (published only when asked to), and what
        # could not be made on the machine that built it (a speech program missing)
        "publication": {"published": published, "failed_checks": failed, "not_made": list(not_made)},
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
            "contact": dataclasses.asdict(meta.contact) if meta.contact else None,
            "keywords": meta.keywords,
            "version": meta.version,
            "word_count": statement.word_count,
            "reading_minutes": statement.reading_minutes,
            "outline": [dataclasses.asdict(entry) for entry in statement.outline],
            "acronyms": statement.acronyms,
        },
        "files": [
            {
                "path": a.path,
                "format": a.format,
                "edition": a.edition,
                **({"language": a.language} if a.language else {}),
                "label": a.label,
                "media_type": a.media_type,
                "bytes": a.bytes,
                "sha256": a.sha256,
                "checks": [dataclasses.asdict(check) for check in a.checks],
                **({"properties": a.properties} if a.properties else {}),
            }
            for a in sorted(artifacts, key=lambda a: a.path)
        ],
    }


def write_manifest(folder: Path, content: dict) -> None:
    (folder / MANIFEST).write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", "utf-8")


def read_manifest(folder: Path) -> dict | None:
    try:
        return json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def artifacts_listed(content: dict) -> list[Artifact]:
    """The files a manifest lists, as the records a build returns."""
    return [Artifact(path=f["path"], media_type=f["media_type"], label=f["label"], description="",
                     edition=f.get("edition"), language=f.get("language"), properties=f.get("properties", {}), format=f["format"],
                     checks=[Check(**c) for c in f["checks"]], bytes=f["bytes"], sha256=f["sha256"])
            for f in content["files"]]
