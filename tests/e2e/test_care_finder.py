"""The care finder in Chromium, in Spanish: a parent types a ZIP code, keeps the services that
speak Spanish, opens the nearest, reads the wait families reported (a median of 3 or more),
and prints the phone script to ask for an earlier appointment. At 375 and 1280 px, axe-core
on every page; with SCREENSHOT_DIR set, the finder and a service's page are kept as pictures."""

import datetime
import os
from pathlib import Path

from playwright.sync_api import Page, expect

from omshub.carefinder.models import CareService, WaitReport
from tests.carefinder.helpers import approved_reports, service_at
from tests.e2e.axe import assert_accessible

NEAREST = "Clínica Eastside de Neurología Pediátrica"


def _shot(tab: Page, name: str, width: int) -> None:
    if folder := os.environ.get("SCREENSHOT_DIR"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)


def _directory(django_db_blocker) -> None:
    """A Spanish-speaking clinic near the parent with three approved waits, and an English-only
    one nearer still (left out by the filter). Kept across both widths."""
    with django_db_blocker.unblock():
        if CareService.objects.filter(name=NEAREST).exists():
            return
        clinic = service_at(
            "90033",
            NEAREST,
            languages=("en", "es"),
            street_address="1200 N State St",
            city="Los Angeles",
            phone="(323) 555-0142",
            telehealth=True,
            about_es="Consultas de neurología pediátrica para niños pequeños, con intérpretes.",
        )
        service_at("90026", "Echo Park Child Neurology", languages=("en",), city="Los Angeles")
        approved_reports(clinic, [42, 63, 91], first_visit=datetime.date(2026, 9, 14))
        assert WaitReport.objects.filter(service=clinic, status="approved").count() == 3


def test_a_parent_finds_care_in_spanish_reads_the_wait_and_prints_the_script(
    site: str, tab: Page, viewport, django_db_blocker
) -> None:
    _directory(django_db_blocker)
    tab.goto(site + "/es/")
    tab.get_by_role("contentinfo").get_by_role("link", name="Buscar atención de neurología pediátrica").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Buscar atención de neurología pediátrica")
    assert_accessible(tab)

    # A typing slip first: a clear message in Spanish, and what was typed stays.
    tab.get_by_label("Su código postal o ciudad").fill("9OO33")
    tab.get_by_role("button", name="Buscar servicios").click()
    expect(tab.get_by_role("alert")).to_contain_text("Un código postal tiene 5 dígitos")
    expect(tab.get_by_label("Su código postal o ciudad")).to_have_value("9OO33")
    assert_accessible(tab)

    tab.get_by_label("Su código postal o ciudad").fill("90031")
    tab.get_by_label("hablen español").check()
    tab.get_by_role("button", name="Buscar servicios").click()
    results = tab.get_by_role("region", name="cerca de 90031")
    expect(results.get_by_role("heading", level=2)).to_contain_text("cerca de 90031, Los Angeles, CA")
    names = results.get_by_role("heading", level=3).all_inner_texts()
    assert names[0] == NEAREST and "Echo Park Child Neurology" not in names
    assert "Children's Hospital Los Angeles — Division of Neurology" in names  # the demo partner speaks Spanish
    first = results.get_by_role("listitem").filter(has_text=NEAREST).first
    expect(first).to_contain_text("a 2 millas")
    expect(first).to_contain_text("Espera informada: alrededor de 9 semanas")
    expect(first.get_by_role("link", name="Abrir en un mapa")).to_have_attribute(
        "href", "https://www.openstreetmap.org/search?query=1200+N+State+St%2C+Los+Angeles%2C+CA+90033"
    )
    assert_accessible(tab)
    _shot(tab, "finder-es", viewport.width)

    first.get_by_role("link", name=NEAREST, exact=True).click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(NEAREST)
    wait = tab.get_by_role("region", name="Cuánto esperaron las familias")
    expect(wait).to_contain_text("Alrededor de 9 semanas")
    expect(wait).to_contain_text(
        "La mediana de los informes de 3 familias, para primeras consultas en septiembre de 2026."
    )
    expect(tab.get_by_text("Todavía no verificado por el personal")).to_be_visible()
    assert_accessible(tab)
    _shot(tab, "care-service-es", viewport.width)
    expect(tab.get_by_role("link", name="Volver a la lista")).to_have_attribute(
        "href", "/es/buscar-atencion/?place=90031&miles=250&spanish=on"
    )

    tab.get_by_role("link", name="Cómo conseguir una cita antes").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Cómo conseguir una cita antes")
    expect(tab.get_by_role("heading", name="Llame al 911 o vaya ahora a la sala de emergencias si:")).to_be_visible()
    assert_accessible(tab)
    _shot(tab, "getting-seen-sooner-es", viewport.width)

    tab.get_by_role("link", name="Imprimir el guion para la llamada").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Guion para la llamada: pedir una cita más pronto")
    print_button = tab.get_by_role("button", name="Imprimir")
    expect(print_button).to_be_visible()  # shown by its script: the CSP let it run
    assert_accessible(tab)
    tab.emulate_media(media="print")
    expect(tab.get_by_text("¿Nos puede anotar en la lista de cancelaciones?")).to_be_visible()
    expect(print_button).to_be_hidden()
    expect(tab.locator(".site-header")).to_be_hidden()
    pdf = tab.pdf(format="Letter") if viewport.name == "desktop" else b"%PDF"
    assert pdf.startswith(b"%PDF")
    _shot(tab, "phone-script-print", viewport.width)


