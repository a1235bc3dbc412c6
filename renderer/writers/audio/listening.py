"""English written forms a listener would not understand if the voice read them as written, rewritten as
people say them (the speech script only: the text, the captions and every other format keep them).

Measured with the offline speech-recognition round trip (`benchmarks/listening.py`): units read as
"ten slash", possessive and plural acronyms read as words ("PHE's" heard as "s"), post-nominals read as
words ("OBE" as "o b"), financial years and "24/7" read digit by digit, regnal numbers read as letters,
names joined from words ("CooperSurgical") read as one strange word, references ("MDA/2015/025"), "&",
"/" and "+" between words read as symbols or not at all; "class A drugs" heard as "class of drugs".
Then, read in outside releases (police, courts, fire, health, weather, roads, councils, charities): the
abbreviations of titles, streets, days, times and measures those releases use ("Rt Hon", "High St", "Mon–Fri",
"07:44hrs", "6ft 2in", "sq ft", "1.5m homes"), numbers people dial or quote digit by digit ("NHS 111",
"PC 1234", "charity number 1123456"), decades and ranges ("in her 80s", "10-30 minutes", "2024-27").
`REWRITES` is the order they are applied in.
"""

from __future__ import annotations

import re

from num2words import num2words

from ...text.dates import MONTH_NAME

# a number as written: "10,000", "1,234.5", "2.5"
WRITTEN_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# unit symbol → (singular, plural), as said in British English
UNITS = {
    "µg/L": ("microgram per litre", "micrograms per litre"), "μg/L": ("microgram per litre", "micrograms per litre"),
    "ug/L": ("microgram per litre", "micrograms per litre"), "mg/L": ("milligram per litre", "milligrams per litre"),
    "mg/l": ("milligram per litre", "milligrams per litre"), "mg/kg": ("milligram per kilogram", "milligrams per kilogram"),
    "µg": ("microgram", "micrograms"), "μg": ("microgram", "micrograms"), "mg": ("milligram", "milligrams"),
    "kg": ("kilogram", "kilograms"), "g": ("gram", "grams"), "km/h": ("kilometre per hour", "kilometres per hour"),
    "kph": ("kilometre per hour", "kilometres per hour"), "mph": ("mile per hour", "miles per hour"),
    "km²": ("square kilometre", "square kilometres"), "m²": ("square metre", "square metres"),
    "m2": ("square metre", "square metres"), "km2": ("square kilometre", "square kilometres"),
    "m³": ("cubic metre", "cubic metres"), "km": ("kilometre", "kilometres"), "cm": ("centimetre", "centimetres"),
    "mm": ("millimetre", "millimetres"), "ml": ("millilitre", "millilitres"),
    "kWh": ("kilowatt hour", "kilowatt hours"), "MWh": ("megawatt hour", "megawatt hours"),
    "GWh": ("gigawatt hour", "gigawatt hours"), "kW": ("kilowatt", "kilowatts"), "MW": ("megawatt", "megawatts"),
    "GW": ("gigawatt", "gigawatts"), "°C": ("degree Celsius", "degrees Celsius"),
    "°F": ("degree Fahrenheit", "degrees Fahrenheit"), "ha": ("hectare", "hectares"),
    "g/km": ("gram per kilometre", "grams per kilometre"), "ft": ("foot", "feet"), "lb": ("pound", "pounds"),
    "lbs": ("pound", "pounds"), "oz": ("ounce", "ounces"), "hr": ("hour", "hours"), "hrs": ("hour", "hours"),
    "min": ("minute", "minutes"), "mins": ("minute", "minutes"), "secs": ("second", "seconds"),
    "yrs": ("year", "years"), "kV": ("kilovolt", "kilovolts"), "Mt": ("megatonne", "megatonnes"),
    "KB": ("kilobyte", "kilobytes"), "kB": ("kilobyte", "kilobytes"), "MB": ("megabyte", "megabytes"),
    "GB": ("gigabyte", "gigabytes"),
}
# a minus sign is said only where it stands alone before the number ("fell to -5°C", not "10-30mins")
UNIT = re.compile(rf"(?<![\w.£$€])([-−]?)({WRITTEN_NUMBER})\s?(" + "|".join(re.escape(u) for u in
                                                                          sorted(UNITS, key=len, reverse=True)) +
                  r")(?![\w/²³])")
