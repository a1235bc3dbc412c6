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

The added phrases come from `data/speech_phrases.yaml`, per language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

import yaml
from num2words import num2words

from . import model as m
from .style_checks import sentences

PAUSE_SENTENCE = 0.3
PAUSE_ITEM = 0.5
PAUSE_PARAGRAPH = 0.7
PAUSE_HEADING = 0.8  # after a heading, and after the opening announcement
PAUSE_SECTION = 1.5  # at the end of a chapter, before the next heading


@dataclass
class Utterance:
    caption: str  # the words as written, shown in the captions
    spoken: str  # the words as the voice should say them
    language: str
    pause: float  # seconds of silence after it


@dataclass
class Chapter:
    title: str
    utterances: list[Utterance] = field(default_factory=list)


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


@lru_cache(maxsize=1)
def _all_phrases() -> dict[str, dict]:
    return yaml.safe_load(resources.files("renderer").joinpath("data/speech_phrases.yaml").read_text("utf-8"))


def phrases_for(language: str) -> dict | None:
    """The added phrases in a language, or None when they are not written yet."""
    return _all_phrases().get(primary_language(language))


def primary_language(language: str) -> str:
    return language.split("-")[0].lower()


def speech_script(statement: m.Statement) -> SpeechScript:
    return _ScriptWriter(statement).write()


# --- the script writer ------------------------------------------------------------------


