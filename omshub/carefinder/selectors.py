"""Reads for the care finder: services by distance, one listed service, and the reported waits.

Distances: a latitude/longitude box around the family's point narrows the rows in SQL (an
index on both columns, the same query on SQLite and PostgreSQL), then exact great-circle
miles are measured in Python for the few rows left and sorted. Reported waits are shown
only as a median of at least MIN_REPORTS approved reports: no family can be picked out.
"""

import datetime
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from omshub.carefinder.geo import Point, box_around, miles_between
from omshub.carefinder.models import CareService, SpokenLanguage, WaitReport

MIN_REPORTS = 3


class NotFound(Exception):
    """No listed service has this id."""


@dataclass(frozen=True)
class Filters:
    spanish: bool = False
    telehealth: bool = False
    self_referral: bool = False


@dataclass(frozen=True)
class WaitSummary:
    median_days: float
    count: int
    first_visit_from: datetime.date
    first_visit_to: datetime.date

    @property
    def one_month(self) -> bool:
        return (self.first_visit_from.year, self.first_visit_from.month) == (
            self.first_visit_to.year,
            self.first_visit_to.month,
        )

    @property
    def median_weeks(self) -> int:
        return max(1, round(self.median_days / 7))


@dataclass(frozen=True)
class Nearby:
    service: CareService
    miles: float
    wait: WaitSummary | None


@dataclass(frozen=True)
class Results:
    nearby: list[Nearby]
    total: int  # within the distance, before the limit


def _listed() -> QuerySet[CareService]:
    return CareService.objects.filter(is_listed=True).prefetch_related(
        Prefetch("languages", queryset=SpokenLanguage.objects.order_by("code"))
    )


def _filtered(queryset: QuerySet[CareService], filters: Filters) -> QuerySet[CareService]:
    if filters.spanish:
        queryset = queryset.filter(languages__code="es")
    if filters.telehealth:
        queryset = queryset.filter(telehealth=True)
    if filters.self_referral:
        queryset = queryset.filter(referral_only=False)
    return queryset


def services_near(point: Point, *, miles: int | None, filters: Filters, limit: int = 20) -> Results:
    """Listed services nearest `point` first, within `miles` (None: any distance), at most `limit`."""
    candidates = _filtered(CareService.objects.filter(is_listed=True, latitude__isnull=False), filters)
    if miles is not None:
        box = box_around(point, miles)
        candidates = candidates.filter(latitude__range=(box.south, box.north), longitude__range=(box.west, box.east))
    measured = []
    for pk, latitude, longitude in candidates.values_list("pk", "latitude", "longitude"):
        distance = miles_between(point, Point(float(latitude or 0), float(longitude or 0)))  # never null here
        if miles is None or distance <= miles:
            measured.append((distance, pk))
    measured.sort()
    shown = measured[:limit]
    services = _listed().defer("about_en", "about_es", "updated_at").in_bulk([pk for _, pk in shown])
    waits = wait_summaries(pk for _, pk in shown)
    return Results(
        nearby=[Nearby(services[pk], distance, waits.get(pk)) for distance, pk in shown], total=len(measured)
    )


def service_listed(service_id: int) -> CareService:
    service = _listed().filter(pk=service_id).first()
    if service is None:
        raise NotFound(service_id)
    return service


def wait_summaries(service_ids: Iterable[int]) -> dict[int, WaitSummary]:
    """Each service's approved waits, summed up only where at least MIN_REPORTS exist."""
    rows = WaitReport.objects.filter(service_id__in=list(service_ids), status=WaitReport.Status.APPROVED).values_list(
        "service_id", "waited_days", "first_visit_on"
    )
    by_service: dict[int, list[tuple[int, datetime.date]]] = {}
    for service_id, days, visit in rows:
        by_service.setdefault(service_id, []).append((days, visit))
    return {
        service_id: WaitSummary(
            median_days=statistics.median(days for days, _ in reports),
            count=len(reports),
            first_visit_from=min(visit for _, visit in reports),
            first_visit_to=max(visit for _, visit in reports),
        )
        for service_id, reports in by_service.items()
        if len(reports) >= MIN_REPORTS
    }


def wait_reports_for_children(service: CareService, child_ids: Iterable[int]) -> list[WaitReport]:
    """The reports for this service about these children (the family's own, from the journal's selectors)."""
    return list(
        WaitReport.objects.filter(service=service, child_id__in=list(child_ids)).select_related("child").order_by("pk")
    )
