"""Plain English, sentence by sentence: the rules the plain-language version is made with.

Everything here is deterministic and offline: a word list kept as data
(`data/plain_words.yaml`), word frequencies from `wordfreq`, sentences from
`pysbd`, clause boundaries from a dependency parser (`clauses`), lists written as
prose (`prose_lists`). Each rule works on one sentence, and a rewrite that would
lose a fact (a number, date, name or organisation) is thrown away for the
original sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..text.acronyms import AcronymTracker
from ..text.dates import dates_in_full
from ..text.sentences import sentences
from ..text.words import NUMBER, WORD, count_words
from .clauses import (
    MIN_PART,
    active_voice,
    capitalise,
    each_split,
    end_sentence,
    is_clause,
    is_clause_after_link,
    keeps_named_things,
    split_clauses,
    splits_a_clause,
    without_that,
)
from .prose_lists import ProseList, as_list

LONG_SENTENCE_WORDS = 12  # split sentences longer than this, where it is safe
LONG_LEAD = 20  # words: a list's lead-in longer than this is split as a sentence instead
HARD_WORD_ZIPF = 4.0  # wordfreq's Zipf scale: 4 is about once in every 100,000 words
FIRST_AND_SECOND_PERSON = {"i", "we", "our", "ours", "us", "me", "my", "mine", "you", "your", "yours", "we're",
                           "we’re", "we've", "we’ve", "i'm", "i’m", "ourselves", "myself"}
# words that start a new clause after a bare "and"/"but"/"so" (a pronoun subject): safe to split before
CLAUSE_SUBJECTS = {"we", "they", "it", "he", "she", "i", "you", "there"}
DETERMINERS = {"the", "this", "these", "our", "their", "its", "his", "her", "a", "an"}
AUXILIARIES = {"will", "would", "can", "could", "is", "are", "was", "were", "has", "have", "had", "must", "should",
               "may", "might"}
PAIRED_CONJUNCTION = re.compile(r"(Not only|Either|Neither|Both|Whether) ", re.IGNORECASE)


@dataclass(frozen=True)
class WordList:
    replace: list[tuple[re.Pattern, str]]  # longest phrases first
    asides: re.Pattern  # ", therefore," inside a sentence
    linking: dict[str, str]  # "however" → "But": how the next sentence starts where the aside joins two
    fillers: re.Pattern  # "simply, " "very "
    openers: dict[str, str]
    explain: dict[str, str]


BEFORE_A_NUMBER = " <number>"  # a phrase in the word list swapped only before a figure: "more than <number>: over"


@lru_cache(maxsize=1)
def word_list() -> WordList:
    data = yaml.safe_load(resources.files("renderer").joinpath("data/plain_words.yaml").read_text("utf-8"))
    phrases = sorted(data["replace"].items(), key=lambda item: -len(item[0].removesuffix(BEFORE_A_NUMBER)))
    return WordList(
        replace=[(re.compile(rf"(?<![\w-]){re.escape(hard.removesuffix(BEFORE_A_NUMBER))}(?![\w-])"
                             + (r"(?=\s[£$€]?\d)" if hard.endswith(BEFORE_A_NUMBER) else ""), re.IGNORECASE), easy)
                 for hard, easy in phrases],
        asides=re.compile(rf",\s+({'|'.join(map(re.escape, data['asides']))}),\s+", re.IGNORECASE),
        linking={word.lower(): opener for word, opener in data["asides"].items()},
        fillers=re.compile(rf"(?<![\w-])(?<!but )(?:{'|'.join(map(re.escape, data['fillers']))})(?![\w-]),?\s*",
                           re.IGNORECASE),
        openers=data["openers"],
        explain={word.lower(): text for word, text in data["explain"].items()},
    )


@lru_cache(maxsize=1)
def number_words() -> dict[str, str]:
    """'two' → '2' … 'ninety-nine' → '99' ('one' stays a word: "no one", "one of them")."""
    from num2words import num2words

    return {num2words(n): str(n) for n in range(2, 100)}


# --- facts ----------------------------------------------------------------


def facts(text: str) -> set[str]:
    """What a rewrite must keep: numbers (number words as digits), and names: capitalised words
    that do not start a sentence, and acronyms."""
    text = dates_in_full(text)  # '31/03/2027' is the same fact as '31 March 2027'
    found = {match.group(0).strip("£$€").rstrip("%").replace(",", "") for match in NUMBER.finditer(text)}
    for word, digits in number_words().items():
        if re.search(rf"(?<![\w-]){word}(?![\w-])", text, re.IGNORECASE):
            found.add(digits)
    for sentence in sentences(text):
        words = WORD.findall(sentence)
        for position, word in enumerate(words):
            if word.isupper() and len(word) > 1 or word[0].isupper() and position > 0 and word != "I":
                found.add(re.sub(r"['’]s$", "", word))  # "Network Rail’s" names Network Rail
    return found


def lost_facts(original: str, rewrite: str) -> set[str]:
    """The facts of `original` that `rewrite` does not have (a name may start a sentence there)."""
    return {fact for fact in facts(original) - facts(rewrite) - set(WORD.findall(rewrite))
            if not word_list().fillers.fullmatch(fact) and fact.lower() not in word_list().linking}
    # ("Simply," or "However," after a quotation mark is no name)


def keeps_facts(original: str, rewrite: str) -> bool:
    return not lost_facts(original, rewrite)


# --- word-level rules -------------------------------------------------------


def at_linking_words(sentence: str) -> list[str]:
    """Two whole sentences joined by a linking word between commas, as two sentences: 'No treatment is
    required, however, people may still carry the virus.' → 'No treatment is required.', 'But people may still
    carry the virus.' A linking word inside one clause ('Police have, therefore, asked …') is left to
    `substitute_words`, which leaves it out."""
    for match in word_list().asides.finditer(sentence):
        left, right = sentence[: match.start()], sentence[match.end():]
        if (count_words(left) >= MIN_PART and count_words(right) >= MIN_PART and is_clause(left)
                and is_clause_after_link(right)):
            opener = word_list().linking[match.group(1).lower()]
            return [end_sentence(left), *at_linking_words(f"{opener} {right}" if opener else capitalise(right))]
    return [sentence]


PHRASE_OPENERS = {"with", "without", "including", "especially", "particularly", "such", "as", "from", "to", "for", "in",
                  "on", "at", "by", "which", "who", "whose", "where", "when", "while", "whilst", "and", "or", "but",
                  "not", "up", "down", "than", "like", "unlike", "after", "before", "during", "following"}
DASH = re.compile(r"\s[–—-]\s")  # a spaced dash: "Flu is the big issue – we’ve seen more patients with flu"


def at_dashes(sentence: str) -> list[str]:
    """Whole sentences run together with spaced dashes, as sentences: 'Please call 111 – we will help you find the
    right service.' → 'Please call 111.', 'We will help you find the right service.' Only where every part is a
    whole sentence: a dash around an aside ('Nick Hulme – who leads two hospitals – said …') stays."""
    parts = [part.strip() for part in DASH.split(sentence)]
    if len(parts) < 2 or any(_first_word(part) in PHRASE_OPENERS for part in parts[1:]) \
            or not all(count_words(part) >= MIN_PART and is_clause(end_sentence(capitalise(part))) for part in parts):
        return [sentence]  # ("It will stay the same – with the green bin collected one week …": one sentence)
    return [end_sentence(capitalise(part)) for part in parts[:-1]] + [capitalise(parts[-1])]


def _first_word(text: str) -> str:
    found = WORD.search(text)
    return found.group(0).lower() if found else ""


def substitute_words(text: str) -> str:
    """Swap hard words and phrases for common ones, keeping a capital at the start; words in quotation marks are
    left as they are."""
    kept = QUOTATION.findall(text)
    text = QUOTATION.sub(lambda match: f"\ue000{kept.index(match.group(0))}\ue001", text)
    text = _substituted(text)
    return re.sub("\ue000(\\d+)\ue001", lambda match: kept[int(match.group(1))], text)


def _substituted(text: str) -> str:
    text = word_list().asides.sub(" ", text)
    for opener, easy in sorted(word_list().openers.items(), key=lambda item: -len(item[0])):
        if text.startswith((opener + " ", opener + ",")):
            text = easy + text[len(opener):]
            break  # the longest that fits: "Following on from" before "Following"
    for pattern, easy in word_list().replace:
        text, swaps = pattern.subn(lambda match, easy=easy: _swapped(match, easy), text)
        if swaps and easy:  # "an opportunity" → "a chance", not "an chance"
            text = re.sub(rf"\b([Aa]n?) ({re.escape(easy.split()[0])})\b",
                          lambda match: _same_case(match.group(1), _article(match.group(2))) + " " + match.group(2),
                          text)
    without_fillers = _without_fillers(text)  # after the swaps: "vital" → "very important" → "important"
    without_fillers = re.sub(r"^(But|So|And|Or), ", r"\1 ", without_fillers)  # "However, it" → "But it"
    return capitalise(without_fillers) if text[:1].isupper() else without_fillers


def _without_fillers(text: str) -> str:
    """The text without its fillers, an article before one agreeing with the word that follows instead: "a very
    unpleasant illness" → "an unpleasant illness"."""
    fillers = word_list().fillers
    text = re.sub(rf"\b([Aa]n?) ((?:{fillers.pattern})+)(?=(\w+))",
                  lambda match: f"{_same_case(match.group(1), _article(match.group(3)))} {match.group(2)}", text)
    return fillers.sub("", text)


