"""Statements being written in the web app: each in its own folder, as the source file the CLI would build.

A statement written in the form is kept as Markdown with front matter (`statement.md`), made from the
form's fields (`compose`) and read back into them (`fields_of`); an uploaded Word document is kept as
`statement.docx` (with `statement.yaml` if one came with it); images go in `images/`. Upload names are
never used as paths: the source always gets its fixed name, an image only a cleaned base name. `check`
runs the CLI's checks on the form's current text and says which field or line each problem is at.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import secrets
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from ..diagnostics import Diagnostic, SourceError
from ..readers import read_statement
from ..readers.word_package import DOCUMENT_PART

FORM_FIELDS = ("title", "organisation", "date", "language", "summary", "slug", "embargo")
CONTACT_FIELDS = ("name", "email", "phone")
SOURCE_NAMES = {"md": "statement.md", "docx": "statement.docx"}
IMAGE_ENDINGS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WEBP"}
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
IMAGE_REFERENCE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")


class UploadRefused(ValueError):
    """An uploaded file that cannot be taken, with the reason in words."""


@dataclass
class Form:
    """The statement form's values: the fields, the contact, the other front-matter fields as YAML, the body."""

    values: dict[str, str] = field(default_factory=dict)
    extra: str = ""
    body: str = ""

    @classmethod
    def from_submission(cls, data) -> "Form":
        values = {name: str(data.get(name, "")).strip() for name in FORM_FIELDS}
        values |= {f"contact_{name}": str(data.get(f"contact_{name}", "")).strip() for name in CONTACT_FIELDS}
        return cls(values, str(data.get("extra", "")).replace("\r\n", "\n"), str(data.get("body", "")).replace("\r\n", "\n"))


@dataclass(frozen=True)
class Problem:
    """A diagnostic as the page shows it: its words, and the field or line of the text it is at."""

    severity: str
    message: str
    fix: str
    target: str | None  # the id of the form field to link to
    where: str | None  # "line 4 of the text", "the date field", "paragraph 12 ('...')"
    line: int | None = None  # the line of the body, for the text area


@dataclass
class CheckResult:
    problems: list[Problem]
    grade: str | None  # the reading grade of the text, e.g. "Flesch–Kincaid grade 9.1, 14.2 words a sentence"
    words: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def compose(form: Form) -> tuple[str, dict[int, str]]:
    """The Markdown source the form stands for, and which field each front-matter line came from."""
    lines, origins = ["---"], {}
    for name in FORM_FIELDS:
        if form.values.get(name):
            origins[len(lines) + 1] = name
            lines += yaml.safe_dump({name: form.values[name]}, allow_unicode=True, width=10_000).rstrip("\n").split("\n")
    contact = {key: form.values[f"contact_{key}"] for key in CONTACT_FIELDS if form.values.get(f"contact_{key}")}
    if contact:
        origins[len(lines) + 1] = "contact_name"
        lines += yaml.safe_dump({"contact": contact}, allow_unicode=True, width=10_000).rstrip("\n").split("\n")
    for line in form.extra.strip("\n").split("\n") if form.extra.strip() else []:
        origins[len(lines) + 1] = "extra"
        lines.append(line)
    lines += ["---", ""]
    origins[len(lines) + 1] = "body"
    return "\n".join(lines) + "\n" + form.body.rstrip("\n") + "\n", origins


def fields_of(text: str) -> Form:
    """The form's values from a Markdown source (what the form cannot hold goes to the YAML of 'extra')."""
    match = re.match(r"^---\n(.*?)\n---\n?(.*)$", text, re.DOTALL)
    if not match:
        return Form(body=text)
    try:
        data = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict):
        return Form(extra=match.group(1), body=match.group(2).lstrip("\n"))
    values = {}
    for name in FORM_FIELDS:  # text, and the dates YAML reads as dates ('2026-11-24', '2026-11-24 00:01:00')
        if name in data and isinstance(data[name], (str, int, float, dt.date)) and not isinstance(data[name], bool):
            values[name] = str(data.pop(name))
    contact = data.get("contact")
    if isinstance(contact, str):
        values["contact_name"] = data.pop("contact")
    elif isinstance(contact, dict) and set(contact) <= set(CONTACT_FIELDS):
        values |= {f"contact_{key}": str(value) for key, value in data.pop("contact").items()}
    extra = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100) if data else ""
    return Form(values, extra, match.group(2).lstrip("\n"))


# --- a statement's folder --------------------------------------------------------------------------------

