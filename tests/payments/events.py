"""Stripe events for tests: Stripe's example event around an object, signed as Stripe signs.

`data.object` is the object as it stands when the event is sent (the fake's own, or Stripe's
example of that kind of object with the given id), so a payload has exactly the fields the
API version has; handlers read only its id and type and fetch the rest.
"""

import hashlib
import hmac
import json
import time

from tests.payments.fake_stripe import new_id
from tests.payments.stripe_shapes import example

SECRET = "whsec_test_secret"

# The object each event type carries, by the longest matching prefix.
OBJECT_OF = {
    "charge.dispute.": "dispute",
    "charge.": "charge",
    "checkout.session.": "checkout.session",
    "customer.subscription.": "subscription",
    "invoice.": "invoice",
    "payment_intent.": "payment_intent",
    "refund.": "refund",
}


def object_type_of(event_type: str) -> str:
    return next(kind for prefix, kind in OBJECT_OF.items() if event_type.startswith(prefix))


def payload(event_type: str, object_id: str, *, event_id: str = "", data_object: dict | None = None) -> bytes:
    event = example(
        "event",
        id=event_id or new_id("evt"),
        type=event_type,
        created=int(time.time()),
        livemode=False,
        pending_webhooks=1,
        data={"object": data_object or example(object_type_of(event_type), id=object_id)},
    )
    return json.dumps(event).encode()


def signature(body: bytes, *, secret: str = SECRET, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"
