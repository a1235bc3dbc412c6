"""A release whose checks fail is not published as if it were fine."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from renderer.artifact import Check
from renderer.checks import CHECKERS, Checker

from support import EXAMPLE_SLUG, copy_example


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def failing_page_check(monkeypatch):
    """Every web page fails one more check, as a page with a real accessibility fault would."""
    def no_page_passes(subject):
        return [Check("Contrast", False, "the body text is grey on grey (2.1:1)")]

    monkeypatch.setitem(CHECKERS, "text/html", [*CHECKERS["text/html"], Checker(no_page_passes)])


def test_a_failed_check_holds_the_release_back_and_exits_1(tmp_path, cli, request):
    source = copy_example(tmp_path)
    out = tmp_path / "release"
    assert cli("build", source, "--out", out, "--formats", "html").exit_code == 0
    live = out / EXAMPLE_SLUG
    before = tree_digest(live)

    request.getfixturevalue("failing_page_check")
    result = cli("build", source, "--out", out, "--formats", "html", "--force")
    assert result.exit_code == 1
    assert "Not published" in result.stdout and "--publish-with-failures" in result.stdout
    assert tree_digest(live) == before  # the live release is exactly as it was
    held = out / f".{EXAMPLE_SLUG}.failed"
    manifest = json.loads((held / "manifest.json").read_text("utf-8"))
    assert manifest["publication"]["published"] is False
    assert "Web page: Contrast" in manifest["publication"]["failed_checks"]
    assert not list(out.glob(f".{EXAMPLE_SLUG}.partial-*"))


def test_publish_with_failures_publishes_and_says_so(tmp_path, cli, failing_page_check):
    source = copy_example(tmp_path)
    out = tmp_path / "release"
    result = cli("build", source, "--out", out, "--formats", "html", "--publish-with-failures")
    assert result.exit_code == 0 and "Published with failed checks" in result.stdout
    manifest = json.loads((out / EXAMPLE_SLUG / "manifest.json").read_text("utf-8"))
    assert manifest["publication"] == {"published": True, "failed_checks": ["Landing page: Contrast",
                                                                            "Web page: Contrast"], "not_made": []}


def test_a_clean_release_records_that_it_was_published(tmp_path, cli):
    source = copy_example(tmp_path)
    out = tmp_path / "release"
    assert cli("build", source, "--out", out, "--formats", "html").exit_code == 0
    manifest = json.loads((out / EXAMPLE_SLUG / "manifest.json").read_text("utf-8"))
    assert manifest["publication"] == {"published": True, "failed_checks": [], "not_made": []}
    assert not (out / f".{EXAMPLE_SLUG}.failed").exists()


def test_a_short_notice_is_not_held_back_by_checks_made_for_long_ones(write_statement, tmp_path):
    """Found by building odd inputs: a notice of two sentences seemed too slow to the audio's pace check (the
    script's pauses counted as speech), a lone dash became an empty caption, and a web address or the letters of
    'M.P.' were words the braille's back-translation could not give back: each held the release back."""
    import renderer

    body = ("–\n\nThe road is now open. Dr J. Smith, M.P., said the U.K. and the U.S.A. agreed.\n\n"
            "https://www.example.gov.uk/news/roads-reopened-after-repairs\n")
    result = renderer.build(write_statement(body=body), tmp_path / "release", formats="audio,braille")
    manifest = json.loads((result.bundle_dir / "manifest.json").read_text("utf-8"))
    failed = [(f["path"], c["name"], c["details"]) for f in manifest["files"] for c in f.get("checks", [])
              if not c["passed"]]
    assert result.published and not failed, failed
    captions = (result.bundle_dir / "a-test-statement.vtt").read_text("utf-8")
    assert "\n–\n" not in captions