class Drafts:
    def __init__(self, folder: Path):
        self.folder = folder

    def folder_of(self, statement_id: int) -> Path:
        return self.folder / str(int(statement_id))

    def source_of(self, statement_id: int, kind: str) -> Path:
        return self.folder_of(statement_id) / SOURCE_NAMES[kind]

    def save_form(self, statement_id: int, form: Form) -> Path:
        folder = self.folder_of(statement_id)
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("statement.docx", "statement.yaml"):
            (folder / name).unlink(missing_ok=True)
        path = folder / SOURCE_NAMES["md"]
        text, _ = compose(form)
        path.write_text(text, encoding="utf-8")
        return path

    def save_upload(self, statement_id: int, files: list[tuple[str, bytes]]) -> str:
        """Keep an uploaded statement (one .md or .docx, a .yaml beside a .docx, images); returns its kind.
        Raises UploadRefused, and keeps nothing, when a file is not what its name says."""
        sources = [(name, data) for name, data in files if _ending(name) in (".md", ".markdown", ".docx")]
        if len(sources) != 1:
            raise UploadRefused("choose one statement file (.md or .docx), and its images if it has any")
        name, data = sources[0]
        kind = "docx" if _ending(name) == ".docx" else "md"
        if kind == "md":
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise UploadRefused(f"'{_shown(name)}' is not a text file saved as UTF-8, so it is not Markdown") from None
            if "\0" in text:
                raise UploadRefused(f"'{_shown(name)}' is not a text file, so it is not Markdown")
        else:
            _check_word(name, data)
        placed: dict[str, bytes] = {}
        references = _image_references(text) if kind == "md" else {}
        for other, content in files:
            ending = _ending(other)
            if (other, content) == sources[0]:
                continue
            if ending in (".yaml", ".yml") and kind == "docx":
                placed["statement.yaml"] = content
            elif ending in IMAGE_ENDINGS:
                _check_image(other, content)
                base = _clean_name(other)
                placed[references.get(base, f"images/{base}")] = content
            else:
                raise UploadRefused(f"'{_shown(other)}' is not a statement, a Word sidecar (.yaml) or an image")
        folder = self.folder_of(statement_id)
        if folder.exists():
            shutil.rmtree(folder)
        (folder / "images").mkdir(parents=True)
        (folder / SOURCE_NAMES[kind]).write_bytes(data)
        for relative, content in placed.items():
            target = (folder / relative).resolve()
            if not target.is_relative_to(folder.resolve()):
                raise UploadRefused(f"'{_shown(relative)}' would be outside the statement's folder")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        return kind

    def check(self, statement_id: int, kind: str, form: Form | None = None) -> CheckResult:
        """The errors and warnings `statement-renderer check` gives, for the form's text (or the source)."""
        folder = self.folder_of(statement_id)
        folder.mkdir(parents=True, exist_ok=True)
        origins: dict[int, str] = {}
        if form is not None:
            text, origins = compose(form)
            path = folder / f".check-{secrets.token_hex(8)}.md"
            path.write_text(text, encoding="utf-8")
        else:
            path = self.source_of(statement_id, kind)
        try:
            statement, report = read_statement(path)
            diagnostics, grade = report.warnings, _grade(statement)
            words = statement.word_count
        except SourceError as error:
            diagnostics, grade, words = error.diagnostics, None, 0
        finally:
            if form is not None:
                path.unlink(missing_ok=True)
        return CheckResult([_problem(d, origins) for d in diagnostics], grade, words)


def warm_up(drafts: Drafts) -> None:
    """Load what a check needs (the language detector and its English and Welsh models, the sentence and
    syllable tables) before the first officer's check waits for it."""
    drafts.check(0, "md", Form({"title": "Warm-up", "organisation": "Warm-up", "date": "2026-01-01"}, "",
                               "The council has opened the new library on the high street today.\n\n"
                               "Mae'r cyngor wedi agor y llyfrgell newydd ar y stryd fawr heddiw.\n"))


def _grade(statement) -> str:
    from ..editions.readability import scores

    return scores(statement.blocks, statement.meta.language).headline


def _problem(diagnostic: Diagnostic, origins: dict[int, str]) -> Problem:
    severity = diagnostic.severity.value
    if diagnostic.place:
        return Problem(severity, diagnostic.message, diagnostic.fix, None, diagnostic.place)
    if not origins or diagnostic.line is None:
        where = f"line {diagnostic.line}" if diagnostic.line else None
        return Problem(severity, diagnostic.message, diagnostic.fix, "body" if origins else None, where)
    starts = sorted(origins)
    start = max((s for s in starts if s <= diagnostic.line), default=starts[0])
    name = origins[start]
    if name == "body":
        line = diagnostic.line - start + 1
        return Problem(severity, diagnostic.message, diagnostic.fix, "body", f"line {line} of the text", line)
    fix = diagnostic.fix
    if diagnostic.line == 1:  # a missing field: the front matter as a whole
        missing = re.search(r"field '(\w+)'", diagnostic.message)
        name = missing.group(1) if missing and missing.group(1) in FORM_FIELDS else "title"
        fix = f"fill in the {name} field"
    label = "the other fields" if name == "extra" else f"the {name.replace('contact_', 'contact ')} field"
    return Problem(severity, diagnostic.message, fix, f"field-{name}", label)


def _ending(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).suffix.lower()


def _shown(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).name[:80]


def _clean_name(name: str) -> str:
    """An upload's base name with only letters, digits, '.', '-' and '_' (never a path)."""
    base = PurePosixPath(name.replace("\\", "/")).name
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", base).lstrip(".-") or "image"
    return cleaned[:100]


def _image_references(text: str) -> dict[str, str]:
    """Image file name → the relative path the Markdown gives it (only safe relative paths)."""
    found = {}
    for src in IMAGE_REFERENCE.findall(text):
        parts = PurePosixPath(src).parts
        if parts and all(SAFE_NAME.match(part) for part in parts):
            found[parts[-1]] = src
    return found


def _check_word(name: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if DOCUMENT_PART not in archive.namelist():
                raise zipfile.BadZipFile()
    except zipfile.BadZipFile:
        raise UploadRefused(f"'{_shown(name)}' is not a Word document (.docx): save it from Word as 'Word "
                            "Document (*.docx)'") from None


def _check_image(name: str, data: bytes) -> None:
    from PIL import Image, UnidentifiedImageError

    expected = IMAGE_ENDINGS[_ending(name)]
    try:
        with Image.open(io.BytesIO(data)) as picture:
            found = picture.format
    except (UnidentifiedImageError, OSError):
        found = None
    if found != expected:
        raise UploadRefused(f"'{_shown(name)}' is not a {expected} image, whatever its name says")
