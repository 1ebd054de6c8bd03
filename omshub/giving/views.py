"""Donor views: the campaign page's context, the donation form, the thank-you page, the
receipt PDF and the monthly donor's way in to manage their gift. Thin: forms validate,
services write, selectors read."""

import logging
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from omshub.core import ratelimit
from omshub.core.page_cache import in_preview
from omshub.giving import selectors
from omshub.giving.attribution import Attribution
from omshub.giving.checkout_ceiling import WINDOW_SECONDS as CEILING_WINDOW_SECONDS
from omshub.giving.checkout_ceiling import checkout_ceiling_reached
from omshub.giving.forms import DonationForm, initial_from_data, initial_from_donation
from omshub.giving.models import CampaignPage, CampaignRoutes, Donation, Frequency
from omshub.giving.receipts import (
    donation_for_receipt_token,
    receipt_pdf,
    receipt_url,
)
from omshub.giving.services import donor as donor_services
from omshub.giving.services import provider_sync
from omshub.giving.sharing import share_links
from omshub.giving.turnstile import turnstile_passed
from omshub.matching.selectors import open_offer, thank_you_match
from omshub.payments.provider import CheckoutRequest, PaymentProvider, ProviderError
from omshub.payments.registry import PaymentsClosed, get_provider

logger = logging.getLogger(__name__)
MY_GIFTS = "giving:my-gifts"


def campaign_context(request: HttpRequest, page: CampaignPage) -> dict[str, Any]:
    """The campaign page's context (see selectors.campaign_context), for its template and previews."""
    return selectors.campaign_context(
        campaign=page, absolute_url=request.build_absolute_uri(page.url), preview=in_preview(request)
    )


def no_shared_cache(response: HttpResponse) -> HttpResponse:
    """Progress changes with every gift: never keep these pages in the anonymous page cache."""
    patch_cache_control(response, no_cache=True)
    return response


def campaign(request: HttpRequest, page: CampaignPage) -> HttpResponse:
    """The campaign's page (its context comes from page.get_context, so previews have it too)."""
    return no_shared_cache(page.render(request))


def _form_context(
    page: CampaignPage,
    form: DonationForm,
    frequency: str,
    provider: PaymentProvider | None,
    confirming: bool = False,
    attribution: Attribution | None = None,
) -> dict:
    understood = form.understood_cents()
    return {
        "page": page,
        "attribution": attribution,
        "form": form,
        "frequency": frequency,
        # The button names what will be charged ("Give $25.50"); the hidden field carries the
        # gift it named, so a typed amount is charged only as the donor saw it.
        "gift_cents": understood[0] if understood else None,
        "button_cents": sum(understood) if understood else None,
        "confirming": confirming,
        "frequencies": Frequency.choices,
        "test_mode": selectors.shows_test_gifts(provider),
        "payments_open": provider is not None,
        "fee_rule": {
            "basis_points": settings.PROCESSING_FEE_BASIS_POINTS,
            "fixed_cents": settings.PROCESSING_FEE_FIXED_CENTS,
            "percent": f"{settings.PROCESSING_FEE_BASIS_POINTS / 100:g}",
        },
        "turnstile_site_key": settings.TURNSTILE_SITE_KEY,
        # A matching sponsor's offer, only while it is open and has room (read live).
        "match_offer": open_offer(page),
    }


def _frequency(data: Any) -> str:
    """The frequency asked for, one-time unless it names a known one."""
    frequency = data.get("frequency", Frequency.ONCE)
    return frequency if frequency in Frequency.values else Frequency.ONCE


