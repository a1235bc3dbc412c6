"""Reading source statements into the model: every field, every block type."""

from __future__ import annotations

import datetime as dt

from renderer import model as m
from renderer.readers import read_statement

from support import EXAMPLE, MINIMAL_FRONT_MATTER, SOURCES

FULL_FRONT_MATTER = """\
title: "Full statement: every field"
organisation: Test Council
date: 2026-11-24
language: cy
summary: A standfirst.
slug: full-statement
author: Press Office
contact:
  name: Press Office
  email: press@example.org
  phone: 01234 567890
embargo: 2026-01-01T09:30:00
acronyms:
  NCA: National Crime Agency
glossary:
  embargo: a time before which news must not be published
plain_language: |
  ## Plain words

  This is short.
keywords: [one, two]
version: 3
voice: espeak-ng:cy
"""


def test_every_front_matter_field_is_read(write_statement):
    statement, report = read_statement(write_statement(FULL_FRONT_MATTER))
    meta = statement.meta
    assert meta.title == "Full statement: every field"
    assert meta.organisation == "Test Council"
    assert meta.date == dt.date(2026, 11, 24)
    assert meta.language == "cy"
    assert meta.summary == "A standfirst."
    assert meta.slug == "full-statement"
    assert meta.author == "Press Office"
    assert meta.contact == m.Contact(name="Press Office", email="press@example.org", phone="01234 567890")
    assert meta.embargo.isoformat() == "2026-01-01T09:30:00+00:00"  # London time in winter is UTC
    assert meta.acronyms == {"NCA": "National Crime Agency"}
    assert meta.glossary == {"embargo": "a time before which news must not be published"}
    assert meta.keywords == ["one", "two"]
    assert meta.version == "3"
    assert meta.voice == "espeak-ng:cy"
    heading, paragraph = statement.plain_language
    assert isinstance(heading, m.Heading) and heading.text == "Plain words"
    assert paragraph.text == "This is short."
    assert report.warnings == []


def test_defaults(write_statement):
    statement, _ = read_statement(write_statement())
    assert statement.meta.language == "en-GB"
    assert statement.meta.slug == "a-test-statement"
    assert statement.meta.version == "1"
    assert statement.meta.contact is None and statement.meta.embargo is None
    assert statement.plain_language is None
    titled = MINIMAL_FRONT_MATTER.replace("A test statement", "Council sets out £2.3m plan, €5bn and $1")
    assert read_statement(write_statement(front_matter=titled))[0].meta.slug == "council-sets-out-2-3m-plan-5bn-and-1"


def test_language_tags_are_normalised(write_statement):
    statement, _ = read_statement(write_statement(MINIMAL + "language: en_uk\n"))
    assert statement.meta.language == "en-GB"


MINIMAL = "title: T\norganisation: O\ndate: 2026-11-24\n"


def test_the_example_statement():
    statement, report = read_statement(EXAMPLE)
    assert statement.meta.slug == "npcc-e2ee-child-safety"
    assert statement.meta.organisation == "National Police Chiefs' Council"
    quote = next(b for b in statement.blocks if isinstance(b, m.BlockQuote))
    assert quote.attribution.speaker == "Ian Critchley"
    assert quote.attribution.role.startswith("National Police Chiefs' Council Lead for Child Protection")
    assert len(quote.blocks) == 6
    assert quote.blocks[0].text.startswith("On average policing arrests 800 suspected offenders")
    # acronyms from the front matter and the ones the text defines itself
    assert statement.acronyms["CSE"] == "child sexual exploitation"
    assert statement.acronyms["E2EE"] == "End-to-end encryption"
    assert statement.acronyms["NCA"] == "National Crime Agency"
    assert [entry.text for entry in statement.outline] == ["Statement from Ian Critchley", "More information"]
    assert [s.title for s in statement.sections] == [None, "Statement from Ian Critchley", "More information"]
    assert 400 <= statement.word_count <= 420 and statement.reading_minutes == 3
    # page furniture from the web page copy is gone
    text = "\n".join(m.block_text(b) for b in statement.blocks)
    assert "Skip to content" not in text and "iStock" not in text
    # its long sentences are the statement's own words: warned about, not changed
    assert all("words" in w.message for w in report.warnings)


def test_blocks_of_every_kind(write_statement, png):
    body = """\
    Intro with *emphasis*, **strong**, `code` and a [link](https://example.org "Example").

    ## Section one

    1. first
    2. second

    - loose item

    - another

    Table: Levels by day

    | Day | Level |
    |-----|------:|
    | Mon | 1.2   |

    ![A navy rectangle](chart.png "The caption")

    > Quoted words.
    >
    > — Jane Doe, Director

    ### Sub-section

    ---
    """
    statement, _ = read_statement(write_statement(body=body))
    kinds = [b.kind for b in statement.blocks]
    assert kinds == ["paragraph", "heading", "list", "list", "table", "figure", "blockquote", "heading", "break"]
    intro = statement.blocks[0]
    assert [s.kind for s in intro.children] == ["text", "emphasis", "text", "strong", "text", "code", "text", "link", "text"]
    link = intro.children[7]
    assert link.href == "https://example.org" and link.title == "Example"
    ordered, loose = statement.blocks[2], statement.blocks[3]
    assert ordered.ordered and ordered.tight and [i.blocks[0].text for i in ordered.items] == ["first", "second"]
    assert not loose.ordered and not loose.tight
    table = statement.blocks[4]
    assert m.plain_text(table.caption) == "Levels by day"
    assert [c.text for c in table.header] == ["Day", "Level"]
    assert table.rows[0][1].text == "1.2" and table.rows[0][1].align == "right"
    figure = statement.blocks[5]
    assert figure.alt == "A navy rectangle" and figure.caption == "The caption"
    assert (figure.width, figure.height, figure.media_type) == (40, 20, "image/png")
    assert figure.bundle_path == "media/chart.png"
    quote = statement.blocks[6]
    assert quote.attribution == m.Attribution("Jane Doe", "Director")
    assert statement.blocks[7].level == 3