def _swapped(match: re.Match, easy: str) -> str:
    """The plain word, with the capital of the hard one at a sentence's start; a capitalised word inside a
    sentence is part of a name ("the Air Navigation Regulations", "Significant Risk Unit") and stays."""
    hard = match.group(0)
    if hard[0].isupper() and match.string[: match.start()].strip(" “‘\"'("):
        return hard
    return _same_case(hard, easy)


def _article(word: str) -> str:
    """'a' or 'an' before a word, by how it is said: an extra, a chance, a useful, an hour."""
    lower = word.lower()
    vowel = lower[:1] in "aeiou" and not lower.startswith(("use", "usu", "uni", "one", "eu"))
    return "an" if vowel or lower.startswith(("hour", "honest", "honour")) else "a"


def _same_case(original: str, replacement: str) -> str:
    return replacement[0].upper() + replacement[1:] if original[0].isupper() else replacement


def numbers_as_digits(text: str) -> str:
    """'six libraries' → '6 libraries'; a number that starts the sentence stays a word ('Thirty firefighters
    attended'): a sentence does not start with a digit (the BBC's and Google's style guides)."""
    words = number_words()
    names = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:(?<!no )one (in|or|to) )?({names})(?![\w-])", re.IGNORECASE)
    # ("one in five" → "1 in 5", "one or two days" → "1 or 2 days"; not "no one in two weeks")

    def digits(match: re.Match) -> str:
        if match.group(0)[0].isupper() and not text[: match.start()].strip(" “‘\"'("):
            return match.group(0)  # "Thirty firefighters", "One in five people"
        number = words[match.group(2).lower()]
        return f"1 {match.group(1).lower()} {number}" if match.group(1) else number  # not "one in 5", "one or 2"

    return pattern.sub(digits, text)


