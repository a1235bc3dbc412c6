"""Statements a minute on the job queue: a corpus built by 1 worker, then by 2, against a real Redis.

    python3 benchmarks/queue_workers.py [FOLDER] [--workers 1,2] [--formats html,pdf,...] [--no-verify]

FOLDER defaults to ../shared/corpus (every statement in it). For each number of workers, a fresh shared
folder and a cold cache (nothing synthesised before), Debian's redis-server on a free port, that many
`statement-renderer worker` processes on this machine, and `statement-renderer build FOLDER --queue`
enqueueing one job a statement and waiting for them all. Printed for each run: wall time, statements a
minute, how busy the machine's cores were over the run (from /proc/stat), and the ratio to the 1-worker
run. Prints figures only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"


def sources(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.md") if p.name.lower() not in ("index.md", "readme.md"))


def cpu_times() -> tuple[int, int]:
    """(busy, total) jiffies of all cores since boot."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(corpus: list[Path], workers: int, url: str, extra: list[str]) -> dict:
    shared = Path(tempfile.mkdtemp(prefix=f"queue-bench-{workers}-"))
    for source in corpus:
        shutil.copy(source, shared / source.name)
    for folder in {source.parent / "images" for source in corpus}:
        if folder.is_dir():
            shutil.copytree(folder, shared / "images", dirs_exist_ok=True)
    env = {**os.environ, "STATEMENT_RENDERER_CACHE": str(shared / "cache")}  # cold: nothing cached
    started = [subprocess.Popen([sys.executable, "-m", "renderer", "worker", "--queue", url, "--shared", str(shared)],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
               for _ in range(workers)]
    time.sleep(3)  # the workers load the renderer once, before the clock starts
    busy0, total0 = cpu_times()
    clock = time.perf_counter()
    build = subprocess.run([sys.executable, "-m", "renderer", "build", *[str(shared / s.name) for s in corpus],
                            "--out", str(shared / "release"), "--queue", url, *extra],
                           env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - clock
    busy1, total1 = cpu_times()
    for worker in started:
        os.killpg(worker.pid, 9)
        worker.wait()
    built = build.stdout.count("Built in")
    shutil.rmtree(shared, ignore_errors=True)
    return {"workers": workers, "seconds": seconds, "built": built, "exit": build.returncode,
            "per_minute": built / seconds * 60, "busy": (busy1 - busy0) / max(total1 - total0, 1),
            "errors": [line for line in build.stderr.splitlines() if "error" in line][:3]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--formats")
    parser.add_argument("--no-verify", action="store_true")
    args = parser.parse_args()
    corpus = sources(args.folder)
    extra = (["--formats", args.formats] if args.formats else []) + (["--no-verify"] if args.no_verify else [])
    port = free_port()
    folder = Path(tempfile.mkdtemp(prefix="queue-bench-redis-"))
    redis = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                              "--appendonly", "no", "--dir", str(folder)], stdout=subprocess.DEVNULL)
    time.sleep(1)
    url = f"redis://127.0.0.1:{port}/0"
    print(f"{len(corpus)} statements from {args.folder}; formats: {args.formats or 'all'}; "
          f"validators: {'no' if args.no_verify else 'EPUBCheck and Ace'}; {os.cpu_count()} cores")
    print(f"{'workers':>7} {'built':>6} {'wall s':>8} {'per min':>8} {'cores busy':>10} {'speed-up':>8}")
    first = None
    try:
        for workers in (int(n) for n in args.workers.split(",")):
            figures = run(corpus, workers, url, extra)
            first = first or figures
            print(f"{workers:>7} {figures['built']:>6} {figures['seconds']:>8.1f} {figures['per_minute']:>8.2f} "
                  f"{figures['busy']:>10.0%} {first['seconds'] / figures['seconds']:>7.2f}×", flush=True)
            for line in figures["errors"]:
                print(f"        {line}")
    finally:
        redis.terminate()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
