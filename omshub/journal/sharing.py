"""Share links a family gives a clinician: creating, revoking, finding one by its token, logging each view.

The token is the authorisation: anyone holding an active link may read that child's records
for the link's period, and nothing else. The database keeps only the token's SHA-256, so a
copy of it holds no usable link; the family sees the full link once, when it is made.
"""

import datetime
import secrets

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from omshub.core import ratelimit
from omshub.core.links import absolute
from omshub.journal.audit import AuditContext, audit, browser_name
from omshub.journal.domains import domains
from omshub.journal.models import Child, ShareLink, ShareView, token_digest
from omshub.journal.selectors import Records

CREATIONS_PER_HOUR = 20
PASSCODE_ATTEMPTS = 10
PASSCODE_WINDOW_SECONDS = 15 * 60
SESSION_KEY = "shared_links_unlocked"


def _name(link: ShareLink) -> str:
    return f"share link {link.pk}"


def creation_limited(user) -> bool:
    """Count one creation; True once this user made more than CREATIONS_PER_HOUR in the hour."""
    return ratelimit.exceeded("share-create", str(user.pk), limit=CREATIONS_PER_HOUR)


@transaction.atomic
def share_link_create(
    *,
    actor,
    context: AuditContext,
    child: Child,
    label: str,
    data_from: datetime.date,
    data_to: datetime.date,
    lifetime: int,
    passcode: str = "",
) -> tuple[ShareLink, str]:
    """Store a new link (its token only as a hash) and return it with the full address, to show once."""
    token = secrets.token_urlsafe(32)  # 256 bits, 43 characters
    link = ShareLink.objects.create(
        child=child,
        token_hash=token_digest(token),
        label=label,
        data_from=data_from,
        data_to=data_to,
        passcode_hash=make_password(passcode) if passcode else "",
        created_by=actor if actor is not None and actor.is_authenticated else None,
        expires_at=timezone.now() + datetime.timedelta(days=lifetime),
    )
    audit(context, "share", child=child, target=_name(link))
    return link, absolute(reverse("journal:shared", args=[token]))


@transaction.atomic
def share_link_revoke(*, actor, context: AuditContext, link: ShareLink) -> ShareLink:
    """Close the link at once; revoking it again changes nothing."""
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        audit(context, "share.revoke", child=link.child, target=_name(link))
    return link


def link_for_token(token: str) -> ShareLink | None:
    """The active link this token opens, or None (unknown, expired and revoked look the same)."""
    if not token or len(token) > 100:
        return None
    link = ShareLink.objects.select_related("child").filter(token_hash=token_digest(token)).first()
    return link if link is not None and link.active else None


def passcode_limited(request: HttpRequest, link: ShareLink) -> bool:
    """Count one passcode attempt against both the link and the visitor's address."""
    window = PASSCODE_WINDOW_SECONDS
    by_link = ratelimit.exceeded("share-passcode-link", str(link.pk), limit=PASSCODE_ATTEMPTS, window_seconds=window)
    by_ip = ratelimit.exceeded(
        "share-passcode-ip", ratelimit.client_key(request), limit=PASSCODE_ATTEMPTS, window_seconds=window
    )
    return by_link or by_ip


def passcode_matches(link: ShareLink, passcode: str) -> bool:
    return bool(link.passcode_hash) and check_password(passcode, link.passcode_hash)


FAILED_PASSCODES_TO_CLOSE = 20


@transaction.atomic
def passcode_failed(*, context: AuditContext, link: ShareLink) -> bool:
    """Count a wrong passcode for good (a cache may forget), log it, and close the link after too many.

    True when the link is now closed: then no guessing can go on, whatever the rate limits.
    """
    ShareLink.objects.filter(pk=link.pk).update(failed_passcodes=F("failed_passcodes") + 1)
    audit(context, "share.passcode_failed", child=link.child, actor=_name(link), target=_name(link))
    closed = ShareLink.objects.filter(
        pk=link.pk, revoked_at__isnull=True, failed_passcodes__gte=FAILED_PASSCODES_TO_CLOSE
    ).update(revoked_at=timezone.now())
    return bool(closed)


def unlocked(request: HttpRequest, link: ShareLink) -> bool:
    """A link without a passcode is open; one with a passcode once this browser gave it (this link only)."""
    return not link.passcode_hash or link.pk in request.session.get(SESSION_KEY, [])


def unlock(request: HttpRequest, link: ShareLink) -> None:
    request.session.cycle_key()  # a new session id once a passcode opens something
    opened = [pk for pk in request.session.get(SESSION_KEY, []) if pk != link.pk]
    request.session[SESSION_KEY] = [*opened, link.pk]


@transaction.atomic
def share_view_record(*, context: AuditContext, link: ShareLink) -> ShareView:
    """Log one opening, for the family to see and in the audit log."""
    view = ShareView.objects.create(link=link, **context.where())
    audit(context, "share.view", child=link.child, actor=_name(link), target=_name(link))
    return view


def for_clinician(records: Records) -> Records:
    """Ready the records for the clinician's page, and nothing outside the period.

    Each treatment gets `shared_steps` (only its steps dated within the period); each
    observation gets `ratings`, its scores (or None) in the data file's order of domains.
    """
    for treatment in records.treatments:
        treatment.shared_steps = [  # type: ignore[attr-defined]
            step for step in treatment.steps.all() if records.start <= step.starts_on <= records.end
        ]
    for observation in records.observations:
        observation.ratings = [observation.scores.get(d.key) for d in domains()]  # type: ignore[union-attr]
    return records


def with_browsers(links: list[ShareLink]) -> list[ShareLink]:
    """Give each (prefetched) view of these links a `browser` name for the family's list."""
    for link in links:
        for view in link.views.all():
            view.browser = browser_name(view.user_agent) or _("Unknown browser")  # type: ignore[attr-defined]
    return links
