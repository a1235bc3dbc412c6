"""The release folder: built aside and swapped in whole.

`release/<slug>/` is only ever replaced by a complete build. A build writes into
`release/.<slug>.partial-<host>-<pid>/`; when every stage has succeeded the two
folders are exchanged in one atomic step (Linux `renameat2(RENAME_EXCHANGE)`, with
a two-rename fallback elsewhere), and the release it replaces is kept as
`release/<slug>.previous/`. A build that fails or is killed leaves the live
release exactly as it was; its partial folder is removed by the next build on the
same machine (or by any build a day later, for a machine that is gone).

Builds of one statement may run at once, in several processes or on several
machines sharing the folder (queue workers): each swap, and each copy taken of a
live release, holds the slug's lock (`release/.<slug>.lock`, an `flock`, which
Linux NFS clients turn into an NFS lock), so the live release and `.previous` are
always each one whole build.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import shutil
import socket
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..files import process_tag
from .manifest import read_manifest

FORGOTTEN_AFTER_SECONDS = 24 * 3600  # a partial folder of another machine this old is a killed build's


class ReleaseBundle:
    def __init__(self, out_dir: Path, slug: str):
        self.out_dir = Path(out_dir)
        self.slug = slug
        self.live = self.out_dir / slug
        self.previous = self.out_dir / f"{slug}.previous"
        self.staging = self.out_dir / f".{slug}.partial-{process_tag()}"
        self.failed = self.out_dir / f".{slug}.failed"  # the last bundle held back because a check failed

    # --- before a build ------------------------------------------------------

    def existing_manifest(self) -> dict | None:
        return read_manifest(self.live)

    def start(self) -> Path:
        """Clear partial folders left by killed builds, then make a fresh staging folder."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        for leftover in self.out_dir.glob(f".{self.slug}.partial-*"):
            if _left_by_a_killed_build(leftover):
                shutil.rmtree(leftover, ignore_errors=True)
        self.staging.mkdir()
        return self.staging

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the slug's lock: no other build swaps this release meanwhile (on any machine)."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        with open(self.out_dir / f".{self.slug}.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def abandon(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def hold_back(self) -> None:
        """Keep a finished bundle whose checks failed beside the live release, for inspection, instead of
        publishing it: it replaces the bundle held back last time; the live release is not touched."""
        discard = self.out_dir / f".{self.slug}.discard-{process_tag()}"
        with self.locked():
            if self.failed.exists():
                os.rename(self.failed, discard)
            os.rename(self.staging, self.failed)
        shutil.rmtree(discard, ignore_errors=True)

    # --- the swap -------------------------------------------------------------------

    def publish(self) -> None:
        """Make the staging folder the live release in one step; keep the old one as .previous."""
        _fsync_tree(self.staging)
        discard = self.out_dir / f".{self.slug}.discard-{process_tag()}"
        with self.locked():
            if not self.live.exists():
                os.rename(self.staging, self.live)
                return
            if self.previous.exists():
                os.rename(self.previous, discard)
            if _exchange(self.staging, self.live):
                os.rename(self.staging, self.previous)  # the staging name now holds the old release
            else:
                os.rename(self.live, self.previous)
                os.rename(self.staging, self.live)
        shutil.rmtree(discard, ignore_errors=True)


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


def _left_by_a_killed_build(partial: Path) -> bool:
    """A partial folder whose build is not running: its process is gone from this machine, or it is from
    another machine and has not changed for a day."""
    host, _, pid = partial.name.split(".partial-", 1)[-1].rpartition("-")
    if host == socket.gethostname() and pid.isdigit():
        return int(pid) == os.getpid() or not _process_alive(int(pid))
    try:
        return time.time() - partial.stat().st_mtime > FORGOTTEN_AFTER_SECONDS
    except FileNotFoundError:
        return False


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
