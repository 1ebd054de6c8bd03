"""Writes to the care journal's circle: a child with its first caregiver, invitations, joining.

Each write that is logged takes the acting user (`actor`, or `inviter`/`user` where the name says
more) and an AuditContext (audit.py): no HttpRequest reaches a service."""

import datetime
import json
import secrets
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone, translation

from omshub.core.links import absolute
from omshub.core.models import OutboxEmail
from omshub.core.outbox import outbox_email_write
from omshub.journal import encryption
from omshub.journal.audit import AuditContext, audit
from omshub.journal.domains import domain_keys
from omshub.journal.models import Child, Invitation, Membership, Observation, Treatment, TreatmentStep, token_digest

INVITATION_DAYS = 14


class InvitationInvalid(Exception):
    pass


class InvitationForSomeoneElse(Exception):
    pass


def _emails_of(user) -> set[str]:
    """The user's verified addresses (allauth signs in only with a verified one)."""
    from allauth.account.models import EmailAddress

    verified = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return {e.lower() for e in verified} | ({user.email.lower()} if user.email else set())


@transaction.atomic
def child_create(*, user, name: str, birth_year: int, birth_month: int, diagnosed_on, tumour_found: str) -> Child:
    child = Child.objects.create(
        name=name, birth_year=birth_year, birth_month=birth_month, diagnosed_on=diagnosed_on, tumour_found=tumour_found
    )
    Membership.objects.create(child=child, user=user, role=Membership.Role.OWNER)
    return child


@transaction.atomic
def invitation_create(
    *, context: AuditContext, child: Child, inviter, email: str, role: str, language: str
) -> Invitation:
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
    private = {"url": url, "child": child.name, "inviter": str(inviter.email)}
    outbox_email_write(
        key=f"journal-invitation:{invitation.pk}",
        kind="journal.invitation",
        to=email,
        language=language,
        # The working link and the child's name are sealed with the journal's key, like the journal itself.
        data={"sealed": encryption.encrypt(json.dumps(private)), "role": role},
    )
    audit(context, "invite", child=child, target=f"invitation {invitation.pk}")
    return invitation


def invitation_for_token(token: str) -> Invitation | None:
    invitation = Invitation.objects.select_related("child").filter(token_hash=token_digest(token)).first()
    return invitation if invitation and invitation.open else None


@transaction.atomic
def invitation_accept(*, context: AuditContext, token: str, user) -> Child:
    """Join the circle with a link sent to one of this user's verified addresses, once."""
    invitation = Invitation.objects.select_for_update().filter(token_hash=token_digest(token)).first()
    if invitation is None or not invitation.open:
        raise InvitationInvalid
    if invitation.email.lower() not in _emails_of(user):
        raise InvitationForSomeoneElse
    Membership.objects.get_or_create(child=invitation.child, user=user, defaults={"role": invitation.role})
    invitation.accepted_by, invitation.accepted_at = user, timezone.now()
    invitation.save(update_fields=["accepted_by", "accepted_at"])
    audit(context, "join", child=invitation.child, target=f"invitation {invitation.pk}")
    return invitation.child


@transaction.atomic
def child_update(*, actor, context: AuditContext, child: Child, values: dict[str, Any]) -> Child:
    for name, value in values.items():
        setattr(child, name, value)
    child.save()
    audit(context, "update", child=child, record=child)
    return child


def _apply(record: Model, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(record, name, value)
    if isinstance(record, Observation):
        keys = set(domain_keys())
        record.scores = {k: int(v) for k, v in record.scores.items() if k in keys}
        record.total = sum(record.scores.values())


@transaction.atomic
def record_save(*, actor, context: AuditContext, child: Child, record: Model, values: dict[str, Any]) -> Model:
    """Create or change an entry of an authorised child, and log it."""
    creating = record.pk is None
    _apply(record, values)
    if creating:
        record.child = child  # type: ignore[attr-defined]
        record.recorded_by = actor  # type: ignore[attr-defined]
    record.save()
    audit(context, "create" if creating else "update", child=child, record=record)
    return record


@transaction.atomic
def record_delete(*, actor, context: AuditContext, child: Child, record: Model) -> None:
    audit(context, "delete", child=child, record=record)
    record.delete()


@transaction.atomic
def step_save(
    *, actor, context: AuditContext, child: Child, treatment: Treatment, values: dict[str, Any]
) -> TreatmentStep:
    step = TreatmentStep(treatment=treatment, **values)
    step.save()
    audit(context, "create", child=child, record=step)
    return step


@transaction.atomic
def child_delete(*, actor, context: AuditContext, child: Child) -> None:
    """The child and everything recorded about it: entries, circle, links, history (cascades)."""
    audit(context, "delete", target=f"child {child.pk}")  # kept: it names no one
    keys = [f"journal-invitation:{pk}" for pk in child.invitations.values_list("pk", flat=True)]
    OutboxEmail.objects.filter(key__in=keys).delete()  # the child's name, addresses and links
    child.delete()
