"""The Stripe webhook endpoint, and the local test provider's checkout and customer-portal pages."""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from omshub.payments import events
from omshub.payments.local_provider import PORTAL_SALT, LocalProvider, local_event, new_id
from omshub.payments.models import LocalCheckout
from omshub.payments.provider import InvalidSignature
from omshub.payments.registry import PaymentsClosed, get_provider

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    try:
        provider = get_provider("stripe")
    except PaymentsClosed:
        raise Http404 from None
    try:
        event = provider.parse_webhook(request.body, {k.lower(): v for k, v in request.headers.items()})
    except InvalidSignature:
        return HttpResponseBadRequest("invalid signature")
    try:
        outcome = events.accept(provider, event)
    except Exception:
        logger.exception("Payment event %s could not be stored; the provider will send it again", event.id)
        return HttpResponse("not stored, please retry", status=500)
    return HttpResponse(outcome.value)


def _local_provider() -> LocalProvider:
    provider = get_provider("local")
    assert isinstance(provider, LocalProvider)
    return provider


ACTIONS = ("succeed", "fail", "later", "cancel", "settle")


@never_cache
@require_http_methods(["GET", "POST"])
def local_checkout(request: HttpRequest, checkout_id: str) -> HttpResponse:
    try:
        provider = _local_provider()
    except PaymentsClosed:
        raise Http404 from None
    checkout = get_object_or_404(LocalCheckout, pk=checkout_id)
    if request.method == "GET":
        return _checkout_page(request, checkout)
    action = request.POST.get("action", "")
    if action not in ACTIONS:
        return _checkout_page(request, checkout, status=400)
    if action == "cancel":
        return redirect(checkout.cancel_url)
    sent = _play(checkout, action)
    for event in sent:
        events.receive(provider, event)
    return redirect(checkout.success_url)


def _checkout_page(request: HttpRequest, checkout: LocalCheckout, status: int = 200) -> HttpResponse:
    """The test payment page in the donor's language, as Stripe's page follows the checkout's locale.

    This page lives outside the language-prefixed URLs, so the language comes from where the
    donor returns: a thank-you page under /es/ means a Spanish-speaking donor.
    """
    language = translation.get_language_from_path(urlsplit(checkout.success_url).path) or settings.LANGUAGE_CODE
    with translation.override(language):
        response = render(request, "payments/local_checkout.html", {"checkout": checkout}, status=status)
    response["Content-Language"] = language
    return response


def _play(checkout: LocalCheckout, action: str) -> list:
    """Change the local checkout as the bank would, and say which events Stripe would send."""
    with transaction.atomic():
        checkout = LocalCheckout.objects.select_for_update().get(pk=checkout.pk)
        if action == "settle":
            if checkout.status != "complete" or checkout.payment_status == "paid" or checkout.payment_failed:
                return []
            _mark_paid(checkout)
            checkout.save()
            return [local_event("checkout.session.async_payment_succeeded", checkout.id)]
        if checkout.status != "open":
            return []  # a second click, or the back button: the first answer stands
        checkout.status = "complete"
        checkout.customer_id = checkout.customer_id or new_id("cus")
        sent = [local_event("checkout.session.completed", checkout.id)]
        if action == "succeed":
            _mark_paid(checkout)
        elif action == "fail":
            checkout.payment_failed = True
            sent.append(local_event("checkout.session.async_payment_failed", checkout.id))
        checkout.save()
        return sent


def _mark_paid(checkout: LocalCheckout) -> None:
    checkout.payment_status = "paid"
    checkout.payment_intent_id = new_id("pi")
    checkout.charge_id = new_id("ch")
    if checkout.monthly:
        checkout.subscription_id = new_id("sub")
        checkout.subscription_status = "active"


@never_cache
@require_http_methods(["GET", "POST"])
def local_portal(request: HttpRequest, token: str) -> HttpResponse:
    try:
        provider = _local_provider()
        portal = signing.loads(token, salt=PORTAL_SALT, max_age=3600)
    except (PaymentsClosed, signing.BadSignature):
        raise Http404 from None
    subscriptions = LocalCheckout.objects.filter(customer_id=portal["customer"]).exclude(subscription_id="")
    if request.method == "POST":
        subscription = get_object_or_404(subscriptions, subscription_id=request.POST.get("subscription", ""))
        if request.POST.get("confirm") != "yes":
            # As Stripe's portal does: stopping a gift is asked twice, so a slip of the thumb stops nothing.
            context = {"subscription": subscription, "return_url": portal["return"]}
            return render(request, "payments/local_portal_confirm.html", context)
        with transaction.atomic():
            changed = LocalCheckout.objects.filter(pk=subscription.pk, subscription_status="active").update(
                subscription_status="canceled"
            )
        if changed:
            events.receive(provider, local_event("customer.subscription.deleted", subscription.subscription_id))
        return redirect(request.path)
    return render(
        request, "payments/local_portal.html", {"subscriptions": subscriptions, "return_url": portal["return"]}
    )
