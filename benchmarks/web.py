"""How the web app answers while a build runs: 20 simulated communications officers load pages and check
their text while the example statement is built (audio synthesised afresh, EPUBCheck and Ace run).

    python3 benchmarks/web.py [--users 20] [--seconds 60]

The server is `statement-renderer serve` in its own process, as a team runs it; the users are threads with
their own sessions, each loading the statement page, running the live check (as typing does, every 0.5 to
1.5 s) and loading the list of statements. Prints, for each kind of request, the count, median, 95th
percentile and maximum response time, with the check's own time in this process (`Drafts.check`, the raw
engine under the endpoint) and their ratio. Target: check endpoint under 200 ms at the 95th percentile.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "sources" / "npcc-e2ee-child-safety.md"
sys.path.insert(0, str(REPO / "tests"))
from support import csrf_of  # noqa: E402


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def signed_in(url: str, name: str, password: str) -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=60)
    page = client.get("/sign-in")
    client.post("/sign-in", data={"csrf_token": csrf_of(page.text), "name": name, "password": password})
    client.csrf = csrf_of(client.get("/statements").text)
    return client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=90, help="stop the load after this long at most")
    args = parser.parse_args()

    from renderer.web.drafts import Drafts, fields_of

    data = Path(tempfile.mkdtemp(prefix="web-bench-"))
    for index in range(args.users + 1):
        subprocess.run([sys.executable, "-m", "renderer", "users", "add", f"user{index}", "--role", "publisher",
                        "--data", str(data), "--password-stdin"], input="benchmark-password\n", text=True,
                       check=True, capture_output=True)
    port = free_port()
    env = {**os.environ, "STATEMENT_RENDERER_CACHE": str(data / "fresh-cache")}  # the build synthesises afresh
    server = subprocess.Popen([sys.executable, "-m", "renderer", "serve", "--port", str(port), "--data", str(data)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(f"{url}/sign-in", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        owner = signed_in(url, "user0", "benchmark-password")
        response = owner.post("/statements/upload", data={"csrf_token": owner.csrf},
                              files=[("files", (EXAMPLE.name, EXAMPLE.read_bytes(), "text/markdown"))])
        statement = response.headers["location"]
        form = fields_of(EXAMPLE.read_text())
        fields = {**form.values, "extra": form.extra, "body": form.body}

        users = [signed_in(url, f"user{i}", "benchmark-password") for i in range(1, args.users + 1)]
        started = time.perf_counter()
        job = owner.post(f"{statement}/build", data={"csrf_token": owner.csrf}).headers["location"]
        timings: dict[str, list[float]] = {"check (POST)": [], "statement page": [], "statements list": []}
        lock = threading.Lock()
        done = threading.Event()

        def user(client: httpx.Client, seed: int) -> None:
            rng = random.Random(seed)
            time.sleep(rng.uniform(0, 2))  # people do not all click in the same millisecond
            while not done.is_set():
                for name, call in (("statement page", lambda: client.get(statement)),
                                   ("check (POST)", lambda: client.post(f"{statement}/check", data={
                                       "csrf_token": client.csrf, **fields,
                                       "body": fields["body"] + " word" * rng.randint(0, 30)})),
                                   ("statements list", lambda: client.get("/statements"))):
                    began = time.perf_counter()
                    answer = call()
                    elapsed = time.perf_counter() - began
                    assert answer.status_code == 200, (name, answer.status_code)
                    with lock:
                        timings[name].append(elapsed)
                    time.sleep(rng.uniform(0.5, 1.5))

        threads = [threading.Thread(target=user, args=(client, i), daemon=True) for i, client in enumerate(users)]
        for thread in threads:
            thread.start()
        build_seconds = None
        while time.perf_counter() - started < args.seconds:
            page = owner.get(job).text
            if "Waiting to start" not in page and "Building" not in page:
                build_seconds = time.perf_counter() - started
                break
            time.sleep(1)
        done.set()
        for thread in threads:
            thread.join(timeout=30)

        drafts = Drafts(data / "statements")
        raw = []
        for _ in range(20):
            began = time.perf_counter()
            drafts.check(1, "md", form)
            raw.append(time.perf_counter() - began)
        raw_median = statistics.median(raw)

        print(f"Web app under load: {args.users} users while the example statement was built "
              f"({'in %.1f s' % build_seconds if build_seconds else f'still building after {args.seconds:.0f} s'}), "
              f"{os.cpu_count()} CPUs")
        print(f"{'request':<18} {'count':>6} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}")
        for name, values in timings.items():
            print(f"{name:<18} {len(values):>6} {statistics.median(values) * 1000:>10.0f} "
                  f"{percentile(values, 0.95) * 1000:>8.0f} {max(values) * 1000:>8.0f}")
        check_p95 = percentile(timings["check (POST)"], 0.95)
        print(f"raw check (Drafts.check in this process, no load): median {raw_median * 1000:.0f} ms; "
              f"endpoint p95 / raw median = {check_p95 / raw_median:.1f}")
        print(f"target: check p95 under 200 ms: {'met' if check_p95 < 0.2 else 'NOT met'} ({check_p95 * 1000:.0f} ms)")
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
