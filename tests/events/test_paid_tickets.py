"""Paid tickets through the provider interface (the local test provider, as a site without
Stripe keys runs): the seat is held while the checkout is open, confirmed when the payment's
event arrives, freed when the checkout expires or is abandoned, refunded when paid too late.
A ticket is not a gift: its receipt states the fair market value and the deductible part."""

import datetime

import pytest
from django.utils import timezone, translation

from omshub.core.models import OutboxEmail
from omshub.events import emails
from omshub.events.models import Registration
from omshub.events.receipt import receipt_lines
from omshub.events.services import seats_release_expired
from omshub.giving.models import Donation
from omshub.payments import events as payment_events
from omshub.payments.local_provider import LocalProvider, local_event
from omshub.payments.models import LocalCheckout
from tests.events.helpers import an_event, post_form, register

pytestmark = pytest.mark.django_db
Status = Registration.Status


def _gala(**fields):
    return an_event(title="Spring Gala", price_cents=7500, fair_market_value_cents=3000, **fields)


def _pay(client, registration: Registration, action: str = "succeed"):
    return client.post(f"/payments/test-checkout/{registration.checkout_id}/", {"action": action})


def test_a_paid_ticket_is_held_then_confirmed_by_the_payment_with_a_donation_on_top(client, demo):
    event = _gala()
    response = post_form(client, event, donation="20")
    registration = Registration.objects.get(event=event)
    assert registration.status == Status.HELD and registration.hold_expires_at
    assert registration.hold_expires_at > timezone.now()
    assert (
        response.status_code == 302 and response["Location"] == f"/payments/test-checkout/{registration.checkout_id}/"
    )
    checkout = LocalCheckout.objects.get(pk=registration.checkout_id)
    assert checkout.amount_cents == 9500 and checkout.reference == f"ticket.{registration.reference}"
    assert "Your seat is kept while you pay" in client.get(registration.get_absolute_url()).content.decode()

    back = _pay(client, registration)
    assert back["Location"].endswith(registration.get_absolute_url())
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED and registration.paid_cents == 9500
    assert not Donation.objects.filter(email="ana@example.org").exists()  # a ticket is not a gift
    _pay(client, registration)  # the back button: nothing changes twice
    assert OutboxEmail.objects.filter(key__startswith="events.confirmed:").count() == 1


def test_the_receipt_states_the_fair_market_value_and_the_deductible_part(client, demo):
    event = _gala()
    post_form(client, event, donation="20")
    registration = Registration.objects.get(event=event)
    _pay(client, registration)
    registration.refresh_from_db()
    lines = {line.label: line.amount for line in receipt_lines(registration)}
    assert lines["Ticket"] == "$75" and lines["Donation on top of the ticket"] == "$20"
    assert lines["Total paid"] == "$95"
    assert lines["Fair market value of the ticket (goods and services you receive, not deductible)"] == "$30"
    assert lines["Tax-deductible part of your payment"] == "$65"
    html = client.get(registration.get_absolute_url()).content.decode()
    assert "Tax-deductible part of your payment" in html and "$65" in html
    row = OutboxEmail.objects.get(key=f"events.confirmed:{registration.reference}")
    message = emails.confirmed(row)
    assert "A ticket is not a gift: the fair market value of what it buys, $30, is not deductible." in message.text
    assert "The deductible part of your payment of $95 is $65." in message.text
    assert message.attachments[0][0].endswith(".ics") and message.attachments[0][2] == "text/calendar"
    Registration.objects.filter(pk=registration.pk).update(language="es")
    with translation.override("es"):
        spanish = emails.confirmed(row)
    assert (
        "Una entrada no es una donación" in spanish.text
        and "La parte deducible de su pago de 95\u00a0US$ es 65\u00a0US$." in spanish.text
    )


