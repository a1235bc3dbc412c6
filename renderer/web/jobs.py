"""Build jobs: queued in the database, run one at a time by a worker thread, each in its own process.

The interface the pages use is small (`submit`, then read the job and its events from the store) so that
another queue can take the worker's place. A job left running when the server stopped is marked
'interrupted' at the next start, and can be retried.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from .store import Store

NICENESS = 10  # builds run at a lower CPU priority than the pages
POLL_SECONDS = 0.5


class JobQueue:
    def __init__(self, store: Store, source_of, preview_folder_of, log_folder: Path):
        """`source_of(statement_id)` is the statement's source file; `preview_folder_of(statement_id)` the
        folder its preview builds go into."""
        self.store = store
        self.source_of = source_of
        self.preview_folder_of = preview_folder_of
        self.log_folder = log_folder
        self.wake = threading.Event()
        self.stopping = threading.Event()
        self.thread: threading.Thread | None = None
        self.process: subprocess.Popen | None = None

    def submit(self, statement_id: int, user_id: int) -> int:
        job_id = self.store.add_job(statement_id, user_id)
        self.wake.set()
        return job_id

    def start(self) -> None:
        self.store.mark_interrupted()
        self.thread = threading.Thread(target=self._work, name="build-worker", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self.wake.set()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
        if self.thread is not None:
            self.thread.join(timeout=10)

    def _work(self) -> None:
        while not self.stopping.is_set():
            job = self.store.claim_job()
            if job is None:
                self.wake.wait(POLL_SECONDS)
                self.wake.clear()
                continue
            self._run(job["id"], job["statement_id"])

    def _run(self, job_id: int, statement_id: int) -> None:
        source = self.source_of(statement_id)
        digest = source_digest(source)
        out = self.preview_folder_of(statement_id)
        out.mkdir(parents=True, exist_ok=True)
        self.log_folder.mkdir(parents=True, exist_ok=True)
        result, errors = None, []
        self.store.add_event(job_id, "Starting the build")
        with (self.log_folder / f"job-{job_id}.log").open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "renderer.web.build_job", str(source), str(out)],
                stdout=subprocess.PIPE, stderr=log, text=True, preexec_fn=lambda: os.nice(NICENESS))
            for line in self.process.stdout:
                try:
                    message = json.loads(line)
                except ValueError:
                    continue
                if "progress" in message:
                    self.store.add_event(job_id, message["progress"])
                result = message.get("result", result)
                errors = message.get("errors", errors)
            code = self.process.wait()
        if self.stopping.is_set() and code != 0:
            return  # stopped with the server: marked interrupted at the next start
        if result is not None:
            status = "done" if result["published"] else "held"
        else:
            status = "failed"
            errors = errors or [f"the build stopped unexpectedly (exit status {code}). Fix: try again"]
        self.store.finish_job(job_id, status, result, errors, digest)
        self.store.add_event(job_id, {"done": "Finished", "held": "Finished: a check failed",
                                      "failed": "Stopped: the statement has errors"}[status])


def source_digest(source: Path) -> str | None:
    """What a build was made from: the source file's SHA-256 (publishing checks it has not changed since)."""
    return hashlib.sha256(source.read_bytes()).hexdigest() if source.is_file() else None
