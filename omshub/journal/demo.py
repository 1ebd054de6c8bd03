"""A made-up child's journal: months (or years) of observations, treatments, events and clinic scores.

Used by `load_demo` (a demo family to sign in as), the screenshots and the dashboard bench.
Everything is invented; bulk inserts keep five years of daily entries to a few seconds.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from omshub.journal.domains import domain_keys
from omshub.journal.models import ClinicScore, Event, Membership, Observation, Treatment, TreatmentStep
from omshub.journal.models.people import Child

# The one relapse is the first event, on its day in the ratings; the others fall anywhere.
EVENT_KINDS = ["infection", "vaccination", "infection", "hospital", "scan", "therapy", "school"]


def _ratings(rng: random.Random, severity: float) -> dict[str, int]:
    """Six ratings around a severity between 0 (well) and 3."""
    return {key: max(0, min(3, round(severity + rng.uniform(-0.7, 0.7)))) for key in domain_keys()}


@transaction.atomic
def demo_child_load(
    user,
    *,
    name: str = "Mia",
    days: int = 180,
    treatment_changes: int = 12,
    events: int = 6,
    seed: int = 7,
    today: datetime.date | None = None,
) -> Child:
    """A child owned by `user` with one observation a day for `days` days (recovering, with a relapse)."""
    rng = random.Random(seed)  # noqa: S311 - invented demo data, not a secret
    today = today or timezone.localdate()
    first = today - datetime.timedelta(days=days - 1)
    child = Child.objects.create(
        name=name, birth_year=first.year - 1, birth_month=first.month, diagnosed_on=first, tumour_found="yes"
    )
    Membership.objects.create(child=child, user=user, role=Membership.Role.OWNER)
    relapse = days * 2 // 3
    infusions = _treatments(child, user, first, today, treatment_changes, relapse)
    # A note the day after some infusions: never dated before the infusion it is about.
    after = {day + datetime.timedelta(days=1) for day in infusions[::2]}
    observations = []
    for n in range(days):
        severity = 2.6 * (1 - n / days) ** 1.5 + (0.9 if relapse <= n < relapse + 21 else 0)
        scores = _ratings(rng, severity)
        day = first + datetime.timedelta(days=n)
        when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(19)))
        observations.append(
            Observation(
                child=child,
                recorded_by=user,
                observed_at=when,
                scores=scores,
                total=sum(scores.values()),
                sleep_hours=round(rng.uniform(7, 11) * 2) / 2,
                night_wakings=rng.randint(0, 4),
                rage_episodes=rng.randint(0, 3) if severity > 1 else 0,
                notes=AFTER_INFUSION if day in after else "",
            )
        )
    Observation.objects.bulk_create(observations, batch_size=500)
    kinds = [EVENT_KINDS[i % len(EVENT_KINDS)] for i in range(events)]
    Event.objects.bulk_create(
        Event(
            child=child,
            recorded_by=user,
            kind="relapse" if i == 0 else kind,
            happened_on=first + datetime.timedelta(days=relapse if i == 0 else rng.randrange(days)),
            notes="Eye movements and falls came back this morning." if i == 0 else "",
        )
        for i, kind in enumerate(kinds)
    )
    ClinicScore.objects.bulk_create(
        ClinicScore(
            child=child,
            recorded_by=user,
            scale="Mitchell-Pike OMS rating scale",
            scored_on=first + datetime.timedelta(days=d),
            total=max(1, 12 - d // 15),
            items="",
            clinician="",
            notes="",
        )
        for d in range(0, days, 90)
    )
    return child


# A course as a neurologist would write it: medicine, dose, unit, route, how often. Every dose has its unit.
PREDNISOLONE = {"medicine": "prednisolone", "dose": "2", "unit": "mg/kg", "route": "mouth", "frequency": "once a day"}
TAPER = ["1.5 mg/kg", "1 mg/kg", "0.5 mg/kg", "0.25 mg/kg"]  # each step lower, then stopped
IVIG = {"medicine": "ivig", "dose": "2", "unit": "g/kg", "route": "drip", "frequency": "every 4 weeks"}
RITUXIMAB = {
    "medicine": "rituximab", "dose": "375", "unit": "mg/m²", "route": "drip", "frequency": "once a week, 4 infusions",
}  # fmt: skip
AFTER_INFUSION = "Calmer the day after the infusion."
FIRST_INFUSION = "Mild fever in the evening after the infusion; settled with acetaminophen."


def _course(child: Child, user, values: dict[str, str], start: datetime.date, stop: datetime.date | None) -> Treatment:
    return Treatment.objects.create(
        child=child, recorded_by=user, medicine_other="", notes="", started_on=start, stopped_on=stop, **values
    )


def _treatments(
    child: Child, user, first: datetime.date, today: datetime.date, changes: int, relapse: int
) -> list[datetime.date]:
    """Episodes of a prednisolone taper alongside IVIG every 4 weeks, and rituximab once a week x4 after the relapse.

    About `changes` courses and steps in all; nothing is dated after `today`, no step falls outside its course.
    Returns the days of the infusions.
    """
    span = (today - first).days + 1
    episodes = max(1, round(changes / 12))
    length = span // episodes
    infusions: list[datetime.date] = []
    steps: list[TreatmentStep] = []
    for episode in range(episodes):
        start = first + datetime.timedelta(days=episode * length)
        last = episode == episodes - 1
        end = today if last else start + datetime.timedelta(days=length - 1)
        gap = max(3, min(14, length // 6))  # two weeks a step, closer when episodes are short
        taper = [start + datetime.timedelta(days=gap * (n + 1)) for n in range(len(TAPER))]
        stop = taper[-1] + datetime.timedelta(days=gap - 1)
        course = _course(child, user, PREDNISOLONE, start, stop if stop <= today else None)
        steps += [
            TreatmentStep(treatment=course, kind="taper", starts_on=day, dose=dose, notes="")
            for day, dose in zip(taper, TAPER, strict=True)
            if day <= today
        ]
        given = [start + datetime.timedelta(days=2 + 28 * n) for n in range(max(1, (end - start).days // 28 + 1))]
        given = [day for day in given if day <= end]
        course = _course(child, user, IVIG, given[0], None if last else given[-1])
        steps += [
            TreatmentStep(
                treatment=course,
                kind="infusion",
                starts_on=day,
                dose="2 g/kg" if n == 0 else "1 g/kg",
                notes=FIRST_INFUSION if n == 0 and episode == 0 else "",
            )
            for n, day in enumerate(given)
        ]
        infusions += given
    weekly = [first + datetime.timedelta(days=relapse + 3 + 7 * n) for n in range(4)]
    weekly = [day for day in weekly if day <= today]
    if weekly:
        course = _course(child, user, RITUXIMAB, weekly[0], weekly[-1] if len(weekly) == 4 else None)
        steps += [
            TreatmentStep(treatment=course, kind="infusion", starts_on=day, dose="375 mg/m²", notes="")
            for day in weekly
        ]
        infusions += weekly
    TreatmentStep.objects.bulk_create(steps, batch_size=500)
    return infusions
