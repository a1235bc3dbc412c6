"""Written forms a listener would not understand, as the speech script says them (issue 18)."""

from __future__ import annotations

import pytest

from renderer.writers.audio.listening import for_listening, said_as_letters
from renderer.writers.audio.spoken import SpokenWords


@pytest.mark.parametrize("written, said", [
    ("levels of 10 µg/L were found", "levels of 10 micrograms per litre were found"),
    ("a dose of 1 mg", "a dose of 1 milligram"),
    ("at 30 km/h", "at 30 kilometres per hour"),
    ("it reached 38°C", "it reached 38 degrees Celsius"),
    ("a site of 120 m² near", "a site of 120 square metres near"),
    ("uses 3.5 kWh a day", "uses 3.5 kilowatt hours a day"),
    ("£5m for roads", "£5m for roads"),  # money, not metres
    ("PHE's advice", "P.H.E.'s advice"),
    ("HMIC's report", "H.M.I.C.'s report"),
    ("the UN's envoy", "the U.N.'s envoy"),
    ("local MPs said", "local M.P.s said"),
    ("NATO's members", "NATO's members"),  # said as a word
    ("Susie Hargreaves OBE said", "Susie Hargreaves O.B.E. said"),
    ("Chief Constable Sara Thornton QPM", "Chief Constable Sara Thornton Q.P.M."),
    ("Dr Jane Smith", "Doctor Jane Smith"),
    ("Cllr Ann Jones", "Councillor Ann Jones"),
    ("in 2011/12 and 2003/04", "in twenty eleven to twelve and two thousand and three to oh four"),
    ("on 2017/18 figures", "on twenty seventeen to eighteen figures"),
    ("a helpline open 24/7", "a helpline open twenty-four seven"),
    ("about 1/2 of them, 3/4 of those and 2/3", "about a half of them, three quarters of those and two thirds"),
    ("King Charles III visited", "King Charles the third visited"),
])
def test_each_written_form_is_said_as_people_say_it(written, said):
    assert for_listening(written) == said


@pytest.mark.parametrize("acronym, spelled", [("NHS", True), ("PHE", True), ("HMIC", True), ("DVLA", True),
                                              ("NATO", False), ("COVID", False), ("OFSTED", False), ("UNICEF", False)])
def test_which_acronyms_are_said_letter_by_letter(acronym, spelled):
    assert said_as_letters(acronym) is spelled


def test_the_script_says_them_and_the_captions_keep_the_written_words():
    spoken = SpokenWords({}).spoken("Levels of 10 µg/L, said PHE's Dr Ann Lee OBE.", "en-GB", {
        "link": "link: {domain}", "dot": "dot", "at": "at"})
    assert "ten micrograms per litre" in spoken and "P.H.E.'s" in spoken and "Doctor Ann Lee O.B.E." in spoken


def test_a_statement_s_own_pronunciations_are_said_and_its_captions_keep_the_spelling(write_statement):
    from renderer.editions import make_release
    from renderer.readers import read_statement
    from renderer.writers.audio.script import speech_script

    source = write_statement(front_matter="title: A test statement\norganisation: Test Council\n"
                                          "date: 2026-11-27\npronounce:\n  Critchley: Critch-lee\n",
                             body="Ian Critchley spoke to the council.\n")
    statement, _ = read_statement(source)
    utterance = next(u for u in speech_script(make_release(statement, with_plain=False).full).utterances
                     if "council" in u.caption)
    assert utterance.caption == "Ian Critchley spoke to the council." and "Critch-lee" in utterance.spoken


def test_a_pls_lexicon_beside_the_statement_is_used_and_one_outside_its_folder_is_not(write_statement, tmp_path):
    from renderer.readers import read_statement
    from renderer.writers.audio.script import statement_lexicon

    pls = """<?xml version="1.0" encoding="UTF-8"?>
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" xml:lang="en-GB">
  <lexeme><grapheme>Hargreaves</grapheme><alias>Har-greeves</alias></lexeme>
  <lexeme><grapheme>Mullen</grapheme><phoneme>ˈmʌlən</phoneme></lexeme>
</lexicon>
"""
    source = write_statement(front_matter="title: A test statement\norganisation: Test Council\n"
                                          "date: 2026-11-27\npronounce: names.pls\n")
    (source.parent / "names.pls").write_text(pls, "utf-8")
    statement, _ = read_statement(source)
    assert statement_lexicon(statement).respelled("Susie Hargreaves said") == "Susie Har-greeves said"
    outside = write_statement(front_matter="title: A test statement\norganisation: Test Council\n"
                                           "date: 2026-11-27\npronounce: ../names.pls\n")
    (outside.parent.parent / "names.pls").write_text(pls, "utf-8")
    statement, _ = read_statement(outside)
    assert statement_lexicon(statement).respelled("Susie Hargreaves said") == "Susie Hargreaves said"


def test_lower_case_entries_match_any_case_and_names_only_as_written():
    from renderer.text.pronunciations import Lexicon

    lexicon = Lexicon({"illegal": "il-leegal", "Reading": "Redding"})
    assert lexicon.respelled("Illegal and illegal in Reading, reading it") == \
        "Il-leegal and il-leegal in Redding, reading it"
