"""Braille (BRF and PEF) of the examples, read back: page size, layout, back-translation by liblouis, Welsh
braille for Welsh passages, the checks on broken files, and a machine without liblouis."""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

import renderer
from renderer.artifact import Artifact
from renderer.checks import CheckSubject
from renderer.checks.braille import check_brf, check_pef
from renderer.editions import make_release
from renderer.readers import read_statement
from renderer.text.braille import ASCII_BRAILLE, CELLS, LINES, SEPARATOR, translate
from renderer.text.words import words
from support import EXAMPLE, EXAMPLE_SLUG, SOURCES, WELSH, run_command

FLOOD = SOURCES / "flood-warning-river-teme.md"  # bilingual, with a list, a table and an image


@pytest.fixture(scope="module")
def braille_builds(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("braille")
    return {source.stem: renderer.build(source, out, formats="braille").bundle_dir for source in (EXAMPLE, WELSH, FLOOD)}


def pages_of(brf: Path) -> list[list[str]]:
    text = brf.read_bytes().decode("ascii")
    assert text.endswith("\r\n\f")
    return [page.split("\r\n")[:-1] for page in text.split("\f")[:-1]]


def test_every_braille_check_passes_and_is_in_the_manifest(braille_builds):
    for bundle in braille_builds.values():
        files = {f["path"]: f for f in json.loads((bundle / "manifest.json").read_text("utf-8"))["files"]}
        brf, pef = files[f"{bundle.name}.brf"], files[f"{bundle.name}.pef"]
        assert brf["media_type"] == "text/x-brf" and pef["media_type"] == "application/x-pef+xml"
        assert {c["name"] for c in brf["checks"]} == {"Page size", "Back-translation"}
        assert {c["name"] for c in pef["checks"]} == {"PEF 2008-1", "Page size", "Same pages as the BRF"}
        assert all(c["passed"] for c in brf["checks"] + pef["checks"]), brf["checks"] + pef["checks"]


def test_pages_are_40_cells_by_25_lines_numbered_at_the_top_right(braille_builds):
    pages = pages_of(braille_builds["npcc-e2ee-child-safety"] / f"{EXAMPLE_SLUG}.brf")
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert len(page) <= LINES and all(len(line) <= CELLS for line in page)
        label = "#" + "".join("JABCDEFGHI"[int(d)] for d in str(number))
        assert page[0] == " " * (CELLS - len(label)) + label
        assert page[1].strip(), "no blank line at the top of a page"
        assert set("".join(page)) <= set(ASCII_BRAILLE)


def test_the_title_is_centred_and_followed_by_the_separation_line(braille_builds):
    first = pages_of(braille_builds["npcc-e2ee-child-safety"] / f"{EXAMPLE_SLUG}.brf")[0]
    separator = next(i for i, line in enumerate(first) if line.strip() == SEPARATOR)
    for line in first[1:separator]:
        left, right = len(line) - len(line.lstrip()), CELLS - len(line)
        assert abs(left - right) <= 1, line  # centred
    title = " ".join(line.strip() for line in first[1:separator])
    assert translate([title], "en-ueb-g2.ctb", backward=True)[0].startswith("NPCC")


def test_headings_are_centred_and_never_alone_at_the_foot_of_a_page(braille_builds):
    from renderer.writers.braille import centred

    statement, _ = read_statement(EXAMPLE)
    pages = pages_of(braille_builds["npcc-e2ee-child-safety"] / f"{EXAMPLE_SLUG}.brf")
    headings = translate([entry.text for entry in statement.outline if entry.level == 2], "en-ueb-g2.ctb")
    assert headings
    for heading in headings:
        first_line = centred(heading)[0]
        page, index = next((page, page.index(first_line)) for page in pages if first_line in page)
        assert abs((len(first_line) - len(first_line.lstrip())) - (CELLS - len(first_line))) <= 1  # centred
        assert index + len(centred(heading)) < len(page), "a heading at the foot of a page"
        assert index == 1 or not page[index - 1].strip()  # a blank line before it, unless it starts the page


def test_back_translation_gives_back_at_least_98_percent_of_the_words(braille_builds):
    statement, _ = read_statement(EXAMPLE)
    pages = pages_of(braille_builds["npcc-e2ee-child-safety"] / f"{EXAMPLE_SLUG}.brf")
    back = Counter(w.lower() for text in translate([" ".join(line.strip() for line in page[1:]) for page in pages],
                                                     "en-ueb-g2.ctb", backward=True) for w in words(text))
    release = make_release(statement, with_plain=False)
    expected = Counter(w.lower() for w in words(release.full.statement.meta.title + " " + " ".join(
        renderer.model.block_text(block) for block in statement.blocks)))
    kept = sum(min(count, back[word]) for word, count in expected.items())
    assert kept / sum(expected.values()) >= 0.98


def test_welsh_is_in_welsh_braille_and_english_in_ueb(braille_builds):
    statement, _ = read_statement(WELSH)
    bundle = braille_builds[WELSH.stem]
    text = " ".join(line.strip() for page in pages_of(bundle / f"{bundle.name}.brf") for line in page[1:])
    welsh = next(renderer.model.block_text(b) for b in statement.blocks if b.kind == "paragraph")
    english = next(renderer.model.block_text(inner) for b in statement.blocks if b.kind == "passage"
                   for inner in b.blocks if inner.kind == "paragraph")
    assert " ".join(translate([welsh], "cy-cy-g2.ctb")[0].split()[:6]) in text
    assert " ".join(translate([english], "en-ueb-g2.ctb")[0].split()[:6]) in text
    assert " ".join(translate([english], "cy-cy-g2.ctb")[0].split()[:6]) not in text


def test_lists_and_tables_are_laid_out_with_runovers_in_cell_3(braille_builds):
    bundle = braille_builds[FLOOD.stem]
    lines = [line for page in pages_of(bundle / f"{bundle.name}.brf") for line in page[1:]]
    statement, _ = read_statement(FLOOD)
    table = next(b for b in statement.blocks if b.kind == "table")
    head = translate([f"{table.header[0].text}: {table.rows[0][0].text}"], "en-ueb-g2.ctb")[0]
    row = next(i for i, line in enumerate(lines) if line.startswith(head.split()[0]))
    assert not lines[row].startswith(" ")  # a row starts in cell 1
    if lines[row + 1].strip() and lines[row + 1].startswith("  "):
        assert lines[row + 1].startswith("  ") and not lines[row + 1].startswith("   ")  # runover in cell 3


def test_the_pef_holds_the_same_pages_in_unicode_braille(braille_builds):
    bundle = braille_builds["npcc-e2ee-child-safety"]
    root = etree.parse(str(bundle / f"{EXAMPLE_SLUG}.pef")).getroot()
    ns = {"p": "http://www.daisy.org/ns/2008/pef", "dc": "http://purl.org/dc/elements/1.1/"}
    assert root.get("version") == "2008-1"
    assert root.findtext("p:head/p:meta/dc:format", namespaces=ns) == "application/x-pef+xml"
    assert root.findtext("p:head/p:meta/dc:title", namespaces=ns).startswith("NPCC")
    volume = root.find("p:body/p:volume", ns)
    assert (volume.get("cols"), volume.get("rows")) == ("40", "25")
    pef_pages = [["".join(ASCII_BRAILLE[ord(c) - 0x2800] for c in (row.text or "")) for row in page.findall("p:row", ns)]
                 for page in volume.iter("{http://www.daisy.org/ns/2008/pef}page")]
    assert pef_pages == [[line.rstrip() for line in page] for page in pages_of(bundle / f"{EXAMPLE_SLUG}.brf")]


def test_the_checks_fail_on_broken_braille(braille_builds, tmp_path):
    statement, _ = read_statement(EXAMPLE)
    release = make_release(statement, with_plain=False)
    bundle = braille_builds["npcc-e2ee-child-safety"]
    pages = pages_of(bundle / f"{EXAMPLE_SLUG}.brf")
    broken = tmp_path / "broken.brf"
    pages[1][3] = pages[1][3] + " " + "A" * 10  # a line of more than 40 cells
    del pages[2]  # a page lost: words missing
    broken.write_bytes("".join("\r\n".join(page) + "\r\n\f" for page in pages).encode("ascii"))
    subject = CheckSubject(broken, Artifact(path="broken.brf", media_type="text/x-brf", label="", description="",
                                                  edition="full"),
                           release, tmp_path)
    checks = {c.name: c for c in check_brf(subject)}
    assert not checks["Page size"].passed and "over 40 cells" in checks["Page size"].details
    assert not checks["Back-translation"].passed and "not back" in checks["Back-translation"].details
    pef = tmp_path / "broken.pef"
    pef.write_text((bundle / f"{EXAMPLE_SLUG}.pef").read_text("utf-8").replace('version="2008-1"', 'version="2001"')
                   .replace("<dc:identifier>", "<dc:source>").replace("</dc:identifier>", "</dc:source>"), "utf-8")
    subject = CheckSubject(pef, Artifact(path="broken.pef", media_type="application/x-pef+xml", label="",
                                         description="", edition="full"), release, tmp_path)
    failed = {c.name: c for c in check_pef(subject)}["PEF 2008-1"]
    assert not failed.passed and "2008-1" in failed.details and "dc:identifier" in failed.details


def test_the_landing_page_lists_the_braille_files_with_what_they_are_for(braille_builds):
    page = (braille_builds["npcc-e2ee-child-safety"] / "index.html").read_text("utf-8")
    assert f"{EXAMPLE_SLUG}.brf" in page and f"{EXAMPLE_SLUG}.pef" in page
    assert "braille embossers" in page and "braille libraries" in page


def test_without_liblouis_the_build_says_so_and_goes_on(tmp_path):
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    for program in ("java", "node", "chromium"):  # whatever else the build may look for, but not lou_translate
        if shutil.which(program):
            os.symlink(shutil.which(program), bin_folder / program)
    result = run_command("build", EXAMPLE, "--out", tmp_path / "out", "--formats", "html,braille",
                         env={**os.environ, "PATH": str(bin_folder)})
    assert result.returncode == 0, result.stderr
    assert "no braille was made: liblouis is not installed" in result.stderr and "apt-get install liblouis" in result.stderr
    manifest = json.loads((tmp_path / "out" / EXAMPLE_SLUG / "manifest.json").read_text("utf-8"))
    assert manifest["publication"]["not_made"][0]["format"] == "braille"
    assert not (tmp_path / "out" / EXAMPLE_SLUG / f"{EXAMPLE_SLUG}.brf").exists()


def test_a_missing_braille_table_is_said_in_words_not_a_traceback():
    from renderer.text.braille import LiblouisMissing

    with pytest.raises(LiblouisMissing, match="could not translate with no-such-table.ctb"):
        translate(["A sentence."], "no-such-table.ctb")
