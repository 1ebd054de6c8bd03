"""Races on PostgreSQL: row locks make one gift of two racers and an exact total of 200 at once.

These tests commit their data (other connections must see it) and remove it afterwards.
SQLite has no row locks and serialises writers, so they run on PostgreSQL only.
"""

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client

from omshub.core.models import OutboxEmail
from omshub.giving.models import CampaignPage, Donation
from omshub.giving.selectors import campaign_progress
from omshub.giving.services import donor as donor_services
from omshub.payments import events
from omshub.payments.models import WebhookEvent
from omshub.payments.provider import CheckoutRequest
from omshub.payments.registry import get_provider
from tests.payments.events import payload, signature

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only")


@pytest.fixture
def committed(demo_site, django_db_blocker, fake_stripe, settings) -> Iterator[Callable[[int], list[Donation]]]:
    # Receipts are rendered, and events applied, by the worker: each test runs `apply_due` itself,
    # as the worker would; only the outbox rows of the receipts matter.
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": settings.TASK_QUEUES}
    }
    created: list[int] = []

    def start(count: int, amount_cents: int = 5000) -> list[Donation]:
        campaign = CampaignPage.objects.get(pk=demo_site["campaign"])
        provider = get_provider()
        donations = []
        for n in range(count):
            details = donor_services.GiftDetails(
                frequency="once",
                amount_cents=amount_cents,
                fee_cents=0,
                donor_name=f"Racer {n}",
                email=f"racer{n}@example.com",
                anonymous=False,
                tribute="",
                tribute_name="",
                notify_name="",
                notify_email="",
                message="",
                on_wall=False,
                language="en",
            )
            donation = donor_services.donation_start(
                campaign=campaign, details=details, provider="stripe", is_test=True, client_key="k"
            )
            checkout = provider.create_checkout(
                CheckoutRequest(
                    reference=donation.reference,
                    amount_cents=amount_cents,
                    currency="usd",
                    monthly=False,
                    description="race",
                    email=donation.email,
                    success_url="http://testserver/ok",
                    cancel_url="http://testserver/no",
                    idempotency_key=f"checkout:{donation.reference}",
                )
            )
            donor_services.donation_attach_checkout(donation=donation, checkout_id=checkout.id)
            fake_stripe.complete(checkout.id)
            created.append(donation.pk)
            donations.append(donation)
        return donations

    with django_db_blocker.unblock():
        yield start
        references = list(Donation.objects.filter(pk__in=created).values_list("reference", flat=True))
        OutboxEmail.objects.filter(key__in=[f"receipt:{r}" for r in references]).delete()
        WebhookEvent.objects.filter(object_id__in=list(fake_stripe.sessions)).delete()
        Donation.objects.filter(pk__in=created).delete()
        connection.close()


def _in_thread(work: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        try:
            return work()
        finally:
            connections.close_all()

    return run


def _complete_by_webhook(checkout_id: str) -> int:
    """The webhook stores the event; then a worker's run applies what is waiting."""
    body = payload("checkout.session.completed", checkout_id)
    answer = Client().post(
        "/payments/stripe/webhook/", body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature(body)
    )
    events.apply_due()
    return answer.status_code


def test_thank_you_page_and_webhook_at_the_same_moment_make_one_gift(committed) -> None:
    for donation in committed(5):
        campaign = donation.campaign
        thank_you = f"{campaign.url}thank-you/{donation.reference}/"
        barrier = threading.Barrier(2)

        def page(barrier: threading.Barrier = barrier, url: str = thank_you) -> int:
            barrier.wait()
            return Client().get(url).status_code

        def webhook(barrier: threading.Barrier = barrier, checkout_id: str = donation.checkout_id) -> int:
            barrier.wait()
            return _complete_by_webhook(checkout_id)

        with ThreadPoolExecutor(2) as pool:
            answers = [f.result() for f in [pool.submit(_in_thread(page)), pool.submit(_in_thread(webhook))]]
        assert answers == [200, 200]
        donation.refresh_from_db()
        assert donation.status == Donation.Status.SUCCEEDED
        assert donation.audit.filter(action="paid").count() == 1
        assert OutboxEmail.objects.filter(key=f"receipt:{donation.reference}").count() == 1


def test_200_concurrent_completions_give_the_exact_total(committed) -> None:
    donations = committed(200, amount_cents=1234)
    campaign = donations[0].campaign
    before = campaign_progress(campaign=campaign, include_test=True)
    with ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(lambda d: _in_thread(lambda: _complete_by_webhook(d.checkout_id))(), donations * 2))
    assert answers == [200] * 400
    after = campaign_progress(campaign=campaign, include_test=True)
    assert after.raised_cents - before.raised_cents == 200 * 1234
    assert after.donors - before.donors == 200
    assert Donation.objects.filter(pk__in=[d.pk for d in donations], status="succeeded").count() == 200
    assert OutboxEmail.objects.filter(key__in=[f"receipt:{d.reference}" for d in donations]).count() == 200
    applied = WebhookEvent.objects.filter(object_id__in=[d.checkout_id for d in donations])
    assert list(applied.values_list("status", flat=True).distinct()) == ["processed"]
    assert applied.count() == 400
