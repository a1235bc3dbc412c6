"""Bad input: one clear line naming the file, the line and the fix; exit status 2; nothing written."""

from __future__ import annotations

import pytest

from support import MINIMAL_FRONT_MATTER, statement_text

MISSING_ALT = "![](chart.png)\n"

CASES = {
    # name: (front matter, body, expected line, words the message must contain)
    "missing title": ("organisation: O\ndate: 2026-11-24\n", "Text.\n", 1, "required field 'title' is missing"),
    "misspelt title": ("titel: T\norganisation: O\ndate: 2026-11-24\n", "Text.\n", 1, "'titel' a misspelling"),
    "mistyped title": ("title: [a, b]\norganisation: O\ndate: 2026-11-24\n", "Text.\n", 2, "'title' must be text"),
    "missing date": ("title: T\norganisation: O\n", "Text.\n", 1, "required field 'date' is missing"),
    "not a date": ("title: T\norganisation: O\ndate: next Tuesday\n", "Text.\n", 4, "'date' is not a date"),
    "impossible date": ("title: T\norganisation: O\ndate: 2026-02-30\n", "Text.\n", 4, "cannot be read"),
    "bad YAML": ("title: T\norganisation: [O\ndate: 2026-11-24\n", "Text.\n", 4, "not valid YAML"),
    "unknown language": (MINIMAL_FRONT_MATTER + "language: english\n", "Text.\n", 5, "unknown language tag"),
    "unknown passage language": (MINIMAL_FRONT_MATTER, "::: {lang=xx-bogus}\nText.\n:::\n", 7, "unknown language tag"),
    "bad slug": (MINIMAL_FRONT_MATTER + "slug: ../escape\n", "Text.\n", 5, "not usable as a folder name"),
    "bad email": (MINIMAL_FRONT_MATTER + "contact:\n  email: nobody\n", "Text.\n", 5, "not an email address"),
    "bad embargo": (MINIMAL_FRONT_MATTER + "embargo: soon\n", "Text.\n", 5, "'embargo' is not a date"),
    "empty body": (MINIMAL_FRONT_MATTER, "\n", 5, "has no body"),
    "skipped heading level": (MINIMAL_FRONT_MATTER, "## One\n\n#### Three\n", 9, "skips from level 2 to level 4"),
    "level-1 heading": (MINIMAL_FRONT_MATTER, "# Title again\n", 7, "is level 1"),
    "image without alt text": (MINIMAL_FRONT_MATTER, MISSING_ALT, 7, "has no alt text"),
    "missing image file": (MINIMAL_FRONT_MATTER, "![A chart](nothere.png)\n", 7, "does not exist"),
    "absolute image path": (MINIMAL_FRONT_MATTER, "![Secrets](/etc/passwd)\n", 7, "is an absolute path"),
    "image outside folder": (MINIMAL_FRONT_MATTER, "![Secrets](../../../etc/passwd)\n", 7, "outside the statement's folder"),
    "file URL image": (MINIMAL_FRONT_MATTER, "![Secrets](file:///etc/passwd)\n", 7, "is a URL"),
    "network image": (MINIMAL_FRONT_MATTER, "![Remote](https://example.org/a.png)\n", 7, "never fetched"),
    "image inside a sentence": (MINIMAL_FRONT_MATTER, "Look ![A chart](chart.png) here.\n", 7, "shares its paragraph"),
    "relative link": (MINIMAL_FRONT_MATTER, "See [the report](report.pdf).\n", 7, "not a full web, email or phone address"),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_source_is_refused(name, write_statement, png, tmp_path, cli):
    front_matter, body, line, words = CASES[name]
    source = write_statement(front_matter, body)
    out = tmp_path / "release"
    result = cli("build", source, "--out", out)
    assert result.exit_code == 2, result.output
    lines = [l for l in result.stderr.splitlines() if ": error: " in l]
    assert lines, result.stderr
    assert lines[0].startswith(f"{source}:{line}: error: "), lines[0]
    assert words in lines[0] and "Fix: " in lines[0]
    assert not out.exists() or not any(out.iterdir())
    # `check` finds the same problem without building
    checked = cli("check", source)
    assert checked.exit_code == 2 and lines[0] in checked.stderr


def test_not_utf8(tmp_path, cli):
    source = tmp_path / "latin1.md"
    source.write_bytes(statement_text(body="Caf\u00e9 society.\n").encode("latin-1"))
    result = cli("build", source, "--out", tmp_path / "release")
    assert result.exit_code == 2
    assert f"{source}:7: error: the file is not UTF-8" in result.stderr and "save the file as UTF-8" in result.stderr
    assert not (tmp_path / "release").exists()


def test_missing_file(tmp_path, cli):
    result = cli("check", tmp_path / "nowhere.md")
    assert result.exit_code == 2
    assert f"{tmp_path / 'nowhere.md'}: error: the source file does not exist. Fix:" in result.stderr


def test_no_front_matter(tmp_path, cli):
    source = tmp_path / "plain.md"
    source.write_text("# Just Markdown\n", "utf-8")
    result = cli("check", source)
    assert result.exit_code == 2 and f"{source}:1: error: the file has no YAML front matter" in result.stderr


def test_empty_folder(tmp_path, cli):
    result = cli("build", tmp_path)
    assert result.exit_code == 2 and "no statement files" in result.stderr


def test_unknown_format(write_statement, cli, tmp_path):
    result = cli("build", write_statement(), "--formats", "html,braille", "--out", tmp_path / "release")
    assert result.exit_code == 2 and "unknown format braille" in result.stderr


def test_unsupported_image_type(write_statement, tmp_path, cli):
    source = write_statement(body="![A chart](chart.png)\n")
    (source.parent / "chart.png").write_text("not an image", "utf-8")
    result = cli("check", source)
    assert result.exit_code == 2 and "is not a PNG, JPEG, GIF or WebP file" in result.stderr


def test_symlink_out_of_the_folder_is_refused(write_statement, tmp_path, png, cli):
    outside = tmp_path / "outside.png"
    png.rename(outside)
    source = write_statement(body="![A chart](chart.png)\n")
    (source.parent / "chart.png").symlink_to(outside)
    result = cli("check", source)
    assert result.exit_code == 2 and "outside the statement's folder" in result.stderr


def test_network_image_is_never_contacted(write_statement, tmp_path, cli, recording_server):
    base, requests = recording_server
    url = f"{base}/chart.png"
    source = write_statement(body=f"![A chart]({url})\n\nSee [this page]({url}).\n")
    result = cli("build", source, "--out", tmp_path / "release")
    assert result.exit_code == 2 and "images are never fetched" in result.stderr
    assert requests == []


def test_duplicate_slugs_are_refused_before_building(write_statement, tmp_path, cli):
    write_statement(name="one.md")
    second = write_statement(name="two.md")
    out = tmp_path / "release"
    result = cli("build", second.parent, "--out", out)
    assert result.exit_code == 2 and "is also the slug of" in result.stderr
    assert not out.exists()


def test_embargo_refuses_until_ignored(write_statement, tmp_path, cli):
    source = write_statement(MINIMAL_FRONT_MATTER + "embargo: 2999-01-01T00:00:00+00:00\n")
    out = tmp_path / "release"
    refused = cli("build", source, "--out", out, "--no-verify")
    assert refused.exit_code == 2
    assert "under embargo until 2999-01-01T00:00:00+00:00" in refused.stderr and "--ignore-embargo" in refused.stderr
    assert not out.exists()
    built = cli("build", source, "--out", out, "--ignore-embargo", "--no-verify")
    assert built.exit_code == 0 and (out / "a-test-statement" / "manifest.json").exists()


RAW_HTML_BODY = """\
Hello <script>alert('x')</script> world <b onclick="steal()">bold</b>.

<iframe src="https://evil.example"></iframe>

A [bad link](javascript:alert(1)) stays as text.
"""


def test_raw_html_never_reaches_the_output(write_statement, tmp_path, cli):
    source = write_statement(body=RAW_HTML_BODY)
    out = tmp_path / "release"
    result = cli("build", source, "--out", out, "--no-verify")
    assert result.exit_code == 0, result.stderr
    assert "raw HTML '<script>' is not allowed and was left out" in result.stderr
    assert f"{source}:9: warning: raw HTML is not allowed" in result.stderr
    assert "the link to 'javascript:alert(1)' is not allowed and was removed" in result.stderr
    page = (out / "a-test-statement" / "a-test-statement.html").read_text("utf-8")
    for forbidden in ("<script", "<iframe", "onclick", "javascript:", "<b "):
        assert forbidden not in page
    assert "bad link stays as text" in page


def test_style_warnings(write_statement, tmp_path, cli):
    long_sentence = " ".join(["word"] * 34) + "."
    body = f"[Click here](https://example.org) for more.\n\nTHIS IS A SHOUTED SENTENCE.\n\n{long_sentence}\n"
    result = cli("check", write_statement(body=body))
    assert result.exit_code == 0
    assert ":7: warning: the link text 'Click here' does not say where it goes" in result.stderr
    assert ":9: warning: the sentence 'THIS IS A SHOUTED SENTENCE.' is in capitals" in result.stderr
    assert ":11: warning: a sentence has 34 words" in result.stderr


def test_unknown_field_is_a_warning_with_a_suggestion(write_statement, cli):
    result = cli("check", write_statement(MINIMAL_FRONT_MATTER + "sumary: typo\n"))
    assert result.exit_code == 0
    assert ":5: warning: unknown front matter field 'sumary' is ignored. Fix: did you mean 'summary'?" in result.stderr
