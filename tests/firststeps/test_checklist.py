"""The checklist page grades urgency from what was ticked, in both languages, storing nothing."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def test_checklist_shows_every_sign_and_no_result_before_an_answer(client, demo):
    html = client.get("/get-help-now/").content.decode()
    from omshub.firststeps.red_flags import RULES

    assert html.count('type="checkbox" name="signs"') == len(RULES.signs)
    for group in ("Emergency signs", "A child already being treated for OMS", "Is this about an adult?"):
        assert group in html
    assert "start making its own steroid again" in html  # the steroid warning sits with the treated signs
    assert 'id="result"' not in html


def test_eye_movements_mean_be_seen_today_with_a_letter_link(client, demo):
    html = client.get("/get-help-now/?checked=1&signs=eyes").content.decode()
    assert "Get seen by a doctor today" in html
    assert "/letter-for-the-doctor/?signs=eyes" in html
    assert 'href="/journal/">Keep a diary of what you see' in html
    assert 'value="eyes" id="sign-eyes" checked' in html  # what was ticked stays ticked


def test_emergency_sign_means_call_911_and_nothing_else_first(client, demo):
    html = client.get("/get-help-now/?checked=1&signs=jerks&signs=breathing").content.decode()
    assert "Call 911 now" in html
    assert 'href="tel:911"' in html
    assert "Make a letter for the doctor" not in html
    assert "tel:18002221222" not in html  # Poison Control only when a swallowed poison is possible


def test_a_swallowed_poison_gives_911_and_poison_control(client, demo):
    html = client.get("/get-help-now/?checked=1&signs=swallowed_something").content.decode()
    assert 'href="tel:911"' in html
    assert 'href="tel:18002221222"' in html and "1-800-222-1222" in html


def test_an_adult_with_sudden_unsteadiness_is_an_emergency_without_a_child_letter(client, demo):
    html = client.get("/get-help-now/?checked=1&signs=adult_new_signs").content.decode()
    assert "Get seen by a doctor today" in html
    assert "letter-for-the-doctor" not in html  # the letter is for a child's doctor
    assert "Keep a diary" not in html  # and so is the care journal
    html = client.get("/get-help-now/?checked=1&signs=adult_sudden_unsteady").content.decode()
    assert "Call 911 now" in html and "This can be a stroke." in html


def test_nothing_ticked_is_answered_kindly(client, demo):
    html = client.get("/get-help-now/?checked=1").content.decode()
    assert "You did not tick any sign" in html
    assert "letter-for-the-doctor" not in html


def test_nonsense_values_do_not_break_the_page_or_hide_the_result(client, demo):
    response = client.get("/get-help-now/?checked=1&signs=%3Cscript%3E&signs=eyes")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html
    assert "Get seen by a doctor today" in html


def test_spanish_checklist(client, demo):
    html = client.get("/es/ayuda-ahora/?checked=1&signs=irritable").content.decode()
    assert "Busque atención médica hoy mismo" in html  # irritability alone: today, as the sources say
    assert "/es/carta-para-el-medico/?signs=irritable" in html
    assert 'href="/es/diario/">' in html


def test_answering_writes_nothing(client, demo):
    with CaptureQueriesContext(connection) as captured:
        client.get("/get-help-now/?checked=1&signs=eyes&signs=jerks")
    assert not [q for q in captured if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
