"""A supporter raises money in Chromium: signs up (verifying the email), starts a page for the
campaign with a photo and a goal at 375 px, sees the short link and QR code to share; a donor
gives through the page with the local test provider, and the page's and the campaign's totals
move; the owner thanks the donor from the dashboard. In English and in Spanish. At 1280 px, a
team with two members' pages, ordered on the campaign's leaderboard.

axe-core runs on every page visited.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from omshub.core.models import OutboxEmail
from omshub.core.money import parse_amount
from omshub.fundraising.models import FundraisingPage
from tests.e2e.axe import assert_accessible
from tests.e2e.photos import phone_photo as _photo

CAMPAIGN = {"en": "/donate/chla-neurology/", "es": "/es/donar/chla-neurologia/"}
WORDS = {
    "en": {
        "start": "Start a fundraiser",
        "create_account": "Create an account",
        "email": "Email",
        "password": "Password",
        "again": "Password (again)",
        "sign_up": "Sign Up",
        "confirm": "Confirm",
        "name": "Your name as shown on the page",
        "title": "Title of your page (optional)",
        "why": "Why are you raising money?",
        "goal": "Your goal in US dollars",
        "photo": "A photo (optional)",
        "alt": "Describe the photo (optional)",
        "create": "Create my page",
        "story_missing": "Write a few words about why you are raising money.",
        "kept": "Your photo is kept.",
        "short": "Short link:",
        "see": "See your page as visitors see it",
        "give_now": "Give now",
        "full_name": "Your full name",
        "your_email": "Your email",
        "wall": "Show my first name on the donor wall",
        "thanks": "Thank you, Rosa Díaz",
        "back": "Back to",
        "dashboard": "Your dashboard",
        "thank": "Send a thank-you",
        "thanked": "Thanked",
        "no_gifts": "Be the first to give",
    },
    "es": {
        "start": "Crear una recaudación",
        "create_account": "Crear una cuenta",
        "email": "Correo electrónico",
        "password": "Contraseña",
        "again": "Contraseña (de nuevo)",
        "sign_up": "Registrarse",
        "confirm": "Confirmar",
        "name": "Su nombre como aparecerá en la página",
        "title": "Título de su página (opcional)",
        "why": "¿Por qué recauda fondos?",
        "goal": "Su meta en dólares estadounidenses",
        "photo": "Una foto (opcional)",
        "alt": "Describa la foto (opcional)",
        "create": "Crear mi página",
        "story_missing": "Escriba unas palabras sobre por qué recauda fondos.",
        "kept": "Guardamos su foto.",
        "short": "Enlace corto:",
        "see": "Ver su página como la ven los visitantes",
        "give_now": "Donar ahora",
        "full_name": "Su nombre completo",
        "your_email": "Su correo electrónico",
        "wall": "Mostrar mi nombre de pila en el muro de donantes",
        "thanks": "Gracias, Rosa Díaz",
        "back": "Volver a",
        "dashboard": "Su panel",
        "thank": "Enviar un agradecimiento",
        "thanked": "Agradecido",
        "no_gifts": "Sea la primera persona en donar",
    },
}


def _shot(tab: Page, name: str, width: int) -> None:
    """With SCREENSHOT_DIR set (`make screenshots`), keep a full-page screenshot to look at."""
    if folder := os.environ.get("SCREENSHOT_DIR"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)


def _raised(tab: Page) -> int:
    """The figure as the page's own language writes it ("$925.10", "925,10 US$"), in cents."""
    figure = tab.locator(".progress__raised strong")
    language = tab.locator("html").get_attribute("lang") or "en"
    return parse_amount(figure.inner_text(), language) if figure.count() else 0


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
@pytest.mark.parametrize("language", ["en", "es"])
def test_a_supporter_starts_a_page_a_donor_gives_through_it_and_is_thanked(
    site: str, browser: Browser, tab: Page, viewport, language, console_errors, django_db_blocker, tmp_path
) -> None:
    words = WORDS[language]
    prefix = "/es" if language == "es" else ""
    email = f"fundraiser-{language}@example.com"
    tab.goto(site + CAMPAIGN[language])
    campaign_before = _raised(tab)
    tab.get_by_role("link", name=words["start"]).click()
    assert_accessible(tab)

    # Sign up, with the emailed verification link, and come back to the form.
    tab.get_by_role("link", name=words["create_account"]).click()
    tab.get_by_label(words["email"], exact=True).fill(email)
    tab.get_by_label(words["password"], exact=True).fill("a long supporter passphrase 42")
    tab.get_by_label(words["again"]).fill("a long supporter passphrase 42")
    tab.get_by_role("button", name=words["sign_up"], exact=True).click()
    expect(tab.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(tab)
    (message,) = [m for m in mail.outbox if email in m.to]
    link = re.search(r"https?://[^/\s]+(/\S+)", str(message.body))
    assert link
    tab.goto(site + link.group(1))
    assert_accessible(tab)
    tab.get_by_role("button", name=words["confirm"]).click()
    if not tab.get_by_label(words["why"]).count():  # allauth went to its default page
        tab.goto(site + prefix + ("/recaudar/" if language == "es" else "/fundraise/"))
    expect(tab.get_by_label(words["why"])).to_be_visible()
    assert_accessible(tab)

    # A mistake first: the photo sent with it is kept, nothing typed is lost.
    tab.get_by_label(words["name"]).fill("Lucía Pérez")
    tab.get_by_label(words["title"]).fill(f"Walk for Mateo {language}")
    tab.get_by_label(words["goal"]).fill("500")
    tab.get_by_label(words["photo"]).set_input_files(_photo(tmp_path))
    tab.get_by_label(words["alt"]).fill("Our family at the start of the walk")
    tab.get_by_role("button", name=words["create"]).click()
    expect(tab.get_by_role("alert")).to_contain_text(words["story_missing"])
    expect(tab.get_by_text(words["kept"])).to_be_visible()
    expect(tab.get_by_label(words["name"])).to_have_value("Lucía Pérez")
    console_errors.clear()  # the form's answer to bad input is a 400
    assert_accessible(tab)
    _shot(tab, f"fundraiser-form-errors-{language}", viewport.width)
    tab.get_by_label(words["why"]).fill(
        "Mateo was diagnosed with OMS at two. We walk so other children are seen sooner."
    )
    tab.get_by_role("button", name=words["create"]).click()

    # The dashboard: short link and QR code to share.
    expect(tab.get_by_role("heading", level=1)).to_have_text(f"Walk for Mateo {language}")
    short = tab.locator(".fr-short__url").inner_text()
    assert re.search(rf"{prefix}/f/[a-z0-9]{{7}}/$", short), short
    expect(tab.locator(".share__qr svg")).to_be_visible()
    expect(tab.get_by_text(words["short"])).to_be_visible()
    assert_accessible(tab)
    with django_db_blocker.unblock():
        page = FundraisingPage.objects.get(title=f"Walk for Mateo {language}")
        assert page.photo and page.photo_width == 1600
    tab.get_by_role("link", name=words["see"]).click()
    expect(tab.get_by_text(words["no_gifts"])).to_be_visible()
    expect(tab.get_by_role("img", name="Our family at the start of the walk")).to_be_visible()
    assert_accessible(tab)
    _shot(tab, f"fundraiser-page-new-{language}", viewport.width)

    # A donor, in another browser, opens the short link and gives through the page.
    donor_context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    donor = donor_context.new_page()
    donor.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    donor.goto(site + urlsplit(short).path)  # the link starts with the site's configured address
    donor.get_by_role("link", name=words["give_now"]).click()
    expect(donor.get_by_text(f"Walk for Mateo {language}")).to_be_visible()
    assert_accessible(donor)
    fifty = r"(\$50|50\sUS\$)"  # as each language writes it
    donor.get_by_text(re.compile(rf"^{fifty}$")).click()
    donor.get_by_label(words["full_name"]).fill("Rosa Díaz")
    donor.get_by_label(words["your_email"]).fill(f"rosa-{language}@example.com")
    donor.get_by_label(words["wall"]).check()
    donor.get_by_role("button", name=re.compile(fifty)).click()
    assert_accessible(donor)
    donor.get_by_role("button", name=re.compile(r"Pay now \(succeeds\)|Pagar ahora")).click()
    expect(donor.get_by_role("heading", name=words["thanks"])).to_be_visible()
    assert_accessible(donor)
    donor.get_by_role("link", name=f"{words['back']} Walk for Mateo {language}").click()
    assert _raised(donor) == 5000
    expect(donor.locator(".gift-list")).to_contain_text("Rosa")
    assert_accessible(donor)
    _shot(donor, f"fundraiser-page-{language}", 375)
    donor.goto(site + CAMPAIGN[language])
    assert _raised(donor) == campaign_before + 5000
    assert_accessible(donor)
    donor_context.close()

    # The owner thanks the donor with one tap.
    tab.reload()
    tab.get_by_role("link", name=words["dashboard"]).click()
    expect(tab.locator(".fr-donors")).to_contain_text(f"rosa-{language}@example.com")
    tab.get_by_role("button", name=re.compile(words["thank"])).click()
    expect(tab.locator(".fr-donors__thanked")).to_contain_text(words["thanked"])
    assert_accessible(tab)
    _shot(tab, f"fundraiser-dashboard-{language}", viewport.width)
    with django_db_blocker.unblock():
        sent = OutboxEmail.objects.get(kind="fundraising.thanks", to=f"rosa-{language}@example.com")
        assert (sent.status, sent.language) == ("sent", language)
