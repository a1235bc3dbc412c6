"""Written words as a voice should say them: links, addresses, acronyms, dates, numbers, money, units."""

from __future__ import annotations

import re
from decimal import Decimal
from urllib.parse import urlsplit

from num2words import num2words

from ... import model as m
from ...text.acronyms import AcronymTracker
from ...text.dates import MONTH_NAME, dates_in_full, english_month
from ...text.messages import messages, primary_language
from ...text.pronunciations import Lexicon
from ...text.words import EMAIL, URL
from .listening import DAYS, SCALES, WRITTEN_NUMBER, for_listening, is_short_code, said_digits, spelled, split_name

MONTH = MONTH_NAME
ORDINAL_SUFFIX = r"(?:st|nd|rd|th)?"
DAY_RANGE_MONTH = re.compile(rf"\b(\d{{1,2}}){ORDINAL_SUFFIX}\s*(?:to|–|-)\s*(\d{{1,2}}){ORDINAL_SUFFIX}\s+{MONTH}"
                             r"(?:,?\s+(\d{4}))?\b")
DAY_MONTH = re.compile(rf"\b(\d{{1,2}}){ORDINAL_SUFFIX}\s+{MONTH}(?:,?\s+(\d{{4}}))?\b")
MONTH_DAY = re.compile(rf"\b{MONTH}\s+(\d{{1,2}}){ORDINAL_SUFFIX}(?:,\s*(\d{{4}}))?\b(?!\s*(?:%|per))")
# "Oct – May" (a range of dates is DAY_RANGE_MONTH)
MONTH_RANGE = re.compile(rf"\b{MONTH}\s?(?:[–-]|to)\s?{MONTH}(?!\w|\s*\d)")
MONTH_YEAR = re.compile(rf"\b{MONTH},?\s+(\d{{4}})\b")
CLOCK_12 = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)(?=\W|$)", re.IGNORECASE)
CLOCK_24 = re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)\b")
MONEY = re.compile(rf"([£$€])\s?({WRITTEN_NUMBER})(?:\s*(bn|billion|m|million|k|thousand)\b)?")
PERCENT = re.compile(rf"({WRITTEN_NUMBER})\s?(%|per ?cent\b)")
ORDINAL = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+)(st|nd|rd|th)\b")  # "21st", "10,000th"
UNIT = re.compile(r"\b(\d+(?:\.\d+)?)\s?(cm|mm|km|kg|mph|km/h)\b")
YEAR_PREFIXED = re.compile(r"\b(mid|pre|post|early|late)-(1[5-9]\d\d|20\d\d)\b")  # "mid-2025", "pre-2020"
# a range of sums ("£10-15m", "£2–£3"): said once with the currency, "ten to fifteen million pounds"
MONEY_RANGE = re.compile(rf"([£$€])\s?({WRITTEN_NUMBER})\s?[–-]\s?[£$€]?({WRITTEN_NUMBER})"
                         r"(?:\s*(bn|billion|m|million|k|thousand)\b)?")
YEAR_AFTER = re.compile(r"\b(in|since|from|until|till|by|of|during|before|after|year|early|late|spring|summer|autumn|"
                        r"winter|Q[1-4]|H[12])\s+"
                        r"(1[5-9]\d\d|20\d\d)\b(?![.,]\d)", re.IGNORECASE)
# a UK or international number, and the other endings it may be written with ("020 3080 6826 / 7205")
PHONE = re.compile(r"(?<![\w.])(?:(?:\+\d{1,3}[ -]?)?\(?0\d{2,4}\)?(?:[ -]?\d{3,4}){1,2}"
                   r"|\+\d{1,3}(?:[ -]\(?\d{1,8}\)?){1,4})\b(?:\s*/\s*(?:0\d{2,4}[ -]?)?\d{3,6}\b)*")
