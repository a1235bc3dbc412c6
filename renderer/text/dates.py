"""Dates: written out in full, in the statement's language, the one way every format writes them."""

from __future__ import annotations

import datetime as dt
import re

from .messages import messages, primary_language

ENGLISH_MONTHS = messages("en")["months"]
SHORT_MONTHS = {month[:3].lower(): month for month in ENGLISH_MONTHS} | {"sept": "September"}
# A month as English text writes it: "November", "Nov", "Nov.", "Sept".
MONTH_NAME = "(" + "|".join(ENGLISH_MONTHS) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
# not inside a reference ("DPP/1234/18/11/2026", "2026-01-05-A"): a caller quotes it as written
SLASH_DATE = re.compile(r"(?<![\w/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\w/])")
ISO_DATE = re.compile(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?![\w-])")
# the abbreviation's full stop is kept where it also ends the sentence ("… on 5 Feb. Then …", "… on 5 Feb.")
SHORT_MONTH_AFTER_DAY = re.compile(r"\b(\d{1,2}) (Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b"
                                   r"(?:\.(?=\s+[a-z0-9]))?")


def month_first(language: str) -> bool:
    """American English writes 11/24/2026 and November 24, 2026."""
    return language.lower() == "en-us"


def long_date(date: dt.date, language: str = "en-GB") -> str:
    """'24 November 2026', '24 Tachwedd 2026', 'November 24, 2026' (en-US): never ambiguous."""
    months = messages(language)["months"]
    if month_first(language):
        return f"{months[date.month - 1]} {date.day}, {date.year}"
    return f"{date.day} {months[date.month - 1]} {date.year}"


def english_month(name: str) -> str:
    """'Nov' or 'Nov.' → 'November'."""
    return next((full for full in ENGLISH_MONTHS if full.lower().startswith(name.lower().rstrip("."))), name)


def dates_in_full(text: str, language: str = "en-GB") -> str:
    """'24/11/2026' and '2026-11-24' → '24 November 2026' (in the language's month names; day first,
    as the speech rules read it); in English also '21 Nov' → '21 November'. Impossible dates stay."""
    months = messages(language)["months"]

    def full(day: int, month: int, year: str, original: str) -> str:
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{day} {months[month - 1]} {year}"
        return original

    def slashed(match: re.Match) -> str:
        first, second, year = match.groups()
        day, month = (second, first) if month_first(language) else (first, second)
        return full(int(day), int(month), year, match.group(0))

    text = SLASH_DATE.sub(slashed, text)
    text = ISO_DATE.sub(lambda m: full(int(m[3]), int(m[2]), m[1], m[0]), text)
    if primary_language(language) == "en":
        text = SHORT_MONTH_AFTER_DAY.sub(lambda m: f"{m[1]} {SHORT_MONTHS[m[2].lower()]}", text)
    return text


def date_from_text(text: str) -> dt.date | None:
    """A date as people write it in a document: '22 April 2024', 'Monday 22 April 2024', '22 Ebrill 2024',
    'April 22, 2024', '22/04/2024' (day first) or '2024-04-22'. None if it is none of these."""
    text = text.strip().rstrip(".")
    month_numbers = {name.lower(): number for language in ("en", "cy")
                     for number, name in enumerate(messages(language)["months"], start=1)}
    month_numbers |= {short: month_numbers[full.lower()] for short, full in SHORT_MONTHS.items()}
    words = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.replace(",", " ")).split()
    try:
        if ISO_DATE.fullmatch(text):
            return dt.date.fromisoformat(text)
        if SLASH_DATE.fullmatch(text):
            day, month, year = map(int, text.split("/"))
            return dt.date(year, month, day)
        numbers = [int(word) for word in words if word.isdigit()]
        months = [month_numbers[word.lower().rstrip(".")] for word in words if word.lower().rstrip(".") in month_numbers]
        if len(numbers) == 2 and len(months) == 1:
            day, year = sorted(numbers)
            return dt.date(year, months[0], day)
    except ValueError:
        return None
    return None


def format_duration(seconds: float, language: str = "en") -> str:
    """'2 min 51 s', '45 s'; '2 mun 51 eiliad' in Welsh."""
    words = messages(language)
    minutes, rest = divmod(round(seconds), 60)
    return words["duration"].format(minutes=minutes, seconds=f"{rest:02d}") if minutes else \
        words["duration_seconds"].format(seconds=rest)
