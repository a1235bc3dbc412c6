"""Checks on the braille files, read back as an embosser or a braille library would read them.

- Page size: no line over 40 cells, no page over 25 lines (BRF: lines end CR LF, pages a form feed;
  PEF: rows and pages, within the volume's `cols` and `rows`), and the PEF names itself as PEF 2008-1
  with the metadata it requires (`dc:format`, `dc:identifier`).
- Back-translation: liblouis turns the braille back into print (with the table of each language the
  statement uses) and at least 98 % of the statement's words must come back, or all but two (a short notice:
  liblouis's tables do not give back every form, "mae'r"). Web and email addresses, and the letters of
  "M.P." or "U.K.", are not counted: they are no words.
"""

from __future__ import annotations

from collections import Counter

from lxml import etree

from ..artifact import Check
from ..model.visitor import block_text, walk_with_language
from ..text.words import EMAIL, URL, words
from ..text.braille import ASCII_BRAILLE, CELLS, LINES, LiblouisMissing, table_for, translate

PEF = "{http://www.daisy.org/ns/2008/pef}"
DC = "{http://purl.org/dc/elements/1.1/}"
WORDS_BACK = 0.98
WORDS_MAY_MISS = 2


def brf_pages(path) -> list[list[str]]:
    """A BRF file's pages, each a list of lines (lines end CR LF, pages a form feed)."""
    return [page.split("\r\n")[:-1] for page in path.read_bytes().decode("ascii").split("\f")[:-1]]


def check_brf(subject) -> list[Check]:
    pages = brf_pages(subject.path)
    return [_page_size(pages), _back_translation(subject, pages)]


def check_pef(subject) -> list[Check]:
    try:
        root = etree.parse(str(subject.path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    except etree.XMLSyntaxError as error:
        return [Check("PEF 2008-1", False, f"not well-formed XML: {error}")]
    problems = []
    if root.tag != f"{PEF}pef" or root.get("version") != "2008-1":
        problems.append("the root is not <pef version=\"2008-1\">")
    for name in ("format", "identifier"):
        if not (root.findtext(f"{PEF}head/{PEF}meta/{DC}{name}") or "").strip():
            problems.append(f"dc:{name} is missing")
    pages = []
    for volume in root.iter(f"{PEF}volume"):
        cols, rows = int(volume.get("cols", 0)), int(volume.get("rows", 0))
        if (cols, rows) != (CELLS, LINES):
            problems.append(f"the volume is {cols} × {rows}, not {CELLS} × {LINES}")
        for page in volume.iter(f"{PEF}page"):
            lines = [(row.text or "") for row in page.iter(f"{PEF}row")]
            if any(not 0x2800 <= ord(c) <= 0x283F for line in lines for c in line):
                problems.append("a row holds characters that are not 6-dot braille")
                break
            pages.append(["".join(ASCII_BRAILLE[ord(c) - 0x2800] for c in line) for line in lines])
    size = _page_size(pages)
    checks = [Check("PEF 2008-1", not problems, "; ".join(problems) if problems else
                    f"PEF 2008-1 with its required metadata, {len(pages)} pages"), size]
    brf = subject.path.with_suffix(".brf")
    if brf.is_file():
        alike = [[line.rstrip() for line in page] for page in brf_pages(brf)] == pages
        checks.append(Check("Same pages as the BRF", alike, "the PEF and the BRF hold the same braille, page by page"
                            if alike else "the PEF and the BRF differ"))
    return checks


def _page_size(pages: list[list[str]]) -> Check:
    long_lines = sum(1 for page in pages for line in page if len(line) > CELLS)
    long_pages = sum(1 for page in pages if len(page) > LINES)
    ok = bool(pages) and not long_lines and not long_pages
    return Check("Page size", ok, f"{len(pages)} pages, none over {LINES} lines of {CELLS} cells" if ok else
                 f"{long_lines} lines over {CELLS} cells, {long_pages} pages over {LINES} lines")


def _back_translation(subject, pages: list[list[str]]) -> Check:
    statement = subject.edition.statement
    expected = Counter(_words_of(statement))
    body = [" ".join(line.strip() for line in page[1:]) for page in pages]  # each page's text, its number left out
    try:
        back: Counter = Counter()
        for table in sorted({table_for(language) for language in statement.languages}):
            found = Counter(_comparable(w) for text in translate(body, table, backward=True) for w in words(text))
            back |= found  # a word counts if one of the statement's languages gives it back
    except LiblouisMissing as missing:
        return Check("Back-translation", False, f"{missing.reason}, so the braille could not be read back")
    kept = sum(min(count, back[word]) for word, count in expected.items())
    total = sum(expected.values())
    share = kept / total if total else 1.0
    missing = [word for word, count in expected.most_common() if back[word] < count][:8]
    return Check("Back-translation", share >= WORDS_BACK or total - kept <= WORDS_MAY_MISS,
                 f"{share:.1%} of the statement's {total} words come back from the braille (at least "
                 f"{WORDS_BACK:.0%} needed)" + (f"; not back: {', '.join(missing)}" if missing and share < 1 else ""))


def _words_of(statement) -> list[str]:
    texts = [statement.meta.title, statement.meta.organisation]
    texts += [block_text(block) for block, _ in walk_with_language(statement.blocks, statement.meta.language)
              if block.kind in ("heading", "paragraph")]
    texts += [cell.text for block, _ in walk_with_language(statement.blocks, statement.meta.language)
              if block.kind == "table" for row in [block.header] + block.rows for cell in row]
    return [_comparable(word) for text in texts for word in words(EMAIL.sub(" ", URL.sub(" ", text)))
            if len(word) > 1 or word.lower() in ("a", "i")]  # (not the letters of "M.P.", "U.K.")


def _comparable(word: str) -> str:
    """A word as braille keeps it: braille has one apostrophe and no case of its own beyond the capital sign."""
    return word.lower().replace("’", "'")
