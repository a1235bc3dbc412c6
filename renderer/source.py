"""Read a source statement (Markdown with YAML front matter) into the statement model.

This is the only module that parses Markdown. It uses markdown-it-py's token
stream (CommonMark plus tables, front matter, attributes and containers) and
turns it into `renderer.model` blocks, checking everything a build relies on:
required fields, dates, language tags, images (inside the statement's folder,
with alt text), heading levels, links. Problems are collected as diagnostics
with a line and a fix; errors are raised together at the end.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import langcodes
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from mdit_py_plugins.attrs.parse import ParseError as AttrsParseError
from mdit_py_plugins.attrs.parse import parse as parse_attrs
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from slugify import slugify

from . import acronyms as acronym_finder
from . import model as m
from .diagnostics import Diagnostics
from .voices import VoiceError, check_voice

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
LINK_SCHEMES = {"http", "https", "mailto", "tel"}
DANGEROUS_LINK_SCHEMES = {"javascript", "vbscript", "data", "file"}
ATTRIBUTION_DASHES = ("—", "–", "―", "--")
RAW_CONTENT_ELEMENT = re.compile(r"<(script|style|iframe|object|textarea|template)\b", re.IGNORECASE)
TRAILING_ATTRS = re.compile(r"\s*(\{[^{}]*\})\s*$")
# Naive embargo times are London time: the convention of UK press offices.
EMBARGO_TIMEZONE = ZoneInfo("Europe/London")

REQUIRED_FIELDS = ("title", "organisation", "date")
OPTIONAL_FIELDS = (
    "language", "summary", "slug", "author", "contact", "embargo", "acronyms",
    "glossary", "plain_language", "keywords", "version", "voice",
)
CONTACT_FIELDS = ("name", "email", "phone")


def _is_language_container(params: str, *_: Any) -> bool:
    try:
        _, attrs = parse_attrs(params.strip())
    except AttrsParseError:
        return False
    return "lang" in attrs


def markdown_parser() -> MarkdownIt:
    md = (
        MarkdownIt("commonmark", {"html": True})
        .enable("table")
        .use(front_matter_plugin)
        .use(attrs_plugin, spans=True, allowed=["lang"])
        .use(attrs_block_plugin, allowed=["lang"])
        .use(container_plugin, name="lang", validate=_is_language_container)
    )
    # Every link and image target reaches this module, which decides (with a
    # warning or an error) instead of markdown-it silently leaving it as text.
    md.validateLink = lambda url: True
    return md


def read_statement(path: str | Path) -> tuple[m.Statement, Diagnostics]:
    """Read and check one source file. Raises SourceError if it has errors;
    returns the statement and its diagnostics (warnings) otherwise."""
    path = Path(path)
    report = Diagnostics(path)
    text = _read_text(path, report)
    report.raise_errors()
    reader = _StatementReader(path, text, report)
    statement = reader.read()
    report.raise_errors()
    from .style_checks import check_style

    check_style(statement, report)
    return statement, report


def _read_text(path: Path, report: Diagnostics) -> str:
    if not path.exists():
        report.error(None, "the source file does not exist", "check the path, or run from the folder that holds it")
        return ""
    if not path.is_file():
        report.error(None, "the source is not a file", "give a Markdown file, or a folder of them to `build`")
        return ""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        report.error(line, f"the file is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                     "save the file as UTF-8 in your editor")
        return ""


class _StatementReader:
    def __init__(self, path: Path, text: str, report: Diagnostics):
        self.path = path
        self.folder = path.parent.resolve()
        self.text = text
        self.report = report
        self.md = markdown_parser()
        self.used_ids: set[str] = set()
        self.line_offset = 0  # added to token lines while reading embedded Markdown

    # --- the whole file --------------------------------------------------

    def read(self) -> m.Statement:
        tokens = self.md.parse(self.text)
        if not tokens or tokens[0].type != "front_matter":
            self.report.error(1, "the file has no YAML front matter",
                              "start the file with a '---' line, the fields (title, organisation, date), and another '---' line")
            return None  # type: ignore[return-value]
        front_matter = tokens[0]
        fields = self._read_front_matter(front_matter.content, first_line=front_matter.map[0] + 2)
        if fields is None:
            return None  # type: ignore[return-value]
        meta, plain_source = self._metadata(fields)
        blocks = self._blocks(tokens[1:])
        if not any(not isinstance(b, m.ThematicBreak) for b in blocks):
            self.report.error(front_matter.map[1], "the statement has no body",
                              "write the statement's text below the closing '---' of the front matter")
        self._check_heading_levels(blocks)
        plain_language = self._embedded_markdown(*plain_source) if plain_source else None
        if meta is None:
            return None  # type: ignore[return-value]

        found_acronyms = acronym_finder.find_defined_acronyms(m.block_text(b) for b in m.walk_blocks(blocks))
        statement = m.Statement(
            meta=meta,
            blocks=blocks,
            source_path=self.path,
            source_sha256=hashlib.sha256(self.text.encode("utf-8")).hexdigest(),
            plain_language=plain_language,
            acronyms={**found_acronyms, **meta.acronyms},
            word_count=m.count_words(m.block_text(b) for b in blocks),
            outline=m.outline_of(blocks),
            sections=m.sections_of(blocks),
        )
        return statement

    # --- front matter ------------------------------------------------------

    def _read_front_matter(self, text: str, first_line: int) -> dict[str, tuple[Any, int]] | None:
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

    def _metadata(self, fields: dict[str, tuple[Any, int]]):
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
                                 f"add a line '{name}: ...' to the front matter")
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
        language = self._language(*fields["language"]) if "language" in fields else "en-GB"
        slug = text_field("slug")
        if slug is not None and not SLUG_PATTERN.match(slug):
            report.error(fields["slug"][1], f"the slug '{slug}' is not usable as a folder name",
                         "use only lower-case letters, digits and single hyphens, e.g. 'flood-warning-2026'")
        if slug is None and title:
            slug = slugify(title, max_length=80, word_boundary=True) or "statement"

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
        )
        if meta.voice:
            try:
                check_voice(meta.voice, self.folder)
            except VoiceError as exc:
                report.error(fields["voice"][1], f"the voice '{meta.voice}' cannot be used: {exc.message}", exc.fix)
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
                              "add a line 'date: YYYY-MM-DD' to the front matter")
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

    def _language(self, value: Any, line: int) -> str | None:
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
        contact = m.Contact()
        for key, item in value.items():
            if key not in CONTACT_FIELDS:
                self.report.error(line, f"'contact' has an unknown field '{key}'",
                                  f"use only {', '.join(CONTACT_FIELDS)}")
            elif not isinstance(item, (str, int)):
                self.report.error(line, f"'contact.{key}' must be text, got {_describe(item)}",
                                  f"write '{key}: ...' as text, quoted if needed")
            else:
                setattr(contact, key, str(item).strip())
        if contact.email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", contact.email):
            self.report.error(line, f"'contact.email' is not an email address: {contact.email!r}",
                              "write it as name@example.org")
        return contact

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

    def _embedded_markdown(self, text: str, first_line: int) -> list[m.Block]:
        """Markdown held in a front matter field (the author's plain-language version)."""
        self.line_offset = first_line
        blocks = self._blocks(self.md.parse(text))
        self.line_offset = 0
        return blocks

    # --- blocks ------------------------------------------------------------

    def _line(self, token: Token) -> int:
        return (token.map[0] + 1 if token.map else 1) + self.line_offset

    def _blocks(self, tokens: list[Token]) -> list[m.Block]:
        blocks: list[m.Block] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            end = _closing_index(tokens, i)
            block = self._block(token, tokens[i + 1:end])
            if block is not None:
                blocks.append(block)
            i = end + 1
        return _attach_table_captions(blocks)

    def _block(self, token: Token, inner: list[Token]) -> m.Block | None:
        line = self._line(token)
        language = self._block_language(token, line)
        kind = token.type
        if kind == "heading_open":
            children, trailing = self._inlines_with_trailing_language(inner[0], line)
            level = int(token.tag[1])
            text = m.plain_text(children).strip()
            return m.Heading(level=level, children=children, id=self._unique_id(text), line=line,
                             language=trailing or language)
        if kind == "paragraph_open":
            inline = inner[0]
            images = [c for c in inline.children or [] if c.type == "image"]
            if images:
                return self._figure(inline, images, line, language)
            children, trailing = self._inlines_with_trailing_language(inline, line)
            return m.Paragraph(children=children, line=line, language=trailing or language)
        if kind == "blockquote_open":
            blocks = self._blocks(inner)
            attribution = None
            if blocks and isinstance(blocks[-1], m.Paragraph) and blocks[-1].text.lstrip().startswith(ATTRIBUTION_DASHES):
                attribution = _attribution(blocks.pop().text)
            if not blocks:
                self.report.error(line, "a block quote holds only its attribution",
                                  "put the quoted words in the quote, above the '— Name' line")
            return m.BlockQuote(blocks=blocks, attribution=attribution, line=line, language=language)
        if kind in ("bullet_list_open", "ordered_list_open"):
            items = []
            j = 0
            while j < len(inner):
                end = _closing_index(inner, j)
                items.append(m.ListItem(blocks=self._blocks(inner[j + 1:end])))
                j = end + 1
            tight = any(t.hidden for t in inner if t.type == "paragraph_open")
            start = int(token.attrGet("start") or 1)
            return m.ListBlock(ordered=kind == "ordered_list_open", items=items, tight=tight,
                               line=line, start=start, language=language)
        if kind == "table_open":
            return self._table(inner, line, language)
        if kind in ("fence", "code_block"):
            return m.CodeBlock(text=token.content.rstrip("\n"), line=line, language=language)
        if kind == "hr":
            return m.ThematicBreak(line=line)
        if kind == "container_lang_open":
            _, attrs = parse_attrs(token.info.strip())
            passage_language = self._language(attrs["lang"], line)
            # an unknown tag is already an error; "und" (undetermined) only fills the model
            return m.Passage(blocks=self._blocks(inner), language=passage_language or "und", line=line)
        if kind == "html_block":
            self.report.warning(line, "raw HTML is not allowed and was left out",
                                "write the content in Markdown; images as ![alt text](file.png)")
            return None
        self.report.warning(line, f"unsupported Markdown element '{kind}' was left out",
                            "use headings, paragraphs, lists, quotes, tables and images")
        return None

    def _block_language(self, token: Token, line: int) -> str | None:
        value = token.attrGet("lang")
        return self._language(str(value), line) if value else None

    def _check_heading_levels(self, blocks: list[m.Block]) -> None:
        previous = 1  # the title is the document's only level-1 heading
        for heading in (b for b in m.walk_blocks(blocks) if isinstance(b, m.Heading)):
            if heading.level == 1:
                self.report.error(heading.line, f"the heading '{heading.text}' is level 1, but the title is the only level-1 heading",
                                  "start the statement's sections with '## ' (level 2)")
            elif heading.level > previous + 1:
                self.report.error(heading.line, f"the heading '{heading.text}' skips from level {previous} to level {heading.level}",
                                  f"make it level {previous + 1} ('{'#' * (previous + 1)} ')")
            previous = max(heading.level, 1)

    def _unique_id(self, text: str) -> str:
        base = "section-" + (slugify(text, max_length=50, word_boundary=True) or "heading")
        candidate, n = base, 2
        while candidate in self.used_ids:
            candidate, n = f"{base}-{n}", n + 1
        self.used_ids.add(candidate)
        return candidate

    def _figure(self, inline: Token, images: list[Token], line: int, language: str | None) -> m.Figure | None:
        others = [c for c in inline.children or [] if c.type not in ("image", "softbreak") and (c.type != "text" or c.content.strip())]
        if len(images) > 1 or others:
            self.report.error(line, "an image shares its paragraph with other content",
                              "put each image on a line of its own, with a blank line before and after")
            return None
        image = images[0]
        alt = m.plain_text(self._inlines(image.children or [], line)).strip()
        src = unquote(str(image.attrGet("src") or ""))
        caption = image.attrGet("title")
        if not alt:
            self.report.error(line, f"the image '{src}' has no alt text",
                              "describe the image in the brackets: ![what the image shows](file.png)")
        resolved = self._image_path(src, line)
        if not alt or resolved is None:
            return None
        try:
            from PIL import Image, UnidentifiedImageError

            with Image.open(resolved) as picture:
                kind, width, height = picture.format, picture.width, picture.height
        except (UnidentifiedImageError, OSError):
            kind, width, height = None, 0, 0
        if kind not in IMAGE_TYPES:
            self.report.error(line, f"the image '{src}' is not a PNG, JPEG, GIF or WebP file",
                              "convert the image to PNG or JPEG")
            return None
        relative = resolved.relative_to(self.folder).as_posix()
        return m.Figure(source=resolved, file_name=relative, bundle_path=f"media/{relative}", alt=alt,
                        caption=str(caption) if caption else None, width=width, height=height,
                        media_type=IMAGE_TYPES[kind], line=line, language=language)

    def _image_path(self, src: str, line: int) -> Path | None:
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

    def _table(self, inner: list[Token], line: int, language: str | None) -> m.Table:
        rows: list[list[m.TableCell]] = []
        header: list[m.TableCell] = []
        align = None
        for token in inner:
            if token.type == "tr_open":
                rows.append([])
            elif token.type in ("th_open", "td_open"):
                align = str(token.attrGet("style") or "").removeprefix("text-align:") or None
            elif token.type == "inline":
                rows[-1].append(m.TableCell(children=self._inlines(token.children or [], line), align=align))
            elif token.type == "thead_close":
                header = rows.pop()
        return m.Table(header=header, rows=rows, caption=None, line=line, language=language)

    # --- inline spans ----------------------------------------------------------

    def _inlines_with_trailing_language(self, inline: Token, line: int) -> tuple[list[m.Inline], str | None]:
        """Inline spans, and the language of a trailing `{lang=cy}` after a heading or paragraph."""
        children = self._inlines(inline.children or [], line)
        if children and isinstance(children[-1], m.Text):
            match = TRAILING_ATTRS.search(children[-1].text)
            if match:
                try:
                    _, attrs = parse_attrs(match.group(1))
                except AttrsParseError:
                    attrs = {}
                if "lang" in attrs:
                    children[-1].text = children[-1].text[: match.start()]
                    if not children[-1].text:
                        children.pop()
                    return children, self._language(attrs["lang"], line)
        return children, None

    def _inlines(self, tokens: list[Token], line: int) -> list[m.Inline]:
        spans: list[m.Inline] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if kind == "text":
                _append_text(spans, token.content)
            elif kind == "softbreak":
                _append_text(spans, " ")
            elif kind == "hardbreak":
                spans.append(m.LineBreak())
            elif kind == "code_inline":
                spans.append(m.Code(text=token.content))
            elif kind == "html_inline":
                self.report.warning(line, f"raw HTML {token.content!r} is not allowed and was left out",
                                    "use Markdown: *emphasis*, **strong**, [link text](https://...)")
                opening = RAW_CONTENT_ELEMENT.match(token.content)
                if opening:  # what a <script> or <style> holds is code, not words: leave it out too
                    closing = f"</{opening.group(1).lower()}"
                    while i + 1 < len(tokens) and not (tokens[i + 1].type == "html_inline"
                                                       and tokens[i + 1].content.lower().startswith(closing)):
                        i += 1
            elif kind == "image":
                self.report.error(line, "an image is inside a sentence",
                                  "put each image on a line of its own, with a blank line before and after")
            elif kind.endswith("_open"):
                end = _closing_index(tokens, i)
                children = self._inlines(tokens[i + 1:end], line)
                span = self._container_span(token, children, line)
                if span is not None:
                    spans.append(span)
                else:
                    for child in children:
                        _append_text(spans, child.text) if isinstance(child, m.Text) else spans.append(child)
                i = end
            i += 1
        return spans

    def _container_span(self, token: Token, children: list[m.Inline], line: int) -> m.Inline | None:
        if token.type == "em_open":
            return m.Emphasis(children)
        if token.type == "strong_open":
            return m.Strong(children)
        if token.type == "span_open":
            value = token.attrGet("lang")
            language = self._language(str(value), line) if value else None
            return m.Span(children, language) if language else None
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            title = token.attrGet("title")
            scheme = urlsplit(href).scheme.lower()
            if scheme in DANGEROUS_LINK_SCHEMES:
                self.report.warning(line, f"the link to '{href[:40]}' is not allowed and was removed (its text is kept)",
                                    "link only to https://, mailto: or tel: addresses")
                return None
            if scheme not in LINK_SCHEMES and not href.startswith("#"):
                self.report.error(line, f"the link '{href}' is not a full web, email or phone address",
                                  "write links as https://..., mailto:name@example.org or tel:+44...")
                return None
            return m.Link(href=href, children=children, title=str(title) if title else None)
        return None


def _append_text(spans: list[m.Inline], text: str) -> None:
    if spans and isinstance(spans[-1], m.Text):
        spans[-1].text += text
    else:
        spans.append(m.Text(text))


def _closing_index(tokens: list[Token], start: int) -> int:
    """The index of the token that closes tokens[start] (itself if it does not nest)."""
    if tokens[start].nesting != 1:
        return start
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1


def _attribution(text: str) -> m.Attribution:
    text = text.lstrip().lstrip("".join(ATTRIBUTION_DASHES)).lstrip("-").strip()
    speaker, _, role = text.partition(",")
    return m.Attribution(speaker=speaker.strip(), role=role.strip() or None)


def _attach_table_captions(blocks: list[m.Block]) -> list[m.Block]:
    """A paragraph 'Table: ...' just before a table is that table's caption."""
    result: list[m.Block] = []
    for block in blocks:
        previous = result[-1] if result else None
        if isinstance(block, m.Table) and isinstance(previous, m.Paragraph) and previous.text.startswith("Table:"):
            caption = previous.children
            first = caption[0]
            if isinstance(first, m.Text):
                first.text = first.text.removeprefix("Table:").lstrip()
            block.caption = caption
            result.pop()
        result.append(block)
    return result


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"
