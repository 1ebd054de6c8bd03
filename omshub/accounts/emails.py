"""allauth's emails (confirmation, password reset, security notices) go out through the outbox.

They are rendered when allauth asks, in the reader's language and the foundation's name
(adapter.py), and stored; the outbox sends them after commit and retries them while the
mail relay is away, so a missing relay never turns sign-up or a password reset into an
error page. Their links are working keys, so the stored copy is forgotten once sent.
"""

import uuid

from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.html import strip_tags

from omshub.core.models import OutboxEmail
from omshub.core.outbox import Message, outbox_email_write, register

KIND = "accounts.allauth"


def account_email_store(message: EmailMessage) -> None:
    """Store one rendered allauth email, for each of its recipients, in the outbox."""
    html_alternatives = [alt.content for alt in getattr(message, "alternatives", []) if alt.mimetype == "text/html"]
    if message.content_subtype == "html":
        html, text = str(message.body), strip_tags(str(message.body))
    else:
        html, text = (str(html_alternatives[0]) if html_alternatives else ""), str(message.body)
    for to in message.to:
        outbox_email_write(
            key=f"account:{uuid.uuid4().hex}",
            kind=KIND,
            to=to,
            language=translation.get_language() or "en",
            data={"subject": message.subject, "text": text, "html": html},
        )


@register(KIND, secret=True)
def stored(email: OutboxEmail) -> Message:
    return Message(subject=email.data["subject"], text=email.data["text"], html=email.data.get("html", ""))