OPENING_NUMBER = re.compile(r"^(\d{1,2}) (?=[a-z]{3,}\b)")  # "2 doses give …", not "27 May", "3 to 5 days", "5 km"


def number_opening_in_words(sentence: str) -> str:
    """A sentence a split made that starts with a figure, started with the number in words instead: "2 doses give
    lifelong protection." → "Two doses give lifelong protection." (the style guides' rule that numbers_as_digits
    keeps). Only the numbers `number_words` knows, so the facts check still finds the number."""
    found = OPENING_NUMBER.match(sentence)
    spelled = {digits: word for word, digits in number_words().items()}
    if found is None or found.group(1) not in spelled:
        return sentence
    return capitalise(spelled[found.group(1)]) + sentence[len(found.group(1)):]


def expand_acronyms(text: str, explained: AcronymTracker) -> str:
    """'NCA' → 'National Crime Agency (NCA)' the first time a reader meets it (`explained` remembers)."""
    return explained.rewrite(text, lambda use: f"({use.written})" if use.defined_here
                             else f"{use.expansion} ({use.written})" if use.first else use.written)


def hard_words(text: str, extra_easy: set[str] = frozenset()) -> list[str]:
    """Rare words (by wordfreq), lowercase, in order of first use; names and acronyms are not words to explain."""
    found: list[str] = []
    for sentence in sentences(text):
        for position, word in enumerate(WORD.findall(sentence)):
            lower = word.lower()
            if (len(word) < 5 or word.isupper() or (word[0].isupper() and position > 0) or lower in found
                    or lower in extra_easy):
                continue
            if word_frequency(lower) < HARD_WORD_ZIPF:
                found.append(lower)
    return found


