"""Time each stage and the whole build of the example statement, cold and warm.

    python3 benchmarks/bench.py [SOURCE] [--repeat N]

Cold: a fresh Python process building into an empty folder (imports included, and
every sentence of the audio synthesised: the speech cache starts empty).
Warm: a rebuild in the same process after a one-word edit (so the release is
out of date and every stage runs again; the audio synthesises only the sentences
that changed), and an up-to-date check with no edit. The audio's real-time factor
(synthesis seconds / seconds of speech) is printed from an empty-cache build.
Builds skip EPUBCheck and Ace (--no-verify, the editing loop) unless --verify is given;
the validators' own time is printed once at the end.
Prints figures only; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO / "sources" / "npcc-e2ee-child-safety.md"
EDITS = ["vital", "essential", "crucial", "critical", "important", "necessary", "key", "paramount", "central"]


def cold_build(source: Path, out: Path, verify: bool) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "renderer", "build", str(source), "--out", str(out),
                    "--verify" if verify else "--no-verify"], check=True, capture_output=True)
    return time.perf_counter() - started


def print_pdf_figures(source: Path, repeat: int = 3) -> None:
    """Our PDF step against a bare WeasyPrint PDF/UA render of the same HTML."""
    import io

    from weasyprint import HTML

    from renderer.checks.pdf import check_pdf
    from renderer.editions import make_release
    from renderer.readers import read_statement
    from renderer.writers.pdf import pdf_html, render_pdf_bytes

    statement, _ = read_statement(source)
    edition = make_release(statement, with_plain=False).full
    html = pdf_html(edition, "bench")
    base = source.parent.resolve().as_uri() + "/"

    def timed(action) -> float:
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            action()
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    bare = timed(lambda: HTML(string=html, base_url=base).write_pdf(pdf_variant="pdf/ua-1"))
    ours = timed(lambda: render_pdf_bytes(edition, "bench"))
    data = render_pdf_bytes(edition, "bench")
    checks = timed(lambda: check_pdf(io.BytesIO(data)))
    print(f"PDF: bare WeasyPrint PDF/UA render {bare:.3f} s; ours with structure repair {ours:.3f} s "
          f"({ours / bare:.2f}x); structure checks {checks:.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--verify", action="store_true", help="run EPUBCheck and Ace in every build")
    args = parser.parse_args()
    args.repeat = min(args.repeat, len(EDITS) - 1)
    from renderer import BuildOptions

    options = BuildOptions(verify=args.verify)
    os.environ.pop("STATEMENT_RENDERER_CACHE", None)  # every cold build starts with an empty cache

    import renderer

    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        shutil.copytree(args.source.parent, scratch / "sources")
        source = scratch / "sources" / args.source.name

        colds = [cold_build(source, scratch / f"cold-{n}", args.verify) for n in range(args.repeat)]
        print(f"cold build (new process, imports included): median {statistics.median(colds):.3f} s "
              f"over {args.repeat} runs")

        out = scratch / "warm"
        primed = renderer.build(source, out, options)  # prime imports and caches in this process
        audio = primed.figures
        if audio.get("synthesised_sentences"):
            speech_seconds = audio["synthesis_seconds"] / audio["real_time_factor"]
            print(f"audio, empty speech cache: {audio['synthesised_sentences']:.0f} sentences, {speech_seconds:.0f} s "
                  f"of speech synthesised in {audio['synthesis_seconds']:.2f} s: real-time factor "
                  f"{audio['real_time_factor']:.3f}; audio stage {primed.stage_seconds['audio']:.2f} s "
                  f"of a {primed.seconds:.2f} s build")
        stage_times: dict[str, list[float]] = {}
        totals = []
        resynthesised = []
        for n in range(args.repeat):
            # a word never used before, so no build finds the edited sentence in its caches
            text = source.read_text("utf-8")
            old, new = EDITS[n], EDITS[n + 1]
            source.write_text(text.replace(f"is {old}", f"is {new}", 1), "utf-8")
            result = renderer.build(source, out, options)
            totals.append(result.seconds)
            resynthesised.append(result.figures.get("synthesised_sentences", 0))
            for stage, seconds in result.stage_seconds.items():
                stage_times.setdefault(stage, []).append(seconds)
        print(f"warm rebuild after a one-word edit: median {statistics.median(totals):.3f} s "
              f"(sentences synthesised again: {', '.join(f'{n:.0f}' for n in resynthesised)})")
        for stage, times in stage_times.items():
            print(f"  stage {stage:<8} median {statistics.median(times):.3f} s")

        print_pdf_figures(source)

        checks = []
        for _ in range(args.repeat):
            result = renderer.build(source, out, options)
            assert result.up_to_date
            checks.append(result.seconds)
        print(f"up-to-date check (no edit): median {statistics.median(checks):.3f} s")

        from renderer.checks.epub import run_ace, run_epubcheck

        epub = out / renderer.read_statement(source)[0].meta.slug
        epub = next(epub.glob("*.epub"))
        for name, check in (("EPUBCheck", run_epubcheck), ("DAISY Ace", run_ace)):
            started = time.perf_counter()
            check(epub)
            print(f"validator {name}: {time.perf_counter() - started:.2f} s (run in the background during a "
                  "verified build, cached by the EPUB's checksum)")


if __name__ == "__main__":
    main()
