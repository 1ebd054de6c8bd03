"""Fixtures: the demo campaign and a gift started through the real donation form."""

from typing import Any

import pytest
from django.test import Client

from omshub.giving.models import CampaignPage, Donation

FORM = {
    "frequency": "once",
    "amount": "5000",
    "donor_name": "Ana Ruiz",
    "email": "ana@example.com",
}


@pytest.fixture
def campaign(demo) -> CampaignPage:
    return demo["campaign"]


def give(campaign: CampaignPage, client: Client | None = None, **fields: Any) -> Donation:
    """Post the donation form as a donor would; return the pending gift it started."""
    client = client or Client()
    before = set(Donation.objects.values_list("pk", flat=True))
    response = client.post(f"{campaign.url}give/", FORM | fields, REMOTE_ADDR=fields.pop("ip", "127.0.0.1"))
    assert response.status_code == 303, response.content.decode()[:2000]
    (donation,) = Donation.objects.exclude(pk__in=before)
    return donation
