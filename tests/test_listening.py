"""Written forms a listener would not understand, as the speech script says them (issue 18)."""

from __future__ import annotations

import re

import pytest

from renderer.writers.audio.listening import for_listening, said_as_letters
from renderer.writers.audio.spoken import SpokenWords
from support import CORPUS, SOURCES


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
    ("CooperSurgical makes the TransWarmer", "Cooper Surgical makes the Trans Warmer"),
    ("GlaxoSmithKline", "Glaxo Smith Kline"),
    ("MacDonald, McKenzie and FitzGerald", "MacDonald, McKenzie and FitzGerald"),  # names with a prefix
    ("on her iPhone", "on her iPhone"),
    ("quoting MDA/2015/025", "quoting M.D.A. slash two oh one five slash oh two five"),
    ("on 27/04/2015", "on 27/04/2015"),  # a date, said as one later
    ("A&E nurses, R&D and Smith & Jones", "eigh and E nurses, R and D and Smith and Jones"),
    ("medical staff/paediatrics and/or nurses", "medical staff slash paediatrics and or nurses"),
    ("costs £3 + 1 message", "costs £3 plus 1 message"),
])
def test_each_written_form_is_said_as_people_say_it(written, said):
    assert for_listening(written) == said


@pytest.mark.parametrize("acronym, spelled", [("NHS", True), ("PHE", True), ("HMIC", True), ("DVLA", True),
                                              ("NATO", False), ("COVID", False), ("OFSTED", False), ("UNICEF", False)])
def test_which_acronyms_are_said_letter_by_letter(acronym, spelled):
    assert said_as_letters(acronym) is spelled


PHRASES = {"link": "link: {domain}", "dot": "dot", "at": "at", "slash": "slash", "dash": "dash", "or": "or",
           "note_reference": "note {number}"}


@pytest.mark.parametrize("written, said", [
    ("See https://www.gov.uk/talk-to-frank today.", "See link: gov dot uk slash talk to frank today."),
    ("See www.gov.uk/flood.", "See link: gov dot uk slash flood."),
    ("See https://www.gov.uk/government/news/cannabis-arrests-2024.", "See link: gov dot uk."),  # long: the site
    ("See https://www.nnuh.nhs.uk/visiting.html", "See link: N.N.U.H. dot N.H.S. dot uk slash visiting"),
    ("Email cde@dstl.gov.uk now", "Email cde at D.S.T.L. dot gov dot uk now"),
    ("Email elke.kerwick@mhra.gsi.gov.uk", "Email elke dot kerwick at M.H.R.A. dot G.S.I. dot gov dot uk"),
    ("Email westcromwellroad@policeconduct.gov.uk", "Email west cromwell road at police conduct dot gov dot uk"),
    # a hyphen a listener must type, and an address written without www
    ("See https://www.dyfed-powys.police.uk/report", "See link: dyfed dash powys dot police dot uk slash report"),
    ("Email press@dyfed-powys.police.uk", "Email press at dyfed dash powys dot police dot uk"),
    ("or at crimestoppers-uk.org. Visit nhs.uk/flu or gov.wales", "or at crimestoppers dash uk dot org. Visit N.H.S. dot "
                                                                 "uk slash flu or gov dot wales"),
    ("call NHS 111 or visit 111.nhs.uk", "call NHS one one one or visit one one one dot N.H.S. dot uk"),
    ("see report.pdf, Fig.3 and Mr.Smith", "see report.pdf, Fig.3 and Mr.Smith"),  # not addresses
    ("Follow @AvonFireRescue on X.", "Follow at Avon Fire Rescue on X."),  # a handle: the "@" was not said
])
def test_web_addresses_are_said_as_the_site_and_a_short_page_name(written, said):
    assert SpokenWords({}).spoken(written, "en-GB", PHRASES) == said


def test_a_note_reference_is_said_as_a_note():
    from renderer.text.messages import messages

    assert SpokenWords({}).spoken("Thank you for your patience[1]. See note [2] and [3]", "en-GB", PHRASES) == \
        "Thank you for your patience, note one. See note [two] and [three]"  # (only right after a word)
    assert SpokenWords({}).spoken("Ar agor[1] ddydd Sadwrn.", "cy", messages("cy")) == "Ar agor, nodyn 1, ddydd Sadwrn."


