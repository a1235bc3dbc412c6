"""What a statement may point at: its own images, and links to the web, email and phone.

An image must be a file inside the statement's own folder (no URL, no absolute
path, no path or symlink leaving the folder) and a PNG, JPEG, GIF or WebP file.
Links may only go to https://, mailto: and tel: addresses (or inside the page).
Both rules hold for every reader, whatever the source format.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from ..diagnostics import Diagnostics

IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
LINK_SCHEMES = {"http", "https", "mailto", "tel"}
DANGEROUS_LINK_SCHEMES = {"javascript", "vbscript", "data", "file"}


class MediaPolicy:
    """Checks the images and links of one source; problems go to its report."""

    def __init__(self, folder: Path, report: Diagnostics):
        self.folder = folder.resolve()
        self.report = report

    def image_file(self, src: str, line: int) -> Path | None:
        """The image file, only if it is inside the statement's own folder."""
        fix = "copy the image into the statement's folder and give its relative path, e.g. images/chart.png"
        if not src:
            self.report.error(line, "an image has no file name", fix)
            return None
        if urlsplit(src).scheme or src.startswith(("//", "\\")):
            self.report.error(line, f"the image '{src}' is a URL; images are never fetched", fix)
            return None
        if PurePosixPath(src).is_absolute() or re.match(r"^[A-Za-z]:", src):
            self.report.error(line, f"the image '{src}' is an absolute path", fix)
            return None
        resolved = (self.folder / src).resolve()
        if not resolved.is_relative_to(self.folder):
            self.report.error(line, f"the image '{src}' is outside the statement's folder", fix)
            return None
        if not resolved.is_file():
            self.report.error(line, f"the image file '{src}' does not exist", f"check the file name; {fix}")
            return None
        return resolved

    def image_facts(self, path: Path, src: str, line: int) -> tuple[str, int, int] | None:
        """(media type, width, height) of an image file, or None after an error."""
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(path) as picture:
                kind, width, height = picture.format, picture.width, picture.height
        except (UnidentifiedImageError, OSError):
            kind, width, height = None, 0, 0
        if kind not in IMAGE_TYPES:
            self.report.error(line, f"the image '{src}' is not a PNG, JPEG, GIF or WebP file",
                              "convert the image to PNG or JPEG")
            return None
        return IMAGE_TYPES[kind], width, height

    def link_allowed(self, href: str, line: int) -> bool:
        """Whether a link may be kept; a refused one is reported (a warning, or an error to fix)."""
        scheme = urlsplit(href).scheme.lower()
        if scheme in DANGEROUS_LINK_SCHEMES:
            self.report.warning(line, f"the link to '{href[:40]}' is not allowed and was removed (its text is kept)",
                                "link only to https://, mailto: or tel: addresses")
            return False
        if scheme not in LINK_SCHEMES and not href.startswith("#"):
            self.report.error(line, f"the link '{href}' is not a full web, email or phone address",
                              "write links as https://..., mailto:name@example.org or tel:+44...")
            return False
        return True
