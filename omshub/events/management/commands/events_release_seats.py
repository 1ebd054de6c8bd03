"""`manage.py events_release_seats`: seats held for a checkout nobody finished, and offers
nobody took, are freed when their time runs out; each freed seat is offered to the next on the
waitlist. Registrations do this too for their own event; this catches events nobody is
registering for. Safe to run as often as wanted (every 5 minutes)."""

from typing import Any

from django.core.management.base import BaseCommand

from omshub.events.services import seats_release_expired


class Command(BaseCommand):
    help = "Free expired seat holds and offers, and offer the seats to the waitlist in order."

    def handle(self, *args: Any, **options: Any) -> None:
        offered = seats_release_expired()
        self.stdout.write(f"Seats offered to the waitlist: {offered}")
