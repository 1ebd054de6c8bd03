"""Recording: observations from the data file's domains, treatments with steps, events, clinic scores, audited."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from omshub.journal.domains import domain_keys, domains
from omshub.journal.models import AuditEntry, ClinicScore, Event, Observation, Treatment, TreatmentStep
from tests.journal.conftest import add_child

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def ratings(value: int = 1, **overrides: int) -> dict[str, str]:
    return {f"score_{key}": str(overrides.get(key, value)) for key in domain_keys()}


def test_the_observation_form_shows_every_domain_with_its_levels_and_says_parent_observation(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    html = parent.get(f"/journal/children/{child.pk}/observations/new/").content.decode()
    for domain in domains():
        assert domain.name in html and domain.level(0) in html and domain.level(3) in html
    assert "parent observation" in html.lower() and "oms score" not in html.lower()
    assert f'value="{TODAY.isoformat()}"' in html, "today's date by default"


def test_an_observation_is_saved_with_its_total_and_the_next_starts_from_its_ratings(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    data = {"observed_on": TODAY.isoformat(), **ratings(1, eyes=3), "sleep_hours": "9.5", "rage_episodes": "2"}
    response = parent.post(f"/journal/children/{child.pk}/observations/new/", {**data, "notes": "Wobbly after nap"})
    assert response.status_code == 302
    observation = Observation.objects.get(child=child)
    assert observation.total == 5 + 3 and observation.scores["eyes"] == 3 and observation.notes == "Wobbly after nap"
    assert observation.recorded_by == parent.user
    again = BeautifulSoup(parent.get(f"/journal/children/{child.pk}/observations/new/").content, "html.parser")
    checked = {tag["name"]: tag["value"] for tag in again.select("input[type=radio][checked]")}
    assert checked["score_eyes"] == "3" and checked["score_walking"] == "1", "quick entry starts from the last ratings"
    assert AuditEntry.objects.filter(child=child, action="create", target=f"observation {observation.pk}").exists()


def test_a_missing_rating_is_explained_and_nothing_typed_is_lost(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    data = {"observed_on": TODAY.isoformat(), **ratings(2), "notes": "Rough night"}
    del data["score_speech"]
    response = parent.post(f"/journal/children/{child.pk}/observations/new/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose how speech looks today." in html and "Rough night" in html and "There is a problem" in html
    future = {**data, **ratings(0), "observed_on": (TODAY + datetime.timedelta(days=9)).isoformat()}
    assert parent.post(f"/journal/children/{child.pk}/observations/new/", future).status_code == 400
    assert not Observation.objects.exists()


def test_a_treatment_course_with_infusions_and_a_taper(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    start = TODAY - datetime.timedelta(days=60)
    response = parent.post(
        f"/journal/children/{child.pk}/treatments/new/",
        {
            "medicine": "ivig",
            "dose": "2",
            "unit": "g/kg",
            "route": "drip",
            "frequency": "every 4 weeks",
            "started_on": start,
        },
    )
    treatment = Treatment.objects.get(child=child)
    assert response.status_code == 302 and response["Location"].endswith(f"/treatments/{treatment.pk}/")
    page = f"/journal/children/{child.pk}/treatments/{treatment.pk}/"
    for days in (60, 32):
        day = TODAY - datetime.timedelta(days=days)
        assert (
            parent.post(page, {"add_step": "1", "kind": "infusion", "starts_on": day, "dose": "2 g/kg"}).status_code
            == 302
        )
    assert parent.post(page, {"add_step": "1", "kind": "infusion"}).status_code == 400, "a step needs its date"
    assert [s.kind for s in treatment.steps.all()] == ["infusion", "infusion"]
    html = parent.get(page).content.decode()
    assert "IVIG" in html and "Infusion given" in html
    other = {"medicine": "other", "started_on": start}
    bad = parent.post(f"/journal/children/{child.pk}/treatments/new/", other)
    assert bad.status_code == 400 and "Enter the name of the medicine." in bad.content.decode()
    step = treatment.steps.first()
    assert step is not None
    parent.post(f"/journal/children/{child.pk}/steps/{step.pk}/delete/")
    assert TreatmentStep.objects.filter(treatment=treatment).count() == 1


def test_events_and_clinic_scores_are_recorded_changed_and_deleted_with_an_audit_trail(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    base = f"/journal/children/{child.pk}"
    parent.post(f"{base}/events/new/", {"kind": "infection", "happened_on": TODAY, "notes": "Ear infection"})
    parent.post(
        f"{base}/scores/new/", {"scale": "Mitchell-Pike", "scored_on": TODAY, "total": "7", "clinician": "Dr R"}
    )
    event, score = Event.objects.get(child=child), ClinicScore.objects.get(child=child)
    assert parent.post(f"{base}/events/{event.pk}/", {"kind": "relapse", "happened_on": TODAY}).status_code == 302
    event.refresh_from_db()
    assert event.kind == "relapse" and event.notes == ""
    assert parent.get(f"{base}/entries/").status_code == 200
    assert parent.post(f"{base}/scores/{score.pk}/delete/").status_code == 302
    assert not ClinicScore.objects.exists()
    actions = list(AuditEntry.objects.filter(child=child).values_list("action", "target"))
    assert ("update", f"event {event.pk}") in actions and ("delete", f"clinicscore {score.pk}") in actions
    assert all(entry.user == parent.user for entry in AuditEntry.objects.filter(child=child))


def test_notes_and_treatments_are_encrypted_at_rest(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    base = f"/journal/children/{child.pk}"
    parent.post(f"{base}/observations/new/", {"observed_on": TODAY, **ratings(0), "notes": "Secret nap story"})
    parent.post(
        f"{base}/treatments/new/",
        {
            "medicine": "prednisolone",
            "dose": "37.5",
            "unit": "mg",
            "route": "mouth",
            "frequency": "twice daily",
            "started_on": TODAY,
        },
    )
    parent.post(f"{base}/events/new/", {"kind": "relapse", "happened_on": TODAY, "notes": "Hidden relapse note"})
    with connection.cursor() as cursor:
        raw = []
        for table in ("journal_observation", "journal_treatment", "journal_event"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            raw.append(repr(cursor.fetchall()))
    stored = " ".join(raw)
    for plaintext in (
        "Secret nap story",
        "prednisolone",
        "twice daily",
        "Hidden relapse note",
        "37.5",
    ):  # no "." in base64
        assert plaintext not in stored, plaintext
    assert Treatment.objects.get().name == "Prednisolone" and Observation.objects.get().notes == "Secret nap story"


def test_the_dashboard_shows_the_last_observation_current_treatments_and_the_next_visit(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    base = f"/journal/children/{child.pk}"
    parent.post(f"{base}/observations/new/", {"observed_on": TODAY, **ratings(0, walking=2)})
    parent.post(f"{base}/treatments/new/", {"medicine": "rituximab", "started_on": TODAY - datetime.timedelta(days=3)})
    visit = TODAY + datetime.timedelta(days=20)
    profile = {"name": "Sofia", "birth_month": "3", "birth_year": "2023", "tumour_found": "no", "next_visit_on": visit}
    assert parent.post(f"{base}/edit/", profile).status_code == 302
    html = parent.get(f"{base}/").content.decode()
    assert "Rituximab" in html and "Walks only holding a hand or furniture." in html
    assert "Last parent observation" in html and "<svg" in html
    for chosen in ("30", "365", "all", "nonsense"):
        assert parent.get(f"{base}/?range={chosen}").status_code == 200


@pytest.mark.parametrize(
    ("language", "kind", "message"),
    [
        ("en", "infusion", "An infusion cannot be dated before the course started"),
        ("en", "taper", "A dose change cannot be dated before the course started"),
        ("es", "infusion", "Una infusión no puede tener una fecha anterior al inicio del tratamiento"),
        ("es", "taper", "Un cambio de dosis no puede tener una fecha anterior al inicio del tratamiento"),
    ],
)
def test_a_step_before_its_course_started_is_refused_in_both_languages(family, language, kind, message) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    start = TODAY - datetime.timedelta(days=10)
    treatment = Treatment.objects.create(child=child, medicine="ivig", started_on=start)
    with translation.override(language):
        page = reverse("journal:record_edit", args=[child.pk, "treatments", treatment.pk])
    early = {"add_step": "1", "kind": kind, "starts_on": start - datetime.timedelta(days=1), "dose": "2 g/kg"}
    response = parent.post(page, early)
    assert response.status_code == 400 and message in response.content.decode()
    assert not treatment.steps.exists()
    on_the_day = parent.post(page, {**early, "starts_on": start})
    assert on_the_day.status_code == 302 and treatment.steps.count() == 1


def test_a_course_cannot_be_moved_away_from_its_steps(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    start = TODAY - datetime.timedelta(days=30)
    treatment = Treatment.objects.create(child=child, medicine="ivig", started_on=start)
    TreatmentStep.objects.create(treatment=treatment, kind="infusion", starts_on=start + datetime.timedelta(days=7))
    page = f"/journal/children/{child.pk}/treatments/{treatment.pk}/"
    later = {"medicine": "ivig", "started_on": start + datetime.timedelta(days=8)}
    response = parent.post(page, later)
    assert response.status_code == 400 and "the start date must be on or before it" in response.content.decode()
    stopped = {"medicine": "ivig", "started_on": start, "stopped_on": start + datetime.timedelta(days=6)}
    assert "the stop date must be on or after it" in parent.post(page, stopped).content.decode()
    after = {"add_step": "1", "kind": "taper", "starts_on": TODAY}
    treatment.stopped_on = start + datetime.timedelta(days=20)
    treatment.save()
    assert "A dose change cannot be dated after the course stopped" in parent.post(page, after).content.decode()
