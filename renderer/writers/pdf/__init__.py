"""The accessible PDF: tagged PDF/UA-1, from the shared body partials.

The full edition gets a standard and a large-print PDF; the plain edition a
large-print, easy-read one. WeasyPrint renders the print HTML with its
PDF/UA-1 variant. Its structure tree has known gaps (see `structure`), which
are closed on the finished file with pikepdf; `checks/pdf.py` then checks the
result the way a PDF/UA validator would.

Rendering reads nothing but the statement's own images and the fonts: the
URL fetcher refuses every other URL, and a refusal stops the render.
"""

from __future__ import annotations

from pathlib import Path

from ...artifact import Artifact
from ...compat.weasyprint import recording_elements
from ...editions import Edition
from ...templating import render
from ...text.messages import interface
from .. import WriterContext
from . import structure

STANDARD_SIZE_PT, LARGE_PRINT_SIZE_PT = 12, 18
# top and bottom page margins, which hold the page header and footer (the checks leave them out of the text)
STANDARD_MARGIN_MM, LARGE_PRINT_MARGIN_MM = 22, 25
# (edition, large print) → file name ending, and label in the catalogue's `formats`
VARIANTS = {
    ("full", False): ("", "pdf"),
    ("full", True): ("-large-print", "large_print_pdf"),
    ("plain", True): ("", "plain_pdf"),
}


class RenderRefused(RuntimeError):
    """The PDF renderer was asked for something outside the folders it may read."""


def font_folder() -> Path:
    """Atkinson Hyperlegible, the typeface designed for low-vision readers, installed from PyPI."""
    import fontpkg_atkinson_hyperlegible

    return Path(fontpkg_atkinson_hyperlegible.__file__).parent / "files"


def font_files() -> dict[str, str]:
    names = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold_italic": "BoldItalic"}
    return {key: (font_folder() / f"AtkinsonHyperlegible-{name}.ttf").as_uri() for key, name in names.items()}


def folder_fetcher(allowed_folders: list[Path], images: dict[Path, tuple[bytes, str]] | None = None):
    """A WeasyPrint URL fetcher that serves the statement's images from memory (as its reader checked them)
    and otherwise only files inside `allowed_folders`."""
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    roots = [folder.resolve() for folder in allowed_folders]
    held = {path.resolve(): image for path, image in (images or {}).items()}

    class FolderFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "file" and not parts.netloc:
                path = Path(unquote(parts.path)).resolve()
                if path in held:
                    data, media_type = held[path]
                    return URLFetcherResponse(url, data, headers={"Content-Type": media_type})
                if any(path.is_relative_to(root) for root in roots) and path.is_file():
                    return super().fetch(url, headers)
            raise FatalURLFetchingError(f"refused to read {url[:200]}: the PDF may only use the statement's own "
                                        "images and the bundled fonts")

    return FolderFetcher(allowed_protocols=("file",), timeout=1)


def pdf_html(edition: Edition, generator: str, large_print: bool = False) -> str:
    """The HTML WeasyPrint lays out as an edition's PDF."""
    statement = edition.statement
    return render("pdf/statement.html", statement=statement, edition=edition, generator=generator,
                  large_print=large_print, fonts=font_files(), language=statement.meta.language, media_prefix="",
                  margin_mm=LARGE_PRINT_MARGIN_MM if large_print else STANDARD_MARGIN_MM)


def render_pdf_bytes(edition: Edition, generator: str, large_print: bool = False) -> bytes:
    """The finished, repaired PDF of an edition."""
    statement = edition.statement
    html = pdf_html(edition, generator, large_print)
    folder = statement.source_path.parent.resolve()
    images = {folder / figure.file_name: (figure.data, figure.media_type) for figure in statement.figures}
    return write_tagged_pdf(html, base_url=folder, allowed_folders=[font_folder()], images=images,
                            identifier=f"{statement.meta.slug}{'-large-print' if large_print else ''}",
                            title=statement.meta.title, created=statement.meta.date.isoformat())


def write_tagged_pdf(html: str, base_url: Path, allowed_folders: list[Path], identifier: str,
                     title: str, created: str, images: dict[Path, tuple[bytes, str]] | None = None) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    fetcher = folder_fetcher(allowed_folders, images)
    try:
        document = HTML(string=html, base_url=base_url.as_uri() + "/", url_fetcher=fetcher)
        with recording_elements() as elements:
            raw = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier.encode(),
                                     uncompressed_pdf=False)
    except FatalURLFetchingError as exc:
        raise RenderRefused(str(exc)) from None
    return structure.repair(raw, elements, title=title, created=created)


def write(editions: list[Edition], context: WriterContext) -> list[Artifact]:
    artifacts = []
    for edition in editions:
        for large_print in (False, True):
            if (edition.name, large_print) not in VARIANTS:
                continue
            ending, label_key = VARIANTS[edition.name, large_print]
            label, description = interface(edition.statement.meta.language).label(label_key)
            name = f"{edition.slug}{ending}.pdf"
            context.path(name).write_bytes(render_pdf_bytes(edition, context.generator, large_print=large_print))
            artifacts.append(Artifact(path=name, media_type="application/pdf", label=label, description=description,
                                      edition=edition.name, properties={
                                          "body_font_size_pt": LARGE_PRINT_SIZE_PT if large_print else STANDARD_SIZE_PT,
                                          "page_margin_mm": LARGE_PRINT_MARGIN_MM if large_print else STANDARD_MARGIN_MM}))
    return artifacts