class _ScriptWriter:
    def __init__(self, statement: m.Statement):
        self.statement = statement
        self.language = statement.meta.language
        self.words = SpokenWords(statement.acronyms)
        self.chapters: list[Chapter] = []
        self.untranslated: list[str] = []

    def phrases(self, language: str) -> dict:
        found = phrases_for(language)
        if found is None:
            if primary_language(language) not in self.untranslated:
                self.untranslated.append(primary_language(language))
            return _all_phrases()["en"]
        return found

    def say(self, caption: str, language: str, pause: float, links: list[m.Link] = ()) -> None:
        spoken = self.words.spoken(caption, language, self.phrases(language), links)
        if spoken.strip(" .,;:"):
            self.chapters[-1].utterances.append(Utterance(caption.strip(), spoken.strip(), language, pause))

    def say_sentences(self, text: str, language: str, pause: float, links: list[m.Link] = ()) -> None:
        found = sentences(text) if text.strip() else []
        for position, sentence in enumerate(found):
            self.say(sentence, language, pause if position == len(found) - 1 else PAUSE_SENTENCE, links)

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
        self.say(meta.title, self.language, PAUSE_PARAGRAPH)
        self.say(phrases["statement_from"].format(organisation=meta.organisation), self.language, PAUSE_SENTENCE)
        self.say(phrases["published"].format(date=written_date(meta.date, self.language)), self.language,
                 PAUSE_HEADING)
        if statement.notice:
            self.say_sentences(statement.notice, self.language, PAUSE_HEADING)
        for section in statement.sections:
            if section.heading:
                self.end_pause(PAUSE_SECTION)
                self.chapters.append(Chapter(section.heading.text))
                self.say(section.heading.text, section.heading.language or self.language, PAUSE_HEADING)
            self.blocks(section.blocks, self.language)
        self.contact_and_end()
        return SpeechScript(title=meta.title, language=self.language,
                            chapters=[c for c in self.chapters if c.utterances],
                            untranslated_languages=self.untranslated)

    def blocks(self, blocks: list[m.Block], language: str) -> None:
        previous = None
        for block in blocks:
            self.block(block, block.language or language, previous)
            previous = block

    def block(self, block: m.Block, language: str, previous: m.Block | None = None) -> None:
        phrases = self.phrases(language)
        if isinstance(block, m.Heading):
            self.end_pause(PAUSE_HEADING)
            self.say(block.text, language, PAUSE_HEADING)
        elif isinstance(block, m.Paragraph):
            self.say_sentences(block.text, language, PAUSE_PARAGRAPH, _links(block.children))
        elif isinstance(block, m.BlockQuote):
            self.quote(block, language, previous)
        elif isinstance(block, m.ListBlock):
            for number, item in enumerate(block.items, start=block.start):
                prefix = f"{number}. " if block.ordered else ""
                for inner in item.blocks:
                    if isinstance(inner, m.Paragraph):
                        self.say_sentences(prefix + inner.text, inner.language or language, PAUSE_ITEM,
                                           _links(inner.children))
                        prefix = ""
                    else:
                        self.block(inner, inner.language or language)
            self.end_pause(PAUSE_PARAGRAPH)
        elif isinstance(block, m.Table):
            self.table(block, language, phrases)
        elif isinstance(block, m.Figure):
            self.say(phrases["image"].format(alt=block.alt), language, PAUSE_SENTENCE)
            if block.caption and block.caption.strip() != block.alt.strip():
                self.say(block.caption, language, PAUSE_PARAGRAPH)
            self.end_pause(PAUSE_PARAGRAPH)
        elif isinstance(block, m.CodeBlock):
            for line in block.text.splitlines():
                self.say(line, language, PAUSE_SENTENCE)
            self.end_pause(PAUSE_PARAGRAPH)
        elif isinstance(block, m.ThematicBreak):
            self.end_pause(PAUSE_SECTION)  # decorative: a longer pause, nothing said
        elif isinstance(block, m.Passage):
            self.blocks(block.blocks, block.language)

    def quote(self, block: m.BlockQuote, language: str, previous: m.Block | None) -> None:
        """ "Ian Critchley said:" before the quote, unless the paragraph just read has said so already."""
        phrases = self.phrases(language)
        speaker = block.attribution.speaker if block.attribution else None
        introduced = (isinstance(previous, m.Paragraph) and previous.text.rstrip().endswith(":")
                      and (speaker is None or speaker in previous.text))
        self.say(phrases["quote"] if introduced or not speaker else phrases["said"].format(speaker=speaker),
                 language, PAUSE_SENTENCE)
        self.blocks(block.blocks, language)
        self.say(phrases["end_of_quote"], language, PAUSE_PARAGRAPH)

    def table(self, block: m.Table, language: str, phrases: dict) -> None:
        caption = m.plain_text(block.caption) if block.caption else ""
        self.say(phrases["table"].format(caption=caption) if caption else phrases["table_untitled"], language,
                 PAUSE_ITEM)
        headers = [cell.text for cell in block.header]
        for row in block.rows:
            cells = [f"{header}: {cell.text}" if header else cell.text for header, cell in zip(headers, row)]
            self.say(", ".join(cells) + ".", language, PAUSE_ITEM)
        self.end_pause(PAUSE_PARAGRAPH)

    def contact_and_end(self) -> None:
        phrases = self.phrases(self.language)
        contact = self.statement.meta.contact
        if contact and (contact.name or contact.email or contact.phone):
            self.end_pause(PAUSE_SECTION)
            self.chapters.append(Chapter(phrases["contact_chapter"]))
            if contact.name:
                self.say(phrases["contact_name"].format(name=contact.name), self.language, PAUSE_SENTENCE)
            if contact.email:
                self.say(phrases["email"].format(email=contact.email), self.language, PAUSE_SENTENCE)
            if contact.phone:
                caption = phrases["phone"].format(phone=contact.phone)
                spoken = phrases["phone"].format(phone=spoken_digits(contact.phone, self.language))
                self.chapters[-1].utterances.append(Utterance(caption, spoken, self.language, PAUSE_SENTENCE))
        self.end_pause(PAUSE_HEADING)
        self.say(phrases["end"], self.language, 0.0)


def _links(spans: list[m.Inline]) -> list[m.Link]:
    found = []
    for span in spans:
        if isinstance(span, m.Link):
            found.append(span)
        elif hasattr(span, "children"):
            found += _links(span.children)
    return found


# --- words as they should be said -------------------------------------------------------------

MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
MONTH = "(" + "|".join(MONTHS_EN) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
ORDINAL_SUFFIX = r"(?:st|nd|rd|th)?"
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\"]*[^\s<>()\".,;:!?'’]")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
SLASH_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
DAY_RANGE_MONTH = re.compile(rf"\b(\d{{1,2}}){ORDINAL_SUFFIX}\s*(?:to|–|-)\s*(\d{{1,2}}){ORDINAL_SUFFIX}\s+{MONTH}"
                             r"(?:,?\s+(\d{4}))?\b")
DAY_MONTH = re.compile(rf"\b(\d{{1,2}}){ORDINAL_SUFFIX}\s+{MONTH}(?:,?\s+(\d{{4}}))?\b")
MONTH_DAY = re.compile(rf"\b{MONTH}\s+(\d{{1,2}}){ORDINAL_SUFFIX}(?:,\s*(\d{{4}}))?\b(?!\s*(?:%|per))")
MONTH_YEAR = re.compile(rf"\b{MONTH}\s+(\d{{4}})\b")
CLOCK_12 = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)(?=\W|$)", re.IGNORECASE)
CLOCK_24 = re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)\b")
MONEY = re.compile(r"([£$€])\s?(\d[\d,]*(?:\.\d+)?)(?:\s*(bn|billion|m|million|k|thousand)\b)?")
PERCENT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s?(%|per ?cent\b)")
ORDINAL = re.compile(r"\b(\d+)(st|nd|rd|th)\b")
UNIT = re.compile(r"\b(\d+(?:\.\d+)?)\s?(cm|mm|km|kg|mph|km/h)\b")
YEAR_AFTER = re.compile(r"\b(in|since|from|until|till|by|of|during|before|after|year)\s+"
                        r"(1[5-9]\d\d|20\d\d)\b(?![.,]\d)", re.IGNORECASE)
PHONE = re.compile(r"(?<![\w.])(?:\+\d{1,3}[ -]?)?\(?0\d{2,4}\)?(?:[ -]?\d{3,4}){1,2}\b")
NUMBER_TO_CALL = re.compile(r"\b(call|dial|phone|ring|text)\s+(\d{3,}(?:[ -]\d+)*)\b", re.IGNORECASE)
NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.])\d+(?:\.\d+)?(?![\w])")
SCALES = {"bn": "billion", "billion": "billion", "m": "million", "million": "million", "k": "thousand",
          "thousand": "thousand"}
CURRENCIES = {"£": ("pound", "pounds", "penny", "pence"), "$": ("dollar", "dollars", "cent", "cents"),
              "€": ("euro", "euros", "cent", "cents")}
DIGIT_NAMES = "zero one two three four five six seven eight nine".split()
UNITS = {"cm": "centimetres", "mm": "millimetres", "km": "kilometres", "kg": "kilograms", "mph": "miles per hour",
         "km/h": "kilometres per hour"}


class SpokenWords:
    """Turns written text into the words a voice should say; remembers which acronyms it has expanded."""

    def __init__(self, acronyms: dict[str, str]):
        self.acronyms = acronyms
        self.introduced: set[str] = set()
        names = sorted(acronyms, key=len, reverse=True)
        self.acronym_pattern = re.compile(r"(\(\s*)?(?<![\w-])(" + "|".join(map(re.escape, names)) +
                                          r")(s?)(?![\w-])(\s*\))?") if names else None

    def spoken(self, text: str, language: str, phrases: dict, links: list[m.Link] = ()) -> str:
        english = primary_language(language) == "en"
        text = self._links(text, phrases, links)
        text = URL.sub(lambda match: phrases["link"].format(domain=spoken_domain(match.group(0), phrases)), text)
        text = EMAIL.sub(lambda match: spoken_email(match.group(0), phrases), text)
        text = self._acronyms(text)
        text = SLASH_DATE.sub(lambda match: _written_date(match, language, phrases), text)
        text = ISO_DATE.sub(lambda match: _written_date(match, language, phrases, iso=True), text)
        if english:
            text = english_numbers(text, language)
        return re.sub(r"\s+", " ", text)

    def _links(self, text: str, phrases: dict, links: list[m.Link]) -> str:
        """After each link's own words, say where it goes; a link whose words are its address becomes just that."""
        for link in links:
            words = m.plain_text(link.children).strip()
            if not words or words not in text:
                continue
            if not urlsplit(link.href).hostname:
                continue  # mailto:, tel:, a link inside the document: its words (an address, a number) are enough
            where = phrases["link"].format(domain=spoken_domain(link.href, phrases))
            if URL.fullmatch(words) or words.lower().removeprefix("www.") in link.href.lower():
                text = text.replace(words, where, 1)
            else:
                text = text.replace(words, f"{words}, {where},", 1)
        return tidy_commas(text)

    def _acronyms(self, text: str) -> str:
        if not self.acronym_pattern:
            return text

        def replace(match: re.Match) -> str:
            opening, acronym, plural, closing = match.groups()
            letters = spelled(acronym) + plural
            if opening and closing:  # "National Crime Agency (NCA)": the name was just said
                self.introduced.add(acronym)
                return f", {letters},"
            said = (opening or "") + (
                letters if acronym in self.introduced else f"{self.acronyms[acronym]}, {letters},") + (closing or "")
            self.introduced.add(acronym)
            return said

        return tidy_commas(self.acronym_pattern.sub(replace, text))


