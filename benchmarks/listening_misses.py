"""What the recogniser missed, by kind: the transcripts `listening.py --transcripts DIR` kept, aligned again.

    /tmp/asr/venv/bin/python benchmarks/listening_misses.py DIR [--words]

Run with the recogniser's venv (it has jiwer and the scorer's normaliser). Each statement's reference and
transcript are scored exactly as ../shared/tools/asr/asr_wer.py scores them (the same normalisation, and
its choice of comparing numbers as words or as digits), and each reference word not heard correctly is
counted under one kind: a day of a date (said as an ordinal, "the twenty-first of March", which the
scorer compares with "21"), "am"/"pm" after a time (written "a.m." by the recogniser), a British
spelling or unit the scorer's table does not map ("enquiries", "whilst", "cm"), another number (mostly
phone numbers read digit by digit, which the scorer compares as number words or as differently grouped
digits), or a word. Prints the kinds over every statement, then each statement's miss rate and its rate
counting words only. With --words, also lists each missed word with what was heard, to see what to fix.
The recogniser's side is never tuned by this: it only sorts what it missed.
"""

from __future__ import annotations

import argparse
import collections
import statistics
import sys
from pathlib import Path

ASR = Path(__file__).resolve().parent.parent.parent / "shared" / "tools" / "asr"
sys.path.insert(0, str(ASR))

import asr_wer  # noqa: E402
import jiwer  # noqa: E402

MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"}
NUMBER_WORDS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
                "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million"}
BRITISH = {"enquiries", "enquiry", "enquire", "whilst", "centimeters", "cm"}
KINDS = ("day of a date", "am/pm", "British spelling or unit", "other number", "word")


def is_number(word: str) -> bool:
    return word.isdigit() or word in NUMBER_WORDS


def kind_of(ref: list[str], i: int) -> str:
    word, after = ref[i], ref[i + 1:i + 3]
    if is_number(word) and (after[:1] and after[0] in MONTHS or (len(after) == 2 and is_number(after[0])
                                                                  and after[1] in MONTHS)):
        return "day of a date"
    if word in ("am", "pm") and i and is_number(ref[i - 1]):
        return "am/pm"
    if word in BRITISH:
        return "British spelling or unit"
    if is_number(word) or (word == "and" and i and is_number(ref[i - 1])):
        return "other number"
    return "word"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--words", action="store_true", help="list each missed word with what was heard")
    args = parser.parse_args()
    spelling = asr_wer.us_spelling_table()
    every = collections.Counter()
    rows = []
    for reference in sorted(args.folder.glob("*.reference.txt")):
        heard = reference.with_name(reference.name.replace(".reference.txt", ".heard.txt"))
        if not heard.exists():
            continue
        ref_text, hyp_text = reference.read_text("utf-8"), heard.read_text("utf-8")
        _, _, _, mode, miss = asr_wer.score(ref_text, hyp_text, spelling)
        ref = asr_wer.normalise(ref_text, mode == "words", spelling)
        hyp = asr_wer.normalise(hyp_text, mode == "words", spelling)
        kinds = collections.Counter()
        for chunk in jiwer.process_words(" ".join(ref), " ".join(hyp) or "x").alignments[0]:
            if chunk.type not in ("substitute", "delete"):
                continue
            for i in range(chunk.ref_start_idx, chunk.ref_end_idx):
                kinds[kind_of(ref, i)] += 1
            if args.words:
                said = " ".join(hyp[chunk.hyp_start_idx:chunk.hyp_end_idx]) if chunk.type == "substitute" else "–"
                print(f"{reference.name[:32]:32} {' '.join(ref[chunk.ref_start_idx:chunk.ref_end_idx])!r} → {said!r}")
        every.update(kinds)
        rows.append((reference.name.removesuffix(".reference.txt"), len(ref), miss, kinds["word"] / len(ref)))
    missed = sum(every.values())
    print(f"{missed} words missed of {sum(n for _, n, _, _ in rows)}, by kind:")
    for kind in KINDS:
        print(f"  {every[kind]:5d}  {every[kind] / max(missed, 1):6.1%}  {kind}")
    print(f"\n{'statement':48} {'words':>6} {'missed':>7} {'words only':>11}")
    for name, words, miss, words_only in rows:
        print(f"{name[:48]:48} {words:6d} {miss:7.1%} {words_only:11.1%}")
    print(f"median: missed {statistics.median(r[2] for r in rows):.1%}, "
          f"counting words only {statistics.median(r[3] for r in rows):.1%}")


if __name__ == "__main__":
    main()