def test_languages_of_passages(write_statement):
    body = """\
    ## Croeso {lang=cy}

    A paragraph with [diolch]{lang=cy} inside.

    Bonjour à tous. {lang=fr}

    ::: {lang=cy}
    Mae hwn yn Gymraeg.
    :::

    {lang=de}
    Guten Tag.
    """
    statement, _ = read_statement(write_statement(body=body))
    heading, mixed, french, passage, german = statement.blocks
    assert heading.language == "cy" and heading.text == "Croeso"
    assert mixed.children[1] == m.Span([m.Text("diolch")], "cy")
    assert french.language == "fr" and french.text == "Bonjour à tous."
    assert isinstance(passage, m.Passage) and passage.language == "cy"
    assert passage.blocks[0].text == "Mae hwn yn Gymraeg."
    assert german.language == "de"
    assert statement.languages == ["en-GB", "cy", "fr", "de"]


def test_block_lines_are_file_lines(write_statement):
    statement, _ = read_statement(write_statement(body="First.\n\n## Heading\n"))
    # 3 front matter lines + 2 fences + 1 blank line before the body
    assert [b.line for b in statement.blocks] == [7, 9]


def test_every_example_source_reads_cleanly():
    for path in sorted(SOURCES.glob("*.md")):
        statement, report = read_statement(path)
        assert statement.word_count > 50, path
        assert not [w for w in report.warnings if "words" not in w.message and "identified" not in w.message], path


def test_sentences_are_split_right_by_threads_side_by_side():
    # the audio is written in a thread of its own while the other formats are made; a pysbd segmenter
    # shared between threads hands each the other's text
    import threading

    from renderer.text.sentences import sentences

    texts = [[f"Dr. Smith met {n} people on Tuesday. The meeting ended at 3.30 p.m. in Leeds." for n in range(200)],
             [f"Police were called at {n} a.m. Officers arrested a man. He remains in custody." for n in range(200)]]
    wrong = []

    def split(passages: list[str]) -> None:
        for text in passages:
            if " ".join(sentences(text)) != text or len(sentences(text)) not in (2, 3):
                wrong.append(text)

    threads = [threading.Thread(target=split, args=(passages,)) for passages in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not wrong


def test_markdown_footnotes_become_numbered_notes_as_word_footnotes_do(write_statement):
    """'[^1]' was once printed as it is, in every format; now as Word's notes are: "[1]", and the notes at the end under
    "Notes" (in the statement's language) as an ordered list. A reference with no note is a warning naming it."""
    body = ("The site will stay open[^late] on Saturdays[^2].\n\n"
            "[^late]: Cabinet decision of 4 September 2018.\n\n[^2]: Until *March*.\n\nCall us[^9].\n")
    statement, report = read_statement(write_statement(body=body))
    assert statement.blocks[0].text == "The site will stay open[1] on Saturdays[2]."
    heading, notes = statement.blocks[-2:]
    assert isinstance(heading, m.Heading) and heading.text == "Notes" and heading.level == 2
    assert isinstance(notes, m.ListBlock) and notes.ordered
    assert [item.blocks[0].text for item in notes.items] == ["Cabinet decision of 4 September 2018.", "Until March."]
    assert [w.message for w in report.warnings] == ["the footnote '[^9]' has no note"]
    statement, report = read_statement(write_statement(body="Open[^1].\n\n[^1]: Till 5pm.\n\n[^2]: Never used.\n"))
    (unused,) = report.warnings  # a note nothing refers to is left out by the parser: never silently
    assert unused.message == "the footnote '[^2]' is never referred to, so it is left out" and \
        statement.source_path.read_text("utf-8").splitlines()[unused.line - 1] == "[^2]: Never used."
    welsh = MINIMAL_FRONT_MATTER + "language: cy\n"
    statement, _ = read_statement(write_statement(front_matter=welsh, body="Ar agor[^1].\n\n[^1]: Tan fis Mawrth.\n"))
    assert statement.blocks[-2].text == "Nodiadau"


def test_a_web_or_email_address_is_never_cut_into_sentences():
    from renderer.text.sentences import sentences

    # ("see https://www.a." | "gov.uk/news?" | "query=string&x=1." were three captions, and the audio read the last)
    assert sentences("For the latest, see https://www.a.gov.uk/news?query=string&x=1. Then call us.") == [
        "For the latest, see https://www.a.gov.uk/news?query=string&x=1.", "Then call us."]
    assert sentences("Visit www.example.org/a!b now. Email press@example.org. Dr. Smith agreed.") == [
        "Visit www.example.org/a!b now.", "Email press@example.org.", "Dr. Smith agreed."]