def word_frequency(word: str) -> float:
    """wordfreq's Zipf value of a word or its simplest form ('arrests' → 'arrest', 'child’s' → 'child')."""
    from wordfreq import zipf_frequency

    word = word.replace("’", "'")
    forms = {word, re.sub(r"'s$", "", word)}
    for ending, replacement in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
                                ("ing", ""), ("ing", "e"), ("ly", "")):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            forms.add(word[: -len(ending)] + replacement)
    return max(zipf_frequency(form, "en") for form in forms)


# --- sentence-level rules ---------------------------------------------------


def split_sentence(sentence: str) -> list[str]:
    """A sentence longer than LONG_SENTENCE_WORDS split at its clause boundaries as the parser finds them
    (`clauses`); where it finds none, at the word patterns below that mark one (`WORD_PATTERN_RULES`)."""
    if count_words(sentence) <= LONG_SENTENCE_WORDS:
        return [sentence]
    parts = split_clauses(sentence, LONG_SENTENCE_WORDS)
    if len(parts) > 1:
        return each_split(parts, split_sentence)
    for splitter in WORD_PATTERN_RULES:
        parts = splitter(sentence)
        if parts and all(is_clause(part) for part in parts) and (
                splitter not in PLAIN_CUTS or not splits_a_clause(sentence, parts[0])):
            return each_split(parts, split_sentence)
    return [sentence]


def _at_semicolon(sentence: str) -> list[str] | None:
    left, found, right = sentence.partition("; ")
    if found and count_words(left) >= 4 and count_words(right) >= 4:
        return [end_sentence(left), capitalise(right)]
    return None


ROLE_ASIDE = re.compile(r"^((?:Councillor |Cllr |Dr |Mr |Mrs |Ms |Professor |Sir |Dame )?[A-Z][\w'’-]+ [A-Z][\w'’-]+), "
                        r"([^,]{5,90}), (said|says|added|explained|warned) (.+)$")


def _at_role_aside(sentence: str) -> list[str] | None:
    """'Gareth Price, Cabinet Member for Culture, said X.' → 'Gareth Price is the Cabinet Member for Culture.
    Gareth Price said X.'"""
    match = ROLE_ASIDE.match(sentence)
    if not match:
        return None
    name, role, verb, rest = match.groups()
    article = "" if role.split()[0].lower() in ("a", "an", "the") else "the "
    return [f"{name} is {article}{role}.", f"{name} {verb} {rest}"]


NOT_ONLY = re.compile(r"^Not only (can|will|does|do|did|is|are|was|were|has|have|had|could|would) "
                      r"(it|they|we|he|she|(?:this|these|the|our|their) \w+(?: itself| themselves)?) "
                      r"(.+?),? but (?:(it|they|we|he|she|this|these) )?(.+)$")


def _at_not_only(sentence: str) -> list[str] | None:
    """'Not only can this evidence help X but it can also Y' → 'This evidence can help X. It can also Y.'"""
    match = NOT_ONLY.match(sentence)
    if not match:
        return None
    verb, subject, first, second_subject, second = match.groups()
    return [end_sentence(f"{capitalise(subject)} {verb} {first}"), capitalise(f"{second_subject or subject} {second}")]


def _at_comma_conjunction(sentence: str) -> list[str] | None:
    best = None
    if PAIRED_CONJUNCTION.match(sentence):
        return None
    for match in re.finditer(r", (but|and|so|which|while) ", sentence):
        left, right = sentence[: match.start()], sentence[match.end():]
        if count_words(left) < 5 or count_words(right) < 4:
            continue
        word = match.group(1)
        if word == "which" and "," in right:
            continue  # "call 0800 123 4567, which is open all day, or visit …": the rest is not the line's
        lead = {"which": "This ", "while": "At the same time, "}.get(word, word.capitalize() + " ")
        candidate = [end_sentence(left), lead + right]
        balance = abs(count_words(left) - count_words(right))
        if best is None or balance < best[0]:
            best = (balance, candidate)
    return best[1] if best else None


def _at_and_that(sentence: str) -> list[str] | None:
    """'We know X and that Y' → 'We know X. We know that Y.'"""
    opening = re.match(r"((?:We|They|I|He|She|You|People) \w+) ", sentence)
    left, found, right = sentence.partition(" and that ")
    if opening and found and count_words(left) >= 5 and count_words(right) >= 4:
        return [end_sentence(left), f"{opening.group(1)} that {right}"]
    return None


