"""Building blocks for the care finder's tests: services at real ZIP codes, families with children,
approved reports."""

import datetime
import itertools

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from omshub.carefinder.models import CareService, SpokenLanguage, WaitReport
from omshub.journal.models import Child
from omshub.journal.services import child_create


def service_at(zip_code: str, name: str, *, languages: tuple[str, ...] = ("en",), **fields) -> CareService:
    fields.setdefault("street_address", "1 Main St")
    fields.setdefault("city", "Somewhere")
    fields.setdefault("state", "CA")
    service = CareService.objects.create(name=name, zip_code=zip_code, **fields)
    for code in languages:
        SpokenLanguage.objects.get_or_create(code=code)
    service.languages.set(SpokenLanguage.objects.filter(code__in=languages))
    return service


def family_member(email: str, *, verified: bool = True):
    user = get_user_model().objects.create_user(email.split("@")[0], email, "a long family passphrase 42")
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def child_of(user, name: str) -> Child:
    return child_create(user=user, name=name, birth_year=2023, birth_month=3, diagnosed_on=None, tumour_found="unknown")


_families = itertools.count(1)


def approved_reports(service: CareService, waits_in_days: list[int], *, first_visit: datetime.date) -> list[WaitReport]:
    """One approved report per wait, each from its own family and child."""
    reports = []
    for days in waits_in_days:
        number = next(_families)
        user = family_member(f"reporter{number}@example.org")
        child = child_of(user, f"Child {number}")
        reports.append(
            WaitReport.objects.create(
                service=service,
                child=child,
                reported_by=user,
                referred_on=first_visit - datetime.timedelta(days=days),
                first_visit_on=first_visit,
                waited_days=days,
                status=WaitReport.Status.APPROVED,
            )
        )
    return reports
