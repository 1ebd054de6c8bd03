"""The donation form: amounts, fees, tributes, errors that keep what was typed, and card-testing defences."""

import pytest
from django.test import Client

from omshub.giving.fees import covering_fee_cents
from omshub.giving.models import Donation
from omshub.payments.models import LocalCheckout
from tests.giving.fixtures import FORM, donate_url, give

pytestmark = pytest.mark.django_db


def post(campaign, client: Client | None = None, **fields):
    return (client or Client()).post(f"{campaign.url}give/", FORM | fields)


def test_the_form_offers_each_frequencys_presets_with_their_impact(campaign, client) -> None:
    once = client.get(f"{campaign.url}give/").content.decode()
    assert "$50" in once and "nurse educator" in once and "$10<" not in once
    monthly = client.get(f"{campaign.url}give/?frequency=monthly").content.decode()
    assert "$10" in monthly and "How much each month?" in monthly


def test_a_preset_gift_goes_to_the_local_test_checkout(campaign) -> None:
    response = post(campaign)
    assert response.status_code == 303
    checkout = LocalCheckout.objects.get(reference=Donation.objects.latest("created_at").reference)
    assert response["Location"] == f"/payments/test-checkout/{checkout.id}/"
    assert checkout.amount_cents == 5000


def test_covering_the_fee_adds_what_the_card_fee_takes() -> None:
    fee = covering_fee_cents(5000)
    total = 5000 + fee
    assert total - round(total * 0.029) - 30 in (4999, 5000, 5001)
    assert fee == 181


def test_a_custom_amount_with_the_fee_covered(campaign) -> None:
    donation = give(campaign, amount="other", other_amount="$1,234.50", confirm_cents="123450", cover_fee="on")
    assert donation.fee_cents == covering_fee_cents(123450)
    assert donation.amount_cents == 123450 + donation.fee_cents


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"amount": ""}, "amount", "Choose an amount"),
        ({"amount": "other", "other_amount": ""}, "other_amount", "Type the amount"),
        ({"amount": "other", "other_amount": "4.99"}, "other_amount", "Enter a gift from $5 to $25,000: $5 is"),
        ({"amount": "other", "other_amount": "25000.01"}, "other_amount", "$25,000. For a larger"),
        ({"amount": "other", "other_amount": "12.345"}, "other_amount", "Did you mean $12,345?"),
        ({"amount": "other", "other_amount": "lots"}, "other_amount", "Enter an amount in dollars"),
        ({"amount": "other", "other_amount": "1e30"}, "other_amount", "Enter an amount in dollars"),
        ({"amount": "999"}, "amount", "Select a valid choice"),
        ({"email": "not-an-email"}, "email", "Enter an email address like"),
        ({"donor_name": ""}, "donor_name", "Enter your name"),
        ({"tribute": "memory", "tribute_name": ""}, "tribute_name", "Enter the name of the person"),
    ],
)
def test_bad_input_is_explained_beside_the_field_and_in_the_summary(campaign, fields, field, message) -> None:
    response = post(campaign, **fields, notify_name="Rosa's family")
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count(message) >= 2, "in the summary and beside the field"
    assert f'href="#id_{field}' in html
    assert "Rosa&#x27;s family" in html, "what was typed is kept"
    assert not Donation.objects.filter(email="ana@example.com").exists()


def test_the_errors_are_in_spanish_on_the_spanish_page(demo) -> None:
    spanish = demo["campaign"].get_translation(
        __import__("wagtail.models", fromlist=["Locale"]).Locale.objects.get(language_code="es")
    )
    response = Client().post(donate_url(spanish), FORM | {"amount": "", "email": "x"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Hay un problema" in html


def test_the_honeypot_turns_bots_away_and_nothing_is_stored(campaign) -> None:
    response = post(campaign, website="http://spam.example")
    assert response.status_code == 400
    assert not Donation.objects.filter(email="ana@example.com").exists()


def test_checkouts_are_rate_limited_per_email(campaign, settings) -> None:
    settings.CHECKOUTS_PER_EMAIL_PER_HOUR = 2
    assert [post(campaign).status_code for _ in range(3)] == [303, 303, 429]


def test_checkouts_are_rate_limited_per_address(campaign, settings) -> None:
    settings.CHECKOUTS_PER_IP_PER_HOUR = 2
    answers = [post(campaign, email=f"donor{n}@example.com").status_code for n in range(3)]
    assert answers == [303, 303, 429]


def test_repeated_declined_payments_block_further_attempts(campaign, settings) -> None:
    settings.FAILED_PAYMENTS_BEFORE_BLOCK = 2
    client = Client()
    for _ in range(2):
        donation = give(campaign, client)
        client.post(f"/payments/test-checkout/{donation.checkout_id}/", {"action": "fail"})
        donation.refresh_from_db()
        assert donation.status == Donation.Status.FAILED
    response = post(campaign, client, email="someone-else@example.com")
    assert response.status_code == 429
    assert "too many attempts" in response.content.decode()


def test_when_the_provider_is_down_nothing_is_charged_and_nothing_typed_is_lost(
    campaign, fake_stripe, settings
) -> None:
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens there
    settings.STRIPE_TIMEOUT_SECONDS = 1
    response = post(campaign, message="Hang in there")
    assert response.status_code == 503
    html = response.content.decode()
    assert "Nothing was charged" in html and "Hang in there" in html


def test_production_without_stripe_keys_refuses_the_local_provider(campaign, settings) -> None:
    settings.LOCAL_PAYMENTS_ALLOWED = False
    response = post(campaign)
    assert response.status_code == 503
    assert Client().get("/payments/test-checkout/cs_local_x/").status_code == 404