PENCE = re.compile(r"(?<![\w.£$€])(\d+(?:\.\d+)?)p\b")  # "2.5p per share"
STONE = re.compile(r"\b(\d+)st\b")  # "14st 7lb"; "21st" is an ordinal
FEET_AND_INCHES = re.compile(r"\b(\d+)['′]\s?(\d+(?:\.\d+)?)(?:\"|″|'')")  # 6'2"
FEET = re.compile(r"\b(\d+)['′](?=\s)")  # "2' deep"
# a registration, charity, crime or reference number, digit by digit
LONG_REFERENCE = re.compile(r"\b((?:number|no\.?|ref\.?|reference)\s+)(\d{5,})\b", re.IGNORECASE)
GRADE_RANGE = re.compile(r"\b(A\*|[A-G])\s?[–-]\s?(A\*|[A-G])(?= grades?\b)")  # "A*-A grades"
A_STAR = re.compile(r"\bA\*")
INCHES = re.compile(r"(?<![\w.£$€])(\d+(?:\.\d+)?)in\b")  # "2in"; never "2 in 10"
# "35C" is a temperature only where the sentence speaks of one ("Flat 3C" is not)
TEMPERATURE = re.compile(r"(?<![\w.£$€])([-−]?)(\d+(?:\.\d+)?)\s?([CF])\b")
ABOUT_TEMPERATURE = re.compile(r"\b(?:temperatures?|degrees|heat|heatwave|hot|hotter|cold|colder|warm|warmer|"
                               r"freezing|frost|weather|Met Office)\b", re.IGNORECASE)
TEMPERATURE_SCALES = {"C": "Celsius", "F": "Fahrenheit"}
# "1.5m homes", "300k", "2bn": millions, thousands, billions; "2m away", "a 1.8m fence": metres
SCALED = re.compile(r"(?<![\w.£$€])(\d+(?:\.\d+)?)(m|k|bn)\b")
# a scale as written after a number or a sum → its word
SCALES = {"bn": "billion", "billion": "billion", "m": "million", "million": "million", "k": "thousand",
          "thousand": "thousand"}
METRES_AFTER = re.compile(r"\s*(?:tall|high|long|wide|deep|away|apart|above|below|from|square|"
                          r"in (?:height|length|width|depth))\b")
ABOUT = re.compile(r"\bc\.\s?(?=\d)")  # "c. 200": circa
# a motorway junction ("J14", "J14-15"), where the sentence names a motorway ("M4", "A1(M)")
JUNCTION = re.compile(r"\bJ(\d{1,2})(?:\s?[–-]\s?J?(\d{1,2}))?\b")
MOTORWAY = re.compile(r"\b(?:M\d{1,2}|A\d{1,4}\(M\))(?!\w)")
# the letter A where the voice would read it as the article: after a word that names a class or a choice
# ("class A drugs", "plan A"), or beside another letter ("A and E", "Q and A"); said as its name
LETTER_A = re.compile(r"\bA\b(?!['’.])")
NAMES_A_LETTER = {"class", "category", "grade", "plan", "type", "vitamin", "schedule", "part", "block", "band", "flat",
                  "unit", "gate", "zone", "level", "option", "stage", "phase", "tier", "form", "list"}
LETTER_BEFORE = re.compile(r"\b[B-Z] (?:and|or|to) $")
LETTER_AFTER = re.compile(r" (?:and|or|to) [B-Z]\b")


