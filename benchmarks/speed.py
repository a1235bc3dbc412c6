"""The build against its raw engines, measured in one run: cold build, one-word edit, up to date, memory.

    python3 benchmarks/speed.py [SOURCE ...] [--repeat N] [--batch FOLDER]

For each SOURCE (default: the NPCC example and the bilingual Welsh/English example):

- raw engine work: in a new process, the time Piper (and espeak-ng for Welsh) takes to synthesise every
  distinct sentence of the statement's and its plain version's speech scripts, its model load included,
  plus WeasyPrint's time to render the three PDFs' HTML (statement, large print, plain version): what no
  build can avoid (imports, reading and writing the plain version are not counted);
- cold build: `statement-renderer build SOURCE --no-verify` in a new process, empty caches, every format;
- one-word edit: a word of the first paragraph changed, then built again, both in a new process (as a
  person at a terminal running `build`, and the queue's forked work horses see it), under `statement-renderer
  watch` (from the save to the summary printed: the rebuild in the process that built before) and in the same
  process as the build before (a program calling `renderer.build` again, as the web app's build process does);
- up to date: built again with nothing changed, in the same process;
- peak memory (maximum resident set) of each new process.

Ratios are printed against the raw engine work (cold) and against the cold build (edits). With
--batch FOLDER, builds every statement of FOLDER in one process (after the SOURCEs, if any are named)
and prints how busy the cores were (CPU time / (wall time × cores)). Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SOURCES = [REPO / "sources" / "npcc-e2ee-child-safety.md", REPO / "sources" / "cnc-social-distancing-bilingual.md"]

RAW_ENGINES = r'''
import sys, time
started = time.perf_counter()
from pathlib import Path
from renderer.readers import read_statement
from renderer.editions import make_release
from renderer.writers.audio.script import speech_script
from renderer.writers.audio.voices import PiperVoice, cast_voices
import piper
from renderer.writers.pdf import pdf_html
from weasyprint import HTML

statement, _ = read_statement(Path(sys.argv[1]))
release = make_release(statement, with_plain=True)
editions = [part for edition in (release.full, release.plain) if edition for part in (edition.parts or (edition,))]
pdfs = [(release.full, False), (release.full, True)] + ([(release.plain, False)] if release.plain else [])
cast = cast_voices(statement.meta.language, statement.languages, statement.meta.voice, statement.source_path.parent,
                   trusted=False)
sentences = {(cast.voice_for(u.language), u.spoken) for edition in editions for u in speech_script(edition).utterances}
prepared = time.perf_counter()
engines = {}  # Piper as it comes (PiperVoice.load: one session on every core), espeak-ng as the build calls it
for voice, words in sentences:
    if isinstance(voice, PiperVoice):
        if voice.model not in engines:
            engines[voice.model] = piper.PiperVoice.load(voice.model, config_path=voice.config_path)
        list(engines[voice.model].synthesize(words, piper.SynthesisConfig(normalize_audio=False)))
    else:
        voice.speak(words)
spoken = time.perf_counter()
base = statement.source_path.parent.resolve().as_uri() + "/"
for edition, large in pdfs:
    HTML(string=pdf_html(edition, "raw", large), base_url=base).write_pdf(pdf_variant="pdf/ua-1")
done = time.perf_counter()
print(f"{len(sentences)} {spoken - prepared:.3f} {done - spoken:.3f} {prepared - started:.3f} {len(pdfs)}")
'''


def run_measured(command: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """Wall seconds, peak resident memory (MB) and standard output of a new process."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, text=True, env={**os.environ, **(env or {})},
                                   cwd=REPO)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        out.seek(0), err.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{' '.join(map(str, command))} failed:\n{err.read()[-2000:]}")
        return seconds, usage.ru_maxrss / 1024, out.read()


def edited(source: Path, number: int) -> None:
    """Change one word of the first paragraph (a word never used before, so no cache has the sentence): the
    word gets "q" and a letter for `number`, in place of what an earlier edit gave it, so the sentence keeps its
    length from one edit to the next."""
    text = source.read_text("utf-8")
    body_start = text.index("\n---", 3) + 4
    paragraph = next(m for m in re.finditer(r"^[A-Za-z][^\n]{40,}$", text[body_start:], re.M))
    line = paragraph.group(0)
    words = line.split(" ")
    chosen = next(n for n, word in enumerate(words) if n >= 3 and word.isalpha())
    words[chosen] = re.sub(r"q[a-z]$", "", words[chosen]) + "q" + "abcdefghijklmnopqrstuvwxyz"[number % 26]
    start = body_start + paragraph.start()
    source.write_text(text[:start] + " ".join(words) + text[start + len(line):], "utf-8")


