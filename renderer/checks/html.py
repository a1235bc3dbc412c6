"""Accessibility checks on an HTML page the build wrote: what a screen reader relies on.

Parsed with tinyhtml5 (the HTML5 parsing algorithm, as browsers do). These are
the checks recorded in the manifest; the test suite also runs the W3C Nu HTML
Checker on the same files.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import langcodes
import tinyhtml5

from ..artifact import Check

HTML = "{http://www.w3.org/1999/xhtml}"
HEADINGS = [f"{HTML}h{n}" for n in range(1, 7)]


def check(subject) -> list[Check]:
    return check_html_page(subject.path)


def check_html_page(path: Path) -> list[Check]:
    text = path.read_text("utf-8")
    root = tinyhtml5.parse(text)
    checks = [_document_language(root), _title(root), _single_h1(root), _heading_order(root),
              _images_have_alt(root), _links_have_text(root), _no_scripts(root)]
    if not text.lstrip().lower().startswith("<!doctype html>"):
        checks.append(Check("HTML5 doctype", False, "The page does not start with <!DOCTYPE html>."))
    return checks


def _document_language(root: ElementTree.Element) -> Check:
    lang = root.get("lang", "")
    valid = bool(lang) and langcodes.tag_is_valid(lang)
    return Check("Page language", valid, f"The page declares its language as '{lang}'." if valid
                 else "The page does not declare a valid language.")


def _title(root) -> Check:
    title = root.find(f"{HTML}head/{HTML}title")
    text = "".join(title.itertext()).strip() if title is not None else ""
    return Check("Page title", bool(text), "The page has a title." if text else "The page has no <title>.")


def _single_h1(root) -> Check:
    count = len(root.findall(f".//{HTML}h1"))
    return Check("One main heading", count == 1, f"The page has {count} level-1 heading{'s' if count != 1 else ''}.")


def _heading_order(root) -> Check:
    levels = [int(el.tag[-1]) for el in root.iter() if el.tag in HEADINGS]
    skips = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    return Check("Heading levels", not skips and bool(levels),
                 f"{len(levels)} headings, none skipping a level." if not skips
                 else f"A heading skips from level {skips[0][0]} to {skips[0][1]}.")


def _images_have_alt(root) -> Check:
    images = root.findall(f".//{HTML}img")
    missing = [img.get("src") for img in images if not (img.get("alt") or "").strip()]
    return Check("Text alternatives", not missing,
                 f"All {len(images)} images have alt text." if not missing else f"Images without alt text: {', '.join(missing)}.")


def _links_have_text(root) -> Check:
    links = root.findall(f".//{HTML}a")
    empty = [a.get("href") for a in links if not "".join(a.itertext()).strip() and not a.get("aria-label")]
    return Check("Link text", not empty,
                 f"All {len(links)} links have text." if not empty else f"Links without text: {', '.join(empty)}.")


def _no_scripts(root) -> Check:
    scripts = root.findall(f".//{HTML}script") + root.findall(f".//{HTML}iframe")
    handlers = [el.tag for el in root.iter() if any(name.lower().startswith("on") for name in el.attrib)]
    ok = not scripts and not handlers
    return Check("No active content", ok, "No scripts, frames or event handlers." if ok
                 else "The page contains scripts, frames or event handlers.")
