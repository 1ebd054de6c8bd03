"""A worried parent, in Spanish, goes from the home page to an English PDF letter for the ER.

The checklist is one tap from the home page. The downloaded PDF is read back for the signs
ticked and the references; with SCREENSHOT_DIR set its first page is saved as a PNG.
"""

import io
import os
import shutil
import subprocess
from pathlib import Path

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.e2e.axe import assert_accessible


def test_spanish_parent_gets_an_english_letter(site: str, tab: Page, viewport, tmp_path: Path, console_errors):
    tab.goto(site + "/es/")
    taps = 0
    tab.get_by_role("link", name="¿Le preocupa su hijo o hija?").click()
    taps += 1
    expect(tab.get_by_role("heading", level=1)).to_have_text("Ayuda ahora")
    assert taps <= 3
    assert_accessible(tab)

    tab.get_by_label("Movimientos de los ojos rápidos").check()
    tab.get_by_label("Inestabilidad nueva").check()
    tab.get_by_role("button", name="Ver qué tan urgente es").click()
    expect(tab.get_by_role("heading", name="Lleve hoy a su hijo o hija al médico")).to_be_visible()
    assert_accessible(tab)

    tab.get_by_role("link", name="Preparar una carta para el médico").click()
    expect(tab.get_by_label("Movimientos de los ojos rápidos")).to_be_checked()
    # Forgetting the age shows an error in Spanish and keeps what was entered.
    tab.get_by_label("¿Cuándo empezó?").fill("hace dos semanas")
    tab.get_by_role("button", name="Ver mi carta").click()
    expect(tab.get_by_role("alert")).to_contain_text("Escriba la edad de su hijo o hija")
    expect(tab.get_by_label("¿Cuándo empezó?")).to_have_value("hace dos semanas")
    assert console_errors == ["Failed to load resource: the server responded with a status of 400 (Bad Request)"]
    console_errors.clear()  # the form's answer to bad input is a 400, as it should be
    assert_accessible(tab)

    tab.get_by_label("English").check()
    tab.get_by_label("Mi hijo o hija estaba sano antes de que empezara esto").check()
    tab.get_by_label("Edad de su hijo o hija").fill("18 months")
    tab.get_by_label("¿Cuándo empezó?").fill("two weeks ago, after a cold")
    tab.get_by_role("button", name="Ver mi carta").click()
    expect(tab.get_by_role("heading", name="Su carta está lista")).to_be_visible()
    expect(tab.get_by_text("To the doctor seeing my child today,")).to_be_visible()
    assert_accessible(tab)

    with tab.expect_download() as download_info:
        tab.get_by_role("button", name="Descargar el PDF").click()
    pdf_path = tmp_path / "letter.pdf"
    download_info.value.save_as(pdf_path)
    reader = PdfReader(io.BytesIO(pdf_path.read_bytes()))
    assert len(reader.pages) == 1
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "My child is aged 18 months. Since two weeks ago, after a cold, I have seen:" in text
    assert "My child was well before this started." in text
    assert "fast, chaotic, multidirectional eye movements" in text
    assert "new unsteadiness" in text
    assert "MRI or CT of the chest and abdomen" in text
    assert "References" in text and "Rossor T" in text and "Brunklaus A" in text

    folder = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    if shutil.which("pdftoppm"):
        stem = folder / "letter-first-page"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf_path), str(stem)], check=True
        )
        assert Path(f"{stem}.png").stat().st_size > 10_000
