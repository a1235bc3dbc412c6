"""One build, run by the web app's worker in its own process: `python -m renderer.web.build_job SOURCE OUT`.

It calls the library as the CLI does (`renderer.build`, every format, EPUBCheck and Ace) and writes one
JSON object a line on standard output: {"progress": "..."} for each stage, then {"result": {...}} or
{"errors": [...]}. Being its own process, a build never holds up the pages (and runs at a lower CPU
priority), and a crash or a kill leaves the app and the live releases as they were.
"""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path

EXIT_ERRORS = 2


def emit(**message) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    import renderer
    from renderer.diagnostics import SourceError
    from renderer.pipeline import summary

    source, out = Path(argv[0]), Path(argv[1])
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


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
