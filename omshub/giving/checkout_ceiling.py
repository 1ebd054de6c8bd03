"""The site-wide ceiling on new checkouts per minute, and the one alert to staff per window.

Card testers rotate addresses and emails to stay under the per-address and per-email limits,
but every checkout they start counts here. Past the ceiling (CHECKOUTS_SITE_WIDE_PER_MINUTE),
the donation view asks donors to try again in a few minutes, or lets through those who just
passed Turnstile's challenge when it is configured. Staff hear about it once per window: a log
line and an email through the outbox (its key names the window, so several processes that
trip the same minute still send one).
"""

import datetime
import hashlib
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from omshub.core import ratelimit
from omshub.core.outbox import Outgoing, outbox_emails_write
from omshub.giving.selectors import staff_alert_addresses

logger = logging.getLogger(__name__)
WINDOW_SECONDS = 60
SCOPE = "checkout-site"
ALERT_KIND = "giving.checkout_ceiling"


def checkout_ceiling_reached() -> bool:
    """Count one new checkout site-wide; True when this one is past the ceiling for this minute."""
    limit = settings.CHECKOUTS_SITE_WIDE_PER_MINUTE
    if not ratelimit.exceeded(SCOPE, "all", limit=limit, window_seconds=WINDOW_SECONDS):
        return False
    if ratelimit.first_in_window(SCOPE, "alert", window_seconds=WINDOW_SECONDS):
        checkout_ceiling_alert_write(window_start=ratelimit.window_start(WINDOW_SECONDS), limit=limit)
    return True


def checkout_ceiling_alert_write(*, window_start: int, limit: int) -> None:
    """Tell staff the ceiling was reached in the minute starting at `window_start` (once per window)."""
    started = datetime.datetime.fromtimestamp(window_start, tz=datetime.UTC)
    turnstile = bool(settings.TURNSTILE_SECRET_KEY)
    logger.warning(
        "More than %d new checkouts in the minute from %s: %s until it ends. Card testing?",
        limit,
        started.isoformat(),
        "only donors who pass Turnstile go on" if turnstile else "further checkouts are refused",
    )
    addresses = staff_alert_addresses()
    if not addresses:
        logger.error("No staff address to alert about the checkout ceiling: give a staff account an email")
        return
    data = {"window_start": window_start, "limit": limit, "turnstile": turnstile}
    with transaction.atomic():
        outbox_emails_write(
            [
                Outgoing(
                    key=f"checkout-ceiling:{window_start}:{hashlib.sha256(address.encode()).hexdigest()[:32]}",
                    kind=ALERT_KIND,
                    to=address,
                    language=settings.LANGUAGE_CODE,
                    data=data,
                )
                for address in addresses
            ]
        )


def window_label(window_start: int) -> str:
    """The window as staff read it, in the site's time zone: "2026-12-07 14:05"."""
    started = datetime.datetime.fromtimestamp(window_start, tz=datetime.UTC)
    return timezone.localtime(started).strftime("%Y-%m-%d %H:%M %Z")