def is_letter_a(match: re.Match) -> bool:
    if LETTER_AFTER.match(match.string, match.end()):
        return True  # "A and E", even first: a list item "A and E consultants"
    before = match.string[:match.start()]
    if not before.strip() or re.search(r"[.!?:\"“(]\s*$", before):
        return False  # otherwise a sentence's first word is the article
    word = re.search(r"(\w+) $", before)
    return bool(word and word.group(1).lower() in NAMES_A_LETTER or LETTER_BEFORE.search(before))


MIXED_CASE_ACRONYM = re.compile(r"\b[A-Z][a-z][A-Z]\b")  # "MoD", "MoJ", "DfE": letter by letter, not "mo D"
# chemical formulas as people say them (the voice read "NO2" as "no two", "CO2" as "co two")
FORMULAS = {"CO2": "C.O. two", "NO2": "N.O. two", "NOx": "N.O.x", "SO2": "S.O. two", "CH4": "C.H. four",
            "N2O": "N two O", "PM2.5": "P.M. two point five", "PM10": "P.M. ten"}
FORMULA = re.compile(r"\b(" + "|".join(re.escape(formula) for formula in FORMULAS) + r")(?![\w.]\w)")
BY = re.compile(r"(?<=\d)\s?[x×]\s?(?=\d)")  # "a 4x4", "3 x 4 metres"
NUMBER_PLUS = re.compile(r"(?:(?<=\d)|(?<=\d[km])|(?<=bn))\+(?=[\s,.;:)]|$)")  # "50+ people", "£1bn+"
ORDINALS_SLASH = re.compile(r"(?<=\d(?:st|nd|rd|th))/(?=\d)")  # "the 1st/2nd of May": first or second
PER_SLASH = re.compile(r"/(hour|day|night|week|month|year|annum|person|head)\b")  # "£3.99/month": per month
TIMES = re.compile(r"\b(\d+(?:\.\d+)?)x\b(?!\s?\d)")  # "2x as many": two times
POST_NOMINALS = ("OBE", "MBE", "CBE", "KBE", "DBE", "QPM", "KPM", "QC", "KC", "MP", "MSP", "MS", "AM", "JP", "FRS")
POST_NOMINAL = re.compile(r"(?<=[a-z]) (" + "|".join(POST_NOMINALS) + r")\b")
HONORIFIC = re.compile(r"\b(Dr|Prof|Supt|Insp|Sgt|Det|Ch|Cllr|Rev|Revd|Lt|Col|Capt|Maj|Cpl|Brig|Cdr)\.?(?= [A-Z])")
RIGHT_HONOURABLE = re.compile(r"\bRt\.? Hon\.?(?= [A-Z])")
# a police officer's collar number, digit by digit ("PC 1234 Smith")
COLLAR_NUMBER = re.compile(r"\b(PCSO|PC|DC|PS|DS|Sgt|Sergeant|Constable)\.? (\d{3,5})\b")
# "High St", "Park Rd"; "St Albans" is a saint's name
STREET = re.compile(r"\b([A-Z][a-z]+) (St\b(?!\.? [A-Z])|Rd|Ave|Ln|Cres|Gdns|Sq|Tce)\b")
STREETS = {"St": "Street", "Rd": "Road", "Ave": "Avenue", "Ln": "Lane", "Cres": "Crescent", "Gdns": "Gardens",
           "Sq": "Square", "Tce": "Terrace"}
NUMBER_SIGN = re.compile(r"\bNo\.? ?(?=\d)")  # "No. 10 Downing Street", "the No 1 priority"
TELEPHONE = re.compile(r"\bTel\b\.?(?=:?\s*[+(\d])")
DAYS = {"Mon": "Monday", "Tue": "Tuesday", "Tues": "Tuesday", "Wed": "Wednesday", "Thu": "Thursday",
        "Thur": "Thursday", "Thurs": "Thursday", "Fri": "Friday", "Sat": "Saturday", "Sun": "Sunday"}
