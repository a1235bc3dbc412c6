"""The zip of the whole release and `SHA256SUMS`, both reproducible: the same files give the same bytes."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from ..files import zip_compression

CHECKSUMS = "SHA256SUMS"


def write_zip(target: Path, folder: Path, names: list[str], built_at: dt.datetime) -> None:
    """A zip whose bytes depend only on the files: fixed order, times and permissions (MP3s, the EPUB and the
    DAISY book stored as they are: they are compressed already)."""
    timestamp = max(built_at, dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)).timetuple()[:6]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=timestamp)
            info.compress_type = zip_compression(name)
            info.external_attr = 0o644 << 16
            archive.writestr(info, (folder / name).read_bytes())


def write_checksums(folder: Path, digests: dict[str, str]) -> None:
    """`sha256sum -c SHA256SUMS` checks every file named: {name: its SHA-256}."""
    lines = [f"{digests[name]}  {name}\n" for name in sorted(digests)]
    (folder / CHECKSUMS).write_text("".join(lines), "utf-8")