@pytest.mark.parametrize("written, said", [
    ("Call 020 3080 6826.", "Call oh two oh, three oh eight oh, six eight two six."),
    ("Call 02030806826.", "Call oh two oh, three oh eight oh, six eight two six."),
    ("Call 0300 123 4567 today.", "Call oh three oh oh, one two three, four five six seven today."),
    ("Call 03001234567.", "Call oh three oh oh, one two three, four five six seven."),
    ("Call 01632960123.", "Call oh one six three two, nine six oh one two three."),
    ("Phone +44 20 7946 0000.", "Phone plus four four, two oh, seven nine four six, oh oh oh oh."),
    ("Text 82111 to donate.", "Text eight two one one one to donate."),
    ("Call 101 or 999.", "Call one oh one or nine nine nine."),
    ("Telephone: 020 3080 6826 / 7205", "Telephone: oh two oh, three oh eight oh, six eight two six or seven two oh five"),
    ("Telephone: 01267 225278 / 02920 825510", "Telephone: oh one two six seven, two two five two seven eight or "
                                                "oh two nine two oh, eight two five five one oh"),
    ("Telephone +44 (0)30 67704236", "Telephone plus four four, three oh, six seven seven oh four two three six"),
    ("Phone +1 203-601-5200 ext. 3414.", "Phone plus one, two oh three, six oh one, five two oh oh extension three four one "
                                          "four."),
])
def test_phone_and_text_numbers_are_said_in_their_groups(written, said):
    assert SpokenWords({}).spoken(written, "en-GB", PHRASES) == said