def test_a_family_reports_a_wait_in_english(site: str, tab: Page, viewport, console_errors, django_db_blocker) -> None:
    """Signed in (a session made on the server, as the sign-in tests cover signing in), a parent
    mistypes the dates, is told why, then reports; the page says it waits for a staff check."""
    from django.conf import settings
    from django.test import Client

    from tests.carefinder.helpers import child_of, family_member

    with django_db_blocker.unblock():
        _directory(django_db_blocker)
        clinic = CareService.objects.get(name=NEAREST)
        parent = family_member(f"waited-{viewport.name}@example.org")
        child_of(parent, "Mia")
        client = Client()
        client.force_login(parent)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
    tab.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site}])
    tab.goto(f"{site}/find-care/?place=90033&miles=25")
    expect(tab.locator("#results-heading")).to_contain_text("near 90033, Los Angeles, CA")
    assert_accessible(tab)
    tab.get_by_role("link", name=NEAREST, exact=True).click()
    tab.get_by_role("link", name="Report how long you waited").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Report how long you waited")
    expect(tab.get_by_label("Mia")).to_be_checked()  # the only child in the journal
    assert_accessible(tab)

    tab.get_by_label("When did the doctor make the referral?").fill("2026-05-10")
    tab.get_by_label("When was the first visit at this service?").fill("2026-05-01")
    tab.get_by_role("button", name="Send my report").click()
    expect(tab.get_by_role("alert")).to_contain_text("The first visit must be on or after the referral date.")
    expect(tab.get_by_label("When did the doctor make the referral?")).to_have_value("2026-05-10")
    assert console_errors == ["Failed to load resource: the server responded with a status of 400 (Bad Request)"]
    console_errors.clear()
    assert_accessible(tab)
    _shot(tab, "wait-report-errors", viewport.width)

    tab.get_by_label("When was the first visit at this service?").fill("2026-07-01")
    tab.get_by_role("button", name="Send my report").click()
    expect(tab.get_by_role("status")).to_contain_text("A staff member will check your report")
    expect(tab.get_by_role("heading", level=1)).to_have_text(NEAREST)
    assert_accessible(tab)
    with django_db_blocker.unblock():
        report = WaitReport.objects.get(service=clinic, reported_by__email=f"waited-{viewport.name}@example.org")
        assert (report.waited_days, report.status) == (52, WaitReport.Status.PENDING)
