"""The Markdown reader: a Markdown file with YAML front matter → the statement model.

This is the only module that parses Markdown. It uses markdown-it-py's token
stream (CommonMark plus tables, front matter, attributes and containers) and
turns it into model blocks, checking what a build relies on: heading levels,
language marks, image lines and quotes. The fields go to `front_matter`, image
and link targets to `media`. Problems are collected as diagnostics with a line
and a fix; errors are raised together by `readers.read_statement`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from mdit_py_plugins.attrs.parse import ParseError as AttrsParseError
from mdit_py_plugins.attrs.parse import parse as parse_attrs
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from slugify import slugify

from .. import model as m
from ..diagnostics import Diagnostics
from ..text.messages import messages
from .front_matter import FrontMatterReader
from .media import MediaPolicy

ATTRIBUTION_DASHES = ("—", "–", "―", "--")
RAW_CONTENT_ELEMENT = re.compile(r"<(script|style|iframe|object|textarea|template)\b", re.IGNORECASE)
NOTE_WITHOUT_TEXT = re.compile(r"\[\^([^\]\s]+)\]")  # "[^3]" left as text: a footnote reference with no note
TRAILING_ATTRS = re.compile(r"\s*(\{[^{}]*\})\s*$")


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
        .use(footnote_plugin, inline=False)
    )
    # Every link and image target reaches this module, which decides (with a
    # warning or an error) instead of markdown-it silently leaving it as text.
    md.validateLink = lambda url: True
    return md


class MarkdownReader:
    """Reads one Markdown source; problems go to its report. A reader of another format that writes
    Markdown (Word) gives the images its document holds (`media`) and its own wording of fixes."""

    def __init__(self, path: Path, text: str, report: Diagnostics, media: MediaPolicy | None = None,
                 fields: FrontMatterReader | None = None):
        self.path = path
        self.folder = path.parent.resolve()
        self.text = text
        self.report = report
        self.md = markdown_parser()
        self.fields = fields or FrontMatterReader(report)
        self.media = media or MediaPolicy(self.folder, report)
        self.used_ids: set[str] = set()
        self.line_offset = 0  # added to token lines while reading embedded Markdown
        self.notes_heading = messages("en")["notes_heading"]  # footnotes' heading, in the statement's language

    # --- the whole file --------------------------------------------------

    def read(self) -> m.Statement:
        env: dict = {}
        tokens = self.md.parse(self.text, env)
        if not tokens or tokens[0].type != "front_matter":
            self.report.error(1, "the file has no YAML front matter",
                              "start the file with a '---' line, the fields (title, organisation, date), and another '---' line")
            return None  # type: ignore[return-value]
        front_matter = tokens[0]
        fields = self.fields.read_fields(front_matter.content, first_line=front_matter.map[0] + 2)
        if fields is None:
            return None  # type: ignore[return-value]
        meta, plain_source = self.fields.metadata(fields)
        self.notes_heading = messages(meta.language if meta else "en")["notes_heading"]
        blocks = self._blocks(tokens[1:])
        if not any(not isinstance(b, m.ThematicBreak) for b in blocks):
            self.report.error(front_matter.map[1], "the statement has no body",
                              "write the statement's text below the closing '---' of the front matter")
        self._check_heading_levels(blocks)
        self._check_unused_notes(env)
        plain_language = self._embedded_markdown(*plain_source) if plain_source else None
        if meta is None:
            return None  # type: ignore[return-value]

        return m.Statement(
            meta=meta,
            blocks=blocks,
            source_path=self.path,
            source_sha256=hashlib.sha256(self.text.encode("utf-8")).hexdigest(),
            plain_language=plain_language,
            field_lines={name: line for name, (_, line) in fields.items()},
        )

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
            if token.type == "footnote_block_open":
                blocks += self._notes(tokens[i + 1:end])
            else:
                block = self._block(token, tokens[i + 1:end])
                if block is not None:
                    blocks.append(block)
            i = end + 1
        return _attach_table_captions(blocks)

    def _check_unused_notes(self, env: dict) -> None:
        """A footnote written but never referred to is left out by the parser: say so, with its line."""
        for key, number in env.get("footnotes", {}).get("refs", {}).items():
            label = key.removeprefix(":")
            if number == -1:
                found = re.search(rf"^[ \t]*\[\^{re.escape(label)}\]:", self.text, re.MULTILINE)
                line = self.text.count("\n", 0, found.start()) + 1 if found else 1
                self.report.warning(line, f"the footnote '[^{label}]' is never referred to, so it is left out",
                                    f"refer to it in the text with '[^{label}]' after a word, or delete the note")

    def _notes(self, tokens: list[Token]) -> list[m.Block]:
        """Footnotes ('[^1]: Updated at 11.45am.'), as a Word document's are read: numbered in the order they are
        referred to, under a "Notes" heading (in the statement's language) at the end, as an ordered list."""
        items = []
        j = 0
        while j < len(tokens):
            end = _closing_index(tokens, j)
            if tokens[j].type == "footnote_open":
                items.append(m.ListItem(blocks=self._blocks([t for t in tokens[j + 1:end] if t.type != "footnote_anchor"])))
            j = end + 1
        line = self._line(tokens[1]) if len(tokens) > 1 else 1
        return [m.Heading(level=2, children=[m.Text(self.notes_heading)], id=self._unique_id(self.notes_heading),
                          line=line),
                m.ListBlock(ordered=True, items=items, tight=True, line=line)] if items else []

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
            passage_language = self.fields.language(attrs["lang"], line)
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
        return self.fields.language(str(value), line) if value else None

    def _check_heading_levels(self, blocks: list[m.Block]) -> None:
        previous = 1  # the title is the document's only level-1 heading
        for heading in (b for b in m.walk_blocks(blocks) if isinstance(b, m.Heading)):
            if not heading.text.strip():
                self.report.error(heading.line, *self.heading_problem("", previous, heading.level))
                continue
            if heading.level == 1 or heading.level > previous + 1:
                self.report.error(heading.line, *self.heading_problem(heading.text, previous, heading.level))
            previous = max(heading.level, 1)

    def heading_problem(self, text: str, previous: int, level: int) -> tuple[str, str]:
        """The message and fix for a heading at the wrong level or with no words, in the words of the source's
        format."""
        if not text:
            return (f"a heading with no words ('{'#' * level}')", "write the heading's words after the #s, or delete "
                    "the line (to mark the end of the release, write ENDS)")
        if level == 1:
            return (f"the heading '{text}' is level 1, but the title is the only level-1 heading",
                    "start the statement's sections with '## ' (level 2)")
        return (f"the heading '{text}' skips from level {previous} to level {level}",
                f"make it level {previous + 1} ('{'#' * (previous + 1)} ')")

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
        picture = self.media.image(src, line)
        if not alt or picture is None:
            return None
        return m.Figure(source=picture.path, file_name=picture.file_name, bundle_path=f"media/{picture.file_name}",
                        alt=alt, caption=str(caption) if caption else None, width=picture.width,
                        height=picture.height, media_type=picture.media_type, line=line, language=language,
                        data=picture.data)

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
                    kept = children[-1].text[: match.start()]
                    children[-1:] = [m.Text(kept)] if kept else []
                    return children, self.fields.language(attrs["lang"], line)
        return children, None

    def _inlines(self, tokens: list[Token], line: int) -> list[m.Inline]:
        spans: list[m.Inline] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if kind == "text":
                _append_text(spans, token.content)
                for label in NOTE_WITHOUT_TEXT.findall(token.content):
                    self.report.warning(line, f"the footnote '[^{label}]' has no note",
                                        f"write its note on a line of its own below the paragraph: '[^{label}]: …'")
            elif kind == "footnote_ref":
                _append_text(spans, f"[{token.meta['id'] + 1}]")
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
            language = self.fields.language(str(value), line) if value else None
            return m.Span(children, language) if language else None
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            title = token.attrGet("title")
            if not self.media.link_allowed(href, line):
                return None
            return m.Link(href=href, children=children, title=str(title) if title else None)
        return None


def _append_text(spans: list[m.Inline], text: str) -> None:
    if spans and isinstance(spans[-1], m.Text):
        spans[-1] = m.Text(spans[-1].text + text)
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
            caption = list(previous.children)
            if isinstance(caption[0], m.Text):
                caption[0] = m.Text(caption[0].text.removeprefix("Table:").lstrip())
            block = dataclasses.replace(block, caption=caption)
            result.pop()
        result.append(block)
    return result
