"""The Word reader: a .docx → the Markdown source a person would have written → the Markdown reader.

A Word document becomes the same statement model as its Markdown twin because it *is* turned into its Markdown
twin (`statement-renderer convert` writes that text out): the package is opened and refused or prepared
(`word_package`), mammoth maps Word's styles to semantic HTML, `word_markdown` writes that as Markdown, and the
fields come from the document's properties, then a "Statement details" table at the top, then a sidecar
`<name>.yaml` beside the document, each overriding the one before. The Markdown reader then checks it all as
it checks any source; its errors name the document's paragraph, or the sidecar's line, not the Markdown's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from .. import __version__
from .. import model as m
from ..diagnostics import Diagnostics
from ..text.dates import date_from_text
from ..text.messages import messages, primary_language
from .characters import without_unwanted_characters
from .front_matter import CONTACT_FIELDS, REQUIRED_FIELDS, OPTIONAL_FIELDS, FrontMatterReader
from .markdown import MarkdownReader
from .media import IMAGE_TYPES, MediaPolicy
from .word_markdown import MarkdownFromWord, WordBody
from .word_package import NS, WordPackage, open_package, prepare, text_of

# Word's styles → HTML, beside mammoth's defaults (Heading 1–6, lists, bold, italic, notes).
STYLE_MAP = """
p[style-name='Title'] => h1.title:fresh
p[style-name='Subtitle'] => p.subtitle:fresh
p[style-name='Quote'] => blockquote > p:fresh
p[style-name='Intense Quote'] => blockquote > p:fresh
p[style-name='Caption'] => p.caption:fresh
r[style-name='Strong'] => strong
r[style-name='Emphasis'] => em
r[style-name='Intense Emphasis'] => em
"""
MAPPING_FIELDS = ("acronyms", "glossary")
# How people name the fields in a "Statement details" table → the front matter's field.
FIELD_NAMES = {"organization": "organisation", "organisation_name": "organisation", "embargoed_until": "embargo",
               "embargo_until": "embargo", "publication_date": "date", "published": "date", "tags": "keywords",
               "teitl": "title", "sefydliad": "organisation", "dyddiad": "date", "iaith": "language",
               "crynodeb": "summary"}
PROPERTIES_PLACE = "the document's properties (File → Info → Properties)"
UNTITLED = re.compile(r"^(document\d*|untitled|dogfen\d*)$", re.IGNORECASE)


@dataclass(frozen=True)
class Origin:
    """Where a line of the Markdown came from: a paragraph of the document, a line of the sidecar file,
    or the document's properties."""

    paragraph: int | None = None
    sidecar_line: int | None = None
    properties: bool = False


@dataclass
class WordSource:
    """A Word document as the Markdown source it stands for, with the images it holds."""

    markdown: str
    images: dict[str, bytes]
    origins: dict[int, Origin]  # line (1-based) of the Markdown → where it came from
    heading_shift: int = 0  # a Markdown heading's level = its Word heading level + this


