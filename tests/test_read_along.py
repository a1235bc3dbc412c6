"""Groundwork of the read-along EPUB (issue 17): each paragraph's sentences, with ids shared by the text and
the speech script, cut out of the inline markup."""

from __future__ import annotations

import re
import zipfile

import pytest

import renderer
from renderer import model as m
from renderer.editions import make_release
from renderer.readers import read_statement
from renderer.writers.audio.script import speech_script
from support import EXAMPLE, SOURCES, WELSH


def text(words: str) -> m.Text:
    return m.Text(words)


def test_sentences_are_cut_out_of_emphasis_and_links():
    spans = [text("The NCA said: "), m.Strong([text("act now. It")]), text(" matters. See "),
             m.Link("https://example.org", [text("the site")]), text(".")]
    runs = m.sentence_runs(spans, ["The NCA said: act now.", "It matters.", "See the site."])
    assert [m.plain_text(run) for run in runs] == ["The NCA said: act now.", " It matters.", " See the site."]
    assert runs[0][1] == m.Strong([text("act now.")]) and runs[1][0] == m.Strong([text(" It")])
    assert runs[2][1] == m.Link("https://example.org", [text("the site")])


def test_sentences_not_found_in_the_words_give_one_run():
    spans = [text("One sentence. Two.")]
    assert m.sentence_runs(spans, ["Something else."]) == [spans]


@pytest.mark.parametrize("source", [EXAMPLE, WELSH, SOURCES / "flood-warning-river-teme.md"])
def test_every_paragraph_sentence_the_audio_reads_has_its_span_in_document_order(source):
    statement, _ = read_statement(source)
    release = make_release(statement, with_plain=False)
    script = speech_script(release.full)
    targets = [u.target for u in script.utterances if u.target and re.fullmatch(r"s\d+", u.target)]
    assert targets == [f"s{n}" for n in range(1, len(targets) + 1)]  # every sentence, in document order
    sentences = {s.id: s for block in m.walk_blocks(statement.blocks) for s in m.ReadAlong(statement.blocks).of(block)}
    for utterance in script.utterances:
        if utterance.target in sentences:
            assert utterance.caption.endswith(sentences[utterance.target].text.strip())


def test_the_epub_holds_each_sentence_in_a_span_with_its_id(tmp_path):
    result = renderer.build(EXAMPLE, tmp_path, formats="epub", verify=False)
    with zipfile.ZipFile(result.bundle_dir / f"{result.slug}.epub") as book:
        xhtml = book.read("EPUB/statement.xhtml").decode()
    ids = re.findall(r'<span id="(s\d+)">', xhtml)
    statement, _ = read_statement(EXAMPLE)
    script = speech_script(make_release(statement, with_plain=False).full)
    assert ids == [u.target for u in script.utterances if u.target and re.fullmatch(r"s\d+", u.target)]
