"""Mammoth's HTML of a Word document → the statement's Markdown, as a person would have written it.

Mammoth maps Word's styles to semantic HTML (headings, lists, tables, quotes, links, emphasis, notes, pictures
with their alt text). This module writes that HTML as the project's Markdown (the one dialect the Markdown
reader checks), reading the marks `word_package` left in the text: which paragraph each line came from, the
number a list starts at, and the language of paragraphs and runs. It also takes out what is not body text:
the title, the subtitle and the "Statement details" table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import html as lxml_html

from .word_package import ALIGN, BLOCK_LANGUAGE, END, LIST_NUMBER, MARKS, PARAGRAPH, SPAN_END, SPAN_LANGUAGE

PARAGRAPH_MARK = re.compile(f"{PARAGRAPH}(\\d+){END}")
LIST_NUMBER_MARK = re.compile(f"{LIST_NUMBER}(\\d+){END}")
BLOCK_LANGUAGE_MARK = re.compile(f"{BLOCK_LANGUAGE}([^{END}]*){END}")
ALIGN_MARK = re.compile(f"{ALIGN}([a-z]+){END}")
SPAN_MARKS = re.compile(f"{SPAN_LANGUAGE}([^{END}]*){END}(.*?){SPAN_END}", re.DOTALL)
ANY_MARK = re.compile(f"{PARAGRAPH_MARK.pattern}|{LIST_NUMBER_MARK.pattern}|{BLOCK_LANGUAGE_MARK.pattern}|"
                      f"{ALIGN_MARK.pattern}|"
                      f"[{''.join(sorted(MARKS))}]")
MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]<>{}|&])")
LINE_START_SYNTAX = re.compile(f"^(?P<lead>(?:\\s|{PARAGRAPH_MARK.pattern})*)(?P<syntax>[#>+=:~-]|\\d+[.)])")
SPACES = re.compile(r"[ \t\r\n]+")
DETAILS_TITLES = ("statement details", "manylion y datganiad")
NOTE_LINK = re.compile(r"^#(footnote|endnote)-(-?\d+)$")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
DASHES = ("—", "–", "―", "--")
SCENE_BREAK = re.compile(r"^\s*([*_-])(\s*\1){2,}\s*$")  # '* * *' or '---' alone: a thematic break


@dataclass
class WordBody:
    """The body as Markdown lines, where each line came from, and what was taken out of it."""

    lines: list[str] = field(default_factory=list)
    origins: dict[int, int] = field(default_factory=dict)  # line index (0-based) → paragraph number
    title: tuple[str, int | None] | None = None
    subtitle: tuple[str, int | None] | None = None
    details: dict[str, tuple[str, int | None]] = field(default_factory=dict)  # field → (text, paragraph)
    heading_shift: int = 0  # Markdown level = Word level + shift


def first_paragraph(element) -> int | None:
    match = PARAGRAPH_MARK.search("".join(element.itertext()))
    return int(match.group(1)) if match else None


def _block_language(element) -> str | None:
    """The language of a block whose every paragraph Word marks as one other language."""
    texts = [el for el in element.iter("p", "li", "td", "th", *HEADINGS) if not el.findall(".//p")]
    found = set()
    for el in texts:
        text = "".join(el.itertext())
        if not ANY_MARK.sub("", text).strip():
            continue
        match = BLOCK_LANGUAGE_MARK.search(text)
        found.add(match.group(1) if match else None)
    return found.pop() if len(found) == 1 else None


def _escaped_syntax(match: re.Match) -> str:
    """A line's leading '#', '>', '-', '+' … as text: '\\#', and '1.' as '1\\.' (a digit has no escape)."""
    syntax = match.group("syntax")
    return match.group("lead") + (f"{syntax[:-1]}\\{syntax[-1]}" if syntax[0].isdigit() else f"\\{syntax}")


def _escape(text: str) -> str:
    return MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