def tidy_commas(text: str) -> str:
    """The commas an expansion adds, without doubled or stray punctuation: "N.C.A.," + "." → "N.C.A."."""
    text = re.sub(r"\s+,", ",", text)
    text = re.sub(r",\s*([.!?;:,)])", r"\1", text)
    return re.sub(r"\.{2}(?!\.)", ".", text)


def spelled(acronym: str) -> str:
    """ "NCA" → "N.C.A.", "E2EE" → "E. two E.E.": letters a voice says one by one, digits as words."""
    parts = []
    for run in re.findall(r"[A-Za-z]+|\d+", acronym):
        parts.append(num2words(int(run)) if run.isdigit() else "".join(f"{letter.upper()}." for letter in run))
    return " ".join(parts)


def spoken_domain(address: str, phrases: dict) -> str:
    host = urlsplit(address if "//" in address else f"http://{address}").hostname or address
    host = host.removeprefix("www.")
    return f" {phrases['dot']} ".join(host.split("."))


def spoken_email(address: str, phrases: dict) -> str:
    local, _, domain = address.partition("@")
    local = f" {phrases['dot']} ".join(local.split("."))
    return f"{local} {phrases['at']} {spoken_domain(domain, phrases)}"


def spoken_digits(number: str, language: str) -> str:
    """A phone number digit by digit, its groups separated by commas: "0 1 2 3 4, 5 6 7 8 9 0"."""
    groups = re.findall(r"\+?\d+", number)
    if primary_language(language) != "en":
        return ", ".join(" ".join(group) for group in groups)
    return ", ".join(" ".join("plus" if c == "+" else DIGIT_NAMES[int(c)] for c in group) for group in groups)


def written_date(date, language: str) -> str:
    """The date as the statement's language writes it: "22 April 2024", "22 Ebrill 2024", "April 22, 2024"."""
    months = (phrases_for(language) or _all_phrases()["en"])["months"]
    if language.lower() == "en-us":
        return f"{months[date.month - 1]} {date.day}, {date.year}"
    return f"{date.day} {months[date.month - 1]} {date.year}"


def _written_date(match: re.Match, language: str, phrases: dict, iso: bool = False) -> str:
    """24/11/2026 or 2026-11-24 → "24 November 2026" (month first in en-US)."""
    if iso:
        year, month, day = (int(g) for g in match.groups())
    else:
        first, second, year = (int(g) for g in match.groups())
        day, month = (second, first) if language.lower() == "en-us" else (first, second)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return match.group(0)
    return f"{day} {phrases['months'][month - 1]} {year}"


# --- English numbers ----------------------------------------------------------------------


def _number_words(written: str) -> str:
    """ "1,500" → "one thousand five hundred"; "3.0" → "three point zero" (decimals digit by digit)."""
    whole, _, decimals = written.replace(",", "").partition(".")
    if not whole.isdigit() or (decimals and not decimals.isdigit()):
        return written
    said = num2words(int(whole)).replace(",", "")
    if decimals:
        said += " point " + " ".join(DIGIT_NAMES[int(d)] for d in decimals)
    return said


