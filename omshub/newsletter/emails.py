"""The newsletter's emails: the confirmation (through the outbox, like every email the site sends
because someone acted) and each issue, built per recipient with RFC 8058 one-click unsubscribe."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from omshub.core.links import absolute
from omshub.core.models import OutboxEmail
from omshub.core.outbox import Message, register
from omshub.giving.receipts import foundation
from omshub.newsletter.models import Issue, Subscriber
from omshub.newsletter.services import CONFIRM_KIND


def links(subscriber: Subscriber) -> dict[str, str]:
    """The person's own addresses, in the active language."""
    return {
        "confirm_url": absolute(reverse("newsletter:confirm", args=[subscriber.token])),
        "preferences_url": absolute(reverse("newsletter:preferences", args=[subscriber.token])),
        "unsubscribe_url": absolute(reverse("newsletter:unsubscribe", args=[subscriber.token])),
    }


@register(CONFIRM_KIND, optional=True)  # asked for by a form anyone can fill: a complaint stops it
def confirmation(email: OutboxEmail) -> Message:
    subscriber = Subscriber.objects.get(pk=email.data["subscriber"])
    context = links(subscriber) | {"foundation": foundation()}
    return Message(
        subject=_("Please confirm your subscription to our newsletter"),
        text=render_to_string("newsletter/email/confirm.txt", context),
        html=render_to_string("newsletter/email/confirm.html", context),
    )


def issue_message(*, issue: Issue, subscriber: Subscriber, delivery_id: int) -> EmailMultiAlternatives:
    """One issue for one person (call inside translation.override(subscriber.language))."""
    context = links(subscriber) | {"issue": issue, "foundation": foundation()}
    html = render_to_string("newsletter/email/issue.html", context)
    text = render_to_string("newsletter/email/issue.txt", context | {"body_text": strip_tags(issue.body)})
    message = EmailMultiAlternatives(
        issue.subject,
        text,
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=[subscriber.email],
        headers={
            # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to this https address,
            # with no cookies; views.unsubscribe answers it. RFC 2369 for the header itself.
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"<newsletter.{settings.NEWSLETTER_LIST_DOMAIN}>",
            "Precedence": "bulk",
        },
    )
    message.attach_alternative(html, "text/html")
    # django-anymail sends this with the message and hands it back in the provider's tracking
    # events (webhooks.py), so a bounce finds its delivery row; SMTP ignores the attribute.
    message.metadata = {"newsletter_delivery": str(delivery_id)}  # type: ignore[attr-defined]
    return message
