"""The giving emails, built at send time from the stored gift: receipt (with its PDF), the
tribute notice to the person the donor named and the year-end statement (the donor's own
page sends its link from giving/donors)."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from omshub.core.links import absolute
from omshub.core.models import OutboxEmail
from omshub.core.outbox import Message, register
from omshub.giving.models import Donation
from omshub.giving.receipts import foundation, receipt_context, receipt_filename, receipt_pdf, receipt_url


def _both(template: str, context: dict) -> tuple[str, str]:
    return (
        render_to_string(f"giving/email/{template}.txt", context),
        render_to_string(f"giving/email/{template}.html", context),
    )


@register("giving.receipt")
def receipt(email: OutboxEmail) -> Message:
    donation = Donation.objects.select_related("campaign").get(pk=email.data["donation"])
    context = receipt_context(donation) | {"receipt_url": receipt_url(donation)}
    text, html = _both("receipt", context)
    return Message(
        subject=_("Thank you: your receipt from %(name)s") % {"name": context["foundation"].name},
        text=text,
        html=html,
        attachments=[(receipt_filename(donation), receipt_pdf(donation), "application/pdf")],
    )


@register("giving.tribute")
def tribute(email: OutboxEmail) -> Message:
    donation = Donation.objects.select_related("campaign").get(pk=email.data["donation"])
    context = {"donation": donation, "foundation": foundation(), "campaign_url": absolute(donation.campaign.url or "/")}
    text, html = _both("tribute", context)
    if donation.tribute == Donation.Tribute.MEMORY:
        subject = _("A gift in memory of %(name)s") % {"name": donation.tribute_name}
    else:
        subject = _("A gift in honor of %(name)s") % {"name": donation.tribute_name}
    return Message(subject=subject, text=text, html=html)


@register("giving.checkout_ceiling")
def checkout_ceiling(email: OutboxEmail) -> Message:
    from omshub.giving.checkout_ceiling import window_label

    context = {
        "limit": email.data["limit"],
        "window": window_label(email.data["window_start"]),
        "turnstile": email.data["turnstile"],
        "donations_url": absolute(reverse("giving_donations:index")),
        "foundation": foundation(),
    }
    return Message(
        subject=_("Donation form: more than %(limit)s new checkouts in one minute") % {"limit": email.data["limit"]},
        text=render_to_string("giving/email/checkout_ceiling.txt", context),
    )


@register("giving.year_end")
def year_end(email: OutboxEmail) -> Message:
    from omshub.giving.selectors import donor_year

    gifts = donor_year(email=email.to, year=email.data["year"])
    settings = foundation()
    context = {
        "gifts": gifts,
        "year": email.data["year"],
        "total_cents": sum(gift.net_cents for gift in gifts),
        "currency": gifts[0].currency if gifts else "usd",
        "foundation": settings,
        "details_missing": settings.receipt_details_missing(),
    }
    text, html = _both("year_end", context)
    return Message(subject=_("Your %(year)s giving statement") % {"year": email.data["year"]}, text=text, html=html)
