"""Builds for the web app's worker, in a process of their own: `python -m renderer.web.build_job --serve`.

The worker keeps one such process and hands it one build at a time: a JSON request a line on standard
input, {"source": ..., "out": ..., "log": ...}. Each build calls the library as the CLI does
(`renderer.build`, every format, EPUBCheck and Ace) and writes one JSON object a line on standard output:
{"progress": "..."} for each stage, then {"result": {...}} or {"errors": [...]}, then {"finished": its exit
status}; what it writes to standard error (a traceback) goes to the request's log file.

Being its own process, a build never holds up the pages (and runs at a lower CPU priority), and a crash or
a kill leaves the app and the live releases as they were (the worker starts a new process for the next
build). Being the same process from one build to the next, a build finds the voice, the parser and the last
build's measurements loaded (`benchmarks/speed.py`'s "same process" edit, about a tenth of a cold build,
validators aside, against a third in a new process).

`python -m renderer.web.build_job SOURCE OUT` runs one build the same way and exits.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from contextlib import contextmanager
from pathlib import Path

EXIT_ERRORS = 2


def emit(**message) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def build(source: Path, out: Path) -> int:
    """One build, its messages on standard output; its exit status (0 built, 1 stopped, 2 errors in the source)."""
    import renderer
    from renderer.diagnostics import SourceError
    from renderer.pipeline import summary

    try:
        result = renderer.build(source, out, ignore_embargo=True, force=True,
                                on_progress=lambda message: emit(progress=message))
    except SourceError as error:
        emit(errors=[str(d) for d in error.diagnostics])
        return EXIT_ERRORS
    except Exception as error:  # noqa: BLE001 (shown in words on the job page; the traceback goes to the log)
        traceback.print_exc()
        emit(errors=[f"the build stopped: {type(error).__name__}: {error}. Fix: try again; if it happens again, "
                     "give the server's log to whoever looks after this machine"])
        return 1
    emit(result=summary(result))
    return 0


@contextmanager
def errors_to(log: Path):
    """Standard error (Python's and the libraries' own) into `log` for the time of one build."""
    sys.stderr.flush()
    saved = os.dup(2)
    with log.open("w") as file:
        os.dup2(file.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def serve() -> int:
    for line in sys.stdin:
        request = json.loads(line)
        with errors_to(Path(request["log"])):
            status = build(Path(request["source"]), Path(request["out"]))
        emit(finished=status)
    return 0


def main(argv: list[str]) -> int:
    if argv == ["--serve"]:
        return serve()
    return build(Path(argv[0]), Path(argv[1]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
