"""Fixtures: the demo campaign and a gift started through the real donation form."""

from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from omshub.giving.models import CampaignPage, Donation

FORM = {
    "frequency": "once",
    "amount": "5000",
    "donor_name": "Ana Ruiz",
    "email": "ana@example.com",
}


# What the staff refund form asks besides the amount and its one-time key.
REFUND = {"reason": "requested_by_donor", "confirm": "on"}


@pytest.fixture
def campaign(demo) -> CampaignPage:
    return demo["campaign"]


@pytest.fixture
def staff(admin_user) -> Client:
    """A browser signed in as a superuser (with two-factor, as the admin asks)."""
    client = Client()
    client.force_login(admin_user)
    return client


def donate_url(page: CampaignPage) -> str:
    """The form's address in the page's own language ("give/" in English, "donar/" in Spanish)."""
    with translation.override(page.locale.language_code):
        return page.url + page.reverse_subpage("donate")


def give(campaign: CampaignPage, client: Client | None = None, **fields: Any) -> Donation:
    """Post the donation form as a donor would; return the pending gift it started."""
    client = client or Client()
    before = set(Donation.objects.values_list("pk", flat=True))
    response = client.post(donate_url(campaign), FORM | fields, REMOTE_ADDR=fields.pop("ip", "127.0.0.1"))
    assert response.status_code == 303, response.content.decode()[:2000]
    (donation,) = Donation.objects.exclude(pk__in=before)
    return donation
