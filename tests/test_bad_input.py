"""Bad input: one clear line naming the file, the line and the fix; exit status 2; nothing written."""

from __future__ import annotations

import os

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
    "heading with no words": (MINIMAL_FRONT_MATTER, "The road is open.\n\n###\n", 9, "a heading with no words ('###')"),
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
    result = cli("build", write_statement(), "--formats", "html,sign-language", "--out", tmp_path / "release")
    assert result.exit_code == 2 and "unknown format sign-language" in result.stderr


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


def test_footnotes_without_a_note_or_a_reference_are_warnings_with_their_lines(write_statement, cli):
    result = cli("check", write_statement(body="Open[^1] till late[^9].\n\n[^1]: Till 8pm.\n\n[^2]: Never used.\n"))
    assert result.exit_code == 0
    assert ":7: warning: the footnote '[^9]' has no note. Fix: write its note on a line of its own below the " \
           "paragraph: '[^9]: …'" in result.stderr
    assert ":11: warning: the footnote '[^2]' is never referred to, so it is left out" in result.stderr


def test_unknown_field_is_a_warning_with_a_suggestion(write_statement, cli):
    result = cli("check", write_statement(MINIMAL_FRONT_MATTER + "sumary: typo\n"))
    assert result.exit_code == 0
    assert ":5: warning: unknown front matter field 'sumary' is ignored. Fix: did you mean 'summary'?" in result.stderr


def test_control_and_direction_characters_are_removed_with_a_warning(write_statement, tmp_path):
    import zipfile

    import renderer
    from renderer.checks.epub import epubcheck_messages

    source = write_statement(body="First paragraph.\n\nA vertical\x0btab and a \u202eflipped word.\n")
    statement, report = renderer.read_statement(source)
    warnings = [str(w) for w in report.warnings]
    assert any(f"{source}:9: warning: invisible control or text-direction characters were removed "
               "(U+000B, U+202E)" in w for w in warnings), warnings
    result = renderer.build(source, tmp_path / "release", formats="epub", verify=False)
    epub = result.bundle_dir / f"{result.slug}.epub"
    with zipfile.ZipFile(epub) as archive:
        text = archive.read("EPUB/statement.xhtml").decode("utf-8")
    assert "A verticaltab and a flipped word." in text
    assert epubcheck_messages(epub) == []


def _png_declaring(path, width: int, height: int) -> None:
    """A small PNG file whose header declares width × height pixels (a "decompression bomb")."""
    import io
    import struct
    import zlib

    from PIL import Image

    data = io.BytesIO()
    Image.new("L", (1, 1)).save(data, "PNG")
    raw = bytearray(data.getvalue())
    raw[16:24] = struct.pack(">II", width, height)
    raw[29:33] = struct.pack(">I", zlib.crc32(bytes(raw[12:29])))
    path.write_bytes(bytes(raw))


@pytest.mark.parametrize("width, height, words", [
    (20_000, 20_000, "hundreds of megapixels, over the limit of 40 megapixels"),
    (9_000, 9_000, "9,000 × 9,000 pixels, over the limit of 40 megapixels"),
])
def test_huge_images_are_refused_before_they_are_decoded(write_statement, tmp_path, cli, width, height, words):
    source = write_statement(body="![A chart of river levels](chart.png)\n")
    _png_declaring(source.parent / "chart.png", width, height)
    result = cli("build", source, "--out", tmp_path / "release", "--formats", "html")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{source}:7: error: the image 'chart.png' is {words}" in result.stderr and "Fix: resize it" in result.stderr
    assert not (tmp_path / "release").exists()


