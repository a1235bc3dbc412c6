"""The speech script: the statement prepared for listening, built from the model.

A script is a list of chapters (the opening, one per section, the contact
details), each a list of utterances. An utterance is one sentence or short
announcement: its words as written (for the captions), its words as the voice
should say them, its language, and the pause after it.

What a listener needs that a reader gets from the page is spoken:

- the title, the organisation and the date first;
- headings with pauses around them; list items with pauses between;
- each block quote introduced by its speaker ("Ian Critchley said:") and
  closed ("End of quote.");
- acronyms expanded the first time ("the National Crime Agency, N.C.A."),
  then spelled letter by letter;
- numbers, dates, times, money and percentages as words (English), links as
  "link: <domain>", images as "Image: <alt text>";
- the contact details and "End of statement." last.

The added phrases come from the message catalogue (`data/messages.yaml`); the
written words become spoken ones in `spoken.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ... import model as m
from ...editions import Edition
from ...model.statement import ends_release
from ...text.dates import long_date
from ...text.messages import in_catalogue, messages, primary_language
from ...text.pronunciations import Lexicon
from ...text.sentences import sentences
from .spoken import SpokenWords, spoken_digits

PAUSE_SENTENCE = 0.3
PAUSE_ITEM = 0.5
PAUSE_PARAGRAPH = 0.7
PAUSE_HEADING = 0.8  # after a heading, and after the opening announcement
PAUSE_SECTION = 1.5  # at the end of a chapter, before the next heading
PART_TITLE_WORDS = 8  # a sub-chapter named by its paragraph's first words: at most this many


@dataclass
class Utterance:
    caption: str  # the words as written, shown in the captions
    spoken: str  # the words as the voice should say them
    language: str
    pause: float  # seconds of silence after it
    target: str | None = None  # the id of the sentence's span in the read-along text (model.ReadAlong)


@dataclass
class Part:
    """A sub-chapter: one paragraph, quote, list or table of a chapter (where a listener can skip to)."""

    title: str
    first: int  # the index of its first utterance in the chapter


@dataclass
class Chapter:
    title: str
    utterances: list[Utterance] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)  # none, or two or more that run from its start to its end


@dataclass
class SpeechScript:
    title: str
    language: str
    chapters: list[Chapter]
    # languages the added phrases are not written in (read with the English ones)
    untranslated_languages: list[str] = field(default_factory=list)

    @property
    def utterances(self) -> list[Utterance]:
        return [u for chapter in self.chapters for u in chapter.utterances]


def introduces(previous: m.Block | None, quote: m.BlockQuote) -> bool:
    """Whether a paragraph leads into the quote after it and names its speaker ("Ian Critchley said:"): the quote
    is then read as "Quote:" and its attribution is not said again."""
    speaker = quote.attribution.speaker if quote.attribution else None
    return (previous is not None and previous.kind == "paragraph" and previous.text.rstrip().endswith(":")
            and (speaker is None or speaker in previous.text))


def statement_lexicon(statement: m.Statement) -> Lexicon:
    """The statement's pronunciations: the project's, its PLS file (only inside its own folder), its own."""
    folder = statement.source_path.parent.resolve()
    named = statement.meta.pronounce_file
    path = (folder / named).resolve() if named else None
    usable = path is not None and path.is_relative_to(folder) and path.suffix.lower() == ".pls" and path.is_file()
    return Lexicon.for_statement(statement.meta.language, statement.meta.pronounce, path if usable else None)


def speech_script(edition: Edition, read_along: m.ReadAlong | None = None) -> SpeechScript:
    """What to say for an edition. `read_along` names the elements of the text it is read with (by default
    the edition's own; for one language of a bilingual statement, the whole statement's)."""
    return _ScriptWriter(edition, read_along).write()


# --- the script writer ------------------------------------------------------------------


class _ScriptWriter(m.BlockVisitor[None]):
    def __init__(self, edition: Edition, read_along: m.ReadAlong | None = None):
        self.edition = edition
        self.statement = statement = edition.statement
        self.language = statement.meta.language
        self.block_language = self.language  # the language of the block being read
        self.previous: m.Block | None = None  # the block read just before it
        self.part_block: m.Block | None = None  # the block the last sub-chapter started with
        self.words = SpokenWords(statement.acronyms, statement_lexicon(statement))
        self.read_along = read_along or m.ReadAlong(statement.blocks)  # the sentences, and the text's ids
        self.chapters: list[Chapter] = []
        self.untranslated: list[str] = []

    def phrases(self, language: str) -> dict:
        if not in_catalogue(language) and primary_language(language) not in self.untranslated:
            self.untranslated.append(primary_language(language))
        return messages(language)

    def say(self, caption: str, language: str, pause: float, links: list[m.Link] = (), target: str | None = None) -> None:
        spoken = self.words.spoken(caption, language, self.phrases(language), links)
        if re.search(r"\w", spoken):  # (a paragraph of a lone dash says nothing: no silent, empty caption)
            self.chapters[-1].utterances.append(Utterance(caption.strip(), spoken.strip(), language, pause, target))

    def say_paragraph(self, block: m.Paragraph, language: str, pause: float, prefix: str = "") -> None:
        """A paragraph sentence by sentence, each marked with its span in the read-along text."""
        found = self.read_along.of(block)
        for position, sentence in enumerate(found):
            self.say((prefix if position == 0 else "") + sentence.text, language,
                     pause if position == len(found) - 1 else PAUSE_SENTENCE, m.links_in(block.children), sentence.id)

    def say_sentences(self, text: str, language: str, pause: float, links: list[m.Link] = (),
                      target: str | None = None) -> None:
        """Text the page shows as one element (`target`): its first sentence points to it."""
        found = sentences(text) if text.strip() else []
        for position, sentence in enumerate(found):
            self.say(sentence, language, pause if position == len(found) - 1 else PAUSE_SENTENCE, links,
                     target if position == 0 else None)

    def end_pause(self, seconds: float) -> None:
        """Lengthen the pause after the last thing said (never shorten it)."""
        if self.chapters and self.chapters[-1].utterances:
            last = self.chapters[-1].utterances[-1]
            last.pause = max(last.pause, seconds)

    # --- the parts of a statement ------------------------------------------

    def write(self) -> SpeechScript:
        statement, meta = self.statement, self.statement.meta
        phrases = self.phrases(self.language)
        self.chapters.append(Chapter(meta.title))
        self.say(meta.title, self.language, PAUSE_PARAGRAPH, target="title")
        self.say(phrases["statement_from"].format(organisation=meta.organisation), self.language, PAUSE_SENTENCE)
        self.say(phrases["published"].format(date=long_date(meta.date, self.language)), self.language,
                 PAUSE_HEADING, target="published")
        if self.edition.notice:
            self.say_sentences(self.edition.notice, self.language, PAUSE_HEADING, target="notice")
        for section in statement.sections:
            if section.heading:
                self.end_pause(PAUSE_SECTION)
                self.chapters.append(Chapter(section.heading.text))
                self.say(section.heading.text, section.heading.language or self.language, PAUSE_HEADING,
                         target=section.heading.id)
            self.blocks(section.blocks, self.language, parts=True)
        self.contact_and_end()
        for chapter in self.chapters:
            self.finish_parts(chapter)
        return SpeechScript(title=meta.title, language=self.language,
                            chapters=[c for c in self.chapters if c.utterances],
                            untranslated_languages=self.untranslated)

    def blocks(self, blocks: list[m.Block], language: str, parts: bool = False, first_part: bool = True) -> None:
        """Read blocks in order; with `parts`, each (but the first, without `first_part`) starts a sub-chapter
        of the chapter it is read in."""
        outer_language, outer_previous = self.block_language, self.previous
        self.previous = None
        for position, block in enumerate(blocks):
            self.block_language = block.language or language
            if parts and (first_part or position):
                self.start_part(block)
            self.visit(block)
            self.previous = block
        self.block_language, self.previous = outer_language, outer_previous

    def start_part(self, block: m.Block) -> None:
        """A sub-chapter for a block a listener may want to skip to: a paragraph (named by its first words), a
        quote ("Ian Critchley said", unless the paragraph before it introduces it) and each later paragraph of
        it, a list, a table."""
        self.part_block = block
        chapter = self.chapters[-1]
        if block.kind == "break" or (block.kind == "blockquote" and self.introduced(block)):
            return
        if block.kind == "blockquote" and block.attribution:
            title = self.phrases(self.block_language)["said"].format(speaker=block.attribution.speaker)
        else:
            lines = m.block_text(block).strip().splitlines()
            title = sentences(lines[0])[0] if lines and lines[0].strip() else ""
        words = title.split()
        title = " ".join(words[:PART_TITLE_WORDS]).rstrip(" :;,.") + ("…" if len(words) > PART_TITLE_WORDS else "")
        if title:
            chapter.parts.append(Part(title, len(chapter.utterances)))

    @staticmethod
    def finish_parts(chapter: Chapter) -> None:
        """Sub-chapters that run from the chapter's start to its end, where there are two or more: the first
        takes the chapter's own title (it holds what is read before its first block, the heading or opening);
        a part with nothing read in it is dropped."""
        parts = [part for part, following in zip(chapter.parts, [*chapter.parts[1:], None])
                 if part.first < (following.first if following else len(chapter.utterances))]
        if parts:
            parts[0] = Part(chapter.title, 0)
        chapter.parts = parts if len(parts) >= 2 else []

    def introduced(self, block: m.BlockQuote) -> bool:
        return introduces(self.previous, block)

    def visit_heading(self, block: m.Heading) -> None:
        self.end_pause(PAUSE_HEADING)
        self.say(block.text, self.block_language, PAUSE_HEADING, target=block.id)

    def visit_paragraph(self, block: m.Paragraph) -> None:
        if ends_release(block):
            return  # "ENDS" marks the end of the release for journalists; the listener hears "End of statement."
        self.say_paragraph(block, self.block_language, PAUSE_PARAGRAPH)

    def visit_blockquote(self, block: m.BlockQuote) -> None:
        """ "Ian Critchley, National Police Chiefs' Council lead, said:" before the quote (who and what they are,
        as the page shows under it), unless the paragraph just read has said so already."""
        language = self.block_language
        phrases = self.phrases(language)
        speaker = block.attribution.speaker if block.attribution else None
        role = block.attribution.role if block.attribution else None
        lead_in = phrases["quote"] if self.introduced(block) or not speaker else \
            phrases["said_as"].format(speaker=speaker, role=role) if role else phrases["said"].format(speaker=speaker)
        self.say(lead_in, language, PAUSE_SENTENCE, target=self.read_along.element_id(block))
        self.blocks(block.blocks, language, parts=self.part_block is block, first_part=False)
        self.say(phrases["end_of_quote"], language, PAUSE_PARAGRAPH)

    def visit_list(self, block: m.ListBlock) -> None:
        language = self.block_language
        for number, item in enumerate(block.items, start=block.start):
            prefix = f"{number}. " if block.ordered else ""
            for inner in item.blocks:
                if inner.kind == "paragraph":
                    self.say_paragraph(inner, inner.language or language, PAUSE_ITEM, prefix)
                    prefix = ""
                else:
                    self.blocks([inner], language)
        self.end_pause(PAUSE_PARAGRAPH)

    def visit_table(self, block: m.Table) -> None:
        language = self.block_language
        phrases = self.phrases(language)
        caption = m.plain_text(block.caption) if block.caption else ""
        self.say(phrases["table"].format(caption=caption) if caption else phrases["table_untitled"], language,
                 PAUSE_ITEM, target=self.read_along.element_id(block))
        headers = [cell.text for cell in block.header]
        for number, row in enumerate(block.rows, start=1):
            cells = [f"{header}: {cell.text}" if header else cell.text for header, cell in zip(headers, row)]
            self.say(", ".join(cells) + ".", language, PAUSE_ITEM, target=self.read_along.row_id(block, number))
        self.end_pause(PAUSE_PARAGRAPH)

    def visit_figure(self, block: m.Figure) -> None:
        language = self.block_language
        self.say(self.phrases(language)["image"].format(alt=block.alt), language, PAUSE_SENTENCE,
                 target=self.read_along.element_id(block))
        if block.caption and block.caption.strip() != block.alt.strip():
            self.say(block.caption, language, PAUSE_PARAGRAPH)
        self.end_pause(PAUSE_PARAGRAPH)

    def visit_codeblock(self, block: m.CodeBlock) -> None:
        for number, line in enumerate(block.text.splitlines()):
            self.say(line, self.block_language, PAUSE_SENTENCE,
                     target=self.read_along.element_id(block) if number == 0 else None)
        self.end_pause(PAUSE_PARAGRAPH)

    def visit_break(self, block: m.ThematicBreak) -> None:
        self.end_pause(PAUSE_SECTION)  # decorative: a longer pause, nothing said

    def visit_passage(self, block: m.Passage) -> None:
        self.blocks(block.blocks, block.language)

    def contact_and_end(self) -> None:
        phrases = self.phrases(self.language)
        contact = self.statement.meta.contact
        if contact and (contact.name or contact.email or contact.phone):
            self.end_pause(PAUSE_SECTION)
            self.chapters.append(Chapter(phrases["contact_chapter"]))
            if contact.name:
                self.say(phrases["contact_name"].format(name=contact.name), self.language, PAUSE_SENTENCE,
                         target="contact")
            if contact.email:
                self.say(phrases["email"].format(email=contact.email), self.language, PAUSE_SENTENCE)
            if contact.phone:
                caption = phrases["phone"].format(phone=contact.phone)
                spoken = phrases["phone"].format(phone=spoken_digits(contact.phone, self.language))
                self.chapters[-1].utterances.append(Utterance(caption, spoken, self.language, PAUSE_SENTENCE))
        self.end_pause(PAUSE_HEADING)
        self.say(phrases["end"], self.language, 0.0)
