"""A statement in Welsh, with an English passage: every format built, every language tag valid."""

from __future__ import annotations

import json
import zipfile
from xml.etree import ElementTree

import langcodes
import pytest
import tinyhtml5

import renderer
from renderer.checks.epub import ace_violations, epubcheck_messages

from support import WELSH

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def welsh_release(tmp_path_factory):
    return renderer.build(WELSH, tmp_path_factory.mktemp("release"))


def language_tags(root) -> list[str]:
    return [value for element in root.iter() for value in (element.get("lang"), element.get(XML_LANG)) if value]


def test_every_format_is_built_and_checked(welsh_release):
    assert {f.format for f in welsh_release.files} == {"html", "pdf", "epub", "plain", "audio", "bundle"}
    assert not welsh_release.failed_checks


def test_html_language_tags_are_valid_bcp47(welsh_release):
    pages = sorted(welsh_release.bundle_dir.glob("*.html"))
    assert len(pages) >= 3
    for page in pages:
        root = tinyhtml5.parse(page.read_text("utf-8"))
        tags = language_tags(root)
        report = page.name.endswith("-readability.html")  # for the authors, in English, quoting the Welsh
        assert root.get("lang") == ("en-GB" if report else "cy"), page.name
        assert {"cy", "en-GB"} <= set(tags), page.name
        assert all(langcodes.tag_is_valid(tag) for tag in tags), (page.name, tags)


def test_epub_documents_have_valid_language_tags(welsh_release):
    epub = welsh_release.bundle_dir / f"{welsh_release.slug}.epub"
    with zipfile.ZipFile(epub) as archive:
        documents = [name for name in archive.namelist() if name.endswith(".xhtml")]
        for name in documents:
            root = ElementTree.fromstring(archive.read(name))  # well-formed XML: no escaped markup
            assert root.get(XML_LANG) == "cy" and root.get("lang") == "cy", name
            assert all(langcodes.tag_is_valid(tag) for tag in language_tags(root)), name


def test_epub_passes_epubcheck_and_ace(welsh_release):
    epub = welsh_release.bundle_dir / f"{welsh_release.slug}.epub"
    assert epubcheck_messages(epub) == []
    assert ace_violations(epub) == []


def test_manifest_records_both_languages(welsh_release):
    manifest = json.loads((welsh_release.bundle_dir / "manifest.json").read_text("utf-8"))
    assert manifest["statement"]["languages"] == ["cy", "en-GB"]
    assert manifest["statement"]["language"] == "cy"
