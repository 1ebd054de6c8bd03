"""A worried parent, in Spanish, goes from the home page to an English PDF letter for the ER.

The checklist is one tap from the home page. The downloaded PDF is read back for the signs
ticked and the references; with SCREENSHOT_DIR set, the checklist's result, the letter and
the PDF's first page are saved as PNGs. A second journey opens the letter form directly,
ticks an emergency sign, and must meet the 911 card before the letter.
"""

import io
import os
import shutil
import subprocess
from pathlib import Path

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.e2e.axe import assert_accessible


def _folder(tmp_path: Path) -> Path:
    return Path(os.environ.get("SCREENSHOT_DIR", tmp_path))


def test_spanish_parent_gets_an_english_letter(site: str, tab: Page, viewport, tmp_path: Path, console_errors):
    folder = _folder(tmp_path)
    tab.goto(site + "/es/")
    taps = 0
    tab.get_by_role("link", name="¿Le preocupa su hijo o hija?").click()
    taps += 1
    expect(tab.get_by_role("heading", level=1)).to_have_text("Ayuda ahora")
    assert_accessible(tab)

    tab.get_by_label("Movimientos de los ojos rápidos").check()
    tab.get_by_label("Inestabilidad nueva").check()
    tab.get_by_role("button", name="Ver qué tan urgente es").click()
    taps += 1
    expect(tab.get_by_role("heading", name="Busque atención médica hoy mismo")).to_be_visible()
    expect(tab.get_by_role("link", name="Lleve un diario de lo que ve")).to_be_visible()
    tab.locator("#result").screenshot(path=str(folder / f"checklist-result-{viewport.name}.png"))
    assert_accessible(tab)

    tab.get_by_role("link", name="Preparar una carta para el médico").click()
    taps += 1
    assert taps <= 3  # home -> checklist -> result -> letter form
    expect(tab.get_by_label("Movimientos de los ojos rápidos")).to_be_checked()
    # Forgetting the age shows an error in Spanish and keeps what was chosen.
    tab.get_by_label("Hace entre 1 y 2 semanas").check()
    tab.get_by_role("button", name="Ver mi carta").click()
    expect(tab.get_by_role("alert")).to_contain_text("Escriba la edad de su hijo o hija")
    expect(tab.get_by_label("Hace entre 1 y 2 semanas")).to_be_checked()
    assert console_errors == ["Failed to load resource: the server responded with a status of 400 (Bad Request)"]
    console_errors.clear()  # the form's answer to bad input is a 400, as it should be
    assert_accessible(tab)

    tab.get_by_label("English").check()
    tab.get_by_label("Niña", exact=True).check()
    tab.get_by_label("Edad de su hijo o hija").fill("18")
    tab.get_by_label("Meses", exact=True).check()
    tab.get_by_label("Un resfriado o tos").check()
    tab.get_by_label("Mi hijo o hija estaba sano antes de que empezara esto").check()
    tab.get_by_role("button", name="Ver mi carta").click()
    expect(tab.get_by_role("heading", name="Su carta está lista")).to_be_visible()
    expect(tab.get_by_text("To the doctor seeing my daughter today,")).to_be_visible()
    tab.screenshot(path=str(folder / f"letter-{viewport.name}.png"), full_page=True)
    assert_accessible(tab)

    # The letter page came after a redirect: reloading it sends nothing again.
    tab.reload()
    expect(tab.get_by_role("heading", name="Su carta está lista")).to_be_visible()

    with tab.expect_download() as download_info:
        tab.get_by_role("link", name="Descargar el PDF").click()
    pdf_path = tmp_path / "letter.pdf"
    download_info.value.save_as(pdf_path)
    reader = PdfReader(io.BytesIO(pdf_path.read_bytes()))
    assert len(reader.pages) == 1
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "My daughter is 18 months old. It started 1 to 2 weeks ago, after a cold or a cough. I have seen:" in text
    assert "My daughter was well before this started." in text
    assert "fast, chaotic, multidirectional eye movements" in text
    assert "new unsteadiness" in text
    assert "MRI or CT of the chest and abdomen" in text
    assert "References" in text and "Rossor T" in text and "Brunklaus A" in text

    if shutil.which("pdftoppm"):
        stem = folder / f"letter-pdf-{viewport.name}"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf_path), str(stem)], check=True
        )
        assert Path(f"{stem}.png").stat().st_size > 10_000


def test_the_letter_form_shows_the_emergency_card_first(site: str, tab: Page, viewport, tmp_path: Path):
    tab.goto(site + "/letter-for-the-doctor/")
    tab.get_by_label("Your child's age").fill("2")
    tab.get_by_label("Years", exact=True).check()
    tab.get_by_label("In the last few days").check()
    tab.get_by_label("Chokes on food or drink, or cannot swallow safely").check()
    tab.get_by_role("button", name="Download the PDF").click()  # no download before the 911 card

    card = tab.locator("#result")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Call 911 now")
    expect(card.get_by_role("link", name="Call 911")).to_have_attribute("href", "tel:911")
    card_top = card.bounding_box()
    letter_top = tab.locator("article.letter").bounding_box()
    assert card_top and letter_top and card_top["y"] < letter_top["y"]
    tab.screenshot(path=str(_folder(tmp_path) / f"letter-emergency-{viewport.name}.png"))
    assert_accessible(tab)
