"""Builds on a job queue: RQ on Redis, for more statements than one machine can build.

`submit` puts one build (a source file, the folder its bundle goes in, the build options) on the queue;
`statement-renderer worker --queue redis://… --shared FOLDER` runs builds, on as many machines as
needed. Every machine sees the statements and the release folders at the same path (a shared filesystem
mounted alike everywhere), and a worker reads and writes only inside the folder it was given, whatever a
job asks. Jobs are JSON (RQ's JSONSerializer), never pickles, so whoever can write to Redis cannot make a
worker run code; Redis must still be reachable only by the app and the workers.

Faults. Each worker's job runs in a process of its own (RQ's work horse), which reports the build's
stages in the job's metadata. A build that cannot be read (the statement's errors) fails at once, with
its errors: running it again would not help. Anything else is tried three times. A worker killed in the
middle (the machine lost, SIGKILL) stops renewing its job's heartbeat; about a minute later the next
maintenance of any worker finds the job abandoned and puts it back on the queue, and another worker runs
it from the start. A killed build never publishes anything (`bundle.ReleaseBundle` swaps only a whole
bundle, under the slug's lock), and two builds of one statement at once each publish a whole release.
"""

from __future__ import annotations

import dataclasses
import os
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

QUEUE_NAME = "statement-renderer"
ATTEMPTS = 3
JOB_TIMEOUT_SECONDS = 2 * 60 * 60  # a long statement's audio takes many minutes on a small machine
KEEP_SECONDS = 7 * 24 * 3600  # results and failures, for the pages and `build --queue` to read
SHARED_VARIABLE = "STATEMENT_RENDERER_SHARED"  # the worker's folder, for its work horses
# How often a worker renews its job's heartbeat and looks for other workers' abandoned jobs. RQ gives a
# job 60 s more than the monitoring interval before it counts as abandoned. An idle worker waits for a
# job at most WORKER_TTL - 15 s at a time, and only then does its maintenance: so keep it short.
MONITORING_SECONDS = 10
MAINTENANCE_SECONDS = 15
WORKER_TTL_SECONDS = 35

STATUS_WORDS = {"queued": "queued", "deferred": "queued", "scheduled": "queued", "started": "running",
                "finished": "finished", "failed": "failed", "stopped": "failed", "canceled": "failed"}


class QueueError(Exception):
    """The queue cannot be used (Redis not reachable, a wrong address), in words with the fix."""


def connect(url: str):
    """A connection to the Redis at `url`, checked."""
    from redis import Redis
    from redis.exceptions import RedisError

    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise QueueError(f"'{url}' is not a Redis address. Fix: give one like redis://localhost:6379/0")
    try:
        connection = Redis.from_url(url)
        connection.ping()
    except (RedisError, ValueError) as exc:
        raise QueueError(f"cannot reach Redis at {url} ({exc}). Fix: start Redis there, or give the right "
                         "address") from None
    return connection


def build_queue(connection):
    from rq import Queue
    from rq.serializers import JSONSerializer

    return Queue(QUEUE_NAME, connection=connection, serializer=JSONSerializer)


def submit(queue, source: Path, out: Path, options: dict[str, Any] | None = None, job_id: str | None = None):
    """Put the build of `source` into `out/<slug>/` on the queue; returns the RQ job. `options` are
    `BuildOptions` fields (formats, force, ignore_embargo, verify, voice, publish_with_failures)."""
    from rq import Retry

    return queue.enqueue(run_build_job, str(Path(source).resolve()), str(Path(out).resolve()), options or {},
                         job_id=job_id, retry=Retry(max=ATTEMPTS - 1), job_timeout=JOB_TIMEOUT_SECONDS,
                         result_ttl=KEEP_SECONDS, failure_ttl=KEEP_SECONDS,
                         description=f"build {Path(source).name}")