@pytest.mark.parametrize("written, said", [
    # numbers people dial, wherever they stand (not a 999-year lease, not NHS 24)
    ("Please use 111 online and only use 999 in an emergency.",
     "Please use one one one online and only use nine nine nine in an emergency."),
    ("Call NHS 111 or visit the NHS 111 website.", "Call NHS one one one or visit the NHS one one one website."),
    ("NHS111 is open.", "NHS one one one is open."),
    ("contact Tayside Division on 101 quoting CR/20698/17, online or via 101", "contact Tayside Division on one oh one "
     "quoting C.R. slash two oh six nine eight slash one seven, online or via one oh one"),
    ("It made 999 calls on a 999-year lease; call NHS 24.",
     "It made nine nine nine calls on a nine hundred and ninety-nine-year lease; call NHS twenty-four."),
    # decades
    ("a woman in her 80s", "a woman in her eighties"),
    ("this 22nd day of September, 2011", "this twenty-second day of September twenty eleven"),
    ("in the 1990s and the 2020s, not the '60s", "in the nineteen nineties and the twenty twenties, not the sixties"),
    # ranges
    ("moderate delays (10-30 minutes)", "moderate delays (ten to thirty minutes)"),
    ("children aged 5–11", "children aged five to eleven"),
    ("visiting between 2pm–4pm, for between 10-20 minutes", "visiting between two p m and four p m, for between ten "
                                                             "and twenty minutes"),
    ("a 10-20% rise between 2014-2016", "a ten to twenty per cent rise between twenty fourteen to twenty sixteen"),
    ("open 9am–5pm and 10am-2pm", "open nine a m to five p m and ten a m to two p m"),
    ("open 09:00-17:00", "open nine hundred to seventeen hundred"),
    ("open Mon–Fri, and Sat 10am", "open Monday to Friday, and Saturday ten a m"),
    ("on Fri 2 Jan and Wed 14th, told The Sun 10 days ago; until Mon 4th.", "on Friday the second of January and "
     "Wednesday fourteenth, told The Sun ten days ago; until Monday fourth."),
    ("they won 2-1", "they won two-one"),  # a score, not a range
    # titles, collar numbers, street names, "No."
    ("The Rt Hon Michael Gove MP and the Rt. Hon. Ann Lee", "The Right Honourable Michael Gove M.P. and the Right "
                                                          "Honourable Ann Lee"),
    ("PC 1234 Smith and Sgt 567 Jones", "PC one two three four Smith and Sergeant five six seven Jones"),
    ("on High St, near St Albans", "on High Street, near St Albans"),
    ("at No. 10 Downing Street, the No 1 priority", "at number ten Downing Street, the number one priority"),
    ("Tel: 0870 8506506", "Telephone: oh eight seven oh, eight five oh six five oh six"),
    # units people abbreviate, minus, "by"
    ("flying at 10,000ft, he is 6ft 2in", "flying at ten thousand feet, he is six feet two inches"),
    ("held for 2 hrs and 30 mins", "held for two hours and thirty minutes"),
    ("a 10km run and a 5kg bag", "a ten kilometre run and a five kilogram bag"),
    ("it fell to -5°C", "it fell to minus five degrees Celsius"),
    ("temperatures reached 35C, or 95F", "temperatures reached thirty-five degrees Celsius, or ninety-five degrees "
                                         "Fahrenheit"),
    ("Flat 3C", "Flat 3C"),  # no temperature
    ("a 4x4 and a 3 x 4 metre room", "a four by four and a three by four metre room"),
    ("emits 120g/km", "emits one hundred and twenty grams per kilometre"),
    ("around 50+ people", "around fifty plus people"),
    # found on court, council-budget, bus and power-cut releases
    ("contrary to section 14 of the Sexual Offences Act 1956", "contrary to section fourteen of the Sexual Offences "
                                                              "Act nineteen fifty-six"),
    ("the Glasgow 2014 Commonwealth Games", "the Glasgow twenty fourteen Commonwealth Games"),
    ("Some 2000 people came; About 1500 left", "Some two thousand people came; About one thousand five hundred "
                                               "left"),  # counts, not years
    ("Glasgow 2014 Commonwealth Games", "Glasgow twenty fourteen Commonwealth Games"),
    ("under s.142 (1) and section 12(1)", "under section one hundred and forty-two (one) and section twelve (one)"),
    ("between 4 and 20 January 2022", "between the fourth and the twentieth of January, twenty twenty-two"),
    ("by the 11th March 2024", "by the eleventh of March, twenty twenty-four"),
    ("the budget for 2023/2024 and 2024-2025", "the budget for twenty twenty-three to twenty twenty-four and twenty "
                                                "twenty-four to twenty twenty-five"),
    ("a further £1.5bn over 2026–2029.", "a further one point five billion pounds over twenty twenty-six to twenty "
                                          "twenty-nine."),
    ("£1 for under-16s and over-60s", "one pound for under-sixteens and over-sixties"),
    ("an 11kV cable", "an eleven kilovolt cable"),
    ("an additional £167,500", "an additional one hundred and sixty-seven thousand five hundred pounds"),
    # found on health, weather and roads release text
    ("embargoed until 00:01am on Monday", "embargoed until twelve oh one a m on Monday"),
    ("over the winter (Oct – May) and from March to Sept", "over the winter (October to May) and from March to "
                                                          "September"),
    ("1.5m new homes, 300k a year and 2bn trees", "one point five million new homes, three hundred thousand a year and "
                                                   "two billion trees"),
    ("stay 2m away behind a 1.8m fence", "stay two metres away behind a one point eight metre fence"),
    ("it sees c.450,000 patients and c. 20 a day", "it sees about four hundred and fifty thousand patients and about "
                                                    "twenty a day"),
    ("The M4 was closed between J14-15 and at J7", "The M4 was closed between junctions fourteen to fifteen and at "
                                                   "junction seven"),
    ("a J1 visa", "a J1 visa"),  # no motorway: not a junction
    # found on fire-service, hospital and events release text
    ("At 07:44Hrs and by 03.15hrs, and at 1500hrs", "At seven forty-four and by three fifteen, and at fifteen "
                                                     "hundred"),
    ("open 8am-8pm Mon-Fri and 9am-1pm Sat.", "open eight a m to eight p m Monday to Friday and nine a m to one p m "
                                              "Saturday."),
    ("it saw 1,234 patients w/c 5 Feb", "it saw one thousand two hundred and thirty-four patients week commencing the "
                                         "fifth of February"),
    ("1 x aerial ladder platform and 6 x fire engines", "one aerial ladder platform and six fire engines"),
    ("tickets at £5/£3 concessions", "tickets at five pounds or three pounds concessions"),
    # the letter A, which the voice would read as the article ("class uh drugs")
    ("class A drugs, the A&E department, plan A and B, a Q&A", "class eigh drugs, the eigh and E department, plan "
                                                                "eigh and B, a Q and eigh"),
    ("A man was seen. A Christmas Carol", "A man was seen. A Christmas Carol"),
    ("A&E consultants", "eigh and E consultants"),
    # found on charity, business, schools, energy and missing-person release text
    ("registered charity number 1123456, crime number 12345678", "registered charity number one one two three four "
                                                                 "five six, crime number one two three four five six "
                                                                 "seven eight"),
    ("a dividend of 2.5p, and calls cost 8p", "a dividend of two point five pence, and calls cost eight pence"),
    ("of Park Rd, near Elm Ave and Mill Ln", "of Park Road, near Elm Avenue and Mill Lane"),
    ("45% A*-A grades", "forty-five per cent A star to A grades"),
    ("worth £25m over 2024-27 and 1939-45", "worth twenty-five million pounds over twenty twenty-four to twenty-seven "
                                            "and nineteen thirty-nine to forty-five"),
    ("prizes of £100, £50 and £25, and 10%, 20% or 30%", "prizes of one hundred pounds, fifty pounds and twenty-five "
                                                          "pounds, and ten per cent, twenty per cent or thirty per cent"),
    ("it cut 2.5Mt of CO2 and 1.5 tonnes", "it cut two point five megatonnes of C.O. two and one point five tonnes"),
    ("He was 6'2\" tall, weighed 14st 7lb; the hole was 2' deep", "He was six feet two inches tall, weighed fourteen "
                                                                 "stone seven pounds; the hole was two feet deep"),
    ("the 21st and 1st", "the twenty-first and first"),
    ("on 2001-02-03", "on the third of February, two thousand and one"),  # an ISO date, not years
    ("the papers (PDF, 2.3MB) and the s151 officer's S106 agreement", "the papers (PDF, two point three megabytes) "
                                                                      "and the section one hundred and fifty-one "
                                                                      "officer's section one hundred and six agreement"),
    # found on environment, education and transport release text
    ("in mid-2025, compared with pre-2020 and the late-1990s", "in mid-twenty twenty-five, compared with pre-twenty "
                                                               "twenty and the late-nineteen nineties"),
    ("journeys of 0–3 miles", "journeys of zero to three miles"),
    ("a cost of £10-15m or £2–£3 a week", "a cost of ten to fifteen million pounds or two to three pounds a week"),
    ("The MoD, MoJ and DfE", "The M.O.D., M.O.J. and D.F.E."),
    ("levels of NO2, CO2 and PM2.5", "levels of N.O. two, C.O. two and P.M. two point five"),
    # found on policy, prices and performance release text
    ("the 10,000th visitor on the 1st/2nd of May", "the ten thousandth visitor on the first or second of May"),
    ("£1bn+ for it, £3.99/month or £40 p.a.", "one billion pounds plus for it, three pounds ninety-nine per month or "
                                              "forty pounds a year"),
    ("in late 2025, spring 2026 and Q4 2026", "in late twenty twenty-five, spring twenty twenty-six and Q4 twenty "
                                              "twenty-six"),
    ("2x as many, England vs Wales", "two times as many, England versus Wales"),
    # found on charity and rail release text
    ("text HELP to 70070 or text DOGS 5 to 70085", "text HELP to seven oh oh seven oh or text DOGS five to seven oh oh "
                                                     "eight five"),
    ("buses run on Sat 6 & Sun 7 April", "buses run on Saturday the sixth and Sunday the seventh of April"),
    ("approx 3,000 sq ft, i.e. £400 per sq ft", "approximately three thousand square feet, that is four hundred pounds "
                                                 "per square foot"),
])
def test_numbers_titles_and_abbreviations_are_said_as_people_say_them(written, said):
    assert SpokenWords({}).spoken(written, "en-GB", PHRASES) == said


