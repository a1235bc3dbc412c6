"""Builds on a real job queue (RQ on a real Redis, real `statement-renderer worker` processes): a worker
killed in the middle of a build, two builds of one statement at once, a job that always fails, a worker
asked to work outside its folder, and `build --queue` from the command line."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from redis import Redis

from renderer.queue import build_queue, connect, state_of, submit
from support import EXAMPLE, SOURCES, run_command

FLOOD = SOURCES / "flood-warning-river-teme.md"
LIBRARY = SOURCES / "library-opening-hours.md"
QUICK = {"formats": ["html", "pdf"], "verify": False, "ignore_embargo": True, "force": True}


class Workers:
    """`statement-renderer worker` processes on the test's Redis and shared folder."""

    def __init__(self, url: str, shared: Path, logs: Path):
        self.url, self.shared, self.logs = url, shared, logs
        self.processes: list[subprocess.Popen] = []

    def start(self) -> subprocess.Popen:
        log = (self.logs / f"worker-{len(self.processes)}.log").open("w")
        process = subprocess.Popen([sys.executable, "-m", "renderer", "worker", "--queue", self.url, "--shared",
                                    str(self.shared)], stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> int:
        """SIGKILL the worker and everything it started (its work horse, in a process group of its own, and
        the build's children), as when its machine is lost. Returns how many processes were killed."""
        victims = descendants(process.pid)
        for pid in victims:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        process.wait()
        return len(victims)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                self.kill(process)


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    found = [pid]
    for parent in found:
        found.extend(children.get(parent, []))
    return found


@pytest.fixture
def queue(redis_url):
    Redis.from_url(redis_url).flushdb()
    return build_queue(connect(redis_url))


@pytest.fixture
def shared(tmp_path) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir()
    return folder


@pytest.fixture
def workers(redis_url, shared, tmp_path, queue):
    started = Workers(redis_url, shared, tmp_path)
    yield started
    started.stop_all()


def copy_sources(shared: Path, *sources: Path) -> list[Path]:
    copies = []
    for source in sources:
        shutil.copy(source, shared / source.name)
        copies.append(shared / source.name)
    if (SOURCES / "images").is_dir():
        shutil.copytree(SOURCES / "images", shared / "images", dirs_exist_ok=True)
    return copies


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"waited {seconds:.0f} s for {what}")


