"""Stripe events for tests: recorded payloads (events/*.json) with fresh ids, signed as Stripe signs."""

import hashlib
import hmac
import json
import time
from pathlib import Path

from tests.payments.fake_stripe import new_id

RECORDED = Path(__file__).parent / "events"
SECRET = "whsec_test_secret"


def payload(event_type: str, object_id: str, *, event_id: str = "", charge_id: str = "") -> bytes:
    text = (RECORDED / f"{event_type}.json").read_text()
    text = text.replace("{{event_id}}", event_id or new_id("evt")).replace("{{object_id}}", object_id)
    text = text.replace("{{charge_id}}", charge_id)
    return json.dumps(json.loads(text)).encode()


def signature(body: bytes, *, secret: str = SECRET, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"
