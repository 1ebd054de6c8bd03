"""The demo's events (loaded by `manage.py load_demo`): a paid spring gala with a fair market
value on its ticket, and a free online talk, in English and Spanish. Idempotent: kept once made."""

import datetime
import zoneinfo

from django.utils import timezone

from omshub.events.models import Event

ZONE = "America/Los_Angeles"


def _at(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=zoneinfo.ZoneInfo(ZONE))


def events_demo_load() -> dict[str, Event]:
    gala, _ = Event.objects.get_or_create(
        slug="spring-gala",
        defaults={
            "title": "Spring Gala for OMS research",
            "title_es": "Gala de primavera por la investigación del OMS",
            "summary": (
                "An evening with the families and the neurologists who care for children with OMS: dinner, "
                "short talks from two research teams, and music.\n\nThe ticket includes dinner, worth $30. "
                "Everything above that goes to the research fund."
            ),
            "summary_es": (
                "Una velada con las familias y los neurólogos que cuidan a niños con OMS: cena, charlas breves "
                "de dos equipos de investigación y música.\n\nLa entrada incluye la cena, que vale $30. "
                "Todo lo demás va al fondo de investigación."
            ),
            "starts_at": _at(45, 18),
            "ends_at": _at(45, 22),
            "time_zone": ZONE,
            "place_name": "Los Angeles River Center",
            "address": "570 W Avenue 26, Los Angeles, CA 90065",
            "capacity": 40,
            "price_cents": 7500,
            "fair_market_value_cents": 3000,
            "published": True,
        },
    )
    talk, _ = Event.objects.get_or_create(
        slug="ask-a-neurologist",
        defaults={
            "title": "Ask a neurologist: the first months after diagnosis",
            "title_es": "Pregunte a una neuróloga: los primeros meses tras el diagnóstico",
            "summary": "An hour online with a pediatric neurologist: treatments, relapses, school. Questions welcome.",
            "summary_es": (
                "Una hora en línea con una neuróloga pediátrica: tratamientos, recaídas, escuela. "
                "Las preguntas son bienvenidas."
            ),
            "starts_at": _at(20, 17),
            "ends_at": _at(20, 18),
            "time_zone": ZONE,
            "online": True,
            "online_url": "https://meet.example.org/oms-ask-a-neurologist",
            "capacity": 100,
            "published": True,
        },
    )
    return {"gala": gala, "talk": talk}