TRUNK_ZERO = re.compile(r"(\+\d{1,3})\s*\(0\)\s*")  # "+44 (0)30 6770 4236": the 0 is not dialled from abroad
EXTENSION = re.compile(r"\b(?:ext|extn)\.?\s*(\d{2,6})\b")
CALLED_NUMBER = r"\d{3,}(?:[ -]\d+)*"
NUMBER_TO_CALL = re.compile(rf"\b(call|dial|phone|ring|text)\s+({CALLED_NUMBER}(?:\s*(?:,|or|and|/)\s*{CALLED_NUMBER})*)\b",
                            re.IGNORECASE)
CLOCK_HOUR = r"\d{1,2}(?:[:.]\d{2})?"  # "9", "9.30", "09:00"
# a dash between two times is said "to" ("9am–5pm", "09:00-17:00")
TIME_DASH = re.compile(r"(?<=\d)(\s?(?:am|pm|a\.m\.|p\.m\.))?\s?[–-]\s?"
                       r"(?=\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)|(?:[01]?\d|2[0-3]):[0-5]\d\b)",
                       re.IGNORECASE)
# numbers people dial, digit by digit wherever they stand: 999 (not "a 999-year lease"), and a service's number
# after "NHS" or before "online", "website" …; "NHS 24" (three digits only) is a name said as a number
SERVICE_NUMBER = re.compile(r"\b(NHS|N\.H\.S\.|GIG) ?(\d{3})\b|(?<![\w.,£$€-])(999)(?![\w-]|[.,]\d| years?\b)")
# (English words:) "111 online", "the 101 number"; "contact us on 101", "via 101"
SERVICE_ONLINE = re.compile(r"(?<![\w.,£$€-])(999|111|112|101|105|119)"
                            r"(?= (?:online|website|service|line|number|calls?|operator)\b)"
                            r"|(?:(?<=\bon )|(?<=\bvia ))(101|111|105|119)\b(?![.,]\d)")
# a range of numbers ("10-30 minutes", "aged 5–11", "2014-2016"), said "to"; not a score ("won 2-1"), not part of
# a phone number or a reference
RANGE = re.compile(r"(?<![\w.,£$€/:+–-])(?<!\d )((?:0(?!\d)|[1-9]\d*)(?:\.\d+)?)\s?[–-]\s?(\d+(?:\.\d+)?)"
                   r"(?![\d/:\w]|[.,]\d|[–-]\d)")
DECADE = re.compile(r"(?<![\w£$€.,])['’]?((?:1[5-9]|20)?\d0)s\b")  # "in her 80s", "the 1990s", "the '60s"
AGE_GROUP = re.compile(r"\b(under|over)-(\d{1,2})s\b")  # "under-16s"
# a year after a name ("the Sexual Offences Act 1956", "Glasgow 2014"); not a count ("Some 2000 people")
NAMED_YEAR = re.compile(r"\b([A-Z][a-z]+) (1[5-9]\d\d|20\d\d)\b(?![.,]\d)")
# two days of one month ("between 4 and 20 January"): the first is a day too
WEEKDAY = "(?:" + "|".join(sorted(set(DAYS.values()))) + ")"
DAY_PAIR = re.compile(rf"\b(\d{{1,2}}){ORDINAL_SUFFIX}\s+(and|or|&)\s+"
                      rf"(?=(?:{WEEKDAY}\s+)?\d{{1,2}}{ORDINAL_SUFFIX}\s+{MONTH})")  # ("Sat 6 & Sun 7 April")
# a text number after the word to send ("text HELP to 70070"), digit by digit
TEXT_TO = re.compile(r"\b(text\s+[A-Z][A-Z0-9]*(?:\s+[A-Z0-9]+)?\s+to\s+)(\d{4,6})\b", re.IGNORECASE)
NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.])\d+(?:\.\d+)?(?![\w]|\.\d)")
CURRENCIES = {"£": ("pound", "pounds", "penny", "pence"), "$": ("dollar", "dollars", "cent", "cents"),
              "€": ("euro", "euros", "cent", "cents")}
DIGIT_NAMES = "zero one two three four five six seven eight nine".split()
UNITS = {"cm": "centimetres", "mm": "millimetres", "km": "kilometres", "kg": "kilograms", "mph": "miles per hour",
         "km/h": "kilometres per hour"}


