"""Build every real statement of a corpus and print one table: what was published, what failed, how plain.

    python3 benchmarks/corpus.py [FOLDER] [--verify] [--formats pdf,epub,plain] [--out DIR]

FOLDER defaults to ../shared/corpus (every *.md but INDEX.md and README.md). Each
statement is built with the real writers and checks (the audio too, unless
--formats leaves it out); EPUBCheck and Ace run only with --verify. For each
statement the table gives its language, words of running text, whether it was
published (checks failed keep it back), the checks that failed, the Flesch–Kincaid
grade and words a sentence of the statement and of its plain-language version, the
plain version's longest sentence, words and facts lost, how many of the report's six
targets it meets, and the build time. Prints figures only.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import renderer  # noqa: E402
from renderer.diagnostics import SourceError  # noqa: E402
from renderer.editions import make_release  # noqa: E402
from renderer.editions.readability import readability_report  # noqa: E402
from renderer.readers import read_statement  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"


def sources(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.md") if p.name.lower() not in ("index.md", "readme.md"))


def plain_figures(source: Path) -> dict:
    """The readability of the statement and of its plain version, as the report computes it."""
    statement, _ = read_statement(source)
    release = make_release(statement, with_plain=True)
    report = readability_report(release.full, release.plain)
    plain = report.plain
    return {
        "language": statement.meta.language,
        "words": report.original.words,  # running text, as the length target counts it
        "grade": report.original.flesch_kincaid_grade,
        "sentence": report.original.average_sentence_length,
        "plain_grade": plain.flesch_kincaid_grade if plain else None,
        "plain_sentence": plain.average_sentence_length if plain else None,
        "plain_words": plain.words if plain else None,
        "longest": plain.longest_sentence if plain else None,
        "targets": (report.targets_met if report.targets() else None) if plain else None,
        "targets_count": f"{sum(met for _, met in report.targets())} of {len(report.targets())}"
        if plain and report.targets() else None,
        "facts_lost": len(report.facts_lost) if plain else None,
    }


def cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "met" if value else "NOT met"
    return f"{value}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--verify", action="store_true", help="run EPUBCheck and Ace too")
    parser.add_argument("--formats", default=None, help="formats to build (default: all)")
    parser.add_argument("--out", type=Path, default=None, help="where to build (default: a temporary folder)")
    args = parser.parse_args()

    out = args.out or Path(tempfile.mkdtemp(prefix="corpus-"))
    rows = []
    for source in sources(args.folder):
        figures = plain_figures(source)
        started = time.perf_counter()
        try:
            result = renderer.build(source, out, formats=args.formats, verify=args.verify, force=True)
            published = "yes" if result.published else "HELD BACK"
            failed = "; ".join(f"{label}: {check}" for label, check in result.failed_checks) or "–"
        except SourceError as error:
            published, failed = "ERROR", str(error).splitlines()[0][:60]
        seconds = time.perf_counter() - started
        rows.append([source.name[:40], figures["language"], figures["words"], published, failed,
                     figures["grade"], figures["sentence"], figures["plain_grade"], figures["plain_sentence"],
                     figures["longest"], figures["plain_words"], figures["facts_lost"], figures["targets_count"],
                     figures["targets"], f"{seconds:.1f}"])
        print(f"built {source.name} in {seconds:.1f} s", file=sys.stderr)

    header = ["statement", "lang", "words", "published", "failed checks", "FK", "w/s", "plain FK", "plain w/s",
              "longest", "plain words", "facts lost", "targets met", "all met", "s"]
    table = [header] + [[cell(v) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for number, row in enumerate(table):
        print(" | ".join(value.ljust(width) for value, width in zip(row, widths)))
        if number == 0:
            print("-+-".join("-" * width for width in widths))
    english = [row for row in rows if row[7] is not None]
    if english:
        met = sum(1 for row in english if row[13])
        print(f"\nplain-language targets met on {met} of {len(english)} statements with a generated or written "
              f"plain version; median plain grade {statistics.median(row[7] for row in english):.1f}, "
              f"median plain words a sentence {statistics.median(row[8] for row in english):.1f}")
    print(f"published {sum(1 for row in rows if row[3] == 'yes')} of {len(rows)}; bundles in {out}")


if __name__ == "__main__":
    main()