_DAY = "(" + "|".join(DAYS) + r")\b"
# an abbreviated day in a range of days or before a time or date ("Mon–Fri", "Sat 10am"); "Sat" alone is a verb
DAY_RANGE = re.compile(rf"\b{_DAY}\s?(?:[–-]|to)\s?{_DAY}")
# before a date or a time only: "told The Sun 10 days ago" is a newspaper
DAY_BEFORE_NUMBER = re.compile(rf"\b{_DAY}\.?(?=,?\s\d{{1,2}}(?:st|nd|rd|th)?(?:\s?(?:am|pm)\b|[:.]\d\d|\s+(?:&|and|-|–)\s|"
                               rf"\s+{MONTH_NAME}|[,;)]|\.(?!\d)|$))")
DAY_AFTER_TIME = re.compile(rf"(?<=\d[ap]m ){_DAY}")  # "9am-1pm Sat"
TIME_HRS = re.compile(r"\b([01]\d|2[0-3])[:.]?([0-5]\d)\s?hrs\b", re.IGNORECASE)  # "07:44hrs", "1500hrs": a clock time
WEEK_COMMENCING = re.compile(r"\bw/c\b\.?")
COUNT_TIMES = re.compile(r"\b(\d+)\s[x×]\s+(?=[A-Za-z])")  # "6 x fire engines": six fire engines ("2x as many": TIMES)
MONEY_SLASH = re.compile(r"([£$€]\d[\d,.]*)\s?/\s?(?=[£$€]\d)")  # "£5/£3": five pounds or three pounds
SQUARE = re.compile(r"\bsq\.? ?(ft|m|km|mi)\b")
SQUARE_UNITS = {"ft": ("foot", "feet"), "m": ("metre", "metres"), "km": ("kilometre", "kilometres"),
                "mi": ("mile", "miles")}
LATIN = {"approx": "approximately", "i.e.": "that is", "e.g.": "for example", "p.a.": "a year", "vs": "versus",
         "vs.": "versus"}
LATIN_ABBREVIATION = re.compile(r"\b(approx)\b\.?(?=\s?\d)|\b(i\.e\.|e\.g\.|p\.a\.|vs\.?)(?!\w)")
HONORIFICS = {"Dr": "Doctor", "Prof": "Professor", "Supt": "Superintendent", "Insp": "Inspector",
              "Sgt": "Sergeant", "Det": "Detective", "Ch": "Chief", "Cllr": "Councillor", "Rev": "Reverend",
              "Revd": "Reverend", "Lt": "Lieutenant", "Col": "Colonel", "Capt": "Captain", "Maj": "Major",
              "Cpl": "Corporal", "Brig": "Brigadier", "Cdr": "Commander"}
ACRONYM_PLURAL = re.compile(r"\b([A-Z]{2,6})(s|['’]s|s['’])(?![\w'’])")
# 2011/12, 2024-27, 2023/2024
FINANCIAL_YEAR = re.compile(r"\b((?:19|20)\d\d)\s?[/–-]\s?((?:19|20)?\d\d)\b(?![/\d]|[–-]\d)")
# "s.142": section 142; "the s151 officer", "an S106 agreement"
SECTION = re.compile(r"\b(s|ss)\.\s?(?=\d)|"
                     r"\b[sS](?=\d{1,3}\s+(?:officer|notice|agreement|money|funding|contributions?)\b)")
SUBSECTION = re.compile(r"(?<=\d)\((?=[0-9a-z]{1,3}\))")  # "section 12(1)": twelve, one
ALWAYS = re.compile(r"\b24/7\b")
FRACTION = re.compile(r"(?<![\w/])([1-9])/([2-9]|10)(?![\w/])")
REGNAL = re.compile(r"\b(King|Queen|Pope|Prince|Princess|Henry|Charles|Elizabeth|George|Edward|William|James|Mary|"
                    r"Richard|John|Benedict|Paul|Pius|Leo)\s+(II|III|IV|V|VI|VII|VIII|IX|X)\b")
