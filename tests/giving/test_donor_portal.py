"""A donor's own page: from the receipt email to their gifts, last year's statement as a PDF, and
stopping a monthly gift with a confirmation email; refunds send an amended receipt."""

import datetime
import io

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from omshub.giving.donors.models import DonorLink
from omshub.giving.models import Donation, RecurringGift
from omshub.giving.services.staff import donation_refund
from omshub.payments.local_provider import LocalProvider
from tests.giving.donor_portal import ask_for_link, last_year_gift, link_in, path_of, sign_in
from tests.giving.fixtures import give

pytestmark = pytest.mark.django_db


def pay(donation: Donation, client: Client) -> None:
    client.post(f"/payments/test-checkout/{donation.checkout_id}/", {"action": "succeed"})


def private(response) -> bool:
    return {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_a_monthly_donor_manages_their_giving_from_the_receipt_email(
    campaign, django_capture_on_commit_callbacks
) -> None:
    client = Client()
    year = datetime.date.today().year - 1
    with django_capture_on_commit_callbacks(execute=True):
        last_year_gift(campaign, "ana@example.com", 5000, "ana-1")
        last_year_gift(campaign, "ana@example.com", 7525, "ana-2")
        donation = give(campaign, client, frequency="monthly", amount="2500")
        pay(donation, client)
    (receipt,) = [m for m in mail.outbox if m.to == ["ana@example.com"] and donation.receipt_number in m.body]
    start = link_in(str(receipt.body), r"https?://\S+/my-giving/")
    page = client.get(start)
    assert page.status_code == 200 and "Manage my giving" in page.content.decode()

    link = ask_for_link(client, "Ana@Example.com", django_capture_on_commit_callbacks)
    assert client.get(link).status_code == 200, "opening the email shows a button; it spends nothing"
    response = client.post(link)
    assert response.status_code == 302
    home = client.get(response["Location"])
    html = home.content.decode()
    assert home.status_code == 200 and private(home)
    assert "$25 each month" in html and donation.receipt_number in html and f"{year} statement" in html

    statement = client.get(f"/my-giving/statements/{year}/")
    assert statement.status_code == 200 and statement["Content-Type"] == "application/pdf"
    assert private(statement)
    text = pdf_text(statement.content)
    assert f"Giving statement {year}" in text and "$125.25" in text

    receipt_pdf = client.get(f"/my-giving/receipts/{donation.reference}/")
    assert receipt_pdf.status_code == 200 and donation.receipt_number in pdf_text(receipt_pdf.content)

    plan = RecurringGift.objects.get(first_donation=donation)
    portal = client.post(f"/my-giving/monthly/{plan.pk}/")
    assert portal.status_code == 303 and portal["Location"].startswith("/payments/test-portal/")
    subscription = {"subscription": plan.subscription_id}
    ask = client.post(portal["Location"], subscription)
    assert "Are you sure" in ask.content.decode()
    plan.refresh_from_db()
    assert plan.status == RecurringGift.Status.ACTIVE, "asking is not stopping"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(portal["Location"], subscription | {"confirm": "yes"})
    plan.refresh_from_db()
    assert plan.status == RecurringGift.Status.CANCELED
    (stopped,) = mail.outbox
    assert stopped.to == ["ana@example.com"] and "monthly gift has stopped" in stopped.subject
    assert "$25" in stopped.body and "/my-giving/" in stopped.body
    assert "Stopped on" in client.get("/my-giving/gifts/").content.decode()


def test_a_refund_emails_an_amended_receipt(campaign, django_capture_on_commit_callbacks) -> None:
    client = Client()
    donation = give(campaign, client)
    with django_capture_on_commit_callbacks(execute=True):
        pay(donation, client)
    donation.refresh_from_db()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        donation_refund(provider=LocalProvider(), donation=donation, amount_cents=2000, request_key="r1", actor=None)
    (notice,) = mail.outbox
    assert notice.to == ["ana@example.com"] and "amended receipt" in notice.subject
    assert "We have refunded $20 of your gift of $50" in notice.body
    name, content, kind = notice.attachments[0]
    assert kind == "application/pdf" and name.endswith("-amended.pdf")
    assert "Refunded" in pdf_text(content) and "$20" in pdf_text(content)
    with django_capture_on_commit_callbacks(execute=True):  # the same refund sent again: no second notice
        donation_refund(provider=LocalProvider(), donation=donation, amount_cents=2000, request_key="r1", actor=None)
    assert len(mail.outbox) == 1


def test_an_offline_refund_in_spanish_sends_a_spanish_notice(campaign, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        gift = last_year_gift(campaign, "luz@example.com", 4000, "luz-1")
    Donation.objects.filter(pk=gift.pk).update(language="es")
    gift.refresh_from_db()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        donation_refund(provider=None, donation=gift, amount_cents=4000, request_key="r1", actor=None)
    (notice,) = mail.outbox
    assert "reembolsado" in notice.body and "/es/mis-donaciones/" in notice.body


def test_a_used_link_is_refused_with_a_way_to_get_a_new_one(campaign, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        last_year_gift(campaign, "ana@example.com", 5000, "ana-1")
    client = Client()
    link = ask_for_link(client, "ana@example.com", django_capture_on_commit_callbacks)
    assert client.post(link).status_code == 302
    for again in (client.get(link), Client().post(link)):
        html = again.content.decode()
        assert again.status_code == 410 and "This link no longer works" in html
        assert 'name="email"' in html and "Email me a link" in html


def test_an_expired_link_is_refused(campaign, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        last_year_gift(campaign, "ana@example.com", 5000, "ana-1")
    client = Client()
    link = ask_for_link(client, "ana@example.com", django_capture_on_commit_callbacks)
    DonorLink.objects.update(expires_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    response = client.post(link)
    assert response.status_code == 410 and "30 minutes" in response.content.decode()
    assert client.get("/my-giving/gifts/")["Location"] == "/my-giving/"
    ask_for_link(client, "ana@example.com", django_capture_on_commit_callbacks)
    assert DonorLink.objects.count() == 1, "links long expired are cleared away"


def test_the_link_is_kept_only_as_a_hash(campaign, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        last_year_gift(campaign, "ana@example.com", 5000, "ana-1")
    link = ask_for_link(Client(), "ana@example.com", django_capture_on_commit_callbacks)
    token = link.rstrip("/").rsplit("/", 1)[-1]
    (stored,) = DonorLink.objects.all()
    assert token not in stored.token_hash and len(stored.token_hash) == 64
    from omshub.core.models import OutboxEmail

    assert all(token not in str(email.data) for email in OutboxEmail.objects.all()), "forgotten once sent"


def test_the_answer_never_says_whether_an_email_gave(campaign, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        last_year_gift(campaign, "ana@example.com", 5000, "ana-1")
    mail.outbox.clear()
    answers = []
    for email in ("ana@example.com", "nobody@example.com"):
        with django_capture_on_commit_callbacks(execute=True):
            response = Client().post("/my-giving/", {"email": email})
        answers.append((response.status_code, response.content.decode().replace(email, "EMAIL")))
    assert answers[0] == answers[1]
    assert [m.to for m in mail.outbox] == [["ana@example.com"]]


def test_asking_is_rate_limited(client) -> None:
    statuses = [client.post("/my-giving/", {"email": "ana@example.com"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_another_donor_cannot_open_someone_elses_receipt(campaign, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        hers = last_year_gift(campaign, "ana@example.com", 5000, "ana-1")
        last_year_gift(campaign, "lee@example.com", 6000, "lee-1")
    client = Client()
    sign_in(client, "lee@example.com", django_capture_on_commit_callbacks)
    assert client.get(f"/my-giving/receipts/{hers.reference}/").status_code == 404
    assert client.get("/my-giving/statements/1999/").status_code == 404
    assert hers.receipt_number not in client.get("/my-giving/gifts/").content.decode()


def test_the_session_ends_on_closing_the_page(campaign, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        last_year_gift(campaign, "ana@example.com", 5000, "ana-1")
    client = Client()
    sign_in(client, "ana@example.com", django_capture_on_commit_callbacks)
    client.post("/my-giving/sign-out/")
    assert client.get("/my-giving/gifts/").status_code == 302


def test_a_spanish_donor_gets_it_all_in_spanish(demo, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        last_year_gift(demo["campaign"], "luz@example.com", 5000, "luz-1")
    client = Client()
    page = client.get("/es/mis-donaciones/")
    assert page.status_code == 200 and "Administrar mis donaciones" in page.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/es/mis-donaciones/", {"email": "luz@example.com"})
    (message,) = mail.outbox
    assert "donaciones" in message.subject.lower()
    link = link_in(str(message.body), r"https?://\S+/es/mis-donaciones/enlace/\S+/")
    home = client.get(client.post(link)["Location"])
    assert "Mis donaciones" in home.content.decode()
    year = datetime.date.today().year - 1
    statement = client.get(path_of(f"/es/mis-donaciones/declaraciones/{year}/"))
    assert f"{year}" in pdf_text(statement.content) and "Total" in pdf_text(statement.content)


def test_a_monthly_gift_shows_what_the_latest_month_charged(campaign, django_capture_on_commit_callbacks) -> None:
    client = Client()
    donation = give(campaign, client, frequency="monthly", amount="2500")
    with django_capture_on_commit_callbacks(execute=True):
        pay(donation, client)
    donation.refresh_from_db()
    plan = RecurringGift.objects.get(first_donation=donation)
    # A renewal after the donor raised the amount in the provider's portal.
    Donation.objects.create(
        campaign=campaign,
        plan=plan,
        frequency="monthly",
        amount_cents=4000,
        donor_name="Ana Ruiz",
        email="ana@example.com",
        status=Donation.Status.SUCCEEDED,
        succeeded_at=timezone.now() + datetime.timedelta(days=31),
        invoice_id="in_local_renewal",
    )
    sign_in(client, "ana@example.com", django_capture_on_commit_callbacks)
    html = client.get("/my-giving/gifts/").content.decode()
    assert "$40 each month" in html and "$25 each month" not in html
