"""ebooklib 0.20: the corrections EPUBCheck, Ace and reproducible builds need, in one writer subclass.

`EpubPackageWriter` overrides ebooklib's `EpubWriter` (its `_write_opf_file`
and `_get_nav` hooks and `write`, which use private attributes `book`, `out`, `file_name`):

- `xml:lang` on the package element (Ace's `epub-lang` rule); ebooklib never writes it;
- `lang`/`xml:lang` on each nav link whose heading is in another language than the book
  (`link_languages`: href → language), so a screen reader reads "NRW urges social distancing"
  in English in a Welsh book; ebooklib's `Link` has no language;
- no EPUB 2 `<guide>` (the landmarks nav replaces it), set in `OPTIONS`;
- zip entries with the build's timestamp, so the same build time gives the same bytes, and audio stored as it
  is (`files.zip_compression`: it is compressed already).
"""

from __future__ import annotations

import datetime as dt
import zipfile

from ebooklib import epub
from lxml import etree

from ..files import zip_compression
from . import require_version

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class EpubPackageWriter(epub.EpubWriter):
    """ebooklib's writer with the corrections listed above."""

    OPTIONS = {"epub2_guide": False, "epub3_landmark": True, "landmark_title": "Landmarks", "epub3_pages": False}

    def __init__(self, name, book, modified: dt.datetime, landmark_title: str = "Landmarks",
                 link_languages: dict[str, str] | None = None):
        require_version("EbookLib", "0.20", "renderer/compat/ebooklib.py")
        super().__init__(name, book, {**self.OPTIONS, "landmark_title": landmark_title,
                                      "mtime": modified.astimezone(dt.timezone.utc)})
        self.link_languages = link_languages or {}
        self.zip_time = max(modified, dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)).timetuple()[:6]

    def _write_opf_file(self, root):
        root.set(XML_LANG, self.book.language)
        super()._write_opf_file(root)

    def _get_nav(self, item):
        nav = super()._get_nav(item)
        if not self.link_languages:
            return nav
        root = etree.fromstring(nav)
        for link in root.iter("{http://www.w3.org/1999/xhtml}a"):
            language = self.link_languages.get(link.get("href"))
            if language:
                link.set("lang", language)
                link.set(XML_LANG, language)
        return etree.tostring(root, pretty_print=True, encoding="utf-8", xml_declaration=True)

    def write(self):
        self.out = _TimestampedZip(self.file_name, self.zip_time)
        self.out.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        self._write_container()
        self._write_opf()
        self._write_items()
        self.out.close()


class _TimestampedZip(zipfile.ZipFile):
    def __init__(self, file_name, date_time):
        super().__init__(file_name, "w", zipfile.ZIP_DEFLATED)
        self.date_time = date_time

    def writestr(self, name, data, compress_type=None, compresslevel=None):
        info = zipfile.ZipInfo(name, date_time=self.date_time)
        info.compress_type = zip_compression(name) if compress_type is None else compress_type
        info.external_attr = 0o644 << 16
        super().writestr(info, data)
