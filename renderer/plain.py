"""The plain-language version and the readability report.

`plain_version(statement)` makes a second Statement (so every template and the
PDF stage render it like the original):

1. the author's own `plain_language` text when the source has one, as it is;
2. otherwise, for English, one generated with the rules in `simplify`:
   "What this is about", "Key points", then every section simplified (long
   quotes as reported speech), then "Words used";
3. otherwise (another language, nothing written) none, with a warning.

The stage writes `<slug>-plain.html`, `-plain.txt`, `-plain.pdf` (large,
easy-read layout) and `<slug>-readability.html`.
"""

from __future__ import annotations

import dataclasses
import io

from . import simplify
from .diagnostics import Diagnostic, Severity
from .model import (BlockQuote, Heading, ListBlock, ListItem, Paragraph, Statement, Strong, Text, block_text,
                    count_words, outline_of, sections_of)
from .pdf import render_pdf_bytes, reading_order_words
from .pdf_checks import check_pdf
from .readability import readability_report
from .stage import BuildContext, Check, OutputFile, Stage
from .style_checks import sentences
from .templating import long_date, render
from .html_checks import check_html_page
from .web import ui_language_attribute

GENERATED_NOTICE = ("This is an automatically simplified version of the statement. "
                    "The full statement is the official version.")
AUTHOR_NOTICE = "This is the plain-language version of the statement, written by {organisation}. " \
                "The full statement is the official version."
LONG_QUOTE_WORDS = 40
KEY_POINTS = 5


def plain_version(statement: Statement) -> tuple[Statement | None, list[Diagnostic]]:
    """The plain-language statement, or None with a warning saying why there is none."""
    if statement.plain_language:
        return _derived(statement, statement.plain_language, "author",
                        AUTHOR_NOTICE.format(organisation=statement.meta.organisation)), []
    if not statement.meta.language.lower().startswith("en"):
        return None, [Diagnostic(Severity.WARNING, statement.source_path, None,
                                 f"no plain-language version was made: the generator only simplifies English, and "
                                 f"this statement is in '{statement.meta.language}'",
                                 "write one yourself in the front matter's 'plain_language' field")]
    return _derived(statement, generate_blocks(statement), "generated", GENERATED_NOTICE), []


def _derived(statement: Statement, blocks: list, origin: str, notice: str) -> Statement:
    return dataclasses.replace(
        statement, blocks=blocks, plain_language=None, plain_version=None, plain_origin=origin, notice=notice,
        word_count=count_words(block_text(b) for b in blocks), outline=outline_of(blocks),
        sections=sections_of(blocks),
        meta=dataclasses.replace(statement.meta, title=f"{statement.meta.title}: plain-language version",
                                 slug=f"{statement.meta.slug}-plain"),
    )


# --- the generator ------------------------------------------------------------


def _heading(text: str, slug: str) -> Heading:
    """A heading the generator adds ("Key points"); its id cannot clash with the source's own."""
    return Heading(level=2, children=[Text(text)], id=f"plain-{slug}", line=0)


def _paragraph(text: str) -> Paragraph:
    return Paragraph(children=[Text(text)], line=0)


def _bullets(items: list[str]) -> ListBlock:
    return ListBlock(ordered=False, items=[ListItem([_paragraph(i)]) for i in items], tight=True, line=0)


def generate_blocks(statement: Statement) -> list:
    meta = statement.meta
    blocks: list = []

    about_source = meta.summary or next((block_text(b) for b in statement.blocks if isinstance(b, Paragraph)), "")
    blocks += [_heading("What this is about", "what-this-is-about"),
               _paragraph(" ".join(simplify.simplify_text(about_source, statement.acronyms, set())))]

    body: list = []
    key_points: list[str] = []
    for section in statement.sections:
        explained: set[str] = set()  # acronyms are written out again in each section
        if section.heading:
            title = simplify.substitute_words(section.heading.text)
            body.append(Heading(level=2, children=[Text(title)], id=section.heading.id, line=0,
                                language=section.heading.language))
        elif section.blocks:
            body.append(_heading("What was said", "what-was-said"))
        for position, block in enumerate(section.blocks):
            following = section.blocks[position + 1] if position + 1 < len(section.blocks) else None
            if _introduces_reported_quote(block, following):
                continue
            body += _simplify_block(block, statement, explained, key_points)

    points = _key_points(key_points, body)
    if points:
        blocks += [_heading("Key points", "key-points"), _bullets(points)]
    blocks += body
    words = words_used(statement, blocks)
    if words:
        items = [ListItem([Paragraph(children=[Strong([Text(word)]), Text(f": {meaning}")], line=0)])
                 for word, meaning in words]
        blocks += [_heading("Words used", "words-used"), ListBlock(ordered=False, items=items, tight=True, line=0)]
    return blocks


