"""The bundle: the release folder finished and published.

- `staging`: the folder a build writes into, and the atomic swap that publishes it;
- `landing`: the landing page (`index.html`) linking every format with its checks;
- `manifest`: `manifest.json`, every file's type, size, SHA-256 and checks;
- `archive`: the zip of the whole release and `SHA256SUMS`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..artifact import Artifact, sha256_file
from ..model import Statement
from .archive import CHECKSUMS, write_checksums, write_zip
from .landing import LANDING_PAGE, write_landing_page
from .manifest import MANIFEST, artifacts_listed, manifest, write_manifest
from .staging import ReleaseBundle

__all__ = ["ReleaseBundle", "write_landing_page", "finish", "measure", "artifacts_listed", "LANDING_PAGE", "MANIFEST",
           "CHECKSUMS"]


def measure(folder: Path, artifact: Artifact) -> Artifact:
    """Fill in an artifact's size and checksum from the file in the staging folder."""
    path = folder / artifact.path
    artifact.bytes, artifact.sha256 = path.stat().st_size, sha256_file(path)
    return artifact


def finish(folder: Path, statement: Statement, artifacts: list[Artifact], built_at: dt.datetime,
           generator_version: str, build_key: str, published: bool, not_made: list[dict] = ()) -> None:
    """Write the manifest, the zip and the checksums into the staging folder (every artifact measured)."""
    write_manifest(folder, manifest(statement, artifacts, built_at, generator_version, build_key, published,
                                    not_made))
    zip_name = f"{statement.meta.slug}.zip"
    write_zip(folder / zip_name, folder, sorted([a.path for a in artifacts] + [MANIFEST]), built_at)
    digests = {a.path: a.sha256 for a in artifacts}  # measured already; only the manifest and zip are new
    write_checksums(folder, {**digests, **{name: sha256_file(folder / name) for name in (MANIFEST, zip_name)}})
