"""The donor self-service emails: the one-time link, the refund notice with its amended
receipt, and the confirmation that a monthly gift has ended."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from omshub.core.links import absolute
from omshub.core.models import OutboxEmail
from omshub.core.outbox import Message, register
from omshub.giving.models import Donation, RecurringGift
from omshub.giving.receipts import foundation, receipt_context, receipt_pdf


def _both(template: str, context: dict) -> tuple[str, str]:
    return (
        render_to_string(f"donors/email/{template}.txt", context),
        render_to_string(f"donors/email/{template}.html", context),
    )


def _portal_start() -> str:
    return absolute(reverse("donors:start"))


@register("donors.link", secret=True)
def link(email: OutboxEmail) -> Message:
    context = {"url": email.data["url"], "foundation": foundation()}
    text, html = _both("link", context)
    return Message(subject=_("Your link to manage your giving"), text=text, html=html)


@register("donors.refund")
def refund(email: OutboxEmail) -> Message:
    donation = Donation.objects.select_related("campaign").get(pk=email.data["donation"])
    context = receipt_context(donation) | {"manage_url": _portal_start()}
    text, html = _both("refund", context)
    return Message(
        subject=_("Your gift was refunded: amended receipt %(reference)s") % {"reference": donation.reference},
        text=text,
        html=html,
        attachments=[(f"receipt-{donation.reference}-amended.pdf", receipt_pdf(donation), "application/pdf")],
    )


@register("donors.monthly_ended")
def monthly_ended(email: OutboxEmail) -> Message:
    plan = RecurringGift.objects.select_related("first_donation__campaign").get(pk=email.data["plan"])
    context = {
        "plan": plan,
        "donation": plan.first_donation,
        "campaign": plan.first_donation.campaign,
        "foundation": foundation(),
        "manage_url": _portal_start(),
    }
    text, html = _both("monthly_ended", context)
    return Message(subject=_("Your monthly gift has stopped"), text=text, html=html)
