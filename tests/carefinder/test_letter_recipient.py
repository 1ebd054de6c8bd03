"""The checklist's letter, addressed to a neurology scheduling office: its salutation and its ask."""

import pytest

pytestmark = pytest.mark.django_db

ANSWERS = {
    "letter_language": "en",
    "child_name": "Mia",
    "sex": "girl",
    "age_number": "18",
    "age_unit": "months",
    "onset": "days",
    "signs": ["eyes"],
    "format": "html",
}


def _letter(client, **changes) -> str:
    response = client.post("/letter-for-the-doctor/", {**ANSWERS, **changes})
    assert response.status_code == 302, response.content.decode()[:3000]
    return client.get(response["Location"]).content.decode().replace("&#x27;", "'")


def test_the_letter_still_goes_to_the_doctor_by_default(client, demo):
    html = _letter(client)
    assert "To the doctor seeing my daughter today," in html
    assert "cancellation list" not in html


def test_a_letter_for_the_scheduling_office_asks_for_an_earlier_appointment(client, demo):
    html = _letter(client, recipient="scheduling")
    assert "To the pediatric neurology scheduling team," in html
    assert "Request for an earlier neurology appointment" in html
    assert "A place on your cancellation list" in html
    assert "The earliest appointment you can offer my daughter" in html
    assert "To the doctor seeing" not in html


def test_the_scheduling_letter_in_spanish(client, demo):
    html = _letter(client, recipient="scheduling", letter_language="es")
    assert "Al equipo de citas de neurología pediátrica:" in html


def test_the_sooner_page_opens_the_form_with_the_office_chosen(client, demo):
    html = client.get("/letter-for-the-doctor/?recipient=scheduling").content.decode()
    assert 'value="scheduling" id="id_recipient_1" checked' in html or (
        'value="scheduling"' in html and "checked" in html.split('value="scheduling"')[1][:80]
    )
