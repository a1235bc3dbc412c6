"""`statement-renderer watch`: a release rebuilt each time its statement is saved, in one process."""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
import time

from support import statement_text


class Output:
    """The lines a running command prints (standard output and error together), read as they come."""

    def __init__(self, process: subprocess.Popen):
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [self.lines.put(line) for line in process.stdout], daemon=True).start()

    def wait_for(self, text: str, timeout: float = 120) -> str:
        ends = time.monotonic() + timeout
        seen = []
        while time.monotonic() < ends:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                continue
            seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"{text!r} was not printed; the command printed:\n{''.join(seen)}")


def test_watch_rebuilds_a_saved_statement_and_keeps_watching_after_an_error(write_statement, tmp_path):
    source = write_statement(body="The library opens on Monday.\n")
    out = tmp_path / "release"
    process = subprocess.Popen([sys.executable, "-m", "renderer", "watch", str(source), "--out", str(out),
                                "--formats", "html", "--no-verify"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        output = Output(process)
        output.wait_for("Watching")
        page = out / "a-test-statement" / "a-test-statement.html"
        assert "Monday" in page.read_text("utf-8")

        source.write_text(statement_text(body="The library opens on Tuesday.\n"), "utf-8")
        output.wait_for("Built in")
        assert "Tuesday" in page.read_text("utf-8")

        # a save with a mistake: one line naming the file and the fix; the live page stays as it was
        source.write_text(statement_text(front_matter="title: A test statement\norganisation: Test Council\n",
                                         body="The library opens on Wednesday.\n"), "utf-8")
        error = output.wait_for("error")
        assert str(source) in error and "Fix" in error
        assert "Tuesday" in page.read_text("utf-8")

        source.write_text(statement_text(body="The library opens on Thursday.\n"), "utf-8")
        output.wait_for("Built in")
        assert "Thursday" in page.read_text("utf-8")

        process.send_signal(signal.SIGINT)
        output.wait_for("Stopped watching")
        assert process.wait(timeout=30) == 0
    finally:
        process.kill()
        process.wait()
