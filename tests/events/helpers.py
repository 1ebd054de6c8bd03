"""An event to register for, and the ways in: the public form and the services."""

import datetime
from typing import Any

from django.test import Client
from django.utils import timezone

from omshub.events.models import Event, Registration
from omshub.events.services import Attendee, registration_start


def an_event(**fields: Any) -> Event:
    starts = timezone.now() + datetime.timedelta(days=10)
    values: dict[str, Any] = {
        "title": "Picnic in the park",
        "title_es": "Picnic en el parque",
        "summary": "Games and food.",
        "summary_es": "Juegos y comida.",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=3),
        "time_zone": "America/Los_Angeles",
        "place_name": "Griffith Park",
        "address": "4730 Crystal Springs Dr, Los Angeles, CA 90027",
        "capacity": 2,
        "published": True,
    }
    return Event.objects.create(**(values | fields))


def register(event: Event, name: str, donation_cents: int = 0, language: str = "en") -> Registration:
    email = name.lower().replace(" ", ".") + "@example.org"
    return registration_start(
        event_id=event.pk,
        attendee=Attendee(name=name, email=email, language=language, donation_cents=donation_cents),
        provider="local",
        is_test=True,
    )


def post_form(client: Client, event: Event, **fields: str) -> Any:
    data = {"name": "Ana Ruiz", "email": "ana@example.org", "donation": ""} | fields
    return client.post(event.get_absolute_url(), data)
