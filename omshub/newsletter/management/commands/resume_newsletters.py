"""Issues whose sending stopped (a lost task, a killed worker): run every few minutes, like send_outbox.

Rows a killed worker left "sending" are marked interrupted and never sent again; the rest of
each issue is queued again."""

from typing import Any

from django.core.management.base import BaseCommand

from omshub.newsletter.sending import sweep_interrupted


class Command(BaseCommand):
    help = "Mark newsletter messages a stopped worker left half-sent, and resume issues still sending."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{sweep_interrupted()} interrupted")
