"""The letter: clear errors that keep what was typed, a clean letter whatever the input,
in the language chosen for the doctor, as HTML or PDF, redirect after the form, no letter stored."""

import io
import re
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from omshub.firststeps.red_flags import RULES

VALID = {
    "letter_language": "en",
    "child_name": "Ana",
    "sex": "girl",
    "age_number": "18",
    "age_unit": "months",
    "onset": "weeks",
    "after_illness": "cold",
    "signs": ["eyes", "unsteady"],
    "previously_well": "on",
    "has_videos": "on",
    "notes": "She falls a lot.",
    "format": "html",
}


def _ticked(html: str, key: str) -> bool:
    return re.search(rf'value="{key}" id="id_signs_\d+" checked', html) is not None


def _pdf_text(content: bytes) -> str:
    return " ".join("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


def _letter(client, answers, url="/letter-for-the-doctor/") -> str:
    """The letter page the form leads to, after its redirect."""
    response = client.post(url, answers)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page.content.decode()


def _letter_only(html: str) -> str:
    return html.split('<article class="letter"', 1)[1].split("</article>", 1)[0]


def test_form_is_prefilled_from_the_checklist(client, db):
    html = client.get("/letter-for-the-doctor/?signs=eyes&signs=jerks").content.decode()
    assert _ticked(html, "eyes")
    assert _ticked(html, "jerks")


def test_missing_answers_get_a_summary_and_field_errors_and_keep_the_rest(client, db):
    response = client.post("/letter-for-the-doctor/", {**VALID, "age_number": "", "signs": []})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter your child&#x27;s age as a number, for example 18." in html
    assert "Tick at least one thing you have seen." in html
    assert re.search(r'value="weeks" id="id_onset_\d"[^>]* checked', html)
    assert "She falls a lot." in html  # nothing typed is lost


def test_age_in_words_or_too_many_months_is_refused_clearly(client, db):
    html = client.post("/letter-for-the-doctor/", {**VALID, "age_number": "eighteen"}).content.decode()
    assert "Enter your child&#x27;s age as a number" in html
    html = client.post("/letter-for-the-doctor/", {**VALID, "age_number": "70"}).content.decode()
    assert "give the age in years" in html


def test_spanish_errors(client, db):
    html = client.post("/es/carta-para-el-medico/", {**VALID, "onset": ""}).content.decode()
    assert "Indique al médico más o menos cuándo empezó." in html


def test_letter_states_what_the_parent_saw_and_what_to_check(client, db):
    html = _letter(client, VALID)
    assert (
        "My daughter Ana is 18 months old. It started 1 to 2 weeks ago, after a cold or a cough. I have seen:" in html
    )
    assert "My daughter was well before this started." in html
    assert "I have videos of these episodes" in html
    assert "fast, chaotic, multidirectional eye movements" in html
    assert "MRI or CT of the chest and abdomen" in html
    assert "https://doi.org/10.1212/NXI.0000000000001153" in html
    assert "it is not a diagnosis" in html
    assert "My notes, in my own words (not translated):" in html


def test_the_form_redirects_so_back_never_resends_it_and_the_url_holds_no_answers(client, db):
    response = client.post("/letter-for-the-doctor/", VALID)
    assert response.status_code == 302
    assert response["Location"] == "/letter-for-the-doctor/your-letter/"
    assert "Ana" not in response["Location"] and "?" not in response["Location"]
    assert client.get("/letter-for-the-doctor/your-letter/").status_code == 200  # again, e.g. after Back
    assert "no-store" in client.get("/letter-for-the-doctor/your-letter/")["Cache-Control"]


def test_without_answers_the_letter_page_sends_back_to_the_questions(client, db):
    response = client.get("/letter-for-the-doctor/your-letter/")
    assert response.status_code == 302 and response["Location"] == "/letter-for-the-doctor/"
    assert client.get("/letter-for-the-doctor/your-letter/pdf/")["Location"] == "/letter-for-the-doctor/"


def test_forget_my_answers(client, db):
    _letter(client, VALID)
    client.post("/letter-for-the-doctor/start-again/")
    assert client.get("/letter-for-the-doctor/your-letter/").status_code == 302


def test_answers_are_dropped_after_a_while(client, db, monkeypatch):
    _letter(client, VALID)
    later = time.time() + 3 * 60 * 60
    monkeypatch.setattr("omshub.firststeps.answers.clock", lambda: later)
    assert client.get("/letter-for-the-doctor/your-letter/").status_code == 302


def test_answers_kept_by_an_older_form_are_dropped_not_an_error(client, db):
    session = client.session
    session["firststeps_letter_answers"] = {"answers": {"child_age": "18 months"}, "kept_at": time.time()}
    session.save()
    assert client.get("/letter-for-the-doctor/your-letter/")["Location"] == "/letter-for-the-doctor/"


def test_letter_language_is_independent_of_the_page_language(client, db):
    html = _letter(client, VALID, "/es/carta-para-el-medico/")
    assert "Su carta está lista" in html  # the page speaks Spanish...
    assert "To the doctor seeing my daughter today," in html  # ...the letter English
    spanish = _letter(client, {**VALID, "letter_language": "es"})
    assert "Al médico que atiende hoy a mi hija:" in spanish
    assert "Mi hija Ana tiene 18 meses." in spanish
    assert "Mi hija estaba sana antes de que empezara esto." in spanish


@pytest.mark.parametrize(
    ("sex", "english", "spanish"),
    [
        ("boy", "My son is 2 years old.", "Mi hijo tiene 2 años."),
        ("girl", "My daughter is 2 years old.", "Mi hija tiene 2 años."),
        ("unsaid", "My child is 2 years old.", "Mi hijo o hija tiene 2 años."),
    ],
)
def test_the_letter_says_son_or_daughter_as_the_parent_chose(client, db, sex, english, spanish):
    answers = {**VALID, "sex": sex, "child_name": "", "age_number": "2", "age_unit": "years"}
    assert english in _letter(client, answers)
    assert spanish in _letter(client, {**answers, "letter_language": "es"})


def test_an_english_letter_from_the_spanish_form_has_no_spanish_but_the_notes(client, db):
    answers = {**VALID, "notes": "Se cae mucho desde el martes."}
    letter = _letter_only(_letter(client, answers, "/es/carta-para-el-medico/"))
    assert "Se cae mucho desde el martes." in letter
    text = re.sub(r"<[^>]+>", " ", letter.replace("Se cae mucho desde el martes.", ""))
    spanish_words = {"hija", "hijo", "meses", "semanas", "después", "resfriado", "empezó", "médico", "años"}
    assert not spanish_words & set(re.findall(r"[a-záéíóúñ]+", text.lower()))


def test_odd_input_is_escaped_and_long_input_refused_clearly(client, db):
    odd = {**VALID, "notes": "<script>alert(1)</script> ñandú “quotes” 💜\n" * 10}
    html = _letter(client, odd)
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html
    too_long = client.post("/letter-for-the-doctor/", {**VALID, "notes": "x" * 1501})
    assert too_long.status_code == 400
    assert "Ensure this value has at most 1500 characters" in too_long.content.decode()


def test_change_my_answers_keeps_them(client, db):
    _letter(client, VALID)
    html = client.get("/letter-for-the-doctor/?edit=1").content.decode()
    assert "She falls a lot." in html
    assert _ticked(html, "eyes")
    assert re.search(r'value="weeks" id="id_onset_\d"[^>]* checked', html)


@pytest.mark.parametrize("language", ["en", "es"])
def test_pdf_letter(client, db, language):
    response = client.post("/letter-for-the-doctor/", {**VALID, "letter_language": language, "format": "pdf"})
    assert response["Location"] == "/letter-for-the-doctor/your-letter/pdf/"
    response = client.get(response["Location"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 1
    text = _pdf_text(response.content)
    if language == "en":
        assert "fast, chaotic, multidirectional eye movements" in text
        assert "new unsteadiness" in text
    else:
        assert "movimientos oculares rápidos" in text
    assert "Neurol Neuroimmunol Neuroinflamm 2022" in text
    assert "Brunklaus" in text


def test_pdf_with_very_long_notes_still_renders(client, db):
    client.post("/letter-for-the-doctor/", {**VALID, "notes": "word " * 300})
    response = client.get("/letter-for-the-doctor/your-letter/pdf/")
    assert response.status_code == 200
    assert _pdf_text(response.content)


def test_no_letter_is_stored_only_the_session_keeps_the_answers(client, db):
    with CaptureQueriesContext(connection) as captured:
        client.post("/letter-for-the-doctor/", VALID)
        client.get("/letter-for-the-doctor/your-letter/pdf/")
    writes = [q["sql"] for q in captured if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert all("django_session" in sql for sql in writes), writes


def test_missing_pdf_libraries_fall_back_to_the_printable_letter(client, db, monkeypatch):
    def broken(letter):
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr("omshub.firststeps.views.letter_pdf", broken)
    client.post("/letter-for-the-doctor/", VALID)
    response = client.get("/letter-for-the-doctor/your-letter/pdf/")
    assert response.status_code == 200
    assert "the PDF could not be made just now" in response.content.decode()


def test_statements_the_parent_did_not_make_stay_out(client, db):
    html = _letter(client, {**VALID, "previously_well": "", "has_videos": "", "after_illness": ""})
    assert "was well before" not in html
    assert "I have videos" not in html
    assert "It started 1 to 2 weeks ago. I have seen:" in html


# ---- the letter cannot bypass triage --------------------------------------------------


@pytest.mark.parametrize("sign", [sign.key for sign in RULES.group("emergency").signs])
def test_an_emergency_sign_on_the_form_shows_the_911_card_before_the_letter(client, db, sign):
    html = _letter(client, {**VALID, "signs": ["eyes", sign]})
    assert "Call 911 now" in html and 'href="tel:911"' in html
    assert html.index("Call 911 now") < html.index('<article class="letter"')


def test_the_pdf_button_on_the_form_shows_the_emergency_card_first(client, db):
    response = client.post("/letter-for-the-doctor/", {**VALID, "signs": ["breathing"], "format": "pdf"})
    assert response["Location"] == "/letter-for-the-doctor/your-letter/"
    html = client.get(response["Location"]).content.decode()
    assert "Call 911 now" in html


def test_signs_that_began_within_hours_are_an_emergency(client, db):
    html = _letter(client, {**VALID, "signs": ["jerks"], "onset": "hours"})
    assert "Call 911 now" in html
    assert "in the last few hours" in _letter_only(html)


def test_poison_control_on_the_letter_page_too(client, db):
    html = _letter(client, {**VALID, "signs": ["swallowed_something"]})
    assert 'href="tel:18002221222"' in html


def test_no_emergency_card_for_signs_that_need_today(client, db):
    html = _letter(client, VALID)
    assert "Call 911 now" not in html and "tel:911" not in html


# ---- "possible OMS" only with eye movements or two core signs ----------------------------


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(
    ("signs", "names_oms"),
    [
        (["eyes"], True),
        (["unsteady", "jerks"], True),
        (["irritable", "ataxia_not_settling"], True),
        (["unsteady"], False),
        (["jerks"], False),
        (["irritable"], False),
        (["unsteady", "ataxia_not_settling"], False),
        (["speech", "drooling"], False),
    ],
)
def test_the_letter_names_oms_only_with_eyes_or_two_core_signs(client, db, language, signs, names_oms):
    letter = _letter_only(_letter(client, {**VALID, "signs": signs, "letter_language": language})).lower()
    named = "opsoclonus" in letter or "opsoclono" in letter
    assert named is names_oms
    if not names_oms:
        assert ("new signs in my daughter" if language == "en" else "signos nuevos en mi hija") in letter
