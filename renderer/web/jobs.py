"""Build jobs, recorded in the app's database (status, stages, result), run by one of two queues with the
same small interface (`submit`, `start`, `stop`, `refresh`; the pages read the jobs from the store):

- `JobQueue` (the default): the app's own worker thread runs one build at a time in a build process of its
  own at a lower CPU priority (`build_job.py`), kept from one build to the next so that the voice and parser
  stay loaded; it ends after BUILDS_PER_PROCESS builds (a new one takes over), when it crashed or was killed,
  or after IDLE_PROCESS_SECONDS with nothing to build (it holds over a gigabyte). A
  job left running when the server stopped is marked 'interrupted' at the next start, and can be retried.
- `RedisQueue` (`serve --queue redis://…`): builds go to RQ on Redis and are run by
  `statement-renderer worker`s, on any number of machines (`renderer.queue`). Only the app writes its
  database: `refresh` copies each unfinished job's progress and outcome from Redis when a page reads it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from ..artifact import source_digest
from .store import Store, now

NICENESS = 10  # builds run at a lower CPU priority than the pages
POLL_SECONDS = 0.5
BUILDS_PER_PROCESS = 20  # then a fresh build process: what one keeps loaded grows with the statements it built
IDLE_PROCESS_SECONDS = 15 * 60  # a build process with nothing to build for this long ends (it holds over 1 GB)


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
        self.builds = 0  # by the build process now running
        self.last_build = 0.0  # when its last build ended (time.monotonic())

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
        if self.process is not None:
            self.process.wait()

    def _work(self) -> None:
        while not self.stopping.is_set():
            job = self.store.claim_job()
            if job is None:
                if self.process is not None and time.monotonic() - self.last_build > IDLE_PROCESS_SECONDS:
                    self._end_process()
                self.wake.wait(POLL_SECONDS)
                self.wake.clear()
                continue
            self._run(job["id"], job["statement_id"])
            self.last_build = time.monotonic()

    def refresh(self) -> None:
        """Nothing to bring in: the worker thread writes the jobs as it goes."""

    def _run(self, job_id: int, statement_id: int) -> None:
        source = self.source_of(statement_id)
        digest = source_digest(source)
        out = self.preview_folder_of(statement_id)
        out.mkdir(parents=True, exist_ok=True)
        self.log_folder.mkdir(parents=True, exist_ok=True)
        result, errors, code = None, [], None
        self.store.add_event(job_id, "Starting the build")
        process = self._build_process()
        self.builds += 1
        request = {"source": str(source), "out": str(out), "log": str(self.log_folder / f"job-{job_id}.log")}
        try:
            process.stdin.write(json.dumps(request) + "\n")
            process.stdin.flush()
            for line in process.stdout:
                try:
                    message = json.loads(line)
                except ValueError:
                    continue
                if "progress" in message:
                    self.store.add_event(job_id, message["progress"])
                result = message.get("result", result)
                errors = message.get("errors", errors)
                if "finished" in message:
                    code = message["finished"]
                    break
        except OSError:  # the process had ended (a broken pipe)
            pass
        if code is None:  # the build process ended during the build: killed, or it crashed
            code = process.wait()
            self.process = None
        if self.stopping.is_set() and code != 0:
            return  # stopped with the server: marked interrupted at the next start
        if result is None and not errors:
            errors = [f"the build stopped unexpectedly (exit status {code}). Fix: try again"]
        record_outcome(self.store, job_id, result, errors, digest)

    def _build_process(self) -> subprocess.Popen:
        """The build process, started afresh when there is none, it ended, or it has built its share."""
        if self.process is not None and (self.process.poll() is not None or self.builds >= BUILDS_PER_PROCESS):
            self._end_process()
        if self.process is None:
            with (self.log_folder / "build-process.log").open("a") as log:  # what it writes between builds
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "renderer.web.build_job", "--serve"], stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE, stderr=log, text=True, preexec_fn=lambda: os.nice(NICENESS))
            self.builds = 0
        return self.process

    def _end_process(self) -> None:
        with contextlib.suppress(OSError):
            self.process.stdin.close()  # it finishes at the end of its input
        self.process.wait()
        self.process = None


class RedisQueue:
    def __init__(self, store: Store, source_of, preview_folder_of, url: str, data: Path):
        from ..queue import build_queue, connect

        self.store = store
        self.source_of = source_of
        self.preview_folder_of = preview_folder_of
        self.queue = build_queue(connect(url))
        # RQ job names: one Redis may serve several apps, each with its own data folder
        self.prefix = "web-" + hashlib.sha256(str(data.resolve()).encode()).hexdigest()[:12]
        self.refreshing = threading.Lock()

    def submit(self, statement_id: int, user_id: int) -> int:
        from ..queue import submit

        from redis.exceptions import RedisError

        from ..queue import QueueError

        job_id = self.store.add_job(statement_id, user_id)
        try:
            submit(self.queue, self.source_of(statement_id), self.preview_folder_of(statement_id),
                   {"ignore_embargo": True, "force": True}, job_id=self.rq_id(job_id))
        except RedisError as exc:
            self.store.run("DELETE FROM jobs WHERE id = ?", job_id)
            raise QueueError(f"the build queue cannot be reached ({exc}). Fix: try again in a minute; if it goes "
                             "on, tell whoever runs this service that Redis is down") from None
        return job_id

    def rq_id(self, job_id: int) -> str:
        return f"{self.prefix}-{job_id}"

    def start(self) -> None:
        """Nothing runs in the app: the workers do the builds."""

    def stop(self) -> None:
        """Builds under way go on in the workers; their outcome is read at the next start."""

    def refresh(self) -> None:
        from redis.exceptions import RedisError

        try:
            self._refresh()
        except RedisError:
            pass  # Redis unreachable for now: the jobs are shown as last read, and read again at the next page

    def _refresh(self) -> None:
        from ..queue import state_of

        with self.refreshing:
            for job in self.store.all("SELECT id, status FROM jobs WHERE status IN ('queued', 'running')"):
                state = state_of(self.queue, self.rq_id(job["id"]))
                if state is None:
                    record_outcome(self.store, job["id"], None, ["the queue has no record of this build (Redis was "
                                                                 "emptied or restarted). Fix: build again"], None)
                    continue
                known = self.store.one("SELECT COUNT(*) AS n FROM job_events WHERE job_id = ?", job["id"])["n"]
                for message in state.events[known:]:
                    self.store.add_event(job["id"], message)
                if state.status == "running" and job["status"] == "queued":
                    self.store.run("UPDATE jobs SET status = 'running', started_at = ? WHERE id = ?", now(), job["id"])
                elif state.status in ("finished", "failed"):
                    record_outcome(self.store, job["id"], state.result, state.errors, state.digest)


def record_outcome(store: Store, job_id: int, result: dict | None, errors: list[str], digest: str | None) -> None:
    """A finished job: done (its bundle published in the preview folder), held (a check failed) or failed."""
    status = ("done" if result["published"] else "held") if result is not None else "failed"
    store.finish_job(job_id, status, result, errors, digest)
    store.add_event(job_id, {"done": "Finished", "held": "Finished: a check failed", "failed": "Stopped"}[status])
