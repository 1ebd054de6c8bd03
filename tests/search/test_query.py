from omshub.search.query import parse
from omshub.search.text import fold


def test_fold_drops_case_and_accents():
    assert fold("Síntomas del OMS") == "sintomas del oms"


def test_synonyms_add_the_medical_word():
    assert "opsoclonus" in parse("Dancing eyes", "en").terms
    assert "myoclonus" in parse("jerks at night", "en").terms
    assert "ataxia" in parse("wobbly", "en").terms
    assert "opsoclono" in parse("ojos que bailan", "es").terms


def test_misspellings_are_corrected():
    query = parse("opsoclonous", "en")
    assert query.corrections == {"opsoclonous": "opsoclonus"}
    assert parse("myoclonis", "en").corrections == {"myoclonis": "myoclonus"}
    assert parse("mioclonos", "es").corrections == {"mioclonos": "mioclono"}


def test_stop_words_and_junk_are_dropped():
    assert parse("what is the", "en").empty
    assert parse("<script>", "en").terms == ["script"]
    assert len(parse("x" * 5000, "en").typed) == 5000  # shown back as typed...
    assert len(parse("x" * 5000, "en").terms[0]) <= 200  # ...but searched for in part