# a web address written without "www." or "https://" ("crimestoppers-uk.org", "nhs.uk/flu", "llyw.cymru")
BARE_DOMAIN = re.compile(r"(?<![\w@./-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
                         r"(?:uk|com|org|net|gov|info|scot|wales|cymru|eu|ie|io)(?:/[\w-]+)*(?![\w@-]|\.\w)")


# a reference to a footnote or endnote, "[1]" right after a word ("their patience[1].", as Word's notes and Markdown's
# "[^1]" are written): said "their patience, note one." instead of a bare "one"
NOTE_REFERENCE = re.compile(r"(?<=[\w.,;:!?’”\"')])\[(\d{1,3})\]")


# a social media handle, "follow @AvonFireRescue on X": said "at Avon Fire Rescue" (the "@" was read as nothing)
SOCIAL_HANDLE = re.compile(r"(?<![\w@.])@(?=\w{2,30}\b)")


class SpokenWords:
    """Turns written text into the words a voice should say; remembers which acronyms it has expanded."""

    def __init__(self, acronyms: dict[str, str], lexicon: Lexicon | None = None):
        self.acronyms = AcronymTracker(acronyms)
        self.lexicon = lexicon or Lexicon({})

    def spoken(self, text: str, language: str, phrases: dict, links: list[m.Link] = ()) -> str:
        english = primary_language(language) == "en"
        text = self._links(text, phrases, links, english)
        text = tidy_commas(NOTE_REFERENCE.sub(
            lambda match: f", {phrases['note_reference'].format(number=match.group(1))},", text))
        text = self.lexicon.respelled(text)
        text = URL.sub(lambda match: phrases["link"].format(domain=spoken_domain(match.group(0), phrases, english)),
                       text)
        text = EMAIL.sub(lambda match: spoken_email(match.group(0), phrases, english), text)
        text = SOCIAL_HANDLE.sub(f"{phrases['at']} ", text)
        text = BARE_DOMAIN.sub(lambda match: spoken_domain(match.group(0), phrases, english), text)
        text = self._acronyms(text)
        if english:
            text = for_listening(text)
        text = dates_in_full(text, language)
        if english:
            text = english_numbers(text, language)
        else:
            text = said_sums(dialled_numbers(text, language, phrases["or"]), phrases)
        return re.sub(r"\s+", " ", text)

    def _links(self, text: str, phrases: dict, links: list[m.Link], english: bool) -> str:
        """After each link's own words, say where it goes; a link whose words are its address becomes just that."""
        for link in links:
            words = m.plain_text(link.children).strip()
            if not words or words not in text:
                continue
            if not urlsplit(link.href).hostname:
                continue  # mailto:, tel:, a link inside the document: its words (an address, a number) are enough
            where = phrases["link"].format(domain=spoken_domain(link.href, phrases, english))
            if URL.fullmatch(words) or words.lower().removeprefix("www.") in link.href.lower():
                text = text.replace(words, where, 1)
            else:
                text = text.replace(words, f"{words}, {where},", 1)
        return tidy_commas(text)

    def _acronyms(self, text: str) -> str:
        """ "National Crime Agency, N.C.A." the first time, "N.C.A." after; ", N.C.A.," after the name in full."""

        def say(use) -> str:
            letters = spelled(use.acronym) + use.written[len(use.acronym):]
            if use.defined_here:
                return f", {letters},"
            return f"{use.expansion}, {letters}," if use.first else letters

        return tidy_commas(self.acronyms.rewrite(text, say))


def tidy_commas(text: str) -> str:
    """The commas an expansion adds, without doubled or stray punctuation: "N.C.A.," + "." → "N.C.A."."""
    text = re.sub(r"\s+,", ",", text)
    text = re.sub(r",\s*([.!?;:,)])", r"\1", text)
    return re.sub(r"\.{2}(?!\.)", ".", text)