def _ordinal(day: str) -> str:
    return num2words(int(day), to="ordinal")


def _year(year: str | None) -> str:
    return num2words(int(year), to="year") if year else ""


def _month(name: str) -> str:
    return next((full for full in MONTHS_EN if full.lower().startswith(name.lower().rstrip("."))), name)


def english_numbers(text: str, language: str = "en-GB") -> str:
    """Numbers, dates, times, money, percentages and units as English words."""
    american = language.lower() == "en-us"

    def day_month(match: re.Match) -> str:
        day, month, year = match.groups()
        said = f"{_month(month)} {_ordinal(day)}" if american else f"the {_ordinal(day)} of {_month(month)}"
        return f"{said}, {_year(year)}" if year else said

    def day_range(match: re.Match) -> str:
        first, last, month, year = match.groups()
        said = f"the {_ordinal(first)} to the {_ordinal(last)} of {_month(month)}"
        return f"{said}, {_year(year)}" if year else said

    def month_day(match: re.Match) -> str:
        month, day, year = match.groups()
        said = f"{_month(month)} {_ordinal(day)}"
        return f"{said}, {_year(year)}" if year else said

    def clock_12(match: re.Match) -> str:
        hour, minutes, half = match.groups()
        said = num2words(int(hour))
        if minutes and minutes != "00":
            said += " " + (f"oh {num2words(int(minutes))}" if minutes.startswith("0") else num2words(int(minutes)))
        return f"{said} {'a m' if half.lower().startswith('a') else 'p m'}"

    def clock_24(match: re.Match) -> str:
        hour, minutes = match.groups()
        said = num2words(int(hour)) if hour != "00" else "zero"
        if minutes == "00":
            return f"{said} hundred"
        return f"{said} " + (f"oh {num2words(int(minutes))}" if minutes.startswith("0") else num2words(int(minutes)))

    def money(match: re.Match) -> str:
        symbol, amount, scale = match.groups()
        one, many, small_one, small_many = CURRENCIES[symbol]
        if scale:
            return f"{_number_words(amount)} {SCALES[scale.lower()]} {many}"
        value = Decimal(amount.replace(",", ""))
        whole, cents = int(value), int((value - int(value)) * 100)
        if whole == 0 and cents:
            return f"{num2words(cents)} {small_one if cents == 1 else small_many}"
        said = f"{num2words(whole)} {one if whole == 1 else many}"
        return f"{said} {num2words(cents)}" if cents else said

    def percent(match: re.Match) -> str:
        return f"{_number_words(match.group(1))} {'percent' if american else 'per cent'}"

    def unit(match: re.Match) -> str:
        name = UNITS[match.group(2)]
        if american:
            name = name.replace("metres", "meters")
        return f"{_number_words(match.group(1))} {name}"

    text = DAY_RANGE_MONTH.sub(day_range, text)
    text = DAY_MONTH.sub(day_month, text)
    text = MONTH_DAY.sub(month_day, text)
    text = MONTH_YEAR.sub(lambda match: f"{_month(match.group(1))} {_year(match.group(2))}", text)
    text = CLOCK_12.sub(clock_12, text)
    text = CLOCK_24.sub(clock_24, text)
    text = MONEY.sub(money, text)
    text = PERCENT.sub(percent, text)
    text = UNIT.sub(unit, text)
    text = ORDINAL.sub(lambda match: _ordinal(match.group(1)), text)
    text = NUMBER_TO_CALL.sub(lambda match: f"{match.group(1)} {spoken_digits(match.group(2), language)}", text)
    text = PHONE.sub(lambda match: spoken_digits(match.group(0), language), text)
    text = YEAR_AFTER.sub(lambda match: f"{match.group(1)} {_year(match.group(2))}", text)
    return NUMBER.sub(lambda match: _number_words(match.group(0)), text)