class MarkdownFromWord:
    """Writes one document's body: `convert`, then `write_notes` (under a heading in the statement's language,
    which is known only once the fields are)."""

    def __init__(self):
        self.body = WordBody()
        self.notes: dict[str, str] = {}  # note id → its Markdown text
        self.note_order: list[str] = []

    # --- the whole body -----------------------------------------------------------------------

    def convert(self, html: str) -> WordBody:
        root = lxml_html.fragment_fromstring(html or "<p></p>", create_parent="body")
        elements = [el for el in root if isinstance(el.tag, str)]
        for element in elements:
            if element.tag == "ol" and all(str(li.get("id", "")).startswith(("footnote-", "endnote-")) for li in element):
                for li in element:
                    self.notes[li.get("id")] = li
        elements = [el for el in elements if not (el.tag == "ol" and any(li.get("id") in self.notes for li in el))]
        elements = self._take_front(elements)
        titled = self.body.title is not None
        self.body.heading_shift = 1 if titled else 0
        if not titled:
            first = next((el for el in elements if el.tag == "h1"), None)
            if first is not None:
                self.body.title = (self._plain(first), first_paragraph(first))
                elements.remove(first)
        self._blocks(elements)
        return self.body

    def _take_front(self, elements: list) -> list:
        """Take out the Title and Subtitle paragraphs and the 'Statement details' table at the top."""
        kept: list = []
        looking_for_details = True
        for index, element in enumerate(elements):
            classes = element.get("class", "")
            if element.tag == "h1" and "title" in classes and self.body.title is None:
                self.body.title = (self._plain(element), first_paragraph(element))
                continue
            if element.tag == "p" and "subtitle" in classes and self.body.subtitle is None:
                self.body.subtitle = (self._plain(element), first_paragraph(element))
                continue
            if looking_for_details and all(el.tag == "h1" for el in kept):  # at the top, under a title
                following = elements[index + 1] if index + 1 < len(elements) else None
                if element.tag == "table":
                    looking_for_details = False
                    titled = index > 0 and self._is_details_title(elements[index - 1])
                    if self._details(element, titled):
                        continue
                elif self._is_details_title(element) and following is not None and following.tag == "table":
                    continue  # the title of the table just below
            kept.append(element)
        return kept

    def _is_details_title(self, element) -> bool:
        return self._plain(element).strip().lower().rstrip(":") in DETAILS_TITLES

    def _details(self, table, titled: bool) -> bool:
        """A 'Statement details' table: its rows (field | value) become the front matter's fields."""
        rows = [[cell for cell in row if cell.tag in ("td", "th")] for row in table.iter("tr")]
        rows = [row for row in rows if row]
        if rows and len(rows[0]) == 1 and self._is_details_title(rows[0][0]):
            rows = rows[1:]
        elif not titled:
            return False
        for row in rows:
            if len(row) < 2:
                continue
            name = self._plain(row[0]).strip().rstrip(":")
            paragraphs = [self._plain(p).strip() for p in row[1].iter("p")] or [self._plain(row[1]).strip()]
            value = "\n".join(p for p in paragraphs if p)
            if name:
                self.body.details[name] = (value, first_paragraph(row[0]))
        return True

    # --- blocks -------------------------------------------------------------------------------

    def _emit(self, lines: list[str], origin: int | None) -> None:
        """Add a block's lines; each line holding a paragraph's mark is recorded as coming from it."""
        if self.body.lines:
            self.body.lines.append("")
        if origin is not None:
            self.body.origins[len(self.body.lines)] = origin
        for line in lines:
            for match in PARAGRAPH_MARK.finditer(line):
                self.body.origins.setdefault(len(self.body.lines), int(match.group(1)))
            self.body.lines.append(PARAGRAPH_MARK.sub("", line))

    def _blocks(self, elements: list) -> None:
        index = 0
        while index < len(elements):
            element = elements[index]
            language = _block_language(element)
            if language:
                group = [element]
                while index + 1 < len(elements) and _block_language(elements[index + 1]) == language:
                    index += 1
                    group.append(elements[index])
                self._emit([f"::: {{lang={language}}}"], first_paragraph(element))
                for member in group:
                    self._block(member)
                self.body.lines += ["", ":::"]
            else:
                self._block(element)
            index += 1

    def _block(self, element) -> None:
        """One top-level element; its neighbours (a caption, a quote's attribution) are its siblings in the
        HTML (what the front takes out is the title, details table and notes, none of them a neighbour that
        counts)."""
        tag = element.tag
        origin = first_paragraph(element)
        if tag in HEADINGS:
            level = int(tag[1]) + self.body.heading_shift
            self._emit([f"{'#' * level} {self._inline(element, line_start=False)}"], origin)
        elif tag == "p" and "caption" in element.get("class", ""):
            following, previous = element.getnext(), element.getprevious()
            if following is not None and following.tag == "table":
                self._emit([f"Table: {self._inline(element, line_start=False)}"], origin)
            elif not (previous is not None and previous.find(".//img") is not None):
                self._emit([self._inline(element)], origin)  # a caption of nothing: an ordinary paragraph
        elif tag == "p" and SCENE_BREAK.match(self._plain(element)):
            self._emit(["* * *"], origin)
        elif tag == "p":
            image = element.find(".//img")
            if image is not None and not ANY_MARK.sub("", element.text_content()).strip():
                self._emit([self._image(image, self._caption_after(element))], origin)
            elif self._is_attribution(element):
                return  # written inside the quote above it
            else:
                text = self._inline(element)
                if text.strip():
                    self._emit(text.split("\n"), origin)
        elif tag in ("ul", "ol"):
            self._emit(self._list(element, ""), origin)
        elif tag == "table":
            self._emit(self._table(element), origin)
        elif tag == "blockquote":
            self._emit(self._quote(element), origin)
        else:
            text = self._inline(element)
            if text.strip():
                self._emit(text.split("\n"), origin)

    def _caption_after(self, element) -> str | None:
        following = element.getnext()
        if following is not None and following.tag == "p" and "caption" in following.get("class", ""):
            return self._plain(following).strip()
        return None

    def _is_attribution(self, element) -> bool:
        previous = element.getprevious()
        return (previous is not None and previous.tag == "blockquote"
                and self._plain(element).lstrip().startswith(DASHES))

    def _image(self, image, caption: str | None) -> str:
        alt = _escape(SPACES.sub(" ", image.get("alt", "")).strip())
        source = image.get("src", "")
        title = f' "{caption.replace(chr(34), chr(8221))}"' if caption else ""
        return f"![{alt}]({source}{title})"

    def _list(self, element, indent: str) -> list[str]:
        items = [li for li in element if li.tag == "li"]
        ordered = element.tag == "ol"
        number = 1
        if ordered and items:
            match = LIST_NUMBER_MARK.search("".join(items[0].itertext()))
            number = int(match.group(1)) if match else 1
        lines = []
        for item in items:
            marker = f"{number}." if ordered else "-"
            number += 1
            nested = [child for child in item if child.tag in ("ul", "ol")]
            for child in nested:
                item.remove(child)
            text = self._inline(item, line_start=False).split("\n")
            lines.append(f"{indent}{marker} {text[0]}")
            lines += [f"{indent}{' ' * (len(marker) + 1)}{line}" for line in text[1:]]
            for child in nested:
                lines += self._list(child, indent + " " * (len(marker) + 1))
        return lines

    def _table(self, element) -> list[str]:
        rows, alignments = [], []
        header_rows = 0
        for row in element.iter("tr"):
            cells = [cell for cell in row if cell.tag in ("td", "th")]
            if not cells:
                continue
            texts, aligned = [], []
            for cell in cells:
                parts = [self._inline(p, line_start=False, in_table=True) for p in cell.iter("p")]
                text = " ".join(p for p in parts if p.strip()) if parts else self._inline(cell, False, True)
                span = int(cell.get("colspan", "1"))
                texts += [text.strip()] + [""] * (span - 1)
                alignment = ALIGN_MARK.search("".join(cell.itertext()))
                aligned += [alignment.group(1) if alignment else None] * span
            rows.append(texts)
            alignments.append(aligned)
            if row.getparent().tag == "thead":
                header_rows = len(rows)
        if not rows:
            return []
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        header_index = max(header_rows - 1, 0)  # the last repeated header row, or the first row
        header, body = rows[header_index], rows[header_index + 1:]
        rule = "|"
        for column in range(width):  # a column is aligned when every filled cell below the header is
            found = {row[column] if column < len(row) else None
                     for row, texts in zip(alignments[header_index + 1:], body) if texts[column]}
            rule += {"right": "---:|", "center": ":---:|"}.get(found.pop() if len(found) == 1 else None, "---|")
        return ["| " + " | ".join(header) + " |", rule] + ["| " + " | ".join(row) + " |" for row in body]

    def _quote(self, element) -> list[str]:
        lines: list[str] = []
        for child in element:
            if not isinstance(child.tag, str):
                continue
            text = self._inline(child) if child.tag == "p" else "\n".join(self._list(child, "")) if child.tag in (
                "ul", "ol") else self._inline(child)
            if not text.strip():
                continue
            if lines:
                lines.append(">")
            lines += [f"> {line}" for line in text.split("\n")]
        following = element.getnext()
        if following is not None and self._is_attribution(following):
            lines += [">", f"> {self._inline(following)}"]
        return lines

    # --- inline text ----------------------------------------------------------------------------

    def _plain(self, element) -> str:
        return SPACES.sub(" ", ANY_MARK.sub("", "".join(element.itertext())))

    def _inline(self, element, line_start: bool = True, in_table: bool = False) -> str:
        text = self._inline_children(element, in_table).strip(" ")
        text = re.sub(r" *\\\n *", "\\\n", text).strip()
        text = text.removesuffix("\\")
        text = SPAN_MARKS.sub(lambda m: f"[{m.group(2)}]{{lang={m.group(1)}}}" if m.group(2).strip() else m.group(2),
                              text)
        text = ANY_MARK.sub(lambda mark: mark.group(0) if PARAGRAPH_MARK.fullmatch(mark.group(0)) else "", text)
        if line_start:
            text = "\n".join(LINE_START_SYNTAX.sub(_escaped_syntax, line) for line in text.split("\n"))
        return text

    def _inline_children(self, element, in_table: bool) -> str:
        parts = [_escape(SPACES.sub(" ", element.text or ""))]
        for child in element:
            if isinstance(child.tag, str):
                parts.append(self._span(child, in_table))
            parts.append(_escape(SPACES.sub(" ", child.tail or "")))
        return "".join(parts)

    def _span(self, element, in_table: bool) -> str:
        tag = element.tag
        if tag == "br":
            return " " if in_table else "\\\n"
        if tag in ("ul", "ol", "table"):
            return " "
        if tag == "img":
            return self._image(element, None)
        inner = self._inline_children(element, in_table)
        if tag in ("strong", "b", "em", "i"):
            mark = "**" if tag in ("strong", "b") else "*"
            stripped = inner.strip()
            if not ANY_MARK.sub("", stripped):
                return inner
            lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()):]
            return f"{lead}{mark}{stripped}{mark}{trail}"
        if tag == "a":
            href = element.get("href")
            note = NOTE_LINK.match(href or "")
            if note:
                key = f"{note.group(1)}-{note.group(2)}"
                if key not in self.note_order:
                    self.note_order.append(key)
                return f"\\[{self.note_order.index(key) + 1}\\]"
            if not href or href.startswith("#"):
                return inner
            target = f"<{href}>" if re.search(r"[\s()<>]", href) else href
            return f"[{inner.strip()}]({target})" if inner.strip() else ""
        return inner

    def write_notes(self, heading: str) -> None:
        if not self.note_order:
            return
        lines = []
        for number, key in enumerate(self.note_order, start=1):
            note = self.notes.get(key)
            if note is None:
                continue
            for link in note.iter("a"):
                if (link.get("href") or "").startswith("#footnote-ref-") or \
                        (link.get("href") or "").startswith("#endnote-ref-"):
                    link.drop_tree()
            text = " ".join(self._inline(p, line_start=False) for p in note.iter("p")) or self._inline(note, False)
            lines.append(f"{number}. {text.strip()}")
        self._emit([f"## {heading}"], None)
        self._emit(lines, None)
