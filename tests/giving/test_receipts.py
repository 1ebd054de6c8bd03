"""Receipts a tax preparer accepts: the foundation's legal name, address and EIN (or a plain
"receipt details incomplete" while they are missing, with a warning in the admin), a receipt
number to read aloud, how the gift was paid, and staff who can resend or download any receipt."""

import datetime
import io

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import Client
from pypdf import PdfReader

from omshub.core.models import FoundationSettings, OutboxEmail
from omshub.giving.models import Donation, receipt_number_pk
from omshub.giving.receipts import campaign_line, foundation, receipt_pdf
from omshub.giving.services.staff import donation_record_offline

pytestmark = pytest.mark.django_db

ADDRESS = "1200 Example Avenue, Suite 4\nPasadena, CA 91101"


def _settings(**fields: str) -> FoundationSettings:
    settings = foundation()
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def _check(campaign, admin_user, *, name: str = "Rotary Club", email: str = "club@example.com") -> Donation:
    return donation_record_offline(
        campaign=campaign, amount_cents=30000, method="check", donor_name=name, email=email, anonymous=False,
        received_on=datetime.date(2026, 3, 2), note="check 1042", entry_key=f"entry-{name[:40]}", actor=admin_user,
    )  # fmt: skip


def _pdf_text(donation: Donation) -> str:
    reader = PdfReader(io.BytesIO(receipt_pdf(donation)))
    assert len(reader.pages) == 1
    return reader.pages[0].extract_text()


def test_without_ein_or_address_the_receipt_says_its_details_are_incomplete(
    campaign, admin_user, django_capture_on_commit_callbacks
) -> None:
    _settings(ein="", postal_address="")
    with django_capture_on_commit_callbacks(execute=True):
        gift = _check(campaign, admin_user)
    (receipt,) = [m for m in mail.outbox if m.to == ["club@example.com"]]
    assert "receipt details incomplete" in receipt.body
    assert "EIN receipt details incomplete" in receipt.body, "never an empty EIN"
    assert "Receipt details incomplete: the foundation's registered details" in receipt.body
    assert isinstance(receipt, EmailMultiAlternatives)
    html = str(receipt.alternatives[0][0])
    assert "receipt details incomplete" in html
    text = " ".join(_pdf_text(gift).split())
    assert "EIN receipt details incomplete" in text
    assert "Receipt details incomplete" in text
    assert "(EIN )" not in text and "(EIN )" not in receipt.body


def test_with_every_detail_the_receipt_names_the_charity_address_and_ein(campaign, admin_user) -> None:
    _settings(ein="12-3456789", postal_address=ADDRESS, legal_name="OMS Hub Foundation")
    gift = _check(campaign, admin_user)
    text = " ".join(_pdf_text(gift).split())
    assert "OMS Hub Foundation" in text and "Pasadena, CA 91101" in text and "EIN 12-3456789" in text
    assert "incomplete" not in text
    assert f"Receipt number {gift.receipt_number}" in text
    assert "Paid by check" in text


def test_the_receipt_names_the_campaign_once_and_how_an_online_gift_was_paid(campaign) -> None:
    title = campaign.title  # "Children's Hospital Los Angeles — Division of Neurology"
    assert campaign_line(campaign) == title, "the beneficiary says the same as the title"
    campaign.beneficiary = "The OMS research fund"
    assert campaign_line(campaign) == f"{title} — The OMS research fund"
    online = Donation(method=Donation.Method.ONLINE)
    assert online.paid_by() == "card"
    assert Donation(method=Donation.Method.BANK).paid_by() == "bank transfer"


def test_receipt_numbers_read_aloud_and_are_found_however_typed(campaign, admin_user, staff) -> None:
    gift = _check(campaign, admin_user)
    assert gift.receipt_number == f"OMS-2026-{gift.pk:06d}"
    for typed in (gift.receipt_number, gift.receipt_number.lower().replace("-", " "), f"OMS-2026-{gift.pk}"):
        assert receipt_number_pk(typed) == gift.pk
    assert receipt_number_pk("hello") is None
    listing = staff.get("/admin/giving/donations/", {"q": gift.receipt_number.lower()}).content.decode()
    assert "Rotary Club" in listing
    by_reference = staff.get("/admin/giving/donations/", {"q": gift.reference}).content.decode()
    assert "Rotary Club" in by_reference, "the reference printed on older receipts still finds the gift"