def _at_bare_conjunction(sentence: str) -> list[str] | None:
    """Before 'and'/'but'/'so' followed by a pronoun subject ('and they'), or by a noun phrase that
    is soon followed by a verb ('and the introduction of E2EE will lead')."""
    if PAIRED_CONJUNCTION.match(sentence):
        return None
    best = None
    for match in re.finditer(r" (and so|but|and|so) (\w+)", sentence):
        left, right = sentence[: match.start()], sentence[match.start() + 1:]
        next_words = [w.lower() for w in WORD.findall(right)[2:8]]
        following = match.group(2).lower()
        starts_clause = following in CLAUSE_SUBJECTS or (
            (following in DETERMINERS or following.endswith("ing")) and any(w in AUXILIARIES for w in next_words))
        if not starts_clause or left.endswith((" and", " but", " or", ",")):
            continue
        if count_words(left) < 6 or count_words(right) < 5:
            continue
        candidate = [end_sentence(left), capitalise(right)]
        balance = abs(count_words(left) - count_words(right))
        if best is None or balance < best[0]:
            best = (balance, candidate)
    return best[1] if best else None


# tried after the parser's rules, in this order; a plain cut (no words added) is not made where a dependency
# crosses it (`clauses.splits_a_clause`)
WORD_PATTERN_RULES = (_at_semicolon, _at_role_aside, _at_not_only, _at_comma_conjunction, _at_and_that,
                      _at_bare_conjunction)
PLAIN_CUTS = (_at_semicolon, _at_comma_conjunction, _at_bare_conjunction)


def leans_on_what_came_before(sentence: str) -> bool:
    """'And so they won't…', 'This means…': a sentence that cannot stand alone as a key point."""
    first = WORD.match(sentence.strip())
    return bool(first) and first.group(0).lower() in {"and", "but", "so", "or", "they", "it", "this", "these", "that",
                                                      "those", "he", "she", "its", "their", "also", "then"}


def is_first_or_second_person(sentence: str) -> bool:
    return any(word.lower() in FIRST_AND_SECOND_PERSON for word in WORD.findall(sentence))


def simplify_text(text: str, explained: AcronymTracker) -> list[str | ProseList]:
    """A passage as plain sentences, and lists where a long sentence holds one (`prose_lists`); a sentence in
    quotation marks as it is."""
    plain: list[str | ProseList] = []
    found = sentences_in_quotes(text)
    for position, (whole, quoted) in enumerate(found):
        if quoted and not _short_quotes_only(whole):
            plain.append(whole)  # someone's words in quotation marks are shown as they said them
            continue
        trial = AcronymTracker(explained.acronyms, explained.introduced)
        following = found[position + 1][0] if position + 1 < len(found) else ""
        pieces = _simplified(whole, trial, leaned_on=leans_on_what_came_before(following))
        if all(phrase in " ".join(piece_text(piece) for piece in pieces) for phrase in QUOTATION.findall(whole)):
            explained.introduced |= trial.introduced
            plain += pieces
        else:  # a split or a swap went through a phrase in quotation marks
            plain.append(whole)
    return plain


QUOTE_MARKS = "“”\""  # double quotation marks, curly or straight: what is inside them was said as it is
QUOTE_MARK = re.compile(f"[{QUOTE_MARKS}]")
QUOTATION = re.compile(r"“[^“”]*”|\"[^\"]*\"")  # a phrase in double quotation marks, opened and closed
SHORT_QUOTE = 6  # words: a phrase this short in quotation marks ("a “very concerning” rise") is simplified around


def sentences_in_quotes(text: str) -> list[tuple[str, bool]]:
    """Each sentence of a passage, and whether any of it is inside double quotation marks (a quote of several
    sentences: '“A. B. C,” said X.' — "B." has no mark of its own, but is inside one)."""
    found, open_quote = [], False
    for sentence in sentences(text):
        marks = QUOTE_MARK.findall(sentence)
        found.append((sentence, open_quote or bool(marks)))
        for mark in marks:
            open_quote = mark == "“" or (mark == '"' and not open_quote)
    return found


def _short_quotes_only(sentence: str) -> bool:
    """True when every quotation mark of the sentence opens or closes a short phrase inside it: words in quotation
    marks that are a name or a turn of phrase, not someone's statement."""
    phrases = QUOTATION.findall(sentence)
    return bool(phrases) and not QUOTE_MARK.search(QUOTATION.sub("", sentence)) and \
        all(count_words(phrase) <= SHORT_QUOTE for phrase in phrases)