@never_cache
@require_http_methods(["GET", "POST"])
def donate(request: HttpRequest, page: CampaignPage, attribution: Attribution | None = None) -> HttpResponse:
    """The donation form; `attribution` when it is shown on a fundraising page (see attribution.py)."""
    provider = selectors.open_provider()
    presets = selectors.campaign_presets(page)
    if request.method == "GET":
        frequency = _frequency(request.GET)
        initial: dict[str, Any] = {"frequency": frequency, "amount": request.GET.get("amount", "")}
        resumed = _own_gift(request, request.GET.get("resume", ""))
        if resumed is not None:  # back from the payment page: what was typed is still there
            initial = initial_from_donation(resumed, presets=presets, language=get_language() or "en")
            frequency = resumed.frequency
        form = DonationForm(initial=initial, presets=presets, frequency=frequency)
        return render(
            request,
            "giving/donation_form.html",
            _form_context(page, form, frequency, provider, attribution=attribution),
        )

    if "switch" in request.POST:
        # One-time or monthly, chosen with everything typed so far kept (no script needed).
        frequency = _frequency({"frequency": request.POST["switch"]})
        initial = initial_from_data(request.POST, presets=presets, frequency=frequency)
        form = DonationForm(initial=initial, presets=presets, frequency=frequency)
        return render(
            request,
            "giving/donation_form.html",
            _form_context(page, form, frequency, provider, attribution=attribution),
        )

    frequency = _frequency(request.POST)
    form = DonationForm(request.POST, presets=presets, frequency=frequency)

    def again(status: int, problem: str = "", confirming: bool = False) -> HttpResponse:
        if problem:
            form.add_error(None, problem)
        context = _form_context(page, form, frequency, provider, confirming=confirming, attribution=attribution)
        return render(request, "giving/donation_form.html", context, status=status)

    if provider is None:
        return again(503, _("We cannot take gifts online right now. Nothing was charged. Please try again later."))
    if not form.is_valid():
        return again(400)
    if form.is_bot:
        return again(400, _("We could not accept this form. Please try again."))
    if form.needs_confirmation:
        return again(200, confirming=True)
    if settings.TURNSTILE_SECRET_KEY and not turnstile_passed(request):
        return again(400, _("Please confirm you are not a robot, then try again."))
    data = form.cleaned_data
    client_key = ratelimit.client_key(request)
    limited = ratelimit.exceeded(
        "checkout-ip", client_key, limit=settings.CHECKOUTS_PER_IP_PER_HOUR
    ) or ratelimit.exceeded("checkout-email", data["email"].lower(), limit=settings.CHECKOUTS_PER_EMAIL_PER_HOUR)
    if limited or selectors.is_blocked_after_failures(
        client_key=client_key, email=data["email"], limit=settings.FAILED_PAYMENTS_BEFORE_BLOCK
    ):
        return again(
            429, _("There have been too many attempts to give from here. Please wait an hour, or write to us.")
        )
    # With Turnstile configured, this donor has just passed its challenge: past the ceiling they go on.
    if checkout_ceiling_reached() and not settings.TURNSTILE_SECRET_KEY:
        busy = again(
            429,
            _(
                "Many gifts are being started right now, so we have paused new ones for a moment. Please try "
                "again in a few minutes: everything you entered is still here, and nothing was charged."
            ),
        )
        busy["Retry-After"] = str(ratelimit.seconds_left(CEILING_WINDOW_SECONDS))
        return busy
    details = donor_services.GiftDetails(
        frequency=frequency,
        amount_cents=data["amount_cents"],
        fee_cents=data["fee_cents"],
        donor_name=data["donor_name"].strip(),
        email=data["email"],
        anonymous=data["anonymous"],
        tribute=data["tribute"],
        tribute_name=data["tribute_name"].strip(),
        tribute_on_wall=data["tribute_on_wall"],
        notify_name=data["notify_name"].strip(),
        notify_email=data["notify_email"],
        message=data["message"].strip(),
        on_wall=data["on_wall"] or (data["anonymous"] and bool(data["message"].strip())),
        language=get_language() or "en",
    )
    donation = donor_services.donation_start(
        campaign=page,
        details=details,
        provider=provider.name,
        is_test=provider.is_test,
        client_key=client_key,
        attribution=attribution,
    )
    thank_you = request.build_absolute_uri(page.url + page.reverse_subpage("thank_you", args=[donation.reference]))
    form_url = attribution.form_url if attribution else page.url + page.reverse_subpage("donate")
    cancel = request.build_absolute_uri(form_url + f"?frequency={frequency}&resume={donation.reference}")
    try:
        checkout = provider.create_checkout(
            CheckoutRequest(
                reference=donation.reference,
                amount_cents=donation.amount_cents,
                currency=donation.currency,
                monthly=frequency == Frequency.MONTHLY,
                description=_("Gift to %(campaign)s") % {"campaign": page.title},
                email=donation.email,
                success_url=thank_you,
                cancel_url=cancel,
                idempotency_key=f"checkout:{donation.reference}",
                locale=details.language,
                customer_id=selectors.returning_customer(email=donation.email, provider=provider.name)
                if frequency == Frequency.MONTHLY
                else "",
            )
        )
    except ProviderError:
        logger.exception("Checkout could not be created for %s", donation.reference)
        return again(503, _("Our payment service did not answer. Nothing was charged. Please try again."))
    donor_services.donation_attach_checkout(donation=donation, checkout_id=checkout.id)
    # Only this browser's session may see the gift's details on the thank-you page.
    request.session[MY_GIFTS] = [*request.session.get(MY_GIFTS, [])[-9:], donation.reference]
    return HttpResponseRedirect(checkout.url, status=303)


