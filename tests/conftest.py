from __future__ import annotations

import http.server
import os
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from renderer.cli import app

from support import MINIMAL_FRONT_MATTER, statement_text


@pytest.fixture(scope="session", autouse=True)
def shared_speech_cache(tmp_path_factory):
    """One cache for the whole run (as a CI machine would keep one): each sentence is synthesised
    once, by the real voice, and later builds of the same words reuse it. Tests of the cache itself
    pass their own empty cache_dir."""
    folder = tmp_path_factory.mktemp("shared-cache")
    os.environ["STATEMENT_RENDERER_CACHE"] = str(folder)
    yield folder
    os.environ.pop("STATEMENT_RENDERER_CACHE", None)


@pytest.fixture
def write_statement(tmp_path):
    """Write a statement into its own folder; returns its path."""

    def write(front_matter: str = MINIMAL_FRONT_MATTER, body: str = "A short paragraph of text.\n",
              name: str = "statement.md") -> Path:
        folder = tmp_path / "src"
        folder.mkdir(exist_ok=True)
        path = folder / name
        path.write_text(statement_text(front_matter, body), "utf-8")
        return path

    return write


@pytest.fixture
def cli():
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return run


@pytest.fixture
def png(tmp_path) -> Path:
    """A small real PNG image inside the statement folder."""
    from PIL import Image

    folder = tmp_path / "src"
    folder.mkdir(exist_ok=True)
    path = folder / "chart.png"
    Image.new("RGB", (40, 20), "navy").save(path)
    return path


@pytest.fixture
def recording_server():
    """A local HTTP listener that records every request it receives: (base URL, requests)."""
    requests: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(404)
            self.end_headers()

        def do_CONNECT(self):  # a client using this listener as its HTTPS proxy
            requests.append(f"CONNECT {self.path}")
            self.send_response(502)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", requests
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A real Redis for the queue tests: the one `.ci/run` started ($STATEMENT_RENDERER_TEST_REDIS), or
    Debian's redis-server started here on a free port, without saving anything to disk."""
    import shutil
    import socket
    import subprocess
    import time

    if os.environ.get("STATEMENT_RENDERER_TEST_REDIS"):
        yield os.environ["STATEMENT_RENDERER_TEST_REDIS"]
        return
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server is not installed. Fix: run 'bash install.sh' (it installs Debian's redis-server)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no", "--dir", str(folder)], stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    from redis import Redis

    deadline = time.monotonic() + 10
    while True:
        try:
            Redis.from_url(url).ping()
            break
        except Exception:
            if time.monotonic() > deadline or server.poll() is not None:
                raise
            time.sleep(0.1)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def web_app(tmp_path_factory):
    """The web app served by uvicorn on a free local port, with its own data folder and two accounts: a
    writer (wendy) and a publisher (paul). One server for every web test of the run."""
    import socket

    import uvicorn

    from renderer.web.app import create_app
    from renderer.web.auth import add_user
    from renderer.web.store import Store
    from support import WebApp

    data = tmp_path_factory.mktemp("web-data")
    store = Store(data / "app.sqlite3")
    add_user(store, "wendy", "writer", "wendy-password-1")
    add_user(store, "paul", "publisher", "paul-password-1")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(data), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the web app did not start")
        threading.Event().wait(0.05)
    yield WebApp(f"http://127.0.0.1:{port}", data, {"wendy": "wendy-password-1", "paul": "paul-password-1"})
    server.should_exit = True
    thread.join(timeout=15)