def test_welsh_phone_numbers_sums_and_percentages_are_said_in_welsh():
    """espeak-ng's Welsh voice read "999" as "naw cant naw deg naw", "0300 123 4567" as three counts, "93%" with the
    English word "percent", left the "£" of "£500,000" out and read "10am" as "deg am" ("at ten")."""
    from renderer.text.messages import messages

    said = SpokenWords({}).spoken("Ffoniwch 999, GIG 111 neu 0300 123 4567 / 4568.", "cy", messages("cy"))
    assert said == "Ffoniwch 9 9 9, GIG 1 1 1 neu 0 3 0 0, 1 2 3, 4 5 6 7 neu 4 5 6 8."
    said = SpokenWords({}).spoken("93% o bobl; arbedion o £500,000 a £1.5m.", "cy", messages("cy"))
    assert said == "93 y cant o bobl; arbedion o 500,000 o bunnoedd a 1.5 miliwn o bunnoedd."  # "%" was read in English
    said = SpokenWords({}).spoken("Ar agor rhwng 10am a 2pm, 9am-7pm, 9yb tan 5yh a 2yp.", "cy", messages("cy"))
    assert said == "Ar agor rhwng 10 y bore a 2 y prynhawn, 9 y bore tan 7 yr hwyr, 9 y bore tan 5 yr hwyr a 2 y prynhawn."


def test_the_script_says_them_and_the_captions_keep_the_written_words():
    spoken = SpokenWords({}).spoken("Levels of 10 µg/L, said PHE's Dr Ann Lee OBE.", "en-GB", PHRASES)
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


@pytest.mark.parametrize("source", sorted([*CORPUS.glob("*.md"), *SOURCES.glob("*.md")]), ids=lambda path: path.stem)
def test_no_symbol_reaches_the_voice(source):
    """Nothing the voice would read as a symbol, or skip: every sentence of the statement and of its plain version,
    in English and in Welsh, is said in words (units, web addresses, phone numbers, references, "&", "/", "+", and in
    Welsh "£" and "%")."""
    from renderer.editions import make_release
    from renderer.readers import read_statement
    from renderer.writers.audio.script import speech_script

    statement, _ = read_statement(source)
    release = make_release(statement, with_plain=True)
    symbols = re.compile(r"[/@#%£$€&*_\\|<>~^µμ°²³+=]|https?:|www\.")
    for edition in filter(None, (release.full, release.plain)):
        for part in edition.parts or (edition,):
            for utterance in speech_script(part).utterances:
                assert not symbols.search(utterance.spoken), utterance.spoken
