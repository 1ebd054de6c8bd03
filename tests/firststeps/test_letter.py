"""The letter: clear errors that keep what was typed, a clean letter whatever the input,
in the language chosen for the doctor, as HTML or PDF, and nothing stored."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

VALID = {
    "letter_language": "en",
    "child_name": "Ana",
    "child_age": "18 months",
    "started": "about two weeks ago",
    "signs": ["eyes", "unsteady"],
    "previously_well": "on",
    "has_videos": "on",
    "recent_illness": "a cold",
    "notes": "She falls a lot.",
    "format": "html",
}


def _ticked(html: str, key: str) -> bool:
    return re.search(rf'value="{key}" id="id_signs_\d+" checked', html) is not None


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_form_is_prefilled_from_the_checklist(client, db):
    html = client.get("/letter-for-the-doctor/?signs=eyes&signs=jerks").content.decode()
    assert _ticked(html, "eyes")
    assert _ticked(html, "jerks")


def test_missing_answers_get_a_summary_and_field_errors_and_keep_the_rest(client, db):
    response = client.post("/letter-for-the-doctor/", {**VALID, "child_age": "", "signs": []})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter your child&#x27;s age, for example 18 months." in html
    assert "Tick at least one thing you have seen." in html
    assert 'value="about two weeks ago"' in html  # nothing typed is lost
    assert "She falls a lot." in html


def test_spanish_errors(client, db):
    html = client.post("/es/carta-para-el-medico/", {**VALID, "started": ""}).content.decode()
    assert "Indique al médico más o menos cuándo empezó." in html


def test_letter_states_what_the_parent_saw_and_what_to_check(client, db):
    html = client.post("/letter-for-the-doctor/", VALID).content.decode()
    assert "My child Ana is aged 18 months. Since about two weeks ago, I have seen:" in html
    assert "My child was well before this started." in html
    assert "I have videos of these episodes" in html
    assert "fast, chaotic, multidirectional eye movements" in html
    assert "MRI or CT of the chest and abdomen" in html
    assert "https://doi.org/10.1212/NXI.0000000000001153" in html
    assert "it is not a diagnosis" in html


def test_letter_language_is_independent_of_the_page_language(client, db):
    html = client.post("/es/carta-para-el-medico/", VALID).content.decode()
    assert "Su carta está lista" in html  # the page speaks Spanish...
    assert "To the doctor seeing my child today," in html  # ...the letter English
    spanish = client.post("/letter-for-the-doctor/", {**VALID, "letter_language": "es"}).content.decode()
    assert "Al médico que atiende hoy a mi hijo o hija:" in spanish


def test_odd_input_is_escaped_and_long_input_refused_clearly(client, db):
    odd = {**VALID, "notes": "<script>alert(1)</script> ñandú “quotes” 💜\n" * 10}
    html = client.post("/letter-for-the-doctor/", odd).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html
    too_long = client.post("/letter-for-the-doctor/", {**VALID, "notes": "x" * 1501})
    assert too_long.status_code == 400
    assert "Ensure this value has at most 1500 characters" in too_long.content.decode()


def test_change_my_answers_keeps_them(client, db):
    html = client.post("/letter-for-the-doctor/", {**VALID, "format": "edit"}).content.decode()
    assert 'value="about two weeks ago"' in html
    assert _ticked(html, "eyes")


@pytest.mark.parametrize("language", ["en", "es"])
def test_pdf_letter(client, db, language):
    response = client.post("/letter-for-the-doctor/", {**VALID, "letter_language": language, "format": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = " ".join(_pdf_text(response.content).split())
    if language == "en":
        assert "fast, chaotic, multidirectional eye movements" in text
        assert "new unsteadiness" in text
    else:
        assert "movimientos oculares rápidos" in text
    assert "Neurol Neuroimmunol Neuroinflamm 2022" in text
    assert "Brunklaus" in text


def test_pdf_with_very_long_notes_still_renders(client, db):
    response = client.post("/letter-for-the-doctor/", {**VALID, "notes": "word " * 300, "format": "pdf"})
    assert response.status_code == 200
    assert _pdf_text(response.content)


def test_nothing_is_stored(client, db):
    with CaptureQueriesContext(connection) as captured:
        client.post("/letter-for-the-doctor/", {**VALID, "format": "pdf"})
    assert not [q for q in captured if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


def test_missing_pdf_libraries_fall_back_to_the_printable_letter(client, db, monkeypatch):
    def broken(letter):
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr("omshub.firststeps.views.letter_pdf", broken)
    response = client.post("/letter-for-the-doctor/", {**VALID, "format": "pdf"})
    assert response.status_code == 200
    assert "the PDF could not be made just now" in response.content.decode()


def test_statements_the_parent_did_not_make_stay_out(client, db):
    html = client.post("/letter-for-the-doctor/", {**VALID, "previously_well": "", "has_videos": ""}).content.decode()
    assert "was well before" not in html
    assert "I have videos" not in html


def test_a_letter_without_oms_signs_does_not_suggest_oms(client, db):
    html = client.post("/letter-for-the-doctor/", {**VALID, "signs": ["irritable"]}).content.decode()
    assert "Request for an assessment of new signs in my child" in html
    assert "opsoclonus myoclonus syndrome" not in html.lower().split("<article")[1]