ROMAN = {"II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
FRACTION_NAMES = {(1, 2): "a half", (1, 4): "a quarter", (3, 4): "three quarters"}
# a name joined from words ("CooperSurgical", "TransWarmer"), said as its words; not a name that starts with a
# prefix ("MacDonald", "McKenzie", "DeVito", "FitzGerald", "VanDyke") or a short one ("iPhone", "eBay")
JOINED_WORDS = re.compile(r"\b(?!(?:Ma?c|Fitz|De|Di|Da|Du|La|Le|Van|Von|Der|O)[A-Z])([A-Z][a-z]{2,})(?=[A-Z][a-z]{2,})")


# a reference with two or more slashes ("MDA/2015/025"), said part by part; not a date ("27/04/2015")
REFERENCE = re.compile(r"(?<![\w/])(?!\d{1,2}/\d{1,2}/\d{2,4}(?![\w/]))(?=[A-Z0-9/]*\d)[A-Z0-9]+(?:/[A-Z0-9]+){2,}(?![\w/])")
AMPERSAND = re.compile(r"\s*&\s*")
WORD_SLASH = re.compile(r"\b([A-Za-z]{2,})/(?=[A-Za-z]{2,}\b)")
AND_OR = re.compile(r"\band/or\b")
COMMON_ZIPF = 3.0  # wordfreq's scale: a word met about once in a million words or more often
PLUS = re.compile(r"(?<=\s)\+(?=\s)")


def split_name(name: str) -> str:
    """A web or email name run together from words, as its words ("westcromwellroad" → "west cromwell road",
    "policeconduct" → "police conduct"), when every piece is a common English word; else as written."""
    import wordninja
    from wordfreq import zipf_frequency

    if len(name) < 7 or not name.isalpha():
        return name
    pieces = wordninja.split(name.lower())
    if len(pieces) < 2 or any((len(piece) < 2 and piece != "a") or zipf_frequency(piece, "en") < COMMON_ZIPF
                              for piece in pieces):
        return name
    return " ".join(pieces)


def is_short_code(name: str) -> bool:
    """A name of up to four letters that is not a common word ("mhra", "cde", "gsi"), said letter by letter."""
    from wordfreq import zipf_frequency

    return name.isalpha() and len(name) <= 4 and zipf_frequency(name, "en") < COMMON_ZIPF


def spelled(acronym: str) -> str:
    """ "NCA" → "N.C.A.", "E2EE" → "E. two E.E.": letters a voice says one by one, digits as words."""
    parts = []
    for run in re.findall(r"[A-Za-z]+|\d+", acronym):
        parts.append(num2words(int(run)) if run.isdigit() else "".join(f"{letter.upper()}." for letter in run))
    return " ".join(parts)


DIGITS_SAID = {"+": "plus", "0": "oh", **{str(digit): num2words(digit) for digit in range(1, 10)}}


def said_digits(digits: str) -> str:
    """ "0300" → "oh three oh oh": digits one by one, as people in the UK read out a number or a reference."""
    return " ".join(DIGITS_SAID.get(character, character) for character in digits)


def said_as_letters(acronym: str) -> bool:
    """Whether people spell an acronym out (NHS, PHE, HMIC, MPs) rather than say it as a word (NATO, COVID):
    short ones, ones with no vowel, and ones that open with two consonants no English word opens with."""
    vowels = set("AEIOU")
    if len(acronym) <= 3 or not vowels & set(acronym):
        return True
    return acronym[0] not in vowels and acronym[1] not in vowels and acronym[:2] not in (
        "BL", "BR", "CH", "CL", "CR", "DR", "FL", "FR", "GL", "GR", "PL", "PR", "SC", "SH", "SK", "SL", "SM",
        "SN", "SP", "ST", "SW", "TH", "TR", "TW", "WH", "WR")


def is_ordinal_st(number: str) -> bool:
    """Whether "st" after a number makes an ordinal (21st), not stones (14st)."""
    return number.endswith("1") and not number.endswith("11")


def after_a(match: re.Match) -> bool:
    """Whether a measure follows "a" or "an", and so is said in the singular ("a 10km run": a ten kilometre run)."""
    return re.search(r"\b(?:a|an)\s$", match.string[:match.start()], re.IGNORECASE) is not None


def minus(match: re.Match, sign: str) -> str:
    """ "minus " for a sign that stands alone before a number ("fell to -5°C"); a dash after a word or a number
    ("10-30mins") is said as written."""
    alone = match.start() == 0 or match.string[match.start() - 1] in " (\n"
    return "minus " if sign and alone else sign


def _unit(match: re.Match) -> str:
    sign, number, symbol = match.groups()
    one, many = UNITS[symbol]
    return f"{minus(match, sign)}{number} {one if number in ('1', '1.0') or after_a(match) else many}"


def _scaled(match: re.Match) -> str:
    number, scale = match.groups()
    if scale == "m" and (after_a(match) or METRES_AFTER.match(match.string, match.end())):
        return f"{number} {'metre' if number in ('1', '1.0') or after_a(match) else 'metres'}"
    return f"{number} {SCALES[scale]}"


def _square(match: re.Match) -> str:
    one, many = SQUARE_UNITS[match.group(1)]
    counted = re.search(r"(\d[\d,.]*)\s?$", match.string[:match.start()])
    return f"square {many if counted and counted.group(1) not in ('1', '1.0') else one}"


def _inches(match: re.Match) -> str:
    return f"{match.group(1)} {'inch' if match.group(1) == '1' or after_a(match) else 'inches'}"


def _junction(match: re.Match) -> str:
    if not MOTORWAY.search(match.string):
        return match.group(0)
    first, last = match.groups()
    return f"junctions {first} to {last}" if last else f"junction {first}"


def _temperature(match: re.Match) -> str:
    if not ABOUT_TEMPERATURE.search(match.string):
        return match.group(0)
    sign, number, scale = match.groups()
    degrees = "degree" if number in ("1", "1.0") or after_a(match) else "degrees"
    return f"{minus(match, sign)}{number} {degrees} {TEMPERATURE_SCALES[scale]}"


def _plural_acronym(match: re.Match) -> str:
    acronym, ending = match.groups()
    if not said_as_letters(acronym):
        return match.group(0)
    return spelled(acronym) + ("'s" if "'" in ending or "’" in ending else "s")


def _years(match: re.Match) -> str:
    """ "2011/12" → "twenty eleven to twelve", "2024-27", "2023/2024" → "… to twenty twenty-four"."""
    first, last = match.groups()
    if len(last) == 4:
        if last[:2] != first[:2] or not first < last:
            return match.group(0)
        return f"{num2words(int(first), to='year')} to {num2words(int(last), to='year')}"
    if not int(first) % 100 < int(last):
        return match.group(0)  # not a later year of the same century (a date, a reference)
    return f"{num2words(int(first), to='year')} to {'oh ' if last.startswith('0') else ''}{num2words(int(last))}"


def _fraction(match: re.Match) -> str:
    top, bottom = int(match.group(1)), int(match.group(2))
    if (top, bottom) in FRACTION_NAMES:
        return FRACTION_NAMES[(top, bottom)]
    name = num2words(bottom, to="ordinal")
    return f"{num2words(top)} {name}{'s' if top > 1 else ''}" if top > 1 else f"one {name}"


def _reference(match: re.Match) -> str:
    return " slash ".join(said_digits(part) if part.isdigit() else spelled(part) if part.isalpha() else part
                          for part in match.group(0).split("/"))


# What for_listening rewrites, in order: references and numbers said digit by digit first (before anything reads
# their digits as a count), then titles, days and times, words joined by symbols, measures, titles and acronyms,
# years and fractions. Numbers stay digits here: `spoken.english_numbers` says them afterwards.
REWRITES = [
    (REFERENCE, _reference),
    (COLLAR_NUMBER, lambda match: f"{HONORIFICS.get(match.group(1), match.group(1))} {said_digits(match.group(2))}"),
    (RIGHT_HONOURABLE, lambda match: "Right Honourable"),
    (STREET, lambda match: f"{match.group(1)} {STREETS[match.group(2)]}"),
    (LONG_REFERENCE, lambda match: match.group(1) + said_digits(match.group(2))),
    (NUMBER_SIGN, lambda match: "number "),
    (TELEPHONE, lambda match: "Telephone"),
    (SECTION, lambda match: "sections " if match.group(1) == "ss" else "section "),
    (SUBSECTION, lambda match: " ("),
    (DAY_RANGE, lambda match: f"{DAYS[match.group(1)]} to {DAYS[match.group(2)]}"),
    (DAY_BEFORE_NUMBER, lambda match: DAYS[match.group(1)]),
    (DAY_AFTER_TIME, lambda match: DAYS[match.group(1)]),
    (TIME_HRS, lambda match: f"{match.group(1)}:{match.group(2)}"),
    (WEEK_COMMENCING, lambda match: "week commencing"),
    (COUNT_TIMES, lambda match: f"{match.group(1)} "),
    (MONEY_SLASH, lambda match: f"{match.group(1)} or "),
    (ORDINALS_SLASH, lambda match: " or "),
    (PER_SLASH, lambda match: f" per {match.group(1)}"),
    (TIMES, lambda match: f"{match.group(1)} times"),
    (SQUARE, _square),
    (LATIN_ABBREVIATION, lambda match: LATIN[match.group(1) or match.group(2)]),
    (AMPERSAND, lambda match: " and "),  # A&E, R&D, Smith & Jones
    (LETTER_A, lambda match: "eigh" if is_letter_a(match) else "A"),
    (AND_OR, lambda match: "and or"),
    (WORD_SLASH, lambda match: f"{match.group(1)} slash "),  # staff/paediatrics
    (PLUS, lambda match: "plus"),
    *[(JOINED_WORDS, lambda match: f"{match.group(1)} ")] * 3,  # "GlaxoSmithKline": one word at a time
    (FEET_AND_INCHES, lambda match: f"{match.group(1)} feet {match.group(2)} inches"),
    (FEET, lambda match: f"{match.group(1)} feet"),
    (STONE, lambda match: match.group(0) if is_ordinal_st(match.group(1)) else f"{match.group(1)} stone"),
    (UNIT, _unit),
    (PENCE, lambda match: f"{match.group(1)} {'penny' if match.group(1) == '1' else 'pence'}"),
    (GRADE_RANGE, lambda match: f"{match.group(1)} to {match.group(2)}"),
    (A_STAR, lambda match: "A star"),
    (INCHES, _inches),
    (TEMPERATURE, _temperature),
    (SCALED, _scaled),
    (ABOUT, lambda match: "about "),
    (JUNCTION, _junction),
    (BY, lambda match: " by "),
    (NUMBER_PLUS, lambda match: " plus"),
    (HONORIFIC, lambda match: HONORIFICS[match.group(1)]),
    (POST_NOMINAL, lambda match: " " + spelled(match.group(1))),
    (ACRONYM_PLURAL, _plural_acronym),
    (MIXED_CASE_ACRONYM, lambda match: spelled(match.group(0))),
    (FORMULA, lambda match: FORMULAS[match.group(1)]),
    (ALWAYS, lambda match: "twenty-four seven"),
    (FINANCIAL_YEAR, _years),
    (FRACTION, _fraction),
    (REGNAL, lambda match: f"{match.group(1)} the {num2words(ROMAN[match.group(2)], to='ordinal')}"),
]


def for_listening(text: str) -> str:
    """English text with the written forms above rewritten as they are said."""
    for pattern, said in REWRITES:
        text = pattern.sub(said, text)
    return text
