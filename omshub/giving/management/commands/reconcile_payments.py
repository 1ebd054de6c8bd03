"""Compare recent checkouts, invoices and settlements at the provider with our gifts, and repair
(settlements are counted as "charges", the word operators know from the dashboard)."""

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from omshub.giving.reconcile import reconcile
from omshub.payments.registry import get_provider


class Command(BaseCommand):
    help = "Repair gifts a lost webhook left pending, unrefunded or undisputed (run hourly)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--hours", type=int, default=72, help="How far back to look (default 72).")

    def handle(self, *args: Any, hours: int, **options: Any) -> None:
        repaired = reconcile(provider=get_provider(), since=timezone.now() - timedelta(hours=hours))
        checkouts, invoices, charges = repaired["checkouts"], repaired["invoices"], repaired["charges"]
        self.stdout.write(f"Repaired {checkouts} checkouts, {invoices} invoices, {charges} charges.")
