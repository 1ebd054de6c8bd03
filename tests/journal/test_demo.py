"""The demo family's journal is clinically plausible: a neurologist reading it should find nothing to distrust.

Rituximab is given as a few infusions (here once a week, four times), never daily; nothing is
dated after today; every dose carries its unit; each step lies within its course; a note is
never dated before what it describes.
"""

import datetime
import itertools
import re

import pytest
from django.utils import timezone

from omshub.journal.demo import AFTER_INFUSION, demo_child_load
from omshub.journal.models import ClinicScore, Event, Observation, Treatment

pytestmark = pytest.mark.django_db
UNITS = {"mg", "mg/kg", "g/kg", "mg/m²"}
DOSE = re.compile(r"\d+(\.\d+)? (?P<unit>\S+)")
INFUSED = {Treatment.Medicine.IVIG, Treatment.Medicine.RITUXIMAB}


@pytest.mark.parametrize(
    ("days", "changes", "events"),
    [(180, 12, 6), (60, 8, 3), (365, 60, 20), (1826, 300, 100)],  # load_demo, the axe journey, the bench
)
def test_the_demo_journal_is_clinically_plausible(django_user_model, days, changes, events) -> None:
    today = timezone.localdate()
    user = django_user_model.objects.create_user("demo", "demo@example.org", "demo passphrase 42")
    child = demo_child_load(user, days=days, treatment_changes=changes, events=events, today=today)
    courses = list(Treatment.objects.filter(child=child).prefetch_related("steps"))
    assert {c.medicine for c in courses} >= {"prednisolone", "ivig"}
    infusions: list[datetime.date] = []
    for course in courses:
        steps = list(course.steps.all())
        end = course.stopped_on or today
        assert course.started_on <= end <= today, course.name
        assert course.unit in UNITS and course.dose, f"{course.name}: a dose and its unit"
        assert all(course.started_on <= step.starts_on <= end for step in steps), f"{course.name}: steps in the course"
        for step in steps:
            match = DOSE.fullmatch(step.dose)
            assert match and match["unit"] in UNITS, f"{course.name} {step.starts_on}: {step.dose!r} has no unit"
        if course.medicine in INFUSED:
            assert course.route == "drip" and "day" not in course.frequency, f"{course.name}: {course.frequency}"
            assert steps and all(step.kind == "infusion" for step in steps)
            assert steps[0].starts_on == course.started_on, "a course of infusions starts with its first infusion"
            gaps = {(b.starts_on - a.starts_on).days for a, b in itertools.pairwise(steps)}
            assert all(gap >= 7 for gap in gaps), f"{course.name}: infusions {gaps} days apart"
            infusions += [step.starts_on for step in steps]
        if course.medicine == Treatment.Medicine.RITUXIMAB:
            assert len(steps) <= 4 and gaps <= {7} and course.unit == "mg/m²"
        if course.medicine == Treatment.Medicine.PREDNISOLONE:
            doses = [float(DOSE.fullmatch(step.dose)[0].split()[0]) for step in steps]  # type: ignore[index]
            assert doses == sorted(doses, reverse=True) and all(d < float(course.dose) for d in doses), "a taper"
    assert sum(c.medicine == Treatment.Medicine.RITUXIMAB for c in courses) <= 1

    observations = Observation.objects.filter(child=child)
    assert max(timezone.localdate(o.observed_at) for o in observations) <= today
    assert max(Event.objects.filter(child=child).values_list("happened_on", flat=True)) <= today
    assert max(ClinicScore.objects.filter(child=child).values_list("scored_on", flat=True)) <= today
    noted = [timezone.localdate(o.observed_at) for o in observations if o.notes]
    assert noted, "the demo shows notes"
    for day in noted:
        assert any(0 < (day - given).days <= 7 for given in infusions), f"a note of {day} about an infusion before it"
    assert {o.notes for o in observations if o.notes} == {AFTER_INFUSION}
