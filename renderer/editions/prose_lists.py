"""Lists written as prose, turned into lists: "We will tackle conflict, ensure food security, foster growth
and empower women." → "We will:" and four bullets.

A reader takes in a list one item at a time; in a sentence they must hold every item in mind until the
full stop. `as_list(sentence)` finds a series of three or more items of one kind (noun phrases, verbs,
-ing phrases, past participles: the parser's part-of-speech tags say which) set apart by commas, the last
joined by "and", that ends the sentence; or, after a colon, the items a writer set apart with semicolons.
It returns the words that lead into the list and the items. The words are the sentence's own: nothing is
added but the colon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.words import count_words
from .clauses import capitalise, parse

MIN_ITEMS = 3
MIN_LEAD = 3  # words before the list
MAX_ITEM = 15  # words: a longer item is a sentence, not a list item
SEPARATORS = {",", ";"}
OPENING_WORDS = re.compile(r"^(?:and|or)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class ProseList:
    lead: str  # "We will:"
    items: list[str]  # "tackle conflict", …, without the joining "and" or a full stop


def as_list(sentence: str) -> ProseList | None:
    """The sentence as a lead and a list, or None when it holds no series of three or more that ends it."""
    return _after_colon(sentence) or _coordinated_series(sentence)


def _after_colon(sentence: str) -> ProseList | None:
    """'The grant comprises: A; B; C; and D.' (items set apart by semicolons after a colon, two or more)."""
    lead, colon, rest = sentence.partition(": ")
    if not colon or rest.count(";") < 1 or count_words(lead) < MIN_LEAD:
        return None  # (two items are a list too where the writer set them apart so: "2 challenges: A; and B")
    items = [_item(part) for part in rest.rstrip(" .").split(";")]
    return ProseList(capitalise(lead) + ":", items) if all(items) else None


def _coordinated_series(sentence: str) -> ProseList | None:
    """'… help to tackle conflict, ensure food security, empower women and protect health.': items of one
    kind (all noun phrases, all verbs in the base form, all in -ing) set apart by commas, the last joined
    by "and", ending the sentence. The parser's part-of-speech tags say where each item starts; its
    coordination of long series is not reliable enough to follow."""
    doc = parse(sentence)
    end = len(doc) - 1 if doc[-1].is_punct else len(doc)
    segments = _segments(doc, end)
    if len(segments) < MIN_ITEMS - 1:
        return None
    last, and_first = segments[-1]
    # after ", and" the last item is certainly one; the item before it says what kind they are
    kind = _kind(doc[segments[-2][0][0]]) if and_first else _kind(doc[last[0]])
    if kind is None:
        return None
    if and_first:  # "…, the rule of law, and economies that …"
        items = [last]
    else:
        joiner = next((i for i in range(*last) if doc[i].lower_ == "and" and i + 1 < end
                       and _kind(doc[i + 1]) == kind), None)
        if joiner is None or _kind(doc[last[0]]) != kind:
            return None
        items = [(last[0], joiner), (joiner + 1, last[1])]
    position = len(segments) - 2
    while position > 0 and _kind(doc[segments[position][0][0]]) == kind and not segments[position][1]:
        items.insert(0, segments[position][0])
        position -= 1
    first = segments[position][0]
    candidates = [i for i in range(first[0] + 1, first[1]) if _kind(doc[i]) == kind and _opens_item(doc[i - 1], kind)
                  and not (doc[i - 1].dep_ == "acl" and doc[i - 1].tag_ in ("VBN", "VBG")
                           and first[0] <= doc[i - 1].head.i < i - 1)]
    # (not after a participle that describes the noun before it: "offered to everyone aged 75 and over, residents in
    # care homes and …" lists everyone aged 75 and over, not "everyone aged:" and "75 and over")
    if not candidates:
        return None
    same_word = [i for i in candidates if doc[i].lower_ in {doc[a].lower_ for a, _ in items}]
    longest = max(count_words(doc[a:b].text) for a, b in items)
    # "on the roads that flood every winter, the bridges …": the "the" the other items start with, unless that
    # makes the first item much longer than the rest ("as the only 2 countries that are members of NATO, the G8")
    fitting = [i for i in same_word if count_words(doc[i:first[1]].text) <= longest + 3]
    start = (fitting or candidates)[-1]
    items.insert(0, (start, first[1]))
    lead = doc[: start].text
    texts = [_item(doc[a:b].text) for a, b in items]
    if (len(texts) < MIN_ITEMS or count_words(lead) < MIN_LEAD or not all(texts)
            or any(":" in text for text in texts)  # "cruelty, injustice and intolerance: the attempt to …"
            or any(count_words(text) > MAX_ITEM for text in texts)
            or kind == "noun phrase" and not all(_is_noun_phrase(doc[a:b]) for a, b in items)
            or not any(token.pos_ in ("VERB", "AUX") for token in doc[:start])):
        return None
    if _describes_the_one_before(doc, items):
        return None  # "by Allia C&C, a finance firm that helps housing associations and other charities": one firm
    if _counts_the_rest(texts) or _spells_an_acronym(texts) or any(not re.search(r"[^\W\d_]", text) for text in texts) \
            or any(re.search(r"\b(?:including|such as)\b", text) for text in texts):
        # ("served by buses 4, 7 and 12": numbers of one thing; "Cheltenham Animal Shelter including dogs, cats
        return None  # and rabbits": a list inside a list)
    return ProseList(capitalise(lead.rstrip(" :,")) + ":", texts)


def _describes_the_one_before(doc, items: list[tuple[int, int]]) -> bool:
    """True when an item says what the name before it is: "Allia C&C, a finance firm …" (an appositive with "a" or
    "an" on a name). The parser calls the items of a long list appositives too ("the roads, the 6 bridges, …")."""
    return any(doc[a].lower_ in ("a", "an") and token.dep_ == "appos" and token.head.pos_ == "PROPN"
               and before[0] <= token.head.i < before[1]
               for before, (a, b) in zip(items, items[1:]) for token in doc[a:b])


def _spells_an_acronym(texts: list[str]) -> bool:
    """'measles, mumps and rubella (MMR) vaccines': the words of an acronym, not a list."""
    found = re.search(r"\(([A-Z]{2,})\)", texts[-1])
    firsts = [[word for word in text.split() if word.lower() not in ("the", "a", "an")] for text in texts]
    return bool(found) and all(firsts) and found.group(1) == "".join(words[0][0].upper() for words in firsts)
    # ("check they have had the measles, mumps and rubella (MMR) jab")


def _counts_the_rest(texts: list[str]) -> bool:
    """'two vehicles, a white Mazda and a grey Golf': the first item counts the others, which say what it is. Not
    a list of three."""
    from .simplify import number_words

    count = texts[0].split()[0].lower()
    return number_words().get(count, count) == str(len(texts) - 1)


def _segments(doc, end: int) -> list[tuple[tuple[int, int], bool]]:
    """The stretches of the sentence between commas and semicolons that are outside brackets, each
    without an opening "and" and saying whether it had one."""
    segments, begin, depth = [], 0, 0
    for token in doc[:end]:
        if token.text in "([":
            depth += 1
        elif token.text in ")]":
            depth -= 1
        if token.text in SEPARATORS and depth == 0:
            segments.append((begin, token.i))
            begin = token.i + 1
    segments.append((begin, end))
    stripped = [((a + (doc[a].lower_ == "and"), b), doc[a].lower_ == "and") for a, b in segments if b > a]
    return [(span, and_first) for span, and_first in stripped if span[1] > span[0]]


def _is_noun_phrase(span) -> bool:
    """True when the words the item hangs on are nouns: "a living document", "the rule of law"; not "responsive to
    evolving events" (an adjective: "This will remain a living document, responsive to events, challenges and
    opportunities" is no list of three)."""
    tops = [token for token in span if not token.is_punct
            and (token.head == token or not span.start <= token.head.i < span.end)]
    return any(token.pos_ in ("NOUN", "PROPN", "NUM", "PRON") for token in span) and \
        not any(token.pos_ in ("ADJ", "ADV", "ADP") for token in tops) and \
        not (len(tops) > 1 and any(token.ent_type_ in ("DATE", "TIME") for token in tops[1:])) and \
        not any(child.dep_ in ("nsubj", "nsubjpass") for token in tops for child in token.children)
    # (nor a clause: "1,234 repairs; 56% were done within 7 days, 30% within 28 days" is no list of repairs; nor an
    # item with the verb's time in it: "floods which hit Cumbria, Lancashire and Yorkshire last month")


