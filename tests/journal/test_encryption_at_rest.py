"""What a copy of the database shows of a family's journal: no name, no label, no free text.

The family writes through the site's own forms; then every column of every journal table is
read with a raw cursor, below the fields, and searched for each thing they typed.
"""

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from omshub.journal.domains import domain_keys
from omshub.journal.models import ClinicScore, Event, Invitation, Observation, ShareLink, Treatment, TreatmentStep
from tests.journal.conftest import add_child

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()

# Each is typed once into one field; none may be found in the journal's tables.
CHILD_NAME = "Zephyrine Quillfeather"
TYPED = {
    "invitation email": "oma.vereshchagina@example.org",
    "share link label": "Dr Oksana Thistlewood",
    "observation notes": "Cried when Aunt Philippa left",
    "clinic scale": "Rowanberry-Pike scale",
    "clinic items": "Gaze 2, Walking 3, Mood Brightstone",
    "clinician": "Dr Ignatius Marchbanks",
    "clinic notes": "Seen with Nurse Thaddeus Okonkwo",
    "medicine name": "Wobblezine compound",
    "dose": "12.75",
    "unit": "drops-per-ounce",
    "frequency": "every second Tuesday",
    "treatment notes": "Prescribed by Dr Hollowmere",
    "step dose": "9.125",
    "step notes": "Given at Saint Eulalia ward",
    "event notes": "Stayed with Grandpa Barnaby Fenwick",
}

OUTBOX = "core_outboxemail"


def journal_tables() -> list[str]:
    """The journal's tables, and the outbox, which holds the invitation email until it is sent."""
    return sorted(t for t in connection.introspection.table_names() if t.startswith("journal_") or t == OUTBOX)


def stored_text() -> dict[str, str]:
    """Every journal table, each row's every column as text, read below the ORM."""
    quote = connection.ops.quote_name
    found = {}
    with connection.cursor() as cursor:
        for table in journal_tables():
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 - names from the database itself
            found[table] = "\n".join(" | ".join(str(cell) for cell in row) for row in cursor.fetchall())
    return found


def record_everything(parent) -> None:
    child = add_child(parent, CHILD_NAME)
    base = f"/journal/children/{child.pk}"
    answers = [
        parent.post(f"{base}/circle/", {"email": TYPED["invitation email"], "role": "viewer"}),
        parent.post(
            reverse("journal:share", args=[child.pk]),
            {
                "label": TYPED["share link label"],
                "data_from": TODAY - datetime.timedelta(days=30),
                "data_to": TODAY,
                "lifetime": 7,
            },
        ),
        parent.post(
            f"{base}/observations/new/",
            {
                "observed_on": TODAY,
                **{f"score_{key}": "1" for key in domain_keys()},
                "notes": TYPED["observation notes"],
            },
        ),
        parent.post(
            f"{base}/scores/new/",
            {
                "scale": TYPED["clinic scale"],
                "scored_on": TODAY,
                "total": "7",
                "items": TYPED["clinic items"],
                "clinician": TYPED["clinician"],
                "notes": TYPED["clinic notes"],
            },
        ),
        parent.post(
            f"{base}/treatments/new/",
            {
                "medicine": "other",
                "medicine_other": TYPED["medicine name"],
                "dose": TYPED["dose"],
                "unit": TYPED["unit"],
                "route": "mouth",
                "frequency": TYPED["frequency"],
                "started_on": TODAY - datetime.timedelta(days=10),
                "notes": TYPED["treatment notes"],
            },
        ),
        parent.post(f"{base}/events/new/", {"kind": "hospital", "happened_on": TODAY, "notes": TYPED["event notes"]}),
    ]
    assert [a.status_code for a in answers] == [302] * len(answers), [a.content.decode()[:1500] for a in answers]
    treatment = Treatment.objects.get(child=child)
    taper = {"add_step": "1", "kind": "taper", "starts_on": TODAY, "dose": TYPED["step dose"]}
    step = parent.post(f"{base}/treatments/{treatment.pk}/", {**taper, "notes": TYPED["step notes"]})
    assert step.status_code == 302, step.content.decode()[:1500]