class WordReader:
    """Reads one .docx; problems go to its report, each at its paragraph."""

    def __init__(self, path: Path, report: Diagnostics):
        self.path = path
        self.report = report
        self.sidecar = next((path.with_suffix(ending) for ending in (".yaml", ".yml")
                             if path.with_suffix(ending).is_file()), None)
        self.package: WordPackage | None = None
        self.source: WordSource | None = None

    # --- the statement ------------------------------------------------------------------------

    def read(self) -> m.Statement | None:
        source = self.markdown()
        if source is None:
            return None
        reader = _WordMarkdownReader(source.heading_shift, self.path, source.markdown, self.report,
                                     media=MediaPolicy(self.path.parent, self.report, held=source.images),
                                     fields=FrontMatterReader(self.report, add_field=self._add_field_fix()))
        statement = reader.read()
        if statement is None:
            return None
        return dataclasses.replace(statement, source_sha256=self.package.sha256, field_lines={})

    def _add_field_fix(self) -> str:
        sidecar = self.sidecar.name if self.sidecar else self.path.with_suffix(".yaml").name
        return ("add a row '{name} | {example}' to the 'Statement details' table at the top of the document, "
                f"or a line '{{name}}: {{example}}' to {sidecar} beside it")

    def locate(self, line: int | None) -> tuple[Path, int | None, str | None]:
        """A line of the Markdown → the document's paragraph, the sidecar's line, or the document itself."""
        if line is None or self.source is None:
            return self.path, None, None
        lines = sorted(self.source.origins)
        position = bisect_right(lines, line) - 1
        origin = self.source.origins[lines[position]] if position >= 0 else Origin()
        if origin.sidecar_line is not None and self.sidecar is not None:
            return self.sidecar, origin.sidecar_line, None
        if origin.paragraph is not None and self.package is not None:
            words = self.package.paragraphs.get(origin.paragraph, "")
            return self.path, origin.paragraph, f"paragraph {origin.paragraph}" + (f" ('{words}')" if words else "")
        if origin.properties:
            return self.path, None, PROPERTIES_PLACE
        return self.path, None, None

    # --- the Markdown ---------------------------------------------------------------------------

    def markdown(self) -> WordSource | None:
        """The document as a Markdown source with front matter, or None after an error. From here on the
        report names the document's places (`locate`), and hidden characters are gone from the text."""
        import mammoth

        self.package = package = open_package(self.path, self.report)
        if package is None:
            return None
        sidecar_fields = self._sidecar_fields()
        properties = self._properties()
        declared = sidecar_fields.get("language", (None, 0))[0] or self._details_language()
        proofing = prepare(package, declared if isinstance(declared, str) else None, self.report)
        if self.report.errors:
            return None
        images: dict[str, bytes] = {}
        stem = slugify(self.path.stem) or "document"

        def keep_image(image) -> dict[str, str]:
            extension = {media_type: kind.lower() for kind, media_type in IMAGE_TYPES.items()}.get(
                image.content_type, "bin").replace("jpeg", "jpg")
            name = f"images/{stem}-{len(images) + 1}.{extension}"
            with image.open() as stream:
                images[name] = stream.read()
            return {"src": name}

        result = mammoth.convert_to_html(package.as_file(), style_map=STYLE_MAP,
                                         convert_image=mammoth.images.img_element(keep_image))
        writer = MarkdownFromWord()
        body = writer.convert(result.value)
        fields, origins = self._fields(properties, body, sidecar_fields, proofing)
        language = fields.get("language", "en-GB")
        writer.write_notes(messages(str(language))["notes_heading"])
        self.source = self._compose(fields, origins, body, images)
        self.report.locate = self.locate
        self.source.markdown = without_unwanted_characters(self.source.markdown, self.report)
        return self.source

    def _sidecar_fields(self) -> dict[str, tuple[Any, int]]:
        if self.sidecar is None:
            return {}
        report = Diagnostics(self.sidecar)
        text = self.sidecar.read_text(encoding="utf-8-sig", errors="replace")
        fields = FrontMatterReader(report).read_fields(text, first_line=1) if text.strip() else {}
        self.report.items.extend(report.items)
        return fields or {}

    def _details_language(self) -> str | None:
        """The language a 'Statement details' table gives, read before the rest (it decides which paragraphs
        are in another language)."""
        table = self.package.xml("word/document.xml").find("w:body/w:tbl", NS)
        for row in table.iterfind("w:tr", NS) if table is not None else ():
            cells = [text_of(cell).strip() for cell in row.iterfind("w:tc", NS)]
            if len(cells) >= 2 and FIELD_NAMES.get(cells[0].lower().rstrip(":"), cells[0].lower().rstrip(":")) \
                    == "language":
                return cells[1] or None
        return None

    def _properties(self) -> dict[str, str]:
        """Title, author, company, subject and keywords from the document's properties."""
        found: dict[str, str] = {}
        core = self.package.xml("docProps/core.xml")
        app = self.package.xml("docProps/app.xml")

        def text(root, path: str) -> str | None:
            element = root.find(path, NS) if root is not None else None
            value = (element.text or "").strip() if element is not None else ""
            return value or None

        title, creator = text(core, "dc:title"), text(core, "dc:creator")
        company = text(app, "ep:Company")
        if title and not UNTITLED.match(title):
            found["title"] = title
        if company or creator:
            found["organisation"] = company or creator
        if creator:
            found["author"] = creator
        # dc:language is left alone: LibreOffice writes its own interface's locale there, not the text's
        for name, path in (("summary", "dc:subject"), ("keywords", "cp:keywords")):
            if text(core, path):
                found[name] = text(core, path)
        if "keywords" in found:
            found["keywords"] = ", ".join(k.strip() for k in re.split(r"[;,]", found["keywords"]) if k.strip())
        return found

    def _fields(self, properties: dict[str, str], body: WordBody, sidecar: dict[str, tuple[Any, int]],
                proofing: str | None) -> tuple[dict[str, Any], dict[str, Origin]]:
        """The front matter's fields, each from the last of: properties, title, details table, sidecar."""
        fields: dict[str, Any] = {}
        origins: dict[str, Origin] = {}
        for name, value in properties.items():
            fields[name], origins[name] = value, Origin(properties=True)
        if proofing and "language" not in fields and primary_language(proofing) != "en":
            fields["language"], origins["language"] = proofing, Origin()  # Word's proofing language
        if body.title:
            fields["title"], origins["title"] = body.title[0].strip(), Origin(paragraph=body.title[1])
        if body.subtitle and "summary" not in fields:
            fields["summary"], origins["summary"] = body.subtitle[0].strip(), Origin(paragraph=body.subtitle[1])
        for label, (value, paragraph) in body.details.items():
            name = re.sub(r"[\s-]+", "_", label.strip().lower())
            name = FIELD_NAMES.get(name, name)
            origin = Origin(paragraph=paragraph)
            if name.startswith("contact_") and name.removeprefix("contact_") in CONTACT_FIELDS:
                contact = fields.get("contact") if isinstance(fields.get("contact"), dict) else {}
                fields["contact"] = {**contact, name.removeprefix("contact_"): value}
                origins["contact"] = origin
                continue
            fields[name], origins[name] = _details_value(name, value), origin
        for name, (value, line) in sidecar.items():
            fields[name], origins[name] = value, Origin(sidecar_line=line)
        return fields, origins

    def _compose(self, fields: dict[str, Any], field_origins: dict[str, Origin], body: WordBody,
                 images: dict[str, bytes]) -> WordSource:
        lines = ["---", f"# Converted from {self.path.name} by statement-renderer {__version__}."]
        origins: dict[int, Origin] = {1: Origin()}
        known = REQUIRED_FIELDS + OPTIONAL_FIELDS
        for name in sorted(fields, key=lambda n: known.index(n) if n in known else len(known)):
            origins[len(lines) + 1] = field_origins.get(name, Origin())
            dumped = yaml.safe_dump({name: fields[name]}, allow_unicode=True, sort_keys=False, width=120)
            lines += dumped.rstrip("\n").split("\n")
        lines.append("---")
        origins[len(lines)] = Origin()
        lines.append("")
        first_body_line = len(lines) + 1
        for index, paragraph in body.origins.items():
            origins[first_body_line + index] = Origin(paragraph=paragraph)
        lines += body.lines
        return WordSource(markdown="\n".join(lines) + "\n", images=images, origins=origins,
                          heading_shift=body.heading_shift)