def _key_points(first_sentences: list[str], body: list) -> list[str]:
    """Up to KEY_POINTS short sentences, one idea each: the opening sentence of each paragraph first,
    then other short sentences that do not speak in the first person."""
    points = [p for p in first_sentences if simplify.word_count(p) <= 20]
    for block in body:
        if isinstance(block, Paragraph) and not block.language:
            for sentence in sentences(block.text)[1:]:
                if (len(points) < KEY_POINTS and simplify.word_count(sentence) <= 15 and sentence not in points
                        and not simplify.is_first_or_second_person(sentence) and not sentence.endswith(":")
                        and not simplify.leans_on_what_came_before(sentence)):
                    points.append(sentence.strip())
    return points[:KEY_POINTS]


def _introduces_reported_quote(block, following) -> bool:
    """'Ian Critchley said:' just before his long quote: the reported speech names him (and his role)."""
    return (isinstance(block, Paragraph) and block.text.rstrip().endswith(":") and isinstance(following, BlockQuote)
            and _is_long(following) and following.attribution is not None
            and following.attribution.speaker in block.text
            and simplify.keeps_facts(block.text, following.attribution.text))


def _is_long(quote: BlockQuote) -> bool:
    return count_words([block_text(b) for b in quote.blocks]) > LONG_QUOTE_WORDS


def _simplify_block(block, statement: Statement, explained: set[str], key_points: list[str]) -> list:
    acronyms = statement.acronyms
    if isinstance(block, Paragraph):
        if any(span.kind not in ("text", "emphasis", "strong") for span in block.children) or block.language:
            return [block]  # links and other languages stay as written
        parts = simplify.simplify_text(block.text, acronyms, explained)
        if parts and not block.text.rstrip().endswith(":"):
            key_points.append(parts[0])
        return [Paragraph(children=[Text(" ".join(parts))], line=block.line, language=block.language)]
    if isinstance(block, BlockQuote):
        if not _is_long(block) or not block.attribution:
            return [block]  # short quotes are kept word for word
        return _reported_speech(block, statement, explained, key_points)
    if isinstance(block, ListBlock):
        items = []
        for item in block.items:
            items.append(ListItem([b for inner in item.blocks
                                   for b in _simplify_block(inner, statement, explained, [])]))
        return [dataclasses.replace(block, items=items)]
    return [block]  # tables, figures, passages in another language, code: as they are


def _reported_speech(quote: BlockQuote, statement: Statement, explained: set[str], key_points: list[str]) -> list:
    """A long quote as attributed speech: who the speaker is, then "Ian Critchley said that …" for each
    paragraph whose words allow it (no "I", "we", "you"). Paragraphs in the first person stay a quote
    (simplified), since turning "we" into reported speech would mean guessing who "we" are."""
    speaker, role = quote.attribution.speaker, quote.attribution.role
    blocks: list = []
    if role:
        blocks.append(Paragraph(children=[Text(f"{speaker} is {_with_article(role)}.")], line=quote.line))
    first_person: list = []

    def close_quote() -> None:
        if first_person:
            blocks.append(dataclasses.replace(quote, blocks=list(first_person),
                                              attribution=dataclasses.replace(quote.attribution, role=None)))
            first_person.clear()

    for inner in quote.blocks:
        if not isinstance(inner, Paragraph):
            continue
        parts = simplify.simplify_text(inner.text, statement.acronyms, explained)
        if not parts:
            continue
        if any(simplify.is_first_or_second_person(p) for p in parts):
            first_person.append(Paragraph(children=[Text(" ".join(parts))], line=inner.line))
            continue
        close_quote()
        reported = f"{speaker} said that {simplify.lower_first(parts[0])}"
        key_points.append(reported)
        blocks.append(Paragraph(children=[Text(" ".join([reported, *parts[1:]]))], line=inner.line,
                                language=quote.language))
    close_quote()
    return blocks