def test_a_copy_of_the_journal_tables_holds_none_of_the_names_labels_or_text_a_family_typed(family) -> None:
    parent = family("mum@example.com")
    record_everything(parent)
    # A clinician opens the link and the family reads the circle: the views and the log are written too.
    assert parent.get(f"/journal/children/{ShareLink.objects.get().child_id}/activity/").status_code == 200

    stored = stored_text()
    for table in ("journal_child", "journal_invitation", "journal_sharelink", "journal_auditentry", "journal_event"):
        assert stored[table], f"{table} has rows to search"
    assert stored[OUTBOX], "the invitation email waits in the outbox"
    for what, plaintext in {"child's name": CHILD_NAME, **TYPED}.items():
        for table, text in stored.items():
            if table == OUTBOX and what == "invitation email":
                continue  # the address the invitation is sent to
            assert plaintext.lower() not in text.lower(), f"{what} is readable in {table}"
    for part in CHILD_NAME.split():
        assert all(part.lower() not in text.lower() for text in stored.values()), part

    # The same values read back, in full, through the models and on the family's pages.
    child = ShareLink.objects.get().child
    assert child.name == CHILD_NAME
    assert Invitation.objects.get().email == TYPED["invitation email"]
    assert ShareLink.objects.get().label == TYPED["share link label"]
    assert Observation.objects.get().notes == TYPED["observation notes"]
    score = ClinicScore.objects.get()
    assert (score.scale, score.items, score.clinician, score.notes) == (
        TYPED["clinic scale"],
        TYPED["clinic items"],
        TYPED["clinician"],
        TYPED["clinic notes"],
    )
    treatment = Treatment.objects.get()
    assert (treatment.name, treatment.dose, treatment.unit, treatment.frequency, treatment.notes) == (
        TYPED["medicine name"],
        TYPED["dose"],
        TYPED["unit"],
        TYPED["frequency"],
        TYPED["treatment notes"],
    )
    step = TreatmentStep.objects.get()
    assert (step.dose, step.notes) == (TYPED["step dose"], TYPED["step notes"])
    assert Event.objects.get().notes == TYPED["event notes"]
    assert CHILD_NAME in parent.get("/journal/").content.decode()
    assert TYPED["share link label"] in parent.get(reverse("journal:share", args=[child.pk])).content.decode()


def test_children_are_listed_by_name_although_the_database_cannot_order_them(family) -> None:
    parent = family("dad@example.com")
    for name in ("zoë", "Álvaro", "Bruno", "amelia"):
        add_child(parent, name)
    html = parent.get("/journal/").content.decode()
    places = [html.index(f">{name}<") for name in ("Álvaro", "amelia", "Bruno", "zoë")]
    assert places == sorted(places), "case and accents aside, in alphabetical order"


def test_a_filter_on_an_encrypted_field_fails_loudly_instead_of_finding_nothing(family) -> None:
    from django.core.exceptions import FieldError

    add_child(family("gran@example.com"), "Leo")
    with pytest.raises(FieldError):
        list(Observation.objects.filter(notes="anything"))
    with pytest.raises(FieldError):
        ShareLink.objects.filter(label__icontains="Dr").exists()
    assert ShareLink.objects.filter(label__isnull=False).count() == 0


def test_a_new_secret_key_leaves_the_journal_readable(family) -> None:
    """The journal's keys are its own: SECRET_KEY may be rotated (or leak) without touching them."""
    parent = family("mum@example.com")
    record_everything(parent)
    # No earlier SECRET_KEY-derived key (JOURNAL_LEGACY_SALTS) could be what opens them either.
    another = "another-secret-key-" + "x" * 40
    with override_settings(SECRET_KEY=another, SECRET_KEY_FALLBACKS=[], JOURNAL_LEGACY_SALTS=[]):
        child = ShareLink.objects.get().child
        assert child.name == CHILD_NAME
        assert ShareLink.objects.get().label == TYPED["share link label"]
        assert Treatment.objects.get().frequency == TYPED["frequency"]
        assert Event.objects.get().notes == TYPED["event notes"]