def _simplified(whole: str, explained: AcronymTracker, leaned_on: bool = False) -> list[str | ProseList]:
    """One sentence as plain sentences (parted first where whole sentences run together with a dash or a linking
    word). Each rewritten sentence keeps every fact of its original (numbers and names by pattern; once split,
    every name and amount the parser finds too), or the original sentence is kept as it is (with only its
    acronyms expanded). When the next sentence leans on this one ("This is so …"), a split that ends on a "This"
    sentence of its own making ("… This is due to the demand.") is not made: the next one's "This" would point at
    the wrong thing; the sentence keeps its plain words, whole."""
    plain: list[str | ProseList] = []
    parted = [piece for part in at_dashes(whole) for piece in at_linking_words(part)]
    for number, sentence in enumerate(parted, 1):
        trial = AcronymTracker(explained.acronyms, explained.introduced)
        substituted = substitute_words(numbers_as_digits(dates_in_full(sentence)))
        listed = as_list(substituted) if count_words(substituted) > LONG_SENTENCE_WORDS else None
        split = _lead_split(listed) if listed else []
        if listed and count_words(split[-1]) <= LONG_LEAD:
            # a sentence that is a list: the list, after the sentences its lead-in splits into
            pieces = [_in_plain_words(part, trial) for part in split[:-1]] + [
                ProseList(expand_acronyms(split[-1], trial), listed.items)]
        else:
            split = split_sentence(substituted)
            pieces = [_expanded(_listed(number_opening_in_words(without_that(active_voice(part)))), trial)
                      for part in split]
        joined = " ".join(piece_text(piece) for piece in pieces)
        if leaned_on and number == len(parted) and len(pieces) > 1 and \
                _opens_with_added_words(sentence, piece_text(pieces[-1])):
            trial = AcronymTracker(explained.acronyms, explained.introduced)  # (the split's parts told it otherwise)
            pieces = [_in_plain_words(substituted, trial)]  # its words plain, still whole
            joined = pieces[0]
        if keeps_facts(sentence, joined) and (split == [substituted] or keeps_named_things(substituted, joined)):
            explained.introduced |= trial.introduced
            plain += pieces
        else:
            plain.append(expand_acronyms(sentence, explained))
    return plain


def _in_plain_words(sentence: str, explained: AcronymTracker) -> str:
    """A sentence made active, without a "said that" "that", its acronyms written out the first time."""
    return expand_acronyms(without_that(active_voice(sentence)), explained)


def _opens_with_added_words(original: str, sentence: str) -> bool:
    """True when a sentence made by a split starts with a "This"/"These" the original did not have ("This is due to
    …"): a next sentence's "This" would then point at it. (A "They" that names the subject again is safe.)"""
    words = [word.lower() for word in WORD.findall(sentence)[:2]]
    return bool(words) and words[0] in ("this", "these") and " ".join(words) not in \
        " ".join(WORD.findall(original)).lower()


def _lead_split(listed: ProseList) -> list[str]:
    """The sentences a list's lead-in splits into, the last one still leading into the list. The lead-in is
    split as the sentence it makes with the first item ("… important to competitors."); the split is kept only
    if that item still ends the last part."""
    lead = listed.lead.rstrip(":")
    first = listed.items[0]
    parts = split_sentence(f"{lead} {first}.")
    tail = f" {first}."
    if len(parts) == 1 or not parts[-1].endswith(tail):
        return [listed.lead]
    return parts[:-1] + [parts[-1][: -len(tail)] + ":"]


def _listed(sentence: str) -> str | ProseList:
    """A long sentence that holds a list, as that list; any other sentence as it is."""
    return (count_words(sentence) > LONG_SENTENCE_WORDS and as_list(sentence)) or sentence


def _expanded(piece: str | ProseList, explained: AcronymTracker) -> str | ProseList:
    """A sentence or a list with its acronyms written out the first time, after the list was found (a written-out
    "measles, mumps and rubella (MMR)" is no list of three)."""
    if isinstance(piece, str):
        return expand_acronyms(piece, explained)
    return ProseList(expand_acronyms(piece.lead, explained), [expand_acronyms(item, explained) for item in piece.items])


def piece_text(piece: str | ProseList) -> str:
    return piece if isinstance(piece, str) else " ".join([piece.lead, *piece.items])