def convert(path: Path, folder: Path, overwrite: bool = False) -> tuple[list[Path], Diagnostics]:
    """Write the Markdown source a Word document stands for into `folder` (`<name>.md`, its pictures in
    `images/`), so that a team can keep the statement as text under version control. Returns the files
    written and the report (nothing is written after an error, or over an existing file unless `overwrite`)."""
    report = Diagnostics(path)
    reader = WordReader(path, report)
    source = reader.markdown()
    if source is None or report.errors:
        return [], report
    targets = {folder / f"{path.stem}.md": source.markdown.encode("utf-8")}
    targets |= {folder / name: data for name, data in source.images.items()}
    existing = [target for target in targets if target.exists()]
    if existing and not overwrite:
        report.error(None, f"{existing[0]} already exists, and was left as it was",
                     "move it away, choose another folder with --out, or pass --force to replace it")
        return [], report
    for target, data in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return list(targets), report


class _WordMarkdownReader(MarkdownReader):
    """The Markdown reader, giving its heading fixes in Word's words."""

    def __init__(self, heading_shift: int, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.heading_shift = heading_shift

    def heading_problem(self, text: str, previous: int, level: int) -> tuple[str, str]:
        if not text:
            return (f"an empty paragraph has the Heading {level - self.heading_shift} style",
                    "type the heading's words in it, or give it the Normal style")
        if level == 1:  # a second Heading 1 when the first one is the title
            return (f"the heading '{text}' is a Heading 1, but the first Heading 1 is the title",
                    "give the title the Title style (then sections are Heading 1), or make this a Heading 2")
        shift = self.heading_shift
        above = f"a Heading {previous - shift}" if previous - shift >= 1 else "the Title"
        return (f"the heading '{text}' is a Heading {level - shift}, but the heading above it is {above}",
                f"give it the Heading {previous + 1 - shift} style")


def _details_value(name: str, value: str) -> Any:
    """A value of the details table as the front matter would hold it."""
    if name in MAPPING_FIELDS or (name == "contact" and ":" in value):
        pairs = [line.partition(":") for line in value.split("\n") if line.strip()]
        if all(separator for _, separator, _ in pairs):
            return {key.strip().lower() if name == "contact" else key.strip(): text.strip()
                    for key, _, text in pairs}
        return value
    if name == "date":
        date = date_from_text(value)
        return date if isinstance(date, dt.date) else value
    return value