def run_build_job(source: str, out: str, options: dict[str, Any]) -> dict[str, Any]:
    """The job, in a worker's work horse: build one statement, reporting each stage in the job's metadata.
    Returns {"result": summary} or {"errors": [...]}, with the source's SHA-256 as it was read."""
    from rq import get_current_job

    from .artifact import source_digest
    from .diagnostics import SourceError
    from .pipeline import build, summary

    job = get_current_job()
    shared = Path(os.environ.get(SHARED_VARIABLE) or "/nonexistent").resolve()
    source_path, out_path = Path(source).resolve(), Path(out).resolve()
    for path in (source_path, out_path):
        if not path.is_relative_to(shared):
            return {"errors": [f"{path}: error: this worker only builds inside {shared}. Fix: put the statement "
                               "and its release folder in the shared folder, mounted at the same path on every "
                               "machine"], "digest": None}

    def report(message: str) -> None:
        if job is not None:
            job.meta.setdefault("events", []).append(message)
            job.save_meta()

    attempt = ATTEMPTS - (job.retries_left if job is not None and job.retries_left is not None else ATTEMPTS - 1)
    report(f"Started on {socket.gethostname()}" + (f" (attempt {attempt} of {ATTEMPTS})" if attempt > 1 else ""))
    digest = source_digest(source_path)
    try:
        result = build(source_path, out_path, on_progress=report, **options)
    except SourceError as error:
        return {"errors": [str(d) for d in error.diagnostics], "digest": digest}
    return {"result": summary(result), "digest": digest}


@dataclass
class QueuedBuild:
    """What the queue knows of one build: its status in words, the stages so far, and how it ended."""

    status: str  # queued, running, finished or failed
    events: list[str] = field(default_factory=list)
    result: dict[str, Any] | None = None
    errors: list[str] = field(default_factory=list)
    digest: str | None = None


def state_of(queue, job_id: str) -> QueuedBuild | None:
    """The build's state; None when the queue no longer knows the job."""
    from rq.exceptions import NoSuchJobError
    from rq.job import Job

    try:
        job = Job.fetch(job_id, connection=queue.connection, serializer=queue.serializer)
    except NoSuchJobError:
        return None
    rq_status = str(job.get_status(refresh=False).value)
    status = STATUS_WORDS.get(rq_status, "queued")
    state = QueuedBuild(status, list(job.meta.get("events", [])))
    if status == "finished":
        value = job.return_value() or {}
        state.result, state.errors, state.digest = value.get("result"), value.get("errors", []), value.get("digest")
        if state.result is None:
            state.status = "failed"
    elif rq_status in ("stopped", "canceled"):
        state.errors = ["the build was stopped or cancelled on the queue. Fix: build again"]
    elif status == "failed":
        latest = job.latest_result()
        reason = (latest.exc_string or "").strip() if latest is not None else ""
        if "AbandonedJobError" in reason:
            reason = "the worker running it stopped in the middle (its machine or process was lost)"
        else:
            reason = reason.splitlines()[-1] if reason else "no reason was recorded"
        state.errors = [f"the build failed {ATTEMPTS} times, the last time because {reason}. Fix: build again; if "
                        "it fails again, give the workers' logs to whoever runs them"]
    return state


def options_of(options) -> dict[str, Any]:
    """`BuildOptions` as the JSON a job carries (the cache folder is each worker's own choice)."""
    values = dataclasses.asdict(options)
    values.pop("cache_dir", None)
    values["formats"] = list(values["formats"]) if values.get("formats") else None
    return values


def run_worker(url: str, shared: Path, burst: bool = False) -> None:
    """Run builds from the queue until stopped (with `burst`: until the queue is empty)."""
    from rq import Worker

    import renderer.pipeline  # noqa: F401  (loaded once here: every job's work horse is a fork of this process)

    connection = connect(url)
    os.environ[SHARED_VARIABLE] = str(shared.resolve())
    queue = build_queue(connection)
    worker = Worker([queue], connection=connection, serializer=queue.serializer,
                    maintenance_interval=MAINTENANCE_SECONDS, job_monitoring_interval=MONITORING_SECONDS,
                    worker_ttl=WORKER_TTL_SECONDS)
    worker.work(burst=burst)
