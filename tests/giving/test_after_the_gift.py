"""After the gift: thank-you page, receipt email and PDF, tribute notice, outbox retries,
year-end statements and the monthly donor's magic link to the customer portal."""

import io
import re

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.test import Client
from pypdf import PdfReader

from omshub.core.models import OutboxEmail
from omshub.core.outbox import retry_pending
from omshub.giving.models import Donation
from tests.giving.fixtures import give

pytestmark = pytest.mark.django_db


def _link(pattern: str, text: str) -> str:
    found = re.search(pattern, text)
    assert found, text
    return found.group(0)


def pay(donation: Donation, client: Client, action: str = "succeed"):
    return client.post(f"/payments/test-checkout/{donation.checkout_id}/", {"action": action}, follow=True)


def test_the_thank_you_page_names_the_impact_and_shows_the_new_progress(
    campaign, django_capture_on_commit_callbacks
) -> None:
    client = Client()
    donation = give(client=client, campaign=campaign, cover_fee="on")
    with django_capture_on_commit_callbacks(execute=True):
        response = pay(donation, client)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thank you, Ana Ruiz" in html
    assert "nurse educator" in html, "the preset's impact"
    assert "covered $1.81 of card fees" in html
    assert "raised of $250,000" in html
    assert "Test mode" in html


def test_the_receipt_email_has_the_tax_statement_and_a_pdf(campaign, django_capture_on_commit_callbacks) -> None:
    client = Client()
    donation = give(
        client=client,
        campaign=campaign,
        tribute="memory",
        tribute_name="Abuela Rosa",
        notify_name="The Ruiz family",
        notify_email="family@example.com",
    )
    with django_capture_on_commit_callbacks(execute=True):
        pay(donation, client)
    (receipt,) = [m for m in mail.outbox if m.to == ["ana@example.com"]]
    assert "OMS Hub Foundation (demo)" in receipt.body and "EIN" in receipt.body
    assert "501(c)(3)" in receipt.body and "No goods or services" in receipt.body
    assert isinstance(receipt, EmailMultiAlternatives)
    html, mimetype = receipt.alternatives[0]
    assert mimetype == "text/html" and "Abuela Rosa" in str(html)
    _filename, pdf, pdf_type = receipt.attachments[0]
    assert pdf_type == "application/pdf"
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Donation receipt" in text and donation.receipt_number in text and "$50" in text
    link = _link(r"http\S+/give/receipt/\S+/", str(receipt.body))
    response = client.get(link.split("8000", 1)[-1] if "8000" in link else link)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    (tribute,) = [m for m in mail.outbox if m.to == ["family@example.com"]]
    assert "in memory of Abuela Rosa" in tribute.subject and "Dear The Ruiz family" in tribute.body


def test_a_tampered_receipt_link_finds_nothing(client) -> None:
    assert client.get("/give/receipt/not-a-token/").status_code == 404


def test_a_spanish_donor_gets_a_spanish_receipt(demo, django_capture_on_commit_callbacks) -> None:
    from wagtail.models import Locale

    spanish = demo["campaign"].get_translation(Locale.objects.get(language_code="es"))
    client = Client()
    donation = give(spanish, client)
    assert donation.language == "es"
    with django_capture_on_commit_callbacks(execute=True):
        pay(donation, client)
    (receipt,) = [m for m in mail.outbox if m.to == ["ana@example.com"]]
    assert "Gracias" in receipt.subject


def test_a_failed_send_is_retried_and_never_sent_twice(campaign, django_capture_on_commit_callbacks, settings) -> None:
    client = Client()
    donation = give(campaign, client)
    settings.MAILERS = {"default": {"BACKEND": "tests.giving.broken_mail.BrokenBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        pay(donation, client)
    stored = OutboxEmail.objects.get(key=f"receipt:{donation.reference}")
    assert (stored.status, stored.attempts) == ("pending", 1) and "refused" in stored.last_error
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert retry_pending(older_than=__import__("datetime").timedelta(0)) == {"sent": 1}
    assert retry_pending(older_than=__import__("datetime").timedelta(0)) == {}
    assert len([m for m in mail.outbox if m.to == ["ana@example.com"]]) == 1


def test_a_delayed_payment_waits_then_counts(campaign, django_capture_on_commit_callbacks) -> None:
    client = Client()
    donation = give(campaign, client)
    html = pay(donation, client, "later").content.decode()
    assert "being confirmed by your bank" in html
    donation.refresh_from_db()
    assert donation.status == Donation.Status.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        pay(donation, client, "settle")
    donation.refresh_from_db()
    assert donation.status == Donation.Status.SUCCEEDED
    assert len(mail.outbox) == 1


def test_cancelling_at_checkout_returns_to_the_form(campaign) -> None:
    client = Client()
    donation = give(campaign, client)
    response = client.post(f"/payments/test-checkout/{donation.checkout_id}/", {"action": "cancel"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"give/?frequency=once&resume={donation.reference}")


def test_year_end_statements_go_once_per_donor(campaign, django_capture_on_commit_callbacks) -> None:
    import datetime

    from omshub.giving.services.staff import donation_record_offline

    with django_capture_on_commit_callbacks(execute=True):
        for cents in (5000, 7500):
            donation_record_offline(
                campaign=campaign,
                amount_cents=cents,
                method="check",
                donor_name="Lee Park",
                email="lee@example.com",
                received_on=datetime.date.today(),
                note="",
                anonymous=False,
                entry_key=f"lee-{cents}",
                actor=None,
            )
    year = datetime.date.today().year
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_year_end_statements", "--year", str(year))
        call_command("send_year_end_statements", "--year", str(year))
    (statement,) = [m for m in mail.outbox if m.to == ["lee@example.com"]]
    assert "$125" in statement.body and f"{year}" in statement.subject


def test_the_campaign_page_shows_progress_recent_gifts_wall_share_and_qr(campaign, client) -> None:
    response = client.get(campaign.url)
    html = response.content.decode()
    assert "raised of $250,000" in html and "donors" in html and "days left" in html
    assert "Recent gifts" in html and "Donor wall" in html and "For Sofia" in html
    assert "facebook.com/sharer" in html and "<svg" in html
    assert "no-cache" in response["Cache-Control"]


def test_a_stranger_with_the_reference_sees_no_personal_details(campaign) -> None:
    client = Client()
    donation = give(campaign, client, tribute="memory", tribute_name="Abuela Rosa", notify_email="fam@example.com")
    pay(donation, client)
    html = Client().get(f"{campaign.url}thank-you/{donation.reference}/").content.decode()
    assert "Thank you" in html
    assert "Ana" not in html and "ana@example.com" not in html and "Abuela Rosa" not in html


def test_an_email_claimed_by_one_sender_is_not_sent_by_another(campaign, django_capture_on_commit_callbacks) -> None:
    from omshub.core.outbox import _claim, deliver

    client = Client()
    donation = give(campaign, client)
    with django_capture_on_commit_callbacks(execute=False):
        pay(donation, client)
    key = f"receipt:{donation.reference}"
    assert _claim(key) is not None  # a first sender is at work
    assert deliver(key) == "skipped"
    assert not mail.outbox


def test_the_old_monthly_links_lead_to_the_donors_own_page(client) -> None:
    for old in ("/give/monthly/", "/give/monthly/an-old-emailed-token/"):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (302, "/my-giving/"), old
    assert client.get("/es/donacion/mensual/")["Location"] == "/es/mis-donaciones/"
