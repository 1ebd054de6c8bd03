"""Email each donor a statement of last year's gifts (run in January). Safe to run twice."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from omshub.core.outbox import outbox_email_write
from omshub.giving.models import Donation
from omshub.giving.selectors import donors_of_year


class Command(BaseCommand):
    help = "Queue a year-end giving statement for every donor of the year (default: last year)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--year", type=int, default=timezone.localdate().year - 1)

    def handle(self, *args: Any, year: int, **options: Any) -> None:
        donors = donors_of_year(year)
        for email in donors:
            language = (
                Donation.objects.filter(email__iexact=email)
                .order_by("-created_at")
                .values_list("language", flat=True)
                .first()
                or "en"
            )
            with transaction.atomic():
                # One statement per donor and year, however often this runs.
                outbox_email_write(
                    key=f"year-end:{year}:{email.lower()}",
                    kind="giving.year_end",
                    to=email,
                    language=language,
                    data={"year": year},
                )
        self.stdout.write(f"{len(donors)} donors gave in {year}; each gets one statement.")
