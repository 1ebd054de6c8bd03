"""Fundraising emails, built at send time from the stored rows: the owner's thank-you to a
donor (in the donor's language), and staff's notices of a report or a page waiting for approval."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from omshub.core.links import absolute
from omshub.core.models import OutboxEmail
from omshub.core.outbox import Message, register
from omshub.fundraising.models import FundraisingPage, PageReport
from omshub.giving.models import Donation
from omshub.giving.receipts import foundation


@register("fundraising.thanks")
def thanks(email: OutboxEmail) -> Message:
    donation = Donation.objects.select_related("campaign").get(pk=email.data["donation"])
    page = FundraisingPage.objects.get(pk=email.data["page"])
    context = {
        "donation": donation,
        "fundraiser": page,
        "page_url": absolute(page.get_absolute_url()),
        "foundation": foundation(),
    }
    return Message(
        subject=_("%(name)s thanks you for your gift") % {"name": page.owner_name},
        text=render_to_string("fundraising/email/thanks.txt", context),
        html=render_to_string("fundraising/email/thanks.html", context),
    )


@register("fundraising.report")
def report(email: OutboxEmail) -> Message:
    found = PageReport.objects.select_related("page", "team").get(pk=email.data["report"])
    subject = found.page or found.team
    public = subject.get_absolute_url() if subject else "/"
    context = {
        "report": found,
        "public_url": absolute(public),
        "admin_url": absolute(reverse("fundraising_reports:edit", args=[found.pk])),
    }
    return Message(
        subject=_("A fundraising page was reported: %(name)s") % {"name": str(subject or "")},
        text=render_to_string("fundraising/email/report.txt", context),
    )


@register("fundraising.held")
def held(email: OutboxEmail) -> Message:
    page = FundraisingPage.objects.select_related("team").get(pk=email.data["page"])
    context = {
        "fundraiser": page,
        "public_url": absolute(page.get_absolute_url()),
        "admin_url": absolute(reverse("fundraising_pages:edit", args=[page.pk])),
    }
    return Message(
        subject=_("A fundraising page is waiting for approval: %(name)s") % {"name": page.title},
        text=render_to_string("fundraising/email/held.txt", context),
    )
