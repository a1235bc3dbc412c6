"""What a statement may point at: its own images, and links to the web, email and phone.

An image must be a file inside the statement's own folder (no URL, no absolute
path, no path or symlink leaving the folder) and a PNG, JPEG, GIF or WebP file.
Links may only go to https://, mailto: and tel: addresses (or inside the page).
Both rules hold for every reader, whatever the source format.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from ..diagnostics import Diagnostics

# The largest image accepted: 40 megapixels (a 24-megapixel camera photo fits) and 20 MB. A larger one is
# refused before it is decoded, so a "decompression bomb" (a small file declaring a huge image) cannot
# exhaust the memory of the machine that builds.
MAX_IMAGE_PIXELS = 40_000_000
MAX_IMAGE_BYTES = 20 * 1024 * 1024
IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
LINK_SCHEMES = {"http", "https", "mailto", "tel"}
DANGEROUS_LINK_SCHEMES = {"javascript", "vbscript", "data", "file"}


@dataclass(frozen=True)
class Image:
    """An image a source shows, read whole and checked: its bytes and what the writers need to know."""

    path: Path  # where it is (for a document that holds its images, where it would be beside the document)
    file_name: str  # relative to the statement's folder, with '/' separators
    data: bytes
    media_type: str
    width: int
    height: int


class MediaPolicy:
    """Checks the images and links of one source; problems go to its report.

    `held` are the images a document holds inside itself (a Word file's pictures), by file name; every
    other image is a file in the statement's folder."""

    def __init__(self, folder: Path, report: Diagnostics, held: dict[str, bytes] | None = None):
        self.folder = folder.resolve()
        self.report = report
        self.held = held or {}

    def image(self, src: str, line: int) -> Image | None:
        """The image `src` names, read and checked, or None after an error."""
        if src in self.held:
            data = self.held[src]
            path = self.folder / src
        else:
            path = self._image_file(src, line)
            if path is None:
                return None
            if path.stat().st_size > MAX_IMAGE_BYTES:
                self._too_many_bytes(src, path.stat().st_size, line)
                return None
            data = path.read_bytes()
        facts = self._image_facts(data, src, line)
        if facts is None:
            return None
        return Image(path, path.relative_to(self.folder).as_posix(), data, *facts)

    def _image_file(self, src: str, line: int) -> Path | None:
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

    def _too_many_bytes(self, src: str, size: int, line: int) -> None:
        self.report.error(line, f"the image '{src}' is {size / 2**20:.0f} MB, over the limit of "
                                f"{MAX_IMAGE_BYTES // 2**20} MB", "save it smaller: 2000 pixels across is plenty")

    def _image_facts(self, data: bytes, src: str, line: int) -> tuple[str, int, int] | None:
        """(media type, width, height) of an image, decoded whole, or None after an error."""
        from PIL import Image as Pictures, UnidentifiedImageError

        if len(data) > MAX_IMAGE_BYTES:
            self._too_many_bytes(src, len(data), line)
            return None
        too_large = "resize it: 2000 pixels across is plenty for every format"
        try:
            with warnings.catch_warnings():  # a huge image is refused below, with its size; no stray warning
                warnings.simplefilter("ignore", Pictures.DecompressionBombWarning)
                with Pictures.open(io.BytesIO(data)) as picture:
                    kind, width, height = picture.format, picture.width, picture.height
                    if kind not in IMAGE_TYPES:
                        raise UnidentifiedImageError(kind)
                    if width * height > MAX_IMAGE_PIXELS:
                        self.report.error(line, f"the image '{src}' is {width:,} × {height:,} pixels, over the limit "
                                                f"of {MAX_IMAGE_PIXELS // 1_000_000} megapixels", too_large)
                        return None
                    _load_strictly(picture)  # a truncated or damaged file fails here, not in a writer
        except Pictures.DecompressionBombError:  # over Pillow's own limit, far above ours
            self.report.error(line, f"the image '{src}' is hundreds of megapixels, over the limit of "
                                    f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels", too_large)
            return None
        except UnidentifiedImageError:
            self.report.error(line, f"the image '{src}' is not a PNG, JPEG, GIF or WebP file",
                              "convert the image to PNG or JPEG")
            return None
        except (OSError, SyntaxError, ValueError):
            self.report.error(line, f"the image '{src}' is damaged or incomplete",
                              "export it again from the program that made it")
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


def _load_strictly(picture) -> None:
    """Decode a whole image, failing on a truncated file (WeasyPrint, once imported, tells Pillow to accept
    them for the whole process: `ImageFile.LOAD_TRUNCATED_IMAGES`)."""
    from PIL import ImageFile

    accepting = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        picture.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = accepting
