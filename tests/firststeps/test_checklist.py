"""The checklist page grades urgency from what was ticked, in both languages, storing nothing."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def test_checklist_shows_every_sign_and_no_result_before_an_answer(client, demo):
    html = client.get("/get-help-now/").content.decode()
    assert html.count('type="checkbox" name="signs"') == 10
    assert 'id="result"' not in html


def test_eye_movements_mean_be_seen_today_with_a_letter_link(client, demo):
    html = client.get("/get-help-now/?checked=1&signs=eyes").content.decode()
    assert "Get your child seen by a doctor today" in html
    assert "/letter-for-the-doctor/?signs=eyes" in html
    assert 'value="eyes" id="sign-eyes" checked' in html  # what was ticked stays ticked


def test_emergency_sign_means_call_911_and_nothing_else_first(client, demo):
    html = client.get("/get-help-now/?checked=1&signs=jerks&signs=breathing").content.decode()
    assert "Call 911 now" in html
    assert "Make a letter for the doctor" not in html


def test_nothing_ticked_is_answered_kindly(client, demo):
    html = client.get("/get-help-now/?checked=1").content.decode()
    assert "You did not tick any sign" in html
    assert "letter-for-the-doctor" not in html


def test_nonsense_values_do_not_break_the_page_or_hide_the_result(client, demo):
    response = client.get("/get-help-now/?checked=1&signs=%3Cscript%3E&signs=eyes")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html
    assert "Get your child seen by a doctor today" in html


def test_spanish_checklist(client, demo):
    html = client.get("/es/ayuda-ahora/?checked=1&signs=irritable").content.decode()
    assert "Vea al médico de su hijo o hija en los próximos días" in html
    assert "/es/carta-para-el-medico/?signs=irritable" in html


def test_answering_writes_nothing(client, demo):
    with CaptureQueriesContext(connection) as captured:
        client.get("/get-help-now/?checked=1&signs=eyes&signs=jerks")
    assert not [q for q in captured if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