def _with_article(role: str) -> str:
    """'NPCC Lead for Child Protection' → 'the NPCC Lead for Child Protection'; 'a parent' stays."""
    first = role.split()[0].lower()
    return role if first in ("a", "an", "the") or role[0].islower() and first not in ("lead", "head", "chair") \
        else f"the {role}"


def words_used(statement: Statement, blocks: list) -> list[tuple[str, str]]:
    """The glossary for the plain version: the source's own terms that are used, then the rare
    words the project's word list can explain."""
    text = " ".join(block_text(b) for b in blocks).lower()
    entries: list[tuple[str, str]] = []
    for term, meaning in statement.meta.glossary.items():
        if term.lower() in text:
            entries.append((term, meaning))
    known = {term.lower() for term, _ in entries}
    for word in simplify.hard_words(" ".join(block_text(b) for b in blocks)):
        meaning = simplify.word_list().explain.get(word)
        if meaning and word not in known and not any(word.startswith(k) or k.startswith(word) for k in known):
            entries.append((word, meaning))
            known.add(word)
    return entries


# --- the stage ------------------------------------------------------------------


def render_plain(statement: Statement, context: BuildContext) -> list[OutputFile]:
    slug = statement.meta.slug
    report = readability_report(statement)
    files = []
    plain = statement.plain_version
    if plain is not None:
        page_context = dict(statement=plain, language=plain.meta.language,
                            ui_lang=ui_language_attribute(plain), generator=context.generator, xhtml=False,
                            media_prefix="media/")
        html_name, text_name, pdf_name = f"{slug}-plain.html", f"{slug}-plain.txt", f"{slug}-plain.pdf"
        context.path(html_name).write_text(render("web/statement.html", **page_context), "utf-8")
        files.append(OutputFile(path=html_name, format="plain", label="Plain-language web page",
                                description="The statement in plain language: short sentences and everyday words.",
                                media_type="text/html", checks=check_html_page(context.path(html_name))))
        context.path(text_name).write_text(render("plain/statement.txt", statement=plain), "utf-8")
        files.append(OutputFile(path=text_name, format="plain", label="Plain-language text",
                                description="The plain-language version as plain text, for any device.",
                                media_type="text/plain", checks=[_facts_check(statement, plain)]))
        data = render_pdf_bytes(plain, context.generator, large_print=True)
        context.path(pdf_name).write_bytes(data)
        files.append(OutputFile(path=pdf_name, format="plain", label="Plain-language PDF",
                                description="The plain-language version as a large-print, easy-read PDF.",
                                media_type="application/pdf",
                                checks=check_pdf(io.BytesIO(data), expected_language=plain.meta.language,
                                                 expected_words=reading_order_words(plain), minimum_font_size=18,
                                                 page_furniture=[plain.meta.organisation,
                                                                 long_date(plain.meta.date)])))
    report_name = f"{slug}-readability.html"
    context.path(report_name).write_text(
        render("plain/readability.html", statement=statement, report=report, language="en-GB", ui_lang="",
               generator=context.generator), "utf-8")
    files.append(OutputFile(path=report_name, format="plain", label="Readability report",
                            description="How easy the statement is to read, and what to change to make it easier "
                                        "(for the statement's authors).",
                            media_type="text/html", checks=check_html_page(context.path(report_name))))
    context.summary_lines.append(f"Readability: {report.summary_line()}")
    return files


def _facts_check(statement: Statement, plain: Statement) -> Check:
    missing = missing_facts(statement, plain)
    if plain.plain_origin == "author":  # the authors chose what their plain version says
        return Check("Facts kept", True, "the authors' own plain version" + (
            f"; it leaves out: {', '.join(sorted(missing))}" if missing else ", with every fact of the statement"))
    return Check("Facts kept", not missing,
                 f"missing from the plain version: {', '.join(sorted(missing))}" if missing
                 else "every number, date and name of the statement is in the plain version")


def missing_facts(statement: Statement, plain: Statement) -> set[str]:
    """Numbers, dates and names of the original (text and title) that the plain version lacks."""
    def everything(s: Statement) -> str:
        return "\n".join([s.meta.title, *(block_text(b) for b in s.blocks)])

    return simplify.lost_facts(everything(statement), everything(plain))


STAGE = Stage(name="plain", summary="plain-language version and readability report", render=render_plain,
              reads_plain_version=True)
