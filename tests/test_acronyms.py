from renderer.text.acronyms import find_defined_acronyms


def test_definitions_found_in_text():
    text = ("The National Crime Agency (NCA) works with the Department for Education (DfE) against "
            "child sexual exploitation (CSE). End-to-end encryption (E2EE) hides messages. "
            "The National Police Chiefs' Council (NPCC) agreed.")
    assert find_defined_acronyms([text]) == {
        "NCA": "National Crime Agency",
        "DfE": "Department for Education",
        "CSE": "child sexual exploitation",
        "E2EE": "End-to-end encryption",
        "NPCC": "National Police Chiefs' Council",
    }


def test_ordinary_brackets_are_not_acronyms():
    text = "Figures rose (see below) in 2024 (UK wide) and the report (PDF) was late (OK)."
    assert find_defined_acronyms([text]) == {}


def test_first_definition_wins():
    assert find_defined_acronyms(["Police Service (PS).", "Public Sector (PS)."]) == {"PS": "Police Service"}
