"""The care-circle invitation email."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from omshub.core.models import OutboxEmail
from omshub.core.outbox import Message, register


@register("journal.invitation", secret=True)
def invitation(email: OutboxEmail) -> Message:
    context = dict(email.data)
    return Message(
        subject=_("You are invited to %(child)s's care journal") % {"child": email.data["child"]},
        text=render_to_string("journal/email/invitation.txt", context),
    )
