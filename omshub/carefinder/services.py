"""Writes for the care finder: a staff member's "verified today", a family's reported wait, moderation."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from omshub.carefinder.cache import directory_changed
from omshub.carefinder.models import CareService, WaitReport


class AlreadyReported(Exception):
    """This child already has a report for this service."""


def service_verify(*, service: CareService, actor, today: datetime.date | None = None) -> None:
    """Record that a staff member checked the service's details with the service today."""
    CareService.objects.filter(pk=service.pk).update(verified_on=today or timezone.localdate(), verified_by=actor)
    directory_changed()  # an update() sends no signal


@transaction.atomic
def wait_report_create(
    *,
    service: CareService,
    child_id: int,
    reported_by,
    referred_on: datetime.date,
    first_visit_on: datetime.date,
) -> WaitReport:
    """A family's report, waiting for moderation. The caller checked the child is theirs (journal selectors)."""
    try:
        with transaction.atomic():
            return WaitReport.objects.create(
                service=service,
                child_id=child_id,
                reported_by=reported_by,
                referred_on=referred_on,
                first_visit_on=first_visit_on,
                waited_days=(first_visit_on - referred_on).days,
            )
    except IntegrityError as error:  # the unique constraint: a second report for this child and service
        raise AlreadyReported from error


@transaction.atomic
def wait_report_moderate(*, report_id: int, approve: bool, actor) -> WaitReport:
    report = WaitReport.objects.select_for_update().get(pk=report_id)
    report.status = WaitReport.Status.APPROVED if approve else WaitReport.Status.REJECTED
    report.moderated_at = timezone.now()
    report.moderated_by = actor
    report.save(update_fields=["status", "moderated_at", "moderated_by"])
    return report
