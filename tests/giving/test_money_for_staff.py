"""Money in dollars wherever staff type or read it: the campaign goal and preset amounts typed
in dollars (stored in cents), the list, history lines and exports reading like money."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from omshub.giving.models import CampaignPage, Donation
from omshub.giving.services.staff import donation_record_offline
from tests.giving.fixtures import REFUND

pytestmark = pytest.mark.django_db


@pytest.fixture
def gift(campaign, admin_user) -> Donation:
    gift = donation_record_offline(
        campaign=campaign, amount_cents=2606, method="check", donor_name="José Muñoz", email="jose@example.com",
        anonymous=False, received_on=datetime.date(2026, 3, 2), note="", entry_key="money-1", actor=admin_user,
    )  # fmt: skip
    # 23:30 in Los Angeles on 1 March is already 2 March in UTC: staff read the local time.
    Donation.objects.filter(pk=gift.pk).update(created_at=datetime.datetime(2026, 3, 2, 7, 30, tzinfo=datetime.UTC))
    gift.refresh_from_db()
    return gift


def _form(page: CampaignPage, data: dict | None = None):
    form_class = CampaignPage.get_edit_handler().get_form_class()
    return form_class(data, instance=page, for_user=None)


def test_the_goal_and_presets_are_typed_in_dollars_and_stored_in_cents(campaign) -> None:
    form = _form(campaign)
    assert form["goal_cents"].value() == "250,000"
    assert form.formsets["amounts"].forms[0]["amount_cents"].value() == "25"
    field = form.fields["goal_cents"]
    assert field.clean("1000") == 100_000 and field.clean("$1,250.50") == 125_050
    with translation.override("es"):
        assert field.clean("1.000") == 100_000, "a Spanish reader's thousands"
    with pytest.raises(Exception, match="Did you mean"):
        field.clean("25,50")


def test_the_list_and_history_read_like_money(staff, gift) -> None:
    listing = staff.get("/admin/giving/donations/").content.decode()
    assert "$26.06" in listing
    assert staff.post(
        f"/admin/giving/donations/{gift.pk}/refund/", {"amount": "10", "request_key": "r1", **REFUND}
    ).status_code
    page = staff.get(f"/admin/giving/donations/inspect/{gift.pk}/").content.decode()
    assert "refunded $10 of $26.06" in page


def test_the_csv_opens_in_excel_with_accents_local_times_and_plain_numbers(staff, gift, settings) -> None:
    export = staff.get("/admin/giving/donations/", {"export": "csv", "q": "jose@"})
    body = b"".join(export.streaming_content)
    assert body.startswith("\ufeff".encode()), "the byte-order mark Excel needs to read UTF-8"
    assert export["Content-Type"] == "text/csv; charset=utf-8"
    (row,) = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert row["Donor"] == "José Muñoz"
    assert row["Amount (USD)"] == "26.06"
    assert settings.TIME_ZONE == "America/Los_Angeles"
    assert row["Created (local time)"] == "2026-03-01 23:30"


def test_the_xlsx_holds_numbers_and_local_times(staff, gift) -> None:
    export = staff.get("/admin/giving/donations/", {"export": "xlsx", "q": "jose@"})
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    header, row = [cell.value for cell in sheet[1]], [cell.value for cell in sheet[2]]
    values = dict(zip(header, row, strict=True))
    assert Decimal(str(values["Amount (USD)"])) == Decimal("26.06") and isinstance(values["Amount (USD)"], float)
    assert values["Created (local time)"] == datetime.datetime(2026, 3, 1, 23, 30)
