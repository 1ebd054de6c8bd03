"""The finder's pages in English and Spanish: results by distance, clear messages for bad input,
a service's page, "getting seen sooner" with its print view, and the red-flag signs from the rules."""

import pytest

from omshub.carefinder.models import CareService
from omshub.firststeps.red_flags import RULES, Urgency
from tests.carefinder.helpers import service_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def services(demo):
    return {
        "near": service_at("90033", "Eastside Pediatric Neurology", languages=("en", "es"), telehealth=True),
        "far": service_at("19104", "Philadelphia Children's", languages=("en",)),
    }


def test_the_finder_lists_services_by_distance_with_map_links(client, services):
    html = client.get("/find-care/", {"place": "90027", "miles": "any"}).content.decode()
    assert html.index("Eastside Pediatric Neurology") < html.index("Philadelphia Children&#x27;s")
    assert "services near 90027, Los Angeles, CA" in html
    assert "https://www.openstreetmap.org/search?query=1+Main+St" in html
    assert 'href="tel:' not in html or "tel:" in html


def test_the_spanish_filter_in_spanish(client, services):
    html = client.get("/es/buscar-atencion/", {"place": "90027", "miles": "any", "spanish": "on"}).content.decode()
    assert "Eastside Pediatric Neurology" in html and "Philadelphia" not in html
    assert "Idiomas: inglés, español" in html


@pytest.mark.parametrize(
    ("path", "typed", "message"),
    [
        ("/find-care/", "abcde", "We could not find a US city or ZIP code called “abcde”."),
        ("/find-care/", "00000", "We could not find the ZIP code 00000."),
        ("/find-care/", "123", "A ZIP code has 5 digits, like 90027."),
        ("/es/buscar-atencion/", "00000", "No encontramos el código postal 00000."),
        ("/es/buscar-atencion/", "123", "Un código postal tiene 5 dígitos, como 90027."),
        ("/es/buscar-atencion/", "abcde", "No encontramos ninguna ciudad ni código postal de EE. UU. llamado «abcde»."),
    ],
)
def test_bad_input_gets_a_clear_message_in_the_language_and_keeps_what_was_typed(
    client, services, path, typed, message
):
    html = client.get(path, {"place": typed}).content.decode()
    assert message in html.replace("&#x27;", "'")
    assert f'value="{typed}"' in html
    assert "error-summary" in html


def test_a_service_page_shows_its_details_and_never_an_invented_verification(client, services):
    html = client.get(f"/find-care/{services['near'].pk}/").content.decode()
    assert "Eastside Pediatric Neurology" in html and "Not yet verified by staff" in html
    assert "Verified by staff on" not in html
    CareService.objects.filter(pk=services["near"].pk).update(verified_on="2026-11-02")
    assert "Verified by staff on Nov. 2, 2026." in client.get(f"/find-care/{services['near'].pk}/").content.decode()


def test_an_unlisted_service_is_not_found(client, services):
    CareService.objects.filter(pk=services["far"].pk).update(is_listed=False)
    assert client.get(f"/find-care/{services['far'].pk}/").status_code == 404
    assert client.get("/find-care/999999/").status_code == 404


def test_the_demo_directory_is_examples_with_chla_first(client, demo):
    demo_services = CareService.objects.filter(is_example=True)
    assert demo_services.count() >= 5
    assert not demo_services.filter(verified_on__isnull=False).exists()
    assert "Division of Neurology" in demo_services.earliest("pk").name
    html = client.get("/es/buscar-atencion/", {"place": "90027"}).content.decode()
    assert "Entrada de ejemplo" in html
    assert "OMS" not in html.split("<main")[1].split("</main>")[0].replace("SOMA", "")


@pytest.mark.parametrize("path", ["/find-care/getting-seen-sooner/", "/find-care/getting-seen-sooner/print/"])
def test_getting_seen_sooner_shows_the_rules_own_red_flags(client, demo, path):
    html = client.get(path).content.decode().replace("&#x27;", "'")
    for sign in RULES.letter_signs:
        if sign.level >= Urgency.TODAY:
            assert sign.parent_texts["en"] in html
    assert RULES.levels[Urgency.EMERGENCY].box_heading_texts["en"] in html
    assert "cancellation list" in html


def test_getting_seen_sooner_in_spanish(client, demo):
    html = client.get("/es/buscar-atencion/ser-atendido-antes/imprimir/").content.decode()
    assert RULES.levels[Urgency.EMERGENCY].box_heading_texts["es"] in html
    assert "lista de cancelaciones" in html


def test_the_footer_leads_to_the_finder(client, demo):
    assert 'href="/find-care/"' in client.get("/").content.decode()
    assert 'href="/es/buscar-atencion/"' in client.get("/es/").content.decode()
