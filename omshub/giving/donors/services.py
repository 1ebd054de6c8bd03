"""Writes of donor self-service: making a one-time link and spending it."""

import datetime
import secrets
import uuid

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from omshub.core.links import absolute
from omshub.core.outbox import outbox_email_write
from omshub.giving.donors.models import DonorLink, link_digest
from omshub.giving.donors.selectors import has_gifts

LINK_LIFETIME = datetime.timedelta(minutes=30)
KEEP_AFTER_EXPIRY = datetime.timedelta(days=1)


@transaction.atomic
def donor_link_send(*, email: str, language: str) -> bool:
    """Store a new one-time link for this email and email it, if the email ever gave; else nothing.

    The token leaves only in the email; the table keeps its hash. False when nobody gave with it.
    """
    now = timezone.now()
    # Spent and expired links open nothing; a day later they are not worth keeping either.
    DonorLink.objects.filter(expires_at__lt=now - KEEP_AFTER_EXPIRY).delete()
    if not has_gifts(email=email):
        return False
    token = secrets.token_urlsafe(32)
    DonorLink.objects.create(
        token_hash=link_digest(token),
        email=email,
        language=language,
        expires_at=now + LINK_LIFETIME,
    )
    with translation.override(language):
        url = absolute(reverse("donors:open", args=[token]))
    outbox_email_write(
        key=f"donor-link:{uuid.uuid4().hex}", kind="donors.link", to=email, language=language, data={"url": url}
    )
    return True


@transaction.atomic
def donor_link_spend(*, token: str) -> str | None:
    """The link's email, once: the first to spend a live link gets it, later tries get None."""
    if not token or len(token) > 100:
        return None
    now = timezone.now()
    link = DonorLink.objects.select_for_update().filter(token_hash=link_digest(token)).first()
    if link is None or link.used_at is not None or link.expires_at <= now:
        return None
    link.used_at = now
    link.save(update_fields=["used_at"])
    return link.email