def test_a_long_unbroken_name_wraps_inside_the_page(campaign, admin_user) -> None:
    name = "Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaftschaferswessen" * 2
    gift = _check(campaign, admin_user, name=name)
    lines = _pdf_text(gift).splitlines()
    assert not any(name in line for line in lines), "the name is broken over lines"
    assert name in "".join(lines)


def test_the_admin_warns_while_the_ein_or_address_is_missing(staff, campaign) -> None:
    _settings(ein="", postal_address=ADDRESS)
    for url in ("/admin/", "/admin/giving/donations/", "/admin/giving/offline-gift/"):
        html = staff.get(url).content.decode()
        assert "Receipts are incomplete." in html and "EIN (tax ID)" in html, url
        assert "/admin/settings/core/foundationsettings/" in html
    _settings(ein="12-3456789")
    assert "Receipts are incomplete." not in staff.get("/admin/").content.decode()
    assert "Receipts are incomplete." not in staff.get("/admin/giving/donations/").content.decode()


def test_staff_download_and_resend_any_receipt(staff, campaign, admin_user, django_capture_on_commit_callbacks) -> None:
    gift = _check(campaign, admin_user)
    page = staff.get(f"/admin/giving/donations/inspect/{gift.pk}/").content.decode()
    assert "Download the receipt (PDF)" in page and "Resend the receipt" in page and gift.receipt_number in page
    download = staff.get(f"/admin/giving/donations/{gift.pk}/receipt/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert f'filename="receipt-{gift.receipt_number}.pdf"' in download["Content-Disposition"]
    mail.outbox.clear()
    form = {"to": "treasurer@example.com", "request_key": "click-1"}
    with django_capture_on_commit_callbacks(execute=True):
        assert staff.post(f"/admin/giving/donations/{gift.pk}/receipt/resend/", form).status_code == 302
        staff.post(f"/admin/giving/donations/{gift.pk}/receipt/resend/", form)  # a double click
    assert [m.to for m in mail.outbox] == [["treasurer@example.com"]]
    assert mail.outbox[0].attachments[0][0] == f"receipt-{gift.receipt_number}.pdf"
    assert gift.audit.filter(action="receipt resent", actor=admin_user).count() == 1
    assert OutboxEmail.objects.filter(key__startswith=f"receipt:{gift.reference}:resend:").count() == 1


def test_a_gift_not_paid_has_no_receipt_to_send(staff, campaign) -> None:
    pending = Donation.objects.create(campaign=campaign, amount_cents=500, donor_name="Pending Person")
    assert staff.get(f"/admin/giving/donations/{pending.pk}/receipt/").status_code == 404
    staff.post(f"/admin/giving/donations/{pending.pk}/receipt/resend/", {"to": "x@example.com", "request_key": "k"})
    assert not OutboxEmail.objects.filter(key__contains=pending.reference).exists()


def test_staff_without_the_permission_cannot_download_a_receipt(campaign, admin_user, django_user_model) -> None:
    from django.contrib.auth.models import Permission

    gift = _check(campaign, admin_user)
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(editor)
    assert client.get(f"/admin/giving/donations/{gift.pk}/receipt/").status_code in (302, 403)


def test_a_spanish_donors_receipt_names_the_campaign_in_spanish(campaign, admin_user) -> None:
    gift = _check(campaign, admin_user)  # offline gifts are entered on the English page
    Donation.objects.filter(pk=gift.pk).update(language="es")
    gift.refresh_from_db()
    text = " ".join(_pdf_text(gift).split())
    assert "Recibo de donación" in text and "División de Neurología" in text and "Division of" not in text
