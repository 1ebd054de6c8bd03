"""Helpers for the donor self-service tests: ask for a link, open it, and the gifts to find."""

import datetime
import re

from django.core import mail
from django.test import Client

from omshub.giving.models import CampaignPage, Donation
from omshub.giving.services.staff import donation_record_offline


def path_of(url: str) -> str:
    """The path of an absolute link in an email (the test site's host is not the client's)."""
    return re.sub(r"^https?://[^/]+", "", url)


def link_in(text: str, pattern: str = r"https?://\S+/my-giving/link/\S+/") -> str:
    found = re.search(pattern, text)
    assert found, text
    return path_of(found.group(0))


def ask_for_link(client: Client, email: str, captured, start: str = "/my-giving/") -> str:
    """Post the email on "Manage my giving"; the path of the link it sent."""
    mail.outbox.clear()
    with captured(execute=True):
        response = client.post(start, {"email": email})
    assert response.status_code == 200, response.content.decode()[:1000]
    (message,) = [m for m in mail.outbox if m.to == [email.lower()]]
    return link_in(str(message.body), r"https?://\S+/(?:my-giving/link|mis-donaciones/enlace)/\S+/")


def sign_in(client: Client, email: str, captured) -> None:
    link = ask_for_link(client, email, captured)
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == "/my-giving/gifts/"


def last_year_gift(campaign: CampaignPage, email: str, cents: int, key: str) -> Donation:
    year = datetime.date.today().year - 1
    return donation_record_offline(
        campaign=campaign,
        amount_cents=cents,
        method="check",
        donor_name="Ana Ruiz",
        email=email,
        received_on=datetime.date(year, 3, 14),
        note="",
        anonymous=False,
        entry_key=key,
        actor=None,
    )
