"""What an outside probe found (issue 18): bad input in the journal gets a 400 and a clear message
in English and Spanish, never a server error; a share link stored before the dates were checked
still opens for the clinician."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from omshub.journal.models import Invitation, ShareLink, token_digest
from tests.journal.conftest import add_child
from tests.journal.test_sharing import observe

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
OUT_OF_RANGE = {"en": "Enter a date from", "es": "Escriba una fecha del"}


def _url(language: str, name: str, *args: object) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def _text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ")


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("before", ["2026-02-30", "2026-13-01", "0000-00-00", "9999-12-31"])
def test_an_impossible_day_in_the_entries_list_is_explained(family, language, before) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    observe(child, TODAY, "a note")
    response = parent.get(_url(language, "journal:entries", child.pk), {"before": before})
    assert response.status_code == 400
    text = _text(response)
    expected = {"en": "Showing the newest entries instead.", "es": "Se muestran las entradas más recientes."}
    assert expected[language] in text
    assert len(BeautifulSoup(response.content, "html.parser").select(".entry-list__item")) == 1


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_share_link_cannot_reach_year_9999(family, language) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    data = {"data_from": TODAY, "data_to": "9999-12-31", "lifetime": 7, "label": "Dr Rivera"}
    response = parent.post(_url(language, "journal:share", child.pk), data)
    assert response.status_code == 400 and not ShareLink.objects.exists()
    text = _text(response)
    assert OUT_OF_RANGE[language] in text
    assert "Dr Rivera" in response.content.decode(), "what was typed is kept"


def test_a_link_stored_before_the_check_still_opens_for_the_clinician(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    observe(child, TODAY - datetime.timedelta(days=3), "slept badly")
    ShareLink.objects.create(
        child=child,
        token_hash=token_digest("t" * 43),
        data_from=datetime.date(1, 1, 1),
        data_to=datetime.date(9999, 12, 31),
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    for visit in range(2):
        response = Client(raise_request_exception=False).get(reverse("journal:shared", args=["t" * 43]))
        assert response.status_code == 200, visit
        assert "slept badly" in _text(response)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_report_period_near_year_9999_is_a_form_error(family, language) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    query = {"date_from": "9999-12-20", "date_to": "9999-12-31", "sections": "observations", "format": "csv"}
    response = parent.get(_url(language, "journal:report", child.pk), query)
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")
    assert OUT_OF_RANGE[language] in _text(response)


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "An email address has at most 254 characters"), ("es", "Una dirección de correo tiene como máximo 254")],
)
def test_an_invitation_address_longer_than_254_characters_is_a_form_error(family, language, message) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    address = "a" * 250 + "@example.org"
    response = parent.post(_url(language, "journal:circle", child.pk), {"email": address, "role": "viewer"})
    assert response.status_code == 400 and not Invitation.objects.exists()
    assert message in _text(response)


@pytest.mark.parametrize("path", ["/journal/invitations/%00/", "/shared/%00/", "/shared/a%00b/", "/journal/%00/"])
def test_a_nul_byte_in_a_path_is_not_found(family, path) -> None:
    parent = family("mum@example.com")
    parent.raise_request_exception = False
    assert parent.get(path).status_code == 404
