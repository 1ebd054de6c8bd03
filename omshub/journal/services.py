"""Writes to the care journal's circle: a child with its first caregiver, invitations, joining."""

import datetime
import secrets

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from omshub.core.links import absolute
from omshub.core.outbox import outbox_email_write
from omshub.journal.models import Child, Invitation, Membership, token_digest

INVITATION_DAYS = 14


class InvitationInvalid(Exception):
    pass


@transaction.atomic
def child_create(*, user, name: str, birth_year: int, birth_month: int, diagnosed_on, tumour_found: str) -> Child:
    child = Child.objects.create(
        name=name, birth_year=birth_year, birth_month=birth_month, diagnosed_on=diagnosed_on, tumour_found=tumour_found
    )
    Membership.objects.create(child=child, user=user, role=Membership.Role.OWNER)
    return child


@transaction.atomic
def invitation_create(*, child: Child, inviter, email: str, role: str, language: str) -> Invitation:
    """Store the invitation (its token only as a hash) and email the link, once."""
    token = secrets.token_urlsafe(32)  # 256 bits
    invitation = Invitation.objects.create(
        child=child,
        email=email,
        role=role,
        token_hash=token_digest(token),
        invited_by=inviter,
        expires_at=timezone.now() + datetime.timedelta(days=INVITATION_DAYS),
    )
    with translation.override(language):
        url = absolute(reverse("journal:invitation", args=[token]))
    outbox_email_write(
        key=f"journal-invitation:{invitation.pk}",
        kind="journal.invitation",
        to=email,
        language=language,
        data={"url": url, "child": child.name, "inviter": str(inviter.email), "role": role},
    )
    return invitation


def invitation_for_token(token: str) -> Invitation | None:
    invitation = Invitation.objects.select_related("child").filter(token_hash=token_digest(token)).first()
    return invitation if invitation and invitation.open else None


@transaction.atomic
def invitation_accept(*, token: str, user) -> Child:
    invitation = Invitation.objects.select_for_update().filter(token_hash=token_digest(token)).first()
    if invitation is None or not invitation.open:
        raise InvitationInvalid
    Membership.objects.get_or_create(child=invitation.child, user=user, defaults={"role": invitation.role})
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_by"])
    return invitation.child