def spoken_domain(address: str, phrases: dict, english: bool = False) -> str:
    """ "https://www.gov.uk/talk-to-frank" → "gov dot uk slash talk to frank": the site, and the page where its
    address is a short name (one part of up to four words); a long or coded path is left to the link's words.
    A label without vowels is spelled ("N.H.S."); in English, one run together from words is said as them."""
    parts = urlsplit(address if "//" in address else f"http://{address}")
    host = (parts.hostname or address).removeprefix("www.")
    said = f" {phrases['dot']} ".join(
        f" {phrases['dash']} ".join(spoken_name(part, english) for part in label.split("-")) for label in host.split("."))
    path = re.sub(r"\.(?:html?|aspx?|php)$", "", parts.path.strip("/"))
    if re.fullmatch(r"[A-Za-z]+(?:[-_][A-Za-z]+){0,3}", path):
        said += f" {phrases['slash']} " + re.sub(r"[-_]", " ", path)
    return said


def spoken_name(name: str, english: bool, domain: bool = True) -> str:
    """One label of a web or email address as a voice should say it: spelled where it has no vowel ("nhs") or, in
    English, is a domain's short name that is not a word ("mhra", "cde"; not "gov", "uk"; not a person's "elke"
    before the @); said as the words it is
    run together from ("policeconduct"); else as written."""
    if name.isdigit():
        return said_digits(name) if english else name  # "111.nhs.uk": one one one
    if not re.search(r"[aeiouy]", name, re.IGNORECASE):
        return spelled(name)
    if not english:
        return name
    return spelled(name) if domain and is_short_code(name) else split_name(name)


def spoken_email(address: str, phrases: dict, english: bool = False) -> str:
    local, _, domain = address.partition("@")
    local = f" {phrases['dot']} ".join(spoken_name(part, english, domain=False) for part in local.split("."))
    return f"{local} {phrases['at']} {spoken_domain(domain, phrases, english)}"


def phone_groups(number: str) -> list[str]:
    """The groups a phone number is said in: as written where it is spaced, else as UK numbers are grouped
    ("02030806826" → 020 3080 6826, "03001234567" → 0300 123 4567, "01632960123" → 01632 960123)."""
    groups = re.findall(r"\+?\d+", number)
    if len(groups) == 1 and re.fullmatch(r"0\d{10}", groups[0]):
        digits = groups[0]
        sizes = (3, 4, 4) if digits.startswith("02") else (4, 3, 4) if digits[:2] in ("03", "08") else (5, 6)
        groups = [digits[sum(sizes[:n]):sum(sizes[:n + 1])] for n in range(len(sizes))]
    return groups


def spoken_digits(number: str, language: str) -> str:
    """A phone number digit by digit in its groups, a comma between groups; in English, 0 is "oh", as people
    in the UK say a number: "oh two oh, three oh eight oh, six eight two six"."""
    groups = phone_groups(number)
    if primary_language(language) != "en":
        return ", ".join(" ".join(group) for group in groups)
    return ", ".join(said_digits(group) for group in groups)


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
    return num2words(int(day.replace(",", "")), to="ordinal").replace(",", "")


def _year(year: str | None) -> str:
    return num2words(int(year), to="year") if year else ""


def _to_or_and(match: re.Match, first: str = "") -> str:
    """How a range's dash is said: "and" after "between" ("between 2pm–4pm", "between 10-20"), else "to"."""
    return "and" if re.search(rf"\bbetween\s+{first}$", match.string[:match.start()], re.IGNORECASE) else "to"


def _range(match: re.Match) -> str:
    """ "10-30" → "10 to 30"; "2014-2016" → "twenty fourteen to twenty sixteen" (other numbers are left for NUMBER);
    a falling pair ("won 2-1") is a score, said as written."""
    first, last = match.groups()
    if float(first) >= float(last):
        return match.group(0)
    if all(re.fullmatch(r"1[5-9]\d\d|20\d\d", n) for n in (first, last)):
        first, last = _year(first), _year(last)
    return f"{first} {_to_or_and(match)} {last}"


def _plural(said: str) -> str:
    """ "eighty" → "eighties", "sixteen" → "sixteens": a number's words as a plural noun."""
    return said[:-1] + "ies" if said.endswith("y") else said + "s"


