"""Receipts: signed links that need no login, the receipt PDF (WeasyPrint) and its wording."""

import re
from typing import Any

from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Site

from omshub.core.links import absolute
from omshub.core.models import FoundationSettings
from omshub.core.pdf import html_to_pdf
from omshub.giving.models import CampaignPage, Donation

RECEIPT_SALT = "giving.receipt"


def foundation() -> FoundationSettings:
    site = Site.objects.filter(is_default_site=True).first()
    return FoundationSettings.for_site(site) if site else FoundationSettings()


def receipt_token(donation: Donation) -> str:
    return signing.dumps(donation.reference, salt=RECEIPT_SALT)


def donation_for_receipt_token(token: str) -> str | None:
    """The gift's reference, if the token is ours (receipts stay valid: tax records are kept for years)."""
    try:
        return str(signing.loads(token, salt=RECEIPT_SALT))
    except signing.BadSignature:
        return None


def receipt_url(donation: Donation) -> str:
    with translation.override(donation.language):
        return absolute(reverse("giving:receipt_pdf", args=[receipt_token(donation)]))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def campaign_line(campaign: CampaignPage) -> str:
    """The campaign's title, and its beneficiary only when the title does not already name it
    ("Children's Hospital Los Angeles — Division of Neurology" is not said twice)."""
    title, beneficiary = campaign.title, campaign.beneficiary
    if not beneficiary or " ".join(_words(beneficiary)) in " ".join(_words(title)):
        return title
    return f"{title} — {beneficiary}"


def beneficiary_sentence_needed(campaign: CampaignPage) -> bool:
    return campaign_line(campaign) != campaign.title


def campaign_in_language(campaign: CampaignPage, language: str) -> CampaignPage:
    """The campaign's page in the donor's language (an offline gift is entered on the English one)."""
    if campaign.locale.language_code == language:
        return campaign
    locale = Locale.objects.filter(language_code=language).first()
    translation = campaign.get_translation_or_none(locale) if locale else None
    return translation.specific if translation is not None else campaign


def receipt_context(donation: Donation) -> dict[str, Any]:
    settings = foundation()
    campaign = campaign_in_language(donation.campaign, donation.language)
    return {
        "donation": donation,
        "foundation": settings,
        "campaign": campaign,
        "campaign_line": campaign_line(campaign),
        "name_beneficiary": beneficiary_sentence_needed(campaign),
        "details_missing": settings.receipt_details_missing(),
    }


def receipt_pdf(donation: Donation) -> bytes:
    with translation.override(donation.language):
        html = render_to_string("giving/receipt_document.html", receipt_context(donation))
    return html_to_pdf(html, stylesheet="giving/receipt.css")


def receipt_filename(donation: Donation) -> str:
    return f"receipt-{donation.receipt_number}.pdf"