def test_an_abandoned_checkout_frees_the_seat_for_the_waitlist(client, demo):
    event = _gala(capacity=1)
    post_form(client, event, name="Ana Ruiz")
    held = Registration.objects.get(event=event)
    waiting = register(event, "Bea Soto")
    assert waiting.status == Status.WAITLISTED
    Registration.objects.filter(pk=held.pk).update(hold_expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert seats_release_expired() == 1
    held.refresh_from_db()
    waiting.refresh_from_db()
    assert (held.status, waiting.status) == (Status.EXPIRED, Status.OFFERED)


def test_the_provider_s_expired_checkout_event_frees_the_seat(client, demo):
    event = _gala(capacity=1)
    post_form(client, event)
    held = Registration.objects.get(event=event)
    waiting = register(event, "Bea Soto")
    LocalCheckout.objects.filter(pk=held.checkout_id).update(status="expired")
    payment_events.receive(LocalProvider(), local_event("checkout.session.expired", held.checkout_id))
    held.refresh_from_db()
    waiting.refresh_from_db()
    assert (held.status, waiting.status) == (Status.EXPIRED, Status.OFFERED)


def test_a_payment_after_the_seat_went_to_someone_else_is_refunded(client, demo):
    event = _gala(capacity=1)
    post_form(client, event)
    late = Registration.objects.get(event=event)
    Registration.objects.filter(pk=late.pk).update(hold_expires_at=timezone.now() - datetime.timedelta(seconds=1))
    other = register(event, "Bea Soto")
    assert other.status == Status.HELD  # the expired hold no longer counts
    _pay(client, late)
    late.refresh_from_db()
    assert late.status == Status.CANCELLED and late.paid_cents == 7500
    assert LocalCheckout.objects.get(pk=late.checkout_id).amount_refunded_cents == 7500
    assert OutboxEmail.objects.filter(key=f"events.refunded:{late.reference}").exists()


def test_a_late_payment_keeps_the_seat_when_one_is_still_free(client, demo):
    event = _gala(capacity=2)
    post_form(client, event)
    late = Registration.objects.get(event=event)
    Registration.objects.filter(pk=late.pk).update(hold_expires_at=timezone.now() - datetime.timedelta(seconds=1))
    seats_release_expired()
    _pay(client, late)
    late.refresh_from_db()
    assert late.status == Status.CONFIRMED


def test_a_waitlisted_person_takes_an_offered_paid_seat_through_the_checkout(client, demo):
    event = _gala(capacity=1)
    first = register(event, "Ana Ruiz")
    second = register(event, "Bea Soto")
    Registration.objects.filter(pk=first.pk).update(hold_expires_at=timezone.now() - datetime.timedelta(seconds=1))
    seats_release_expired()
    response = client.post(f"{second.get_absolute_url()}take-seat/")
    second.refresh_from_db()
    assert second.status == Status.HELD and response["Location"].startswith("/payments/test-checkout/")
    _pay(client, second)
    second.refresh_from_db()
    assert second.status == Status.CONFIRMED


def test_a_lost_payment_webhook_is_repaired_by_the_reconciliation(client, demo):
    from omshub.giving.reconcile import reconcile

    event = _gala()
    post_form(client, event)
    registration = Registration.objects.get(event=event)
    # The bank took the payment, and its event never arrived.
    LocalCheckout.objects.filter(pk=registration.checkout_id).update(
        status="complete", payment_status="paid", payment_intent_id="pi_local_lost", charge_id="ch_local_lost"
    )
    repaired = reconcile(provider=LocalProvider(), since=timezone.now() - datetime.timedelta(hours=1))
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED and repaired["tickets"] == 1 and repaired["checkouts"] == 0
    assert reconcile(provider=LocalProvider(), since=timezone.now() - datetime.timedelta(hours=1))["tickets"] == 0


def _late_paid(client, event) -> Registration:
    """A ticket paid after its hold ran out and its seat went to someone else; the payment's
    event is lost (the reconciliation finds it)."""
    post_form(client, event)
    late = Registration.objects.get(event=event, status=Status.HELD)
    Registration.objects.filter(pk=late.pk).update(hold_expires_at=timezone.now() - datetime.timedelta(seconds=1))
    register(event, "Bea Soto")
    LocalCheckout.objects.filter(pk=late.checkout_id).update(
        status="complete", payment_status="paid", payment_intent_id=f"pi_local_{late.reference}"
    )
    return late


def test_a_late_refund_that_failed_is_tried_again_and_made_once(client, demo, monkeypatch):
    from omshub.giving.reconcile import reconcile
    from omshub.payments.provider import ProviderError

    since = timezone.now() - datetime.timedelta(hours=1)
    late = _late_paid(client, _gala(capacity=1))
    # Another ticket of the same run, whose payment's event was lost too.
    other_event = _gala()
    post_form(client, other_event, name="Carl Diaz", email="carl@example.org")
    other = Registration.objects.get(event=other_event)
    LocalCheckout.objects.filter(pk=other.checkout_id).update(
        status="complete", payment_status="paid", payment_intent_id="pi_local_other"
    )
    calls = []
    real_refund = LocalProvider.refund

    def refused(self, **kwargs):
        calls.append(kwargs)
        raise ProviderError("the bank is down")

    def counted(self, **kwargs):
        calls.append(kwargs)
        return real_refund(self, **kwargs)

    monkeypatch.setattr(LocalProvider, "refund", refused)
    reconcile(provider=LocalProvider(), since=since)  # does not raise: the rest of the run goes on
    late.refresh_from_db()
    other.refresh_from_db()
    assert other.status == Status.CONFIRMED
    assert late.status == Status.CANCELLED and late.late_refund and late.late_refunded_at is None
    assert len(calls) == 1
    assert not OutboxEmail.objects.filter(key=f"events.refunded:{late.reference}").exists()  # nothing refunded yet

    monkeypatch.setattr(LocalProvider, "refund", counted)
    for _ in range(3):  # the retry, then repeats (webhook replays, reconciliations): one refund
        reconcile(provider=LocalProvider(), since=since)
    assert len(calls) == 2
    assert LocalCheckout.objects.get(pk=late.checkout_id).amount_refunded_cents == 7500
    late.refresh_from_db()
    assert late.late_refunded_at is not None and late.late_refund_id.startswith("re_local_")
    assert OutboxEmail.objects.filter(key=f"events.refunded:{late.reference}").count() == 1


def test_a_late_refund_made_is_not_asked_again_after_the_provider_s_idempotency_window(client, demo, monkeypatch):
    from omshub.events.payments import tickets_sync_checkouts
    from omshub.payments.local_provider import checkout_state
    from omshub.payments.provider import ProviderError

    late = _late_paid(client, _gala(capacity=1))
    checkout = checkout_state(LocalCheckout.objects.get(pk=late.checkout_id))
    tickets_sync_checkouts(provider=LocalProvider(), checkouts=[checkout])

    def already_refunded(self, **kwargs):  # what Stripe answers once its 24 h of idempotency are over
        raise ProviderError("charge_already_refunded")

    monkeypatch.setattr(LocalProvider, "refund", already_refunded)
    tickets_sync_checkouts(provider=LocalProvider(), checkouts=[checkout])  # no call, so no error
    payment_events.receive(LocalProvider(), local_event("checkout.session.completed", late.checkout_id))
    late.refresh_from_db()
    assert late.late_refunded_at is not None
    assert OutboxEmail.objects.filter(key=f"events.refunded:{late.reference}").count() == 1


def test_a_ticket_its_owner_gave_back_is_not_refunded_by_a_repeated_event(client, demo):
    from omshub.events.payments import tickets_sync_checkouts
    from omshub.payments.local_provider import checkout_state

    event = _gala()
    post_form(client, event)
    registration = Registration.objects.get(event=event)
    _pay(client, registration)
    client.post(f"{registration.get_absolute_url()}cancel/", {"confirm": "yes"})
    checkout = checkout_state(LocalCheckout.objects.get(pk=registration.checkout_id))
    tickets_sync_checkouts(provider=LocalProvider(), checkouts=[checkout])
    assert LocalCheckout.objects.get(pk=registration.checkout_id).amount_refunded_cents == 0


def test_paying_again_late_in_the_hold_extends_it_so_the_provider_accepts_the_checkout(client, demo, monkeypatch):
    from omshub.payments.provider import CheckoutRequest

    event = _gala()
    post_form(client, event)
    registration = Registration.objects.get(event=event)
    first_checkout = registration.checkout_id
    # The person left the payment page 20 minutes ago; 20 minutes of the hold are left.
    hold = timezone.now() + datetime.timedelta(minutes=20)
    Registration.objects.filter(pk=registration.pk).update(hold_expires_at=hold)
    LocalCheckout.objects.filter(pk=first_checkout).update(
        idempotency_key=f"ticket-{registration.reference}-{hold.timestamp():.0f}"
    )
    asked: list[CheckoutRequest] = []
    create = LocalProvider.create_checkout

    def recorded(self, request):
        asked.append(request)
        return create(self, request)

    monkeypatch.setattr(LocalProvider, "create_checkout", recorded)
    response = client.post(f"{registration.get_absolute_url()}pay/")
    registration.refresh_from_db()
    assert response.status_code == 302 and response["Location"].startswith("/payments/test-checkout/")
    (request,) = asked
    assert request.expires_at is not None
    assert request.expires_at >= timezone.now() + datetime.timedelta(minutes=30)  # Stripe's shortest
    assert registration.hold_expires_at is not None and request.expires_at < registration.hold_expires_at
    assert registration.checkout_id and registration.checkout_id != first_checkout
    # The first checkout's end no longer frees the seat; the new one's payment confirms it.
    LocalCheckout.objects.filter(pk=first_checkout).update(status="expired")
    payment_events.receive(LocalProvider(), local_event("checkout.session.expired", first_checkout))
    registration.refresh_from_db()
    assert registration.status == Status.HELD
    _pay(client, registration)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_a_hold_that_ran_out_is_not_extended_by_paying_again(client, demo):
    event = _gala(capacity=1)
    post_form(client, event)
    registration = Registration.objects.get(event=event)
    Registration.objects.filter(pk=registration.pk).update(
        hold_expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.post(f"{registration.get_absolute_url()}pay/")
    registration.refresh_from_db()
    assert response["Location"].endswith("?problem=payment") and registration.status == Status.EXPIRED
    assert registration.hold_expires_at is not None and registration.hold_expires_at < timezone.now()
