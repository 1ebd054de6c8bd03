"""`manage.py events_send_reminders`: the day-before reminder to everyone with a confirmed ticket.

Run it every hour (or at least daily): it picks events starting in the next 2 to 36 hours, and
each attendee's reminder is stored once (marked on the registration, with a unique outbox key),
so reruns, overlapping runs and a run after a crash send nothing twice."""

from typing import Any

from django.core.management.base import BaseCommand

from omshub.events.services import reminders_send


class Command(BaseCommand):
    help = "Send the day-before reminder for upcoming events, once per attendee."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = reminders_send()
        self.stdout.write(f"Event reminders queued: {sent}")