def measure(source: Path, repeat: int) -> None:
    import renderer

    print(f"\n== {source.name}")
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        shutil.copytree(source.parent, scratch / "sources", ignore=shutil.ignore_patterns("*.docx"))
        copy = scratch / "sources" / source.name
        cache = {"STATEMENT_RENDERER_CACHE": str(scratch / "no-cache")}

        raws, colds, cold_memory = [], [], []
        for n in range(repeat):
            seconds, memory, out = run_measured([sys.executable, "-c", RAW_ENGINES, str(copy)])
            sentences, speech, pdfs, prepare, pdf_count = out.split()
            raws.append(float(speech) + float(pdfs))  # the engines' own calls (the voice's model load included)
            shutil.rmtree(scratch / "no-cache", ignore_errors=True)
            seconds, memory, _ = run_measured([sys.executable, "-m", "renderer", "build", str(copy), "--out",
                                               str(scratch / f"cold-{n}"), "--no-verify"], cache)
            colds.append(seconds)
            cold_memory.append(memory)
        raw, cold = statistics.median(raws), statistics.median(colds)
        print(f"raw engine work: {sentences} sentences synthesised in {float(speech):.1f} s + {pdf_count} PDFs rendered in "
              f"{float(pdfs):.1f} s (median {raw:.1f} s; not counted: imports, reading, plain version "
              f"{float(prepare):.1f} s)")
        print(f"cold build, every format, new process, empty caches: median {cold:.1f} s = {cold / raw:.2f} x the raw "
              f"engine work; peak memory {max(cold_memory):.0f} MB")

        out = scratch / f"cold-{repeat - 1}"
        edits = []
        for n in range(repeat):
            edited(copy, n + 1)
            seconds, memory, _ = run_measured([sys.executable, "-m", "renderer", "build", str(copy), "--out",
                                               str(out), "--no-verify"], cache)
            edits.append((seconds, memory))
        edit = statistics.median(seconds for seconds, _ in edits)
        print(f"one-word edit, new process: median {edit:.1f} s = {edit / cold:.1%} of the cold build; peak memory "
              f"{max(memory for _, memory in edits):.0f} MB")

        watched = watch_edits(copy, out, repeat, cache)
        print(f"one-word edit under `statement-renderer watch` (from the save to the summary printed): median "
              f"{statistics.median(watched):.2f} s = {statistics.median(watched) / cold:.1%} of the cold build")

        os.environ.update(cache)
        options = renderer.BuildOptions(verify=False)
        # a first edit, not counted, loads the imports, the voice's sessions and the parser in this process (a
        # build with nothing to synthesise or simplify would load neither)
        edited(copy, 3 * repeat + 3)
        renderer.build(copy, out, options)
        warm = []
        for n in range(repeat):
            edited(copy, 3 * repeat + n + 4)
            warm.append(renderer.build(copy, out, options).seconds)
        print(f"one-word edit, same process (imports, voice and parser loaded): median {statistics.median(warm):.2f} s = "
              f"{statistics.median(warm) / cold:.1%} of the cold build")
        up = [renderer.build(copy, out, options).seconds for _ in range(repeat)]
        print(f"up to date: median {statistics.median(up) * 1000:.0f} ms")
        del os.environ["STATEMENT_RENDERER_CACHE"]


def watch_edits(source: Path, out: Path, repeat: int, env: dict) -> list[float]:
    """Seconds from each save of a one-word edit to the summary `statement-renderer watch` prints for it (the
    first edit, which loads the parser and the voices, not counted)."""
    import queue
    import threading

    process = subprocess.Popen([sys.executable, "-m", "renderer", "watch", str(source), "--out", str(out),
                                "--no-verify"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, **env}, cwd=REPO)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()

    def printed(text: str) -> None:
        while text not in lines.get(timeout=300):
            pass

    try:
        printed("Watching")
        seconds = []
        for n in range(repeat + 1):
            edited(source, 2 * repeat + n + 2)
            saved = time.perf_counter()
            printed("Built in")
            seconds.append(time.perf_counter() - saved)
        return seconds[1:]
    finally:
        process.send_signal(2)
        process.wait(timeout=60)


def batch(folder: Path) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        before = os.times()
        seconds, memory, _ = run_measured([sys.executable, "-m", "renderer", "build", str(folder), "--out",
                                           str(Path(scratch) / "out"), "--no-verify"],
                                          {"STATEMENT_RENDERER_CACHE": str(Path(scratch) / "cache")})
        after = os.times()
        cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
        cores = os.cpu_count() or 1
        print(f"\n== batch: {folder} in {seconds:.0f} s, CPU {cpu:.0f} s on {cores} cores: cores "
              f"{cpu / (seconds * cores):.0%} busy; peak memory {memory:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", type=Path, help="default: the two examples (none with --batch alone)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch", type=Path, help="also build every statement of this folder and report CPU use")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores; {os.uname().sysname} {os.uname().release}; Python {sys.version.split()[0]}")
    for source in args.sources or ([] if args.batch else SOURCES):
        measure(source.resolve(), args.repeat)
    if args.batch:
        batch(args.batch.resolve())


if __name__ == "__main__":
    main()