def assert_whole(bundle: Path) -> None:
    """Every file the bundle's SHA256SUMS lists is there, as built (`sha256sum -c`), and nothing half-written."""
    checked = subprocess.run(["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=bundle, capture_output=True,
                             text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert not [p for p in bundle.rglob("*") if p.name.endswith(".partial")]


def test_a_worker_killed_in_the_middle_of_a_build_leaves_nothing_half_published_and_another_finishes_it(
        redis_url, queue, workers, shared):
    """The web app on Redis (`serve --queue`): worker A is killed (SIGKILL, with its work horse and the
    build's processes) in the middle of the build; RQ finds the job abandoned, worker B runs it again, the
    app's job ends 'done' and its preview bundle is whole. The example is built whole: every format, with
    EPUBCheck and Ace."""
    from renderer.web.app import App
    from renderer.web.drafts import fields_of

    app = App(shared / "data", redis_url)
    user = app.store.add_user("paul", "publisher", "not-a-real-hash")
    statement = app.store.add_statement("NPCC", "md", user)
    app.drafts.save_form(statement, fields_of(EXAMPLE.read_text(encoding="utf-8")))
    worker_a = workers.start()
    job = app.queue.submit(statement, user)

    def events() -> list[str]:
        app.queue.refresh()
        return [row["message"] for row in app.store.events(job)]

    wait_for(lambda: len(events()) >= 2, 120, "worker A to start building")  # "Started on …", then a stage
    assert workers.kill(worker_a) >= 2  # the worker and its work horse, at least
    preview = app.preview_folder(statement)
    assert not (preview / "npcc-e2ee-child-safety").exists()  # A published nothing
    workers.start()  # worker B

    def ended():
        app.queue.refresh()
        row = app.store.one("SELECT * FROM jobs WHERE id = ?", job)
        return row if row["status"] not in ("queued", "running") else None

    row = wait_for(ended, 300, "worker B to finish the abandoned job")
    history = [row["message"] for row in app.store.events(job)]
    assert row["status"] == "done", (row["errors"], history)
    assert any("attempt 2 of 3" in message for message in history), history
    assert history[-1] == "Finished"
    bundle = preview / "npcc-e2ee-child-safety"
    assert_whole(bundle)
    assert (bundle / "npcc-e2ee-child-safety.epub").is_file() and (bundle / "npcc-e2ee-child-safety.mp3").is_file()
    assert not list(preview.glob(".*.partial-*"))  # worker A's partial folder was cleared by B's build
    assert not (preview / "npcc-e2ee-child-safety.previous").exists()  # published once


def test_two_builds_of_one_statement_at_once_publish_one_whole_release(queue, workers, shared):
    (source,) = copy_sources(shared, FLOOD)
    workers.start()
    workers.start()
    jobs = [submit(queue, source, shared / "release", QUICK) for _ in range(2)]
    wait_for(lambda: all(state_of(queue, job.id).status in ("finished", "failed") for job in jobs), 180,
             "both builds")
    states = [state_of(queue, job.id) for job in jobs]
    assert all(state.status == "finished" and state.result["published"] for state in states), states
    hosts_and_starts = [state.events[0] for state in states]
    assert all(start.startswith("Started on") for start in hosts_and_starts)
    release = shared / "release"
    slug = states[0].result["slug"]
    assert_whole(release / slug)
    assert_whole(release / f"{slug}.previous")  # the other build, whole too
    assert not list(release.glob(f".{slug}.partial-*"))


def test_a_job_that_fails_every_time_is_tried_three_times_then_marked_failed_with_its_reason(queue, workers, shared):
    (source,) = copy_sources(shared, LIBRARY)
    workers.start()
    job = submit(queue, source, shared / "release", {**QUICK, "formats": ["braille-on-paper"]})
    state = wait_for(lambda: (s := state_of(queue, job.id)).status == "failed" and s, 120, "the job to fail")
    assert len([event for event in state.events if event.startswith("Started on")]) == 3
    assert "failed 3 times" in state.errors[0] and "unknown format braille-on-paper" in state.errors[0]
    assert not (shared / "release").exists() or not any((shared / "release").iterdir())


def test_a_statement_with_errors_fails_once_with_its_errors(queue, workers, shared, write_statement):
    source = shared / "broken.md"
    source.write_text("---\ntitle: No date\norganisation: Somewhere\n---\n\nText.\n", encoding="utf-8")
    workers.start()
    job = submit(queue, source, shared / "release", QUICK)
    state = wait_for(lambda: (s := state_of(queue, job.id)).status in ("finished", "failed") and s, 60, "the job")
    assert state.status == "failed" and state.result is None
    assert len(state.events) == 1  # not tried again: it would fail the same way
    assert state.errors and state.errors[0].startswith(str(source)) and "date" in state.errors[0]


def test_a_worker_builds_only_inside_its_shared_folder(queue, workers, shared, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(LIBRARY, outside / LIBRARY.name)
    workers.start()
    job = submit(queue, outside / LIBRARY.name, outside / "release", QUICK)
    state = wait_for(lambda: (s := state_of(queue, job.id)).status in ("finished", "failed") and s, 60, "the job")
    assert state.result is None and "only builds inside" in state.errors[0]
    assert not (outside / "release").exists()


def test_build_queue_builds_each_statement_on_the_workers_and_waits(redis_url, queue, workers, shared):
    sources = copy_sources(shared, FLOOD, LIBRARY)
    workers.start()
    workers.start()
    result = run_command("build", *map(str, sources), "--out", str(shared / "release"), "--formats", "html,pdf",
                         "--no-verify", "--ignore-embargo", "--queue", redis_url, cwd=shared)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Built in") == 2 and "2 build(s) queued" in result.stdout
    for slug in ("flood-warning-for-the-river-teme-at-ludford", "library-opening-hours-2027"):
        assert_whole(shared / "release" / slug)


def test_queue_addresses_that_cannot_be_used_are_one_line_errors(tmp_path):
    unreachable = run_command("build", str(LIBRARY), "--out", str(tmp_path), "--queue", "redis://127.0.0.1:1/0")
    assert unreachable.returncode == 2
    assert unreachable.stderr.strip().startswith("error: cannot reach Redis at redis://127.0.0.1:1/0")
    assert "Fix:" in unreachable.stderr and "Traceback" not in unreachable.stderr
    wrong = run_command("worker", "--queue", "localhost:6379", "--shared", str(tmp_path))
    assert wrong.returncode == 2 and "is not a Redis address" in wrong.stderr
    missing = run_command("worker", "--queue", "redis://127.0.0.1:1/0", "--shared", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr


def test_the_web_app_says_in_words_when_redis_cannot_be_reached(tmp_path):
    """Redis going away after the app started: pages still show the jobs as last read, and starting a build
    is refused with a 503 in words instead of a traceback."""
    import socket

    from renderer.queue import QueueError
    from renderer.web.app import App

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no", "--dir", str(tmp_path)], stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    wait_for(lambda: _pings(url), 10, "the second Redis")
    app = App(tmp_path / "data", url)
    user = app.store.add_user("paul", "publisher", "not-a-real-hash")
    statement = app.store.add_statement("Library", "md", user)
    app.drafts.folder_of(statement).mkdir(parents=True)
    shutil.copy(LIBRARY, app.source_of(statement))
    queued = app.queue.submit(statement, user)
    server.terminate()
    server.wait(timeout=10)
    app.queue.refresh()  # no exception: the job stays as it was
    assert app.store.one("SELECT status FROM jobs WHERE id = ?", queued)["status"] == "queued"
    with pytest.raises(QueueError, match="the build queue cannot be reached"):
        app.queue.submit(statement, user)
    assert app.store.one("SELECT COUNT(*) AS n FROM jobs")["n"] == 1  # the refused build left no record


def _pings(url: str) -> bool:
    try:
        return bool(Redis.from_url(url).ping())
    except Exception:
        return False
