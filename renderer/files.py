"""Files written where other processes, or other machines sharing the folder (queue workers), may be
writing too: every name a process makes for itself carries `process_tag()`, and a file appears whole or
not at all (`write_atomically`), even when two threads of one process write the same file (a piece the
statement's and the plain version's recordings share)."""

from __future__ import annotations

import os
import socket
import threading
import zipfile
from pathlib import Path


def process_tag() -> str:
    """This process, named so that no other process on any machine sharing the folder has the same name."""
    return f"{socket.gethostname()}-{os.getpid()}"


def write_atomically(path: Path, data: bytes) -> None:
    """Write `path` through a partial file of this thread, renamed into place: readers never see half of it."""
    partial = path.with_name(f"{path.name}.{process_tag()}-{threading.get_ident()}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)


ALREADY_COMPRESSED = (".mp3", ".epub", ".zip", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".woff", ".woff2")


def zip_compression(name: str) -> int:
    """How a file goes into a zip (the release, the EPUB, the DAISY book): stored when its format is compressed
    already (deflating an MP3 again takes tens of milliseconds a megabyte for a few per cent), else deflated."""
    return zipfile.ZIP_STORED if name.lower().endswith(ALREADY_COMPRESSED) else zipfile.ZIP_DEFLATED
