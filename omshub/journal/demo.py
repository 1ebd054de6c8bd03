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

EVENT_KINDS = ["infection", "vaccination", "infection", "relapse", "hospital", "scan", "therapy", "school"]


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
    observations = []
    for n in range(days):
        severity = 2.6 * (1 - n / days) ** 1.5 + (0.9 if relapse <= n < relapse + 21 else 0)
        scores = _ratings(rng, severity)
        when = timezone.make_aware(datetime.datetime.combine(first + datetime.timedelta(days=n), datetime.time(19)))
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
                notes="Calmer after the infusion." if n % 28 == 1 else "",
            )
        )
    Observation.objects.bulk_create(observations, batch_size=500)
    _treatments(child, user, first, today, treatment_changes)
    kinds = [EVENT_KINDS[i % len(EVENT_KINDS)] for i in range(events)]
    Event.objects.bulk_create(
        Event(
            child=child,
            recorded_by=user,
            kind="relapse" if i == 0 else kind,
            happened_on=first + datetime.timedelta(days=relapse if i == 0 else rng.randrange(days)),
            notes="",
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


def _treatments(child: Child, user, first: datetime.date, today: datetime.date, changes: int) -> None:
    """A steroid taper, monthly IVIG infusions, then rituximab: `changes` courses and steps in all."""
    courses = max(3, changes // 10)
    span = (today - first).days + 1
    for c in range(courses):
        start = first + datetime.timedelta(days=c * span // courses)
        medicine = ["prednisolone", "ivig", "rituximab", "acth", "dexamethasone"][c % 5]
        stop = None if c >= courses - 2 else start + datetime.timedelta(days=span // courses + 30)
        treatment = Treatment.objects.create(
            child=child,
            recorded_by=user,
            medicine=medicine,
            medicine_other="",
            dose={"ivig": "2", "rituximab": "375", "prednisolone": "2"}.get(medicine, "1"),
            unit={"ivig": "g/kg", "rituximab": "mg/m²"}.get(medicine, "mg/kg"),
            route="drip" if medicine in {"ivig", "rituximab"} else "mouth",
            frequency="every 4 weeks" if medicine == "ivig" else "daily",
            started_on=start,
            stopped_on=stop,
            notes="",
        )
        steps = (changes - courses) // courses
        kind = "infusion" if medicine in {"ivig", "rituximab"} else "taper"
        TreatmentStep.objects.bulk_create(
            TreatmentStep(
                treatment=treatment,
                kind=kind,
                starts_on=start + datetime.timedelta(days=28 * (s + 1)),
                dose=f"{max(0.5, 2 - s * 0.25):g}",
                notes="",
            )
            for s in range(steps)
        )