def _kind(token) -> str | None:
    """What an item starting with this word is: a noun phrase, a verb in the base form, in -ing or a past
    participle."""
    if token.tag_ == "VBG":
        return "VBG"
    if token.tag_ == "VBN" or token.tag_ == "VBD" and token.dep_ == "conj" and token.head.tag_ == "VBN":
        return "VBN"  # "have been arrested, questioned and bailed"
    if token.tag_ in ("VB", "VBP") or token.dep_ == "conj" and token.head.tag_ in ("VB", "VBP") or _verb_before_object(token):
        return "VB"  # the tagger takes some verbs in a list for adjectives ("clear the drains", "foster growth")
    if token.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM") or token.tag_ == "PRP$":
        return "noun phrase"
    return None


def _verb_before_object(token) -> bool:
    """'foster' in "…, foster sustainable growth, …", tagged an adjective: a word that is a verb in the base form
    (by lemminflect's lexicon), after a comma, with a noun phrase after it."""
    from lemminflect import getAllLemmas

    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (token.tag_ in ("JJ", "NN") and token.i > 0 and token.nbor(-1).text == "," and following is not None
            and following.pos_ in ("DET", "ADJ", "NOUN", "PROPN") and token.lower_ in getAllLemmas(token.lower_, "VERB")
            .get("VERB", ()))


def _opens_item(before, kind: str) -> bool:
    """True when the word before could end the words leading into a list ('to', 'including', a verb, ':')."""
    if kind == "VB":
        return before.lower_ == "to" or before.tag_ == "MD"
    if kind == "VBN":
        return before.dep_ in ("aux", "auxpass")  # "All 9 have been: arrested …, questioned …, bailed …"
    if kind == "VBG":  # "Teams are out in communities: checking …, clearing …, working with …"
        return before.pos_ in ("NOUN", "PROPN", "PRON", "ADV", "ADP", "VERB", "AUX") or before.text == ":"
    return before.pos_ in ("ADP", "VERB", "AUX") or before.text == ":" or before.lower_ in ("to", "including")


def _item(text: str) -> str:
    return OPENING_WORDS.sub("", " ".join(text.split()).strip(" ,;.")).strip()
