"""Send outbox emails still waiting: run every few minutes (cron or a scheduler)."""

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand

from omshub.core.outbox import retry_pending


class Command(BaseCommand):
    help = "Send outbox emails that are still waiting (lost tasks and failed attempts)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--older-than-minutes", type=int, default=2)

    def handle(self, *args: Any, older_than_minutes: int, **options: Any) -> None:
        counts = retry_pending(older_than=timedelta(minutes=older_than_minutes))
        self.stdout.write(", ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items())) or "nothing waiting")
