"""Files written where other processes, or other machines sharing the folder (queue workers), may be
writing too: every name a process makes for itself carries `process_tag()`, and a file appears whole or
not at all (`write_atomically`), even when two threads of one process write the same file (a piece the
statement's and the plain version's recordings share)."""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path


def process_tag() -> str:
    """This process, named so that no other process on any machine sharing the folder has the same name."""
    return f"{socket.gethostname()}-{os.getpid()}"


def write_atomically(path: Path, data: bytes) -> None:
    """Write `path` through a partial file of this thread, renamed into place: readers never see half of it."""
    partial = path.with_name(f"{path.name}.{process_tag()}-{threading.get_ident()}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)
