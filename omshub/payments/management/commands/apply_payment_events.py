"""Apply the payment events still waiting: run every few minutes (cron or a scheduler).

The webhook queues a background run for each new event; this finds what a lost task, a
stopped worker or a failure's back-off left waiting."""

from typing import Any

from django.core.management.base import BaseCommand

from omshub.payments.events import apply_due


class Command(BaseCommand):
    help = "Apply the payment events that are waiting and due (lost tasks and retries)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{apply_due()} events taken")