def _own_gift(request: HttpRequest, reference: str) -> Donation | None:
    """A gift started from this browser's session, else None: nobody else's details are shown."""
    if not reference or reference not in request.session.get(MY_GIFTS, []):
        return None
    return selectors.donation_by_reference(reference)


@never_cache
def thank_you(request: HttpRequest, page: CampaignPage, reference: str) -> HttpResponse:
    donation = selectors.donation_by_reference(reference)
    if donation is None or donation.campaign_key != page.translation_key:
        raise Http404
    provider = selectors.open_provider()
    if donation.status == donation.Status.PENDING and donation.checkout_id and provider is not None:
        try:
            # Whichever comes first, this page or the webhook, completes the gift; the other finds it done.
            provider_sync.donation_sync_checkout(
                checkout=get_provider(donation.provider).fetch_checkout(donation.checkout_id), source="thank-you page"
            )
            donation.refresh_from_db()
        except (ProviderError, PaymentsClosed):
            logger.warning("Could not confirm %s from the thank-you page", reference)
    impact = next(
        (
            a.impact
            for a in page.amounts.all()
            if a.amount_cents == donation.gift_cents and a.frequency == donation.frequency
        ),
        "",
    )
    mine = reference in request.session.get(MY_GIFTS, [])
    paid = donation.status == donation.Status.SUCCEEDED
    campaign_url = request.build_absolute_uri(page.url)
    context = {
        "page": page,
        "donation": donation,
        # The reference is also the receipt number: whoever else holds it sees no personal details.
        "mine": mine,
        "receipt_url": receipt_url(donation) if mine and paid else "",
        # Shares name the campaign's page, never this one (its address holds the gift's reference).
        "campaign_url": campaign_url,
        "share_links": share_links(campaign_url, page.title) if paid else [],
        "impact": impact,
        "progress": selectors.campaign_progress(campaign=page, include_test=selectors.shows_test_gifts(provider)),
        "test_mode": selectors.shows_test_gifts(provider),
        "match": thank_you_match(donation) if mine and paid else None,
    }
    fundraiser = donation.fundraiser
    if fundraiser is not None and fundraiser.is_public:  # made on a supporter's page: back to it, and try again there
        url = fundraiser.get_absolute_url()
        context |= {"fundraiser_url": url, "fundraiser_title": fundraiser.title, "retry_url": f"{url}give/"}
    return render(request, "giving/thank_you.html", context)


# The campaign page's routes call these (see CampaignRoutes in models.py; handed over in apps.py).
CAMPAIGN_ROUTES = CampaignRoutes(context=campaign_context, page=campaign, donate=donate, thank_you=thank_you)


def receipt_view(request: HttpRequest, token: str) -> HttpResponse:
    reference = donation_for_receipt_token(token)
    donation = selectors.donation_by_reference(reference) if reference else None
    if donation is None or donation.status not in (donation.Status.SUCCEEDED, donation.Status.REFUNDED):
        raise Http404
    response = HttpResponse(receipt_pdf(donation), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="receipt-{donation.reference}.pdf"'
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
