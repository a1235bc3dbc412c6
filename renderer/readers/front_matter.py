"""The front matter: the YAML fields of a statement, checked against their schema, as `Metadata`.

Every field has one reader here, which reports what is wrong with its value as
an error with the field's line and a fix. Word documents give the same fields
(from the document's properties or a sidecar file) and are checked here too.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any
from zoneinfo import ZoneInfo

import langcodes
import yaml
from slugify import slugify

from .. import model as m
from ..diagnostics import Diagnostics

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# a currency sign is left out of a slug made from the title ("£2.3m plan" → "2-3m-plan"), not spelled as its
# transliteration would ("ps2-3m-plan", "eur5bn")
SLUG_REPLACEMENTS = [[sign, ""] for sign in "£€$¥"]
# Naive embargo times are London time: the convention of UK press offices.
EMBARGO_TIMEZONE = ZoneInfo("Europe/London")
REQUIRED_FIELDS = ("title", "organisation", "date")
OPTIONAL_FIELDS = (
    "language", "summary", "slug", "author", "contact", "embargo", "acronyms",
    "glossary", "plain_language", "keywords", "version", "voice", "pronounce",
)
CONTACT_FIELDS = ("name", "email", "phone")


class FrontMatterReader:
    """Reads the fields of one source; problems go to its report."""

    def __init__(self, report: Diagnostics, add_field: str = "add a line '{name}: {example}' to the front matter"):
        self.report = report
        self.add_field = add_field  # the fix for a missing field, in the words of the source's format

    def read_fields(self, text: str, first_line: int) -> dict[str, tuple[Any, int]] | None:
        """The front matter as {field: (value, line)}, or None after an error."""
        loader = yaml.SafeLoader(text)
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = first_line + mark.line if mark else first_line
            self.report.error(line, f"the front matter is not valid YAML ({exc.problem})",
                              "check the indentation and quote values that contain ': ' or start with a special character")
            return None
        finally:
            loader.dispose()
        if root is None or not isinstance(root, yaml.MappingNode):
            self.report.error(first_line, "the front matter must be a list of 'field: value' lines",
                              "write e.g. 'title: ...', 'organisation: ...', 'date: 2024-04-22'")
            return None
        fields: dict[str, tuple[Any, int]] = {}
        for key_node, value_node in root.value:
            line = first_line + key_node.start_mark.line
            try:
                key = loader.construct_object(key_node, deep=True)
                value = loader.construct_object(value_node, deep=True)
            except (ValueError, yaml.YAMLError) as exc:
                self.report.error(line, f"the value of '{key_node.value}' cannot be read ({exc})",
                                  "write dates as YYYY-MM-DD and check the value")
                continue
            if getattr(value_node, "style", None) in ("|", ">"):
                line += 1  # a block scalar starts on the next line
            fields[str(key)] = (value, line)
        return fields

    def metadata(self, fields: dict[str, tuple[Any, int]]) -> tuple[m.Metadata | None, tuple[str, int] | None]:
        """The metadata (None after an error), and the authors' plain-language Markdown with its first line."""
        report = self.report
        known = REQUIRED_FIELDS + OPTIONAL_FIELDS
        for name, (_, line) in fields.items():
            if name not in known:
                close = difflib.get_close_matches(name, known, n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"the fields are: {', '.join(known)}"
                report.warning(line, f"unknown front matter field '{name}' is ignored", hint)

        def text_field(name: str, required: bool = False) -> str | None:
            if name not in fields:
                if required:
                    close = difflib.get_close_matches(name, list(fields), n=1)
                    hint = f" (is '{close[0]}' a misspelling of it?)" if close else ""
                    report.error(1, f"the required field '{name}' is missing{hint}",
                                 self.add_field.format(name=name, example="..."))
                return None
            value, line = fields[name]
            if isinstance(value, (int, float)) and not isinstance(value, bool) and name in ("version",):
                return str(value)
            if not isinstance(value, str) or not value.strip():
                report.error(line, f"'{name}' must be text, got {_describe(value)}",
                             f"write '{name}:' followed by the text, quoted if it contains ': '")
                return None
            return value.strip()

        title = text_field("title", required=True)
        organisation = text_field("organisation", required=True)
        date = self._date_field(fields)
        language = self.language(*fields["language"]) if "language" in fields else "en-GB"
        slug = text_field("slug")
        if slug is not None and not SLUG_PATTERN.match(slug):
            report.error(fields["slug"][1], f"the slug '{slug}' is not usable as a folder name",
                         "use only lower-case letters, digits and single hyphens, e.g. 'flood-warning-2026'")
        if slug is None and title:
            slug = slugify(title, max_length=80, word_boundary=True, replacements=SLUG_REPLACEMENTS) or "statement"

        meta = m.Metadata(
            title=title or "",
            organisation=organisation or "",
            date=date or dt.date(1970, 1, 1),
            language=language or "en-GB",
            slug=slug or "statement",
            summary=text_field("summary"),
            author=text_field("author"),
            contact=self._contact(fields),
            embargo=self._embargo(fields),
            acronyms=self._mapping(fields, "acronyms", "NCA: National Crime Agency"),
            glossary=self._mapping(fields, "glossary", "encryption: scrambling messages so only the sender and receiver can read them"),
            keywords=self._keywords(fields),
            version=text_field("version") or "1",
            voice=text_field("voice"),
            pronounce={} if isinstance(fields.get("pronounce", (None,))[0], str) else
            self._mapping(fields, "pronounce", "Critchley: Critch-lee"),
            pronounce_file=text_field("pronounce") if isinstance(fields.get("pronounce", (None,))[0], str) else None,
        )
        plain_source = None
        if "plain_language" in fields:
            plain_text = text_field("plain_language")
            if plain_text:
                plain_source = (plain_text, fields["plain_language"][1] - 1)
        if report.errors:
            return None, plain_source
        return meta, plain_source

    def _date_field(self, fields) -> dt.date | None:
        if "date" not in fields:
            close = difflib.get_close_matches("date", list(fields), n=1)
            hint = f" (is '{close[0]}' a misspelling of it?)" if close else ""
            self.report.error(1, f"the required field 'date' is missing{hint}",
                              self.add_field.format(name="date", example="YYYY-MM-DD"))
            return None
        value, line = fields["date"]
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                try:
                    return dt.datetime.fromisoformat(value.strip()).date()
                except ValueError:
                    pass
        self.report.error(line, f"'date' is not a date: {value!r}",
                          "write the publication date as YYYY-MM-DD, e.g. 'date: 2024-04-22'")
        return None

    def language(self, value: Any, line: int) -> str | None:
        if not isinstance(value, str) or not langcodes.tag_is_valid(value.strip()) \
                or not langcodes.Language.get(value.strip()).is_valid():
            self.report.error(line, f"unknown language tag {value!r}",
                              "use a BCP 47 tag such as 'en-GB', 'cy' (Welsh) or 'fr'")
            return None
        return langcodes.standardize_tag(value.strip())

    def _contact(self, fields) -> m.Contact | None:
        if "contact" not in fields:
            return None
        value, line = fields["contact"]
        if isinstance(value, str) and value.strip():
            return m.Contact(name=value.strip())
        if not isinstance(value, dict) or not value:
            self.report.error(line, f"'contact' must be a name or a set of fields, got {_describe(value)}",
                              "write 'contact:' then indented 'name: ...', 'email: ...', 'phone: ...' lines")
            return None
        parts: dict[str, str] = {}
        for key, item in value.items():
            if key not in CONTACT_FIELDS:
                self.report.error(line, f"'contact' has an unknown field '{key}'",
                                  f"use only {', '.join(CONTACT_FIELDS)}")
            elif not isinstance(item, (str, int)):
                self.report.error(line, f"'contact.{key}' must be text, got {_describe(item)}",
                                  f"write '{key}: ...' as text, quoted if needed")
            else:
                parts[key] = str(item).strip()
        email = parts.get("email")
        if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
            self.report.error(line, f"'contact.email' is not an email address: {email!r}",
                              "write it as name@example.org")
        return m.Contact(**parts)

    def _embargo(self, fields) -> dt.datetime | None:
        if "embargo" not in fields:
            return None
        value, line = fields["embargo"]
        when = None
        if isinstance(value, dt.datetime):
            when = value
        elif isinstance(value, dt.date):
            when = dt.datetime.combine(value, dt.time())
        elif isinstance(value, str):
            try:
                when = dt.datetime.fromisoformat(value.strip())
            except ValueError:
                when = None
        if when is None:
            self.report.error(line, f"'embargo' is not a date and time: {value!r}",
                              "write it as 'embargo: 2026-11-25T00:01:00' (London time) or with an offset, e.g. +00:00")
            return None
        return when if when.tzinfo else when.replace(tzinfo=EMBARGO_TIMEZONE)

    def _mapping(self, fields, name: str, example: str) -> dict[str, str]:
        if name not in fields:
            return {}
        value, line = fields[name]
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) and v.strip()
                                                  for k, v in value.items()):
            self.report.error(line, f"'{name}' must be a list of 'term: text' lines, got {_describe(value)}",
                              f"write '{name}:' then indented lines such as '{example}'")
            return {}
        return {k.strip(): v.strip() for k, v in value.items()}

    def _keywords(self, fields) -> list[str]:
        if "keywords" not in fields:
            return []
        value, line = fields["keywords"]
        if isinstance(value, str):
            return [k.strip() for k in value.split(",") if k.strip()]
        if isinstance(value, list) and all(isinstance(k, str) for k in value):
            return [k.strip() for k in value if k.strip()]
        self.report.error(line, f"'keywords' must be a list of words, got {_describe(value)}",
                          "write 'keywords: [encryption, child protection]'")
        return []


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"
