"""The care-circle invitation email."""

import json

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from omshub.core.models import OutboxEmail
from omshub.core.outbox import Message, register
from omshub.journal import encryption


@register("journal.invitation", secret=True)
def invitation(email: OutboxEmail) -> Message:
    context = {**email.data, **json.loads(encryption.decrypt(email.data["sealed"]))}
    return Message(
        subject=_("You are invited to %(child)s's care journal") % {"child": context["child"]},
        text=render_to_string("journal/email/invitation.txt", context),
    )
