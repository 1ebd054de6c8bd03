"""A visitor signs up for the newsletter in the footer, confirms from the emailed link, changes
what they receive and unsubscribes, in English and Spanish, at a phone and a desktop width.
Every page passes axe-core."""

import os
import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from omshub.core.models import OutboxEmail
from omshub.newsletter.models import Subscriber
from tests.e2e.axe import assert_accessible

WORDS = {
    "en": {
        "prefix": "",
        "email": "Email for our newsletter",
        "sign_up": "Sign up",
        "check": "Check your email",
        "confirm": "Yes, subscribe me",
        "preferences": "Your newsletter preferences",
        "events": "Events and fundraising",
        "save": "Save my choices",
        "saved": "Your choices are saved.",
        "leave": "Unsubscribe from every newsletter email",
        "unsubscribe": "Unsubscribe",
        "done": "You are unsubscribed",
    },
    "es": {
        "prefix": "/es",
        "email": "Correo electrónico para nuestro boletín",
        "sign_up": "Suscribirse",
        "check": "Revise su correo",
        "confirm": "Sí, suscribirme",
        "preferences": "Sus preferencias del boletín",
        "events": "Eventos y recaudación de fondos",
        "save": "Guardar mis opciones",
        "saved": "Sus opciones están guardadas.",
        "leave": "Darme de baja de todos los correos del boletín",
        "unsubscribe": "Darse de baja",
        "done": "Se dio de baja",
    },
}


def _shot(tab: Page, name: str, language: str, width: int) -> None:
    if folder := os.environ.get("SCREENSHOT_DIR"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=f"{folder}/newsletter-{name}-{language}-{width}.png", full_page=name != "footer")


@pytest.mark.parametrize("language", ["en", "es"])
def test_sign_up_confirm_choose_and_unsubscribe(site: str, tab: Page, viewport, language, django_db_blocker) -> None:
    words = WORDS[language]
    email = f"reader-{language}-{viewport.name}@example.com"
    tab.goto(site + words["prefix"] + "/")
    footer = tab.locator("footer")
    footer.get_by_label(words["email"]).fill(email)
    footer.get_by_label(words["email"]).scroll_into_view_if_needed()
    _shot(tab, "footer", language, viewport.width)
    footer.get_by_role("button", name=words["sign_up"]).click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(words["check"])
    expect(tab.get_by_text(email)).to_be_visible()
    _shot(tab, "check-email", language, viewport.width)
    assert_accessible(tab)

    (confirmation,) = [m for m in mail.outbox if m.to == [email]]
    (link,) = set(re.findall(r"https?://\S+/newsletter/confirm/\S+/", str(confirmation.body)))
    with django_db_blocker.unblock():
        assert Subscriber.objects.get(email=email).status == "pending"  # no consent yet, no mail
    tab.goto(site + "/" + link.split("://", 1)[1].split("/", 1)[1])
    assert_accessible(tab)
    tab.get_by_role("button", name=words["confirm"]).click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(words["preferences"])
    expect(tab.get_by_role("status").first).to_contain_text(email)
    _shot(tab, "preferences", language, viewport.width)
    assert_accessible(tab)

    tab.get_by_label(words["events"]).uncheck()
    tab.get_by_role("button", name=words["save"]).click()
    expect(tab.get_by_text(words["saved"])).to_be_visible()
    assert_accessible(tab)
    with django_db_blocker.unblock():
        person = Subscriber.objects.get(email=email)
        assert person.status == "subscribed" and "events" not in person.topics
        assert person.language == language

    tab.get_by_role("link", name=words["leave"]).click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(words["unsubscribe"])
    _shot(tab, "unsubscribe", language, viewport.width)
    assert_accessible(tab)
    tab.get_by_role("button", name=words["unsubscribe"]).click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(words["done"])
    _shot(tab, "unsubscribed", language, viewport.width)
    assert_accessible(tab)
    with django_db_blocker.unblock():
        assert Subscriber.objects.get(email=email).status == "unsubscribed"
        # Committed for the server: gone again, so later tests of this process start without it.
        Subscriber.objects.filter(email=email).delete()
        OutboxEmail.objects.filter(to=email).delete()
