"""Events in Chromium: a visitor registers for a free event and buys a ticket with a donation on
top through the local test provider (at 375 px), the event page at both widths, and staff tick
people in at the door from a phone (search by name, the button, the ticket's QR code's page).

axe-core runs on every page visited. With SCREENSHOT_DIR set, each page is kept to look at.
"""

import datetime
import os
import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from omshub.accounts.two_factor import totp_code
from omshub.events.models import Event, Registration
from omshub.events.services import Attendee, registration_start
from tests.e2e.axe import assert_accessible
from tests.e2e.staff import PASSWORD
from tests.factories import StaffFactory


def _shot(tab: Page, name: str, width: int) -> None:
    if folder := os.environ.get("SCREENSHOT_DIR"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)


def _event(slug: str, **fields) -> Event:
    starts = (timezone.now() + datetime.timedelta(days=30)).replace(hour=2, minute=0, second=0, microsecond=0)
    values = {
        "title": "Family picnic in Griffith Park",
        "title_es": "Picnic familiar en Griffith Park",
        "summary": "Games, food and time with other families who know OMS.\n\nBring a blanket.",
        "summary_es": "Juegos, comida y tiempo con otras familias que conocen el OMS.\n\nTraiga una manta.",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=3),
        "place_name": "Griffith Park, Crystal Springs picnic area",
        "address": "4730 Crystal Springs Dr, Los Angeles, CA 90027",
        "capacity": 40,
        "published": True,
    }
    event, _ = Event.objects.update_or_create(slug=slug, defaults=values | fields)
    return event


def test_a_visitor_registers_for_a_free_event(site: str, tab: Page, viewport, django_db_blocker, console_errors):
    with django_db_blocker.unblock():
        event = _event(f"picnic-{viewport.name}")
    tab.goto(site + "/events/")
    assert_accessible(tab)
    tab.get_by_role("link", name="Family picnic in Griffith Park").first.click()
    expect(tab).to_have_url(re.compile(r"/events/picnic-"))
    tab.goto(site + event.get_absolute_url())
    expect(tab.get_by_role("heading", level=1)).to_have_text("Family picnic in Griffith Park")
    expect(tab.get_by_role("link", name="Open the map")).to_be_visible()
    assert_accessible(tab)
    _shot(tab, "event-page", viewport.width)

    tab.get_by_label("Your full name").fill("Ana Ruiz")
    tab.get_by_label("Email", exact=True).fill("ana@")
    tab.get_by_role("button", name="Register, free").click()
    expect(tab.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(tab.get_by_label("Your full name")).to_have_value("Ana Ruiz")  # nothing typed is lost
    assert_accessible(tab)
    console_errors.remove("Failed to load resource: the server responded with a status of 400 (Bad Request)")

    tab.get_by_label("Email", exact=True).fill("ana@example.org")
    tab.get_by_role("button", name="Register, free").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("You are registered, Ana Ruiz")
    expect(tab.get_by_role("img", name="QR code of your ticket, for staff at the door")).to_be_visible()
    with tab.expect_download() as download:
        tab.get_by_role("link", name="Add to my calendar (.ics)").click()
    assert download.value.suggested_filename == f"{event.slug}.ics"
    assert_accessible(tab)
    _shot(tab, "event-ticket", viewport.width)


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_a_visitor_buys_a_ticket_with_a_donation_on_top(site: str, tab: Page, viewport, django_db_blocker):
    with django_db_blocker.unblock():
        event = _event("gala-e2e", title="Spring Gala", title_es="Gala de primavera", price_cents=7500,
                       fair_market_value_cents=3000)  # fmt: skip
    tab.goto(site + "/es" + event.get_absolute_url().replace("/events/", "/eventos/"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Gala de primavera")
    assert_accessible(tab)
    tab.goto(site + event.get_absolute_url())
    tab.get_by_label("Your full name").fill("Bea Soto")
    tab.get_by_label("Email", exact=True).fill("bea@example.org")
    tab.get_by_label("Add a donation (optional)").fill("20")
    tab.get_by_role("button", name="Continue to pay $75").click()
    expect(tab).to_have_url(re.compile(r"/payments/test-checkout/"))
    assert_accessible(tab)
    tab.get_by_role("button", name="Pay now (succeeds)").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("You are registered, Bea Soto")
    receipt = tab.get_by_role("region", name="Receipt")
    expect(receipt).to_contain_text("$95")
    expect(receipt.get_by_role("row", name=re.compile("Fair market value"))).to_contain_text("$30")
    expect(receipt.get_by_role("row", name=re.compile("Tax-deductible part"))).to_contain_text("$65")
    assert_accessible(tab)
    _shot(tab, "event-ticket-paid", viewport.width)
    with django_db_blocker.unblock():
        assert Registration.objects.get(event=event, email="bea@example.org").status == "confirmed"


def test_staff_check_people_in_at_the_door(site: str, tab: Page, viewport, django_db_blocker):
    with django_db_blocker.unblock():
        event = _event(f"door-{viewport.name}", title="Walk for OMS")
        Registration.objects.filter(event=event).delete()
        names = ["Ana Ruiz", "Bea Soto", "Carl Diaz", "Dora Paz", "Eli Gómez", "Fran Núñez"]
        tickets = [
            registration_start(
                event_id=event.pk,
                attendee=Attendee(name=name, email=f"{name.split()[0].lower()}@example.org", language="en"),
            )
            for name in names
        ]
        staff: Any = StaffFactory(username=f"door-{viewport.name}")
    # Straight to the door list (a phone's admin hides its menu): sign in, then the list opens.
    tab.goto(f"{site}/admin/events/door/{event.pk}/")
    tab.get_by_label("Email", exact=True).fill(staff.email)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign In", exact=True).click()
    tab.get_by_label("Code", exact=True).fill(totp_code(staff.totp_secret))
    tab.get_by_role("button", name="Sign In", exact=True).click()
    expect(tab).to_have_url(re.compile(rf"/admin/events/door/{event.pk}/$"))
    expect(tab.get_by_role("status")).to_have_text("0 of 6 checked in")
    tab.get_by_role("button", name="Check in Bea Soto").click()
    expect(tab.get_by_role("status")).to_have_text("1 of 6 checked in")
    tab.get_by_label("Search by name").fill("ruiz")
    tab.get_by_role("button", name="Search").click()
    expect(tab.get_by_role("list", name="Tickets").get_by_role("listitem")).to_have_count(1)
    tab.get_by_role("button", name="Check in Ana Ruiz").click()
    expect(tab.get_by_role("button", name="Undo Ana Ruiz")).to_be_visible()
    expect(tab.get_by_label("Search by name")).to_have_value("ruiz")  # the search is kept
    assert_accessible(tab)
    tab.goto(f"{site}/admin/events/door/{event.pk}/")
    expect(tab.get_by_role("status")).to_have_text("2 of 6 checked in")
    assert_accessible(tab)
    _shot(tab, "event-checkin", viewport.width)

    # What the QR code on Carl's ticket opens.
    tab.goto(f"{site}/admin/events/door/{event.pk}/{tickets[2].reference}/")
    tab.get_by_role("button", name="Check in").click()
    expect(tab.get_by_role("status")).to_contain_text("Checked in at")
    assert_accessible(tab)
    with django_db_blocker.unblock():
        assert Registration.objects.filter(event=event, checked_in_at__isnull=False).count() == 3
