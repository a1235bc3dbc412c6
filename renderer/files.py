"""Files written where other processes, or other machines sharing the folder (queue workers), may be
writing too: every name a process makes for itself carries `process_tag()`, and a file appears whole or
not at all (`write_atomically`)."""

from __future__ import annotations

import os
import socket
from pathlib import Path


def process_tag() -> str:
    """This process, named so that no other process on any machine sharing the folder has the same name."""
    return f"{socket.gethostname()}-{os.getpid()}"


def write_atomically(path: Path, data: bytes) -> None:
    """Write `path` through a partial file of this process, renamed into place: readers never see half of it."""
    partial = path.with_name(f"{path.name}.{process_tag()}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)
