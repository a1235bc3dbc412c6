"""The accessible PDF: tagged PDF/UA-1, standard and large print, from the shared body partials.

WeasyPrint renders the statement's print HTML with its PDF/UA-1 variant. Its
structure tree has known gaps (see `pdf_structure`), which are closed on the
finished file with pikepdf; `pdf_checks` then checks the result the way a
PDF/UA validator would, and the checks go into the manifest.

Rendering reads nothing but the statement's own images and the fonts: the
URL fetcher refuses every other URL, and a refusal stops the render.
"""

from __future__ import annotations

import io
from pathlib import Path

from . import pdf_structure
from .model import BlockQuote, Figure, ListBlock, Passage, Statement, Table, block_text, plain_text
from .pdf_checks import check_pdf
from .stage import BuildContext, OutputFile, Stage
from .templating import long_date, render


class RenderRefused(RuntimeError):
    """The PDF renderer was asked for something outside the folders it may read."""


def font_folder() -> Path:
    """Atkinson Hyperlegible, the typeface designed for low-vision readers, installed from PyPI."""
    import fontpkg_atkinson_hyperlegible

    return Path(fontpkg_atkinson_hyperlegible.__file__).parent / "files"


def font_files() -> dict[str, str]:
    names = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold_italic": "BoldItalic"}
    return {key: (font_folder() / f"AtkinsonHyperlegible-{name}.ttf").as_uri() for key, name in names.items()}


def folder_fetcher(allowed_folders: list[Path]):
    """A WeasyPrint URL fetcher that serves only files inside `allowed_folders`."""
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    roots = [folder.resolve() for folder in allowed_folders]

    class FolderFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "file" and not parts.netloc:
                path = Path(unquote(parts.path)).resolve()
                if any(path.is_relative_to(root) for root in roots) and path.is_file():
                    return super().fetch(url, headers)
            raise FatalURLFetchingError(f"refused to read {url[:200]}: the PDF may only use the statement's own "
                                        "images and the bundled fonts")

    return FolderFetcher(allowed_protocols=("file",), timeout=1)


def render_pdf_bytes(statement: Statement, generator: str, large_print: bool = False) -> bytes:
    """The finished, repaired PDF of a statement."""
    html = render("pdf/statement.html", statement=statement, generator=generator, large_print=large_print,
                  fonts=font_files(), ui_lang="", xhtml=False, media_prefix="")
    folder = statement.source_path.parent.resolve()
    return write_tagged_pdf(html, base_url=folder, allowed_folders=[folder, font_folder()],
                            identifier=f"{statement.meta.slug}{'-large-print' if large_print else ''}",
                            title=statement.meta.title, created=statement.meta.date.isoformat())


def write_tagged_pdf(html: str, base_url: Path, allowed_folders: list[Path], identifier: str,
                     title: str, created: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    fetcher = folder_fetcher(allowed_folders)
    try:
        document = HTML(string=html, base_url=base_url.as_uri() + "/", url_fetcher=fetcher)
        with pdf_structure.recording_elements() as elements:
            raw = document.write_pdf(pdf_variant="pdf/ua-1", identifier=identifier.encode(), uncompressed_pdf=False)
    except FatalURLFetchingError as exc:
        raise RenderRefused(str(exc)) from None
    return pdf_structure.repair(raw, elements, title=title, created=created)


def render_pdfs(statement: Statement, context: BuildContext) -> list[OutputFile]:
    slug = statement.meta.slug
    editions = [
        (f"{slug}.pdf", False, "PDF", "The statement as a tagged, accessible PDF (PDF/UA-1) for printing and screen readers."),
        (f"{slug}-large-print.pdf", True, "Large-print PDF",
         "The same PDF in 18 point type, single column, with wider spacing, for readers with low vision."),
    ]
    files = []
    for name, large_print, label, description in editions:
        data = render_pdf_bytes(statement, context.generator, large_print=large_print)
        target = context.path(name)
        target.write_bytes(data)
        files.append(OutputFile(path=name, format="pdf", label=label, description=description,
                                media_type="application/pdf",
                                checks=check_pdf(io.BytesIO(data), expected_language=statement.meta.language,
                                                 expected_words=reading_order_words(statement),
                                                 minimum_font_size=18 if large_print else 12,
                                                 page_furniture=[statement.meta.organisation,
                                                                 long_date(statement.meta.date)])))
    return files


def reading_order_words(statement: Statement) -> list[str]:
    """The statement's own words, passage by passage: what copying text out of the PDF must give back.
    An image's alt text is not in the text layer (it is the Figure's /Alt); its caption is."""

    def passages(blocks) -> list[str]:
        texts: list[str] = []
        for block in blocks:
            if isinstance(block, Figure):
                texts += [block.caption] if block.caption else []
            elif isinstance(block, (BlockQuote, Passage)):
                texts += passages(block.blocks)
                if isinstance(block, BlockQuote) and block.attribution:
                    texts.append(block.attribution.text)
            elif isinstance(block, Table):  # row by row: a header row repeats on each page
                texts += [plain_text(block.caption)] if block.caption else []
                texts += [" ".join(cell.text for cell in row) for row in [block.header, *block.rows]]
            elif isinstance(block, ListBlock):
                for item in block.items:
                    texts += passages(item.blocks)
            else:
                texts.append(block_text(block))
        return texts

    return [statement.meta.title, *passages(statement.blocks)]


STAGE = Stage(name="pdf", summary="tagged PDF and large print", render=render_pdfs)
