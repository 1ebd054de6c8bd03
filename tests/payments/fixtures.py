"""Fixtures: Stripe replaced by a local fake server: settings point stripe-python at it, webhooks are signed here."""

from collections.abc import Iterator

import pytest
from django.test import Client, TestCase

from omshub.payments.registry import get_provider
from tests.payments.events import SECRET, object_type_of, payload, signature
from tests.payments.fake_stripe import FakeStripe, FakeStripeServer


@pytest.fixture(scope="session")
def stripe_server() -> Iterator[FakeStripeServer]:
    with FakeStripeServer() as server:
        yield server


@pytest.fixture
def fake_stripe(stripe_server: FakeStripeServer, settings) -> Iterator[FakeStripe]:
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    settings.STRIPE_WEBHOOK_SECRET = SECRET
    settings.STRIPE_API_BASE = stripe_server.url
    settings.STRIPE_TIMEOUT_SECONDS = 2
    fake = stripe_server.fake
    fake.reset()
    yield fake
    # Whatever the code asked, Stripe would have answered it: no expansion or parameter it lacks.
    assert not [
        error for _, error in fake.refused if error["error"]["message"].startswith(("This property", "Received"))
    ]


class Webhooks:
    def __init__(self, client: Client, fake: FakeStripe) -> None:
        self.client = client
        self.fake = fake

    def send(self, event_type: str, object_id: str, *, event_id: str = "", **sign: object):
        """Deliver one signed event about the object as the fake has it now. The test's
        transaction is never committed, so what the webhook queues after commit (the background
        run that applies the event: at once, with the tests' task backend) runs here as it
        would after a real request."""
        current = self.fake.find(object_type_of(event_type), object_id)
        body = payload(event_type, object_id, event_id=event_id, data_object=current)
        with TestCase.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                "/payments/stripe/webhook/",
                body,
                content_type="application/json",
                HTTP_STRIPE_SIGNATURE=signature(body, **sign),  # type: ignore[arg-type]
            )


@pytest.fixture
def webhooks(fake_stripe: FakeStripe) -> Webhooks:
    return Webhooks(Client(), fake_stripe)


@pytest.fixture
def stripe_provider(fake_stripe: FakeStripe):
    return get_provider()