def _decade(match: re.Match) -> str:
    """ "80s" → "eighties", "1990s" → "nineteen nineties", "2000s" → "two thousands"."""
    years = match.group(1)
    return _plural(num2words(int(years), to="year") if len(years) == 4 else num2words(int(years)))


# words that count what follows, not name it ("Some 2000 people", "About 1500 homes", "Of 2000 asked")
COUNTING_WORDS = {"About", "Almost", "Another", "Approximately", "Around", "Exactly", "Fewer", "Just", "Less", "More",
                  "Nearly", "Of", "Only", "Over", "Roughly", "Some", "Than", "The", "These", "Those", "Under", "Up"}


def _named_year(match: re.Match) -> str:
    name, year = match.groups()
    return match.group(0) if name in COUNTING_WORDS else f"{name} {_year(year)}"


def _no_second_the(match: re.Match) -> str:
    """ "the " before a day said as an ordinal, unless the text says "the" already ("by the 11th March")."""
    return "" if re.search(r"\bthe\s$", match.string[:match.start()], re.IGNORECASE) else "the "


def dialled_numbers(text: str, language: str, or_word: str) -> str:
    """Phone numbers in their groups and the numbers people dial ("999", "NHS 111", "GIG 111") digit by digit, in
    any language: a voice would otherwise read "0300 123 4567" as three counts."""
    text = PHONE.sub(lambda match: f" {or_word} ".join(
        spoken_digits(number, language) for number in match.group(0).split("/")), TRUNK_ZERO.sub(r"\1 ", text))
    return SERVICE_NUMBER.sub(lambda match: f"{match.group(1)} {spoken_digits(match.group(2), language)}"
                              if match.group(1) else spoken_digits(match.group(3), language), text)


def _part_of_day(hour: str, half: str) -> str:
    """The catalogue's name for the part of the day a clock time is in ("2pm": afternoon, "7pm", "7yh": evening)."""
    half = half.lower().replace(".", "")
    return {"am": "morning", "yb": "morning", "yp": "afternoon", "yh": "evening"}.get(half) or (
        "afternoon" if int(hour) % 12 < 6 else "evening")


# a clock time written with am/pm, or in Welsh with yb (y bore), yp (y prynhawn) or yh (yr hwyr)
CLOCK_ANY = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s?(am|pm|a\.m\.|p\.m\.|yb|yp|yh)(?=\W|$)", re.IGNORECASE)
TIME_DASH_ANY = re.compile(r"(?<=\d)(\s?(?:am|pm|yb|yp|yh))?\s?[–-]\s?"
                           r"(?=\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm|yb|yp|yh)(?!\w))", re.IGNORECASE)


def said_sums(text: str, phrases: dict) -> str:
    """Pounds, percentages and clock times in a language other than English, in the catalogue's words ("93%" →
    "93 y cant", "£500,000" → "500,000 o bunnoedd", "2pm" → "2 y prynhawn"): espeak-ng's Welsh voice read "%" in
    English, left "£" out and read "10am" as "deg am" ("at ten"); it says the numbers themselves."""
    def pounds(match: re.Match) -> str:
        symbol, amount, scale = match.groups()
        if symbol != "£":
            return match.group(0)
        scale = f" {phrases['scales'][SCALES[scale.lower()]]}" if scale else ""
        return phrases["pounds"].format(amount=amount + scale)

    def clock(match: re.Match) -> str:
        hour, minutes, half = match.groups()
        return f"{hour}{':' + minutes if minutes else ''} {phrases['times_of_day'][_part_of_day(hour, half)]}"

    text = MONEY.sub(pounds, text)
    text = TIME_DASH_ANY.sub(lambda match: f"{match.group(1) or ''} {phrases['time_to']} ", text)
    text = CLOCK_ANY.sub(clock, text)
    return PERCENT.sub(lambda match: phrases["percent"].format(number=match.group(1)), text)