def test_a_damaged_image_is_refused(write_statement, tmp_path, cli):
    from PIL import Image

    source = write_statement(body="![A chart of river levels](chart.png)\n")
    noise = Image.frombytes("RGB", (200, 200), os.urandom(200 * 200 * 3))
    noise.save(source.parent / "chart.png")
    whole = (source.parent / "chart.png").read_bytes()
    (source.parent / "chart.png").write_bytes(whole[: len(whole) // 2])  # a download that stopped half-way
    result = cli("check", source)
    assert result.exit_code == 2
    assert f"{source}:7: error: the image 'chart.png' is damaged or incomplete. Fix: export it again" in result.stderr


def test_an_output_folder_that_cannot_be_made_is_a_clear_error(write_statement, tmp_path, cli):
    (tmp_path / "not-a-folder").write_text("a file", "utf-8")
    result = cli("build", write_statement(), "--out", tmp_path / "not-a-folder" / "release", "--formats", "html")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "error: cannot write the release in" in result.stderr
    assert "part of the path is a file, not a folder. Fix: choose an --out folder" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to any folder")
def test_an_output_folder_without_write_permission_is_a_clear_error(write_statement, tmp_path, cli):
    out = tmp_path / "release"
    out.mkdir(mode=0o555)
    result = cli("build", write_statement(), "--out", out, "--formats", "html")
    assert result.exit_code == 2 and "permission denied. Fix: choose another --out folder" in result.stderr


def test_a_full_disk_stops_the_build_and_keeps_the_release(write_statement, tmp_path, cli, monkeypatch):
    import errno

    from renderer import pipeline

    source = write_statement()
    out = tmp_path / "release"
    assert cli("build", source, "--out", out, "--formats", "html").exit_code == 0
    before = sorted(p.read_bytes() for p in (out / "a-test-statement").iterdir())

    class DiskFills:  # writes part of a file, then the disk is full, as a real writer would find it
        @staticmethod
        def write(editions, context):
            context.path("big.pdf").write_bytes(b"%PDF-1.7 half")
            raise OSError(errno.ENOSPC, "No space left on device", str(context.path("big.pdf")))

    monkeypatch.setitem(pipeline.FORMATS, "html", pipeline.Format("html", "web page", ((DiskFills, ("full",)),)))
    result = cli("build", source, "--out", out, "--formats", "html", "--force")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "big.pdf: error: cannot write the release in" in result.stderr
    assert "the disk is full. Fix: free some space" in result.stderr
    assert sorted(p.read_bytes() for p in (out / "a-test-statement").iterdir()) == before
    assert sorted(p.name for p in out.iterdir() if p.name not in (".cache", ".a-test-statement.lock")) == \
        ["a-test-statement"]


def test_ctrl_c_leaves_the_previous_release_and_no_partial_folder(write_statement, tmp_path):
    import signal
    import subprocess
    import sys
    import time

    source = write_statement(body="".join(f"Paragraph {n} of a notice read aloud on {n} November.\n\n"
                                          for n in range(1, 40)))
    out = tmp_path / "release"
    first = subprocess.run([sys.executable, "-m", "renderer", "build", source, "--out", out, "--formats", "html"],
                           capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    live = out / "a-test-statement"
    before = {p.name: p.read_bytes() for p in live.iterdir()}
    env = {**os.environ, "STATEMENT_RENDERER_CACHE": str(tmp_path / "empty-cache")}  # synthesis takes seconds
    # Ctrl-C as in a terminal: a suite started in the background (nohup, `&`) passes its children SIGINT ignored
    build = subprocess.Popen([sys.executable, "-m", "renderer", "build", source, "--out", out, "--force",
                              "--formats", "html,audio"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=env, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while not list(out.glob(".a-test-statement.partial-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)
    build.send_signal(signal.SIGINT)
    _, stderr = build.communicate(timeout=60)
    assert build.returncode == 130, stderr
    assert "interrupted: nothing was published" in stderr and "Traceback" not in stderr
    assert {p.name: p.read_bytes() for p in live.iterdir()} == before
    assert not list(out.glob(".a-test-statement.partial-*"))


def test_without_java_the_build_goes_on_and_says_what_to_install(write_statement, tmp_path, monkeypatch):
    import json
    import shutil

    import renderer

    bin_without_java = tmp_path / "bin"
    bin_without_java.mkdir()
    for tool in ("pdftotext", "espeak-ng"):
        if shutil.which(tool):
            (bin_without_java / tool).symlink_to(shutil.which(tool))
    monkeypatch.setenv("PATH", str(bin_without_java))
    result = renderer.build(write_statement(), tmp_path / "release", formats="epub",
                            cache_dir=tmp_path / "cache")
    assert result.published
    manifest = json.loads((result.bundle_dir / "manifest.json").read_text("utf-8"))
    epubcheck = next(c for f in manifest["files"] for c in f["checks"] if c["name"] == "EPUBCheck")
    assert epubcheck["details"] == "not run: no Java runtime here (install it: apt install default-jre-headless)"


def test_without_espeak_ng_a_welsh_statement_is_built_without_audio(tmp_path, monkeypatch, cli):
    import json
    import shutil

    from support import WELSH

    bin_without_espeak = tmp_path / "bin"
    bin_without_espeak.mkdir()
    for tool in ("pdftotext", "java", "node"):
        if shutil.which(tool):
            (bin_without_espeak / tool).symlink_to(shutil.which(tool))
    monkeypatch.setenv("PATH", str(bin_without_espeak))
    result = cli("build", WELSH, "--out", tmp_path / "release", "--formats", "html,audio", "--no-verify")
    assert result.exit_code == 0, result.output
    assert "no audio was made: reading 'cy' aloud needs espeak-ng" in result.output
    assert "apt install espeak-ng" in result.output
    bundle = tmp_path / "release" / "rhydeinon-waste-site"
    assert not list(bundle.glob("*.mp3"))
    manifest = json.loads((bundle / "manifest.json").read_text("utf-8"))
    assert manifest["publication"]["published"]
    assert manifest["publication"]["not_made"] == [
        {"format": "audio", "reason": "reading 'cy' aloud needs espeak-ng, which is not installed",
         "fix": "install it (Debian/Ubuntu: apt install espeak-ng) and build again"}]
