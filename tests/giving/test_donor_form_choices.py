"""The donation form charges what the donor meant: amounts read by the page's language and
shown back before checkout, one amount at a time, and choices (frequency, wall, tribute)
that keep what was typed and say truly what happens to it."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from wagtail.models import Locale

from omshub.core.models import OutboxEmail
from omshub.giving.emails import tribute as tribute_email
from omshub.giving.models import CampaignPage, Donation, RecurringGift
from omshub.payments.models import LocalCheckout
from tests.giving.fixtures import FORM, donate_url, give

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish(campaign) -> CampaignPage:
    return campaign.get_translation(Locale.objects.get(language_code="es"))


def test_the_spanish_donation_pages_have_spanish_addresses(campaign, spanish) -> None:
    assert Client().get(f"{spanish.url}donar/").status_code == 200
    assert Client().get(f"{campaign.url}give/").status_code == 200
    assert Client().get(f"{spanish.url}give/").status_code == 404
    response = Client().post(f"{spanish.url}donar/", FORM)
    assert "/gracias/" in LocalCheckout.objects.get(email="ana@example.com").success_url
    assert response.status_code == 303


@pytest.mark.parametrize(
    ("typed", "cents", "shown"), [("25,50", 2550, "25,50\u00a0US$"), ("1.000", 100_000, "1.000\u00a0US$")]
)
def test_a_spanish_amount_is_shown_back_and_then_charged_as_read(spanish, typed, cents, shown) -> None:
    client = Client()
    fields = FORM | {"amount": "other", "other_amount": typed}
    first = client.post(donate_url(spanish), fields)
    html = first.content.decode()
    assert first.status_code == 200
    assert "Revise su donación" in html and f"Entendimos que escribió {shown}." in html
    assert html.count(f"Donar {shown}") >= 2, "on the check panel's button and the form's"
    assert f'name="confirm_cents" value="{cents}"' in html
    assert f'value="{typed}"' in html, "what was typed stays as typed"
    assert not Donation.objects.filter(email="ana@example.com").exists()

    second = client.post(donate_url(spanish), fields | {"confirm_cents": str(cents)})
    assert second.status_code == 303
    checkout = LocalCheckout.objects.get(email="ana@example.com")
    assert (checkout.amount_cents, second["Location"]) == (cents, f"/payments/test-checkout/{checkout.id}/")


def test_a_changed_amount_is_shown_back_again(campaign) -> None:
    response = Client().post(
        donate_url(campaign), FORM | {"amount": "other", "other_amount": "30", "confirm_cents": "2550"}
    )
    assert response.status_code == 200
    assert "We read the amount you typed as $30." in response.content.decode()
    assert not Donation.objects.filter(email="ana@example.com").exists()


def test_english_asks_which_amount_was_meant(campaign) -> None:
    response = Client().post(donate_url(campaign), FORM | {"amount": "other", "other_amount": "25,50"})
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count("Did you mean $25.50 or $2,550? Type 25.50 or 2550.") == 2, "summary and field"
    assert not Donation.objects.filter(email="ana@example.com").exists()


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("typed", ["1e3", "1E3", "-25", "NaN", "Infinity"])
def test_an_exponent_or_a_sign_is_refused_like_any_other_non_amount(campaign, spanish, language, typed) -> None:
    page = spanish if language == "es" else campaign
    response = Client().post(
        donate_url(page), FORM | {"amount": "other", "other_amount": typed, "confirm_cents": "1000"}
    )
    assert response.status_code == 400
    message = "Escriba" if language == "es" else "Enter the amount" if "-" in typed else "Enter an amount in dollars"
    assert message in response.content.decode()
    assert not Donation.objects.filter(email="ana@example.com").exists()


def test_the_smallest_and_largest_gift_are_named_in_spanish(spanish) -> None:
    response = Client().post(donate_url(spanish), FORM | {"amount": "other", "other_amount": "2,50"})
    assert "Escriba una donación de 5\u00a0US$ a 25.000\u00a0US$: 5\u00a0US$ es lo mínimo" in response.content.decode()


def test_a_preset_and_a_typed_amount_together_ask_which_one(campaign) -> None:
    response = Client().post(donate_url(campaign), FORM | {"amount": "5000", "other_amount": "75"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "You chose $50 and also typed $75." in html
    assert 'href="#id_amount_0"' in html
    assert not Donation.objects.filter(email="ana@example.com").exists()


def test_a_preset_typed_again_is_simply_that_preset(campaign) -> None:
    assert give(campaign, amount="5000", other_amount="50.00").amount_cents == 5000


def test_the_button_names_the_amount_and_the_fee(campaign) -> None:
    chosen = Client().get(donate_url(campaign) + "?amount=5000").content.decode()
    assert re.search(r"data-give-button[^>]*>Give \$50</button>", chosen)
    # After an error elsewhere, the button names what will be charged, fee included.
    again = Client().post(donate_url(campaign), FORM | {"cover_fee": "on", "email": "nope"}).content.decode()
    assert re.search(r"data-give-button[^>]*>Give \$51.81</button>", again)
    monthly = Client().post(donate_url(campaign), FORM | {"frequency": "monthly", "amount": "1000", "email": "x"})
    assert "Give $10 each month</button>" in monthly.content.decode()
    unknown = Client().get(donate_url(campaign)).content.decode()
    assert re.search(r"data-give-button[^>]*>Continue to payment</button>", unknown)
    assert 'data-label-amount="Give {amount}"' in unknown


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.described_by: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(str(found["id"]))
        self.described_by += (found.get("aria-describedby") or "").split()


@pytest.mark.parametrize("errors", [False, True])
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_aria_describedby_on_the_donation_page_points_to_an_element(campaign, spanish, errors, language) -> None:
    page = spanish if language == "es" else campaign
    fields = {"amount": "other", "other_amount": "x", "email": "x", "tribute": "memory", "tribute_name": ""}
    response = Client().post(donate_url(page), FORM | fields) if errors else Client().get(donate_url(page))
    parser = _Ids()
    parser.feed(response.content.decode())
    assert len(parser.described_by) >= 5
    assert set(parser.described_by) <= set(parser.ids), set(parser.described_by) - set(parser.ids)
    assert len(parser.ids) == len(set(parser.ids)), "ids are unique"


def test_switching_to_monthly_keeps_what_was_typed(campaign) -> None:
    typed = {"amount": "other", "other_amount": "30", "message": "Fuerza, familia", "on_wall": "on"}
    response = Client().post(donate_url(campaign), FORM | typed | {"switch": "monthly"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="switch" value="monthly" aria-pressed="true"' in html
    assert "How much each month?" in html
    assert 'value="Ana Ruiz"' in html and 'value="ana@example.com"' in html and "Fuerza, familia" in html
    assert 'value="30"' in html and re.search(r'value="other"[^>]*checked', html)
    assert 'class="field__error"' not in html, "nothing was checked yet, so nothing is wrong yet"
    assert not Donation.objects.filter(email="ana@example.com").exists()


def test_switching_drops_a_preset_the_other_frequency_does_not_offer(campaign) -> None:
    html = Client().post(donate_url(campaign), FORM | {"amount": "10000", "switch": "monthly"}).content.decode()
    assert 'value="10000"' not in html and not re.search(r'name="amount"[^>]*checked', html)
    assert 'value="Ana Ruiz"' in html


def test_cancelling_on_the_payment_page_keeps_what_was_typed(spanish) -> None:
    client = Client()
    fields = {
        "amount": "other",
        "other_amount": "1.000",
        "confirm_cents": "100000",
        "cover_fee": "on",
        "tribute": "honor",
        "tribute_name": "Mateo",
        "message": "Con cariño",
        "on_wall": "on",
    }
    assert client.post(donate_url(spanish), FORM | fields).status_code == 303
    checkout = LocalCheckout.objects.get(email="ana@example.com")
    back = client.post(f"/payments/test-checkout/{checkout.id}/", {"action": "cancel"})
    html = client.get(back["Location"]).content.decode()
    assert 'value="1.000"' in html and "Con cariño" in html and 'value="Mateo"' in html
    assert re.search(r'name="cover_fee"[^>]*checked', html)
    assert re.search(r'value="honor"[^>]*checked', html)
    # Another browser holding the same address sees an empty form.
    stranger = Client().get(back["Location"]).content.decode()
    assert "Con cariño" not in stranger and "Ana Ruiz" not in stranger


def test_the_local_test_payment_page_speaks_the_donors_language(spanish, campaign) -> None:
    client = Client()
    client.post(donate_url(spanish), FORM)
    page = client.get(f"/payments/test-checkout/{LocalCheckout.objects.get(email='ana@example.com').id}/")
    html = page.content.decode()
    assert page["Content-Language"] == "es"
    assert '<html lang="es"' in html and "Pago de prueba" in html
    client.post(donate_url(campaign), FORM | {"email": "sam@example.com"})
    english = client.get(f"/payments/test-checkout/{LocalCheckout.objects.latest('created_at').id}/")
    assert "Test payment" in english.content.decode()


def test_an_empty_campaign_invites_the_first_gift(campaign) -> None:
    RecurringGift.objects.all().delete()
    Donation.objects.all().delete()
    html = Client().get(campaign.url).content.decode()
    assert "Be the first to give" in html
    assert "0% of the goal" not in html and "of the goal" not in html


def test_the_message_hint_says_when_it_appears_and_who_receives_it(campaign) -> None:
    html = Client().get(donate_url(campaign)).content.decode()
    assert "only if you tick one of the two boxes above" in html
    # Today the tribute notice goes out when the payment succeeds, unmoderated: the form says so.
    assert "exactly as you wrote it. Staff do not read it first." in html


def test_the_tribute_notice_really_goes_without_moderation(campaign, django_capture_on_commit_callbacks) -> None:
    client = Client()
    donation = give(
        campaign, client, tribute="memory", tribute_name="Rosa", notify_email="fam@example.com", message="Te queremos"
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/payments/test-checkout/{donation.checkout_id}/", {"action": "succeed"})
    notice = OutboxEmail.objects.get(key=f"tribute:{donation.reference}")
    assert notice.to == "fam@example.com" and "Te queremos" in tribute_email(notice).text
    donation.refresh_from_db()
    assert donation.wall == "", "a message without either wall box is not shown on the wall"


def test_the_thank_you_page_offers_to_share_and_the_receipt(campaign) -> None:
    client = Client()
    donation = give(campaign, client)
    page = client.post(f"/payments/test-checkout/{donation.checkout_id}/", {"action": "succeed"}, follow=True)
    html = page.content.decode()
    assert "Ask others to give too" in html
    assert (
        "https://wa.me/?text=" in html and donation.reference not in html.split("Ask others")[1].split("</section>")[0]
    )
    receipt = re.search(r'href="(http[^"]+/give/receipt/[^"]+)" download>Download your receipt', html)
    assert receipt is not None
    pdf = client.get(receipt.group(1).split("testserver", 1)[-1])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    # The reference alone (another browser) shows neither.
    assert "Download your receipt" not in Client().get(page.redirect_chain[-1][0]).content.decode()


@pytest.mark.parametrize(("choice", "shown"), [("on", True), ("", False)])
def test_the_donor_chooses_whether_the_tribute_name_is_on_the_wall(campaign, choice, shown) -> None:
    donation = give(campaign, on_wall="on", tribute="memory", tribute_name="Abuela Rosa Unique", tribute_on_wall=choice)
    Donation.objects.filter(pk=donation.pk).update(status=Donation.Status.SUCCEEDED, wall=Donation.Wall.APPROVED)
    from omshub.giving.cache import gifts_changed

    gifts_changed(campaign.translation_key)
    html = Client().get(campaign.url).content.decode()
    assert ("in memory of Abuela Rosa Unique" in html) is shown
