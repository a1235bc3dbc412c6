"""Warnings about writing that shuts readers out; the build goes on after them.

- link text that says nothing out of context ("click here"), which a screen
  reader user hears in a list of links;
- sentences in capitals, which are harder to read and are shouted by some
  screen readers;
- very long sentences;
- alt text that is a file name or just says "image".
"""

from __future__ import annotations

import re

from .. import model as m
from ..diagnostics import Diagnostics
from ..text.sentences import sentences
from ..text.words import clip, count_words, words

VAGUE_LINK_TEXTS = {
    "click here", "here", "click", "read more", "more", "this link", "link", "this page",
    "find out more", "more info", "more information", "learn more",
}
LONG_SENTENCE_WORDS = 30
VAGUE_ALT_TEXTS = {"image", "picture", "photo", "photograph", "graphic", "chart", "img"}


def check_style(statement: m.Statement, report: Diagnostics) -> None:
    for block in m.walk_blocks(statement.blocks):
        if block.kind in ("paragraph", "heading"):
            _check_links(block.children, block.line, report)
            if block.kind == "paragraph":
                _check_sentences(block.text, block.line, report, statement.acronyms)
        elif block.kind == "figure":
            _check_alt(block, report)


def _check_links(spans: list[m.Inline], line: int, report: Diagnostics) -> None:
    for link in m.links_in(spans):
        text = m.plain_text(link.children).strip().lower().rstrip(".!")
        if text in VAGUE_LINK_TEXTS:
            report.warning(line, f"the link text '{m.plain_text(link.children).strip()}' does not say where it goes",
                           "use words that make sense alone, e.g. 'read the NCA's guidance'")
        elif not text:
            report.warning(line, f"the link to {link.href} has no text",
                           "write the link text in the brackets: [what the page is](https://...)")


def _check_sentences(text: str, line: int, report: Diagnostics, acronyms: dict[str, str]) -> None:
    for sentence in sentences(text):
        ordinary = [w for w in words(sentence) if w not in acronyms]
        if len(ordinary) >= 3 and all(w.isupper() for w in ordinary):
            report.warning(line, f"the sentence '{clip(sentence)}' is in capitals",
                           "write it in sentence case; use **bold** for emphasis")
        length = count_words(sentence)
        if length > LONG_SENTENCE_WORDS:
            report.warning(line, f"a sentence has {length} words ('{clip(sentence)}')",
                           f"split it: sentences over {LONG_SENTENCE_WORDS} words are hard to follow")


def _check_alt(figure: m.Figure, report: Diagnostics) -> None:
    alt = figure.alt.strip().lower().rstrip(".")
    if alt in VAGUE_ALT_TEXTS or re.fullmatch(r"[\w.-]+\.(png|jpe?g|gif|webp)", alt):
        report.warning(figure.line, f"the alt text '{figure.alt}' does not describe the image",
                       "say what the image shows and why it matters, e.g. 'Chart: river level rising above 3 metres'")