def english_numbers(text: str, language: str = "en-GB") -> str:
    """Numbers, dates, times, money, percentages and units as English words."""
    american = language.lower() == "en-us"

    def day_month(match: re.Match) -> str:
        day, month, year = match.groups()
        said = (f"{english_month(month)} {_ordinal(day)}" if american
                else f"{_no_second_the(match)}{_ordinal(day)} of {english_month(month)}")
        return f"{said}, {_year(year)}" if year else said

    def day_range(match: re.Match) -> str:
        first, last, month, year = match.groups()
        said = f"{_no_second_the(match)}{_ordinal(first)} to the {_ordinal(last)} of {english_month(month)}"
        return f"{said}, {_year(year)}" if year else said

    def month_day(match: re.Match) -> str:
        month, day, year = match.groups()
        said = f"{english_month(month)} {_ordinal(day)}"
        return f"{said}, {_year(year)}" if year else said

    def clock_12(match: re.Match) -> str:
        hour, minutes, half = match.groups()
        said = num2words(int(hour) or 12)  # "00:01am": twelve oh one
        if minutes and minutes != "00":
            said += " " + (f"oh {num2words(int(minutes))}" if minutes.startswith("0") else num2words(int(minutes)))
        return f"{said} {messages(language)['times_of_day'][_part_of_day(hour, half)]}"

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
        said = f"{num2words(whole).replace(',', '')} {one if whole == 1 else many}"
        return f"{said} {num2words(cents)}" if cents else said

    def money_range(match: re.Match) -> str:
        symbol, first, last, scale = match.groups()
        scale = f" {SCALES[scale.lower()]}" if scale else ""
        return f"{_number_words(first)} to {_number_words(last)}{scale} {CURRENCIES[symbol][1]}"

    def percent(match: re.Match) -> str:
        return f"{_number_words(match.group(1))} {'percent' if american else 'per cent'}"

    def unit(match: re.Match) -> str:
        name = UNITS[match.group(2)]
        if american:
            name = name.replace("metres", "meters")
        return f"{_number_words(match.group(1))} {name}"

    text = MONTH_RANGE.sub(lambda match: f"{english_month(match.group(1))} to {english_month(match.group(2))}", text)
    text = DAY_PAIR.sub(lambda match: f"the {_ordinal(match.group(1))} {match.group(2)} ", text)
    text = DAY_RANGE_MONTH.sub(day_range, text)
    text = DAY_MONTH.sub(day_month, text)
    text = MONTH_DAY.sub(month_day, text)
    text = MONTH_YEAR.sub(lambda match: f"{english_month(match.group(1))} {_year(match.group(2))}", text)
    text = TIME_DASH.sub(lambda match: f"{match.group(1) or ''} {_to_or_and(match, CLOCK_HOUR)} ", text)
    text = CLOCK_12.sub(clock_12, text)
    text = CLOCK_24.sub(clock_24, text)
    text = RANGE.sub(_range, text)
    text = MONEY_RANGE.sub(money_range, text)
    text = MONEY.sub(money, text)
    text = PERCENT.sub(percent, text)
    text = UNIT.sub(unit, text)
    text = ORDINAL.sub(lambda match: _ordinal(match.group(1)), text)
    text = TEXT_TO.sub(lambda match: match.group(1) + spoken_digits(match.group(2), language), text)
    text = NUMBER_TO_CALL.sub(lambda match: f"{match.group(1)} " + re.sub(
        CALLED_NUMBER, lambda number: spoken_digits(number.group(0), language), match.group(2)), text)
    text = dialled_numbers(text, language, "or")
    text = SERVICE_ONLINE.sub(lambda match: spoken_digits(match.group(1) or match.group(2), language), text)
    text = EXTENSION.sub(lambda match: f"extension {spoken_digits(match.group(1), language)}", text)
    text = YEAR_AFTER.sub(lambda match: f"{match.group(1)} {_year(match.group(2))}", text)
    text = YEAR_PREFIXED.sub(lambda match: f"{match.group(1)}-{_year(match.group(2))}", text)
    text = NAMED_YEAR.sub(_named_year, text)
    text = DECADE.sub(_decade, text)
    text = AGE_GROUP.sub(lambda match: f"{match.group(1)}-{_plural(num2words(int(match.group(2))))}", text)
    return NUMBER.sub(lambda match: _number_words(match.group(0)), text)
