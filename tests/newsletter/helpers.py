"""Shared steps for the newsletter tests: a subscriber in each state, and the outbox sent now."""

import datetime
import re

from django.utils import timezone

from omshub.core.outbox import retry_pending
from omshub.newsletter.models import Subscriber


def subscriber(email: str, status: str = Subscriber.Status.SUBSCRIBED, **fields) -> Subscriber:
    confirmed = timezone.now() if status != Subscriber.Status.PENDING else None
    return Subscriber.objects.create(
        email=email,
        status=status,
        source=Subscriber.Source.FOOTER,
        consent_text="We will email you a link to confirm.",
        signed_up_at=timezone.now(),
        confirmed_at=confirmed,
        confirmed_how="emailed link (double opt-in)" if confirmed else "",
        **fields,
    )


def send_outbox() -> None:
    """Emails wait in the outbox until the test's transaction would commit: send them now."""
    retry_pending(older_than=datetime.timedelta(0))


def link(body: str, kind: str) -> str:
    (url,) = set(re.findall(rf"https?://[^\s\"<>]+/newsletter/{kind}/[^\s\"<>]+/", body))
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])
