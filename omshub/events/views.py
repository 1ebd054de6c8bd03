"""Public event views: the list, an event's page with its registration form, and the attendee's
ticket (status, QR code, calendar file, receipt, pay, take an offered seat, cancel). Thin:
forms validate, services write, selectors read."""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from omshub.core import ratelimit
from omshub.core.links import absolute
from omshub.core.private import private
from omshub.events import selectors, services
from omshub.events.calendar import ics_filename, ics_for
from omshub.events.forms import RegistrationForm
from omshub.events.models import Registration
from omshub.events.payments import CheckoutUnavailable, provider_or_none, ticket_checkout_start
from omshub.events.receipt import receipt_lines
from omshub.giving.sharing import qr_svg

REGISTRATIONS_PER_IP_PER_HOUR = 20
REGISTRATIONS_PER_EMAIL_PER_HOUR = 5
Status = Registration.Status


def _found[T](read: Callable[[], T]) -> T:
    try:
        return read()
    except selectors.NotFound:
        raise Http404 from None


def event_list(request: HttpRequest) -> HttpResponse:
    return render(request, "events/list.html", {"events": list(selectors.events_upcoming())})


@never_cache
@require_http_methods(["GET", "POST"])
def event_page(request: HttpRequest, slug: str) -> HttpResponse:
    event = _found(lambda: selectors.event_for_public(slug=slug))
    provider = provider_or_none()
    form = RegistrationForm(request.POST or None, allow_donation=provider is not None)
    seats = selectors.event_seats(event=event)

    def again(status: int, problem: str = "") -> HttpResponse:
        if problem:
            form.add_error(None, problem)
        context = {"event": event, "form": form, "seats": seats, "payments_open": provider is not None}
        return render(request, "events/event.html", context, status=status)

    if request.method == "GET":
        return again(200)
    if not form.is_valid():
        return again(400)
    if form.is_bot:
        return again(400, _("We could not accept this form. Please try again."))
    if provider is None and not event.is_free:
        return again(503, _("We cannot take payments online right now. Nothing was charged. Please try again later."))
    client_key = ratelimit.client_key(request)
    email = form.cleaned_data["email"]
    if ratelimit.exceeded("event-ip", client_key, limit=REGISTRATIONS_PER_IP_PER_HOUR) or ratelimit.exceeded(
        "event-email", hashlib.sha256(email.lower().encode()).hexdigest(), limit=REGISTRATIONS_PER_EMAIL_PER_HOUR
    ):
        return again(429, _("There have been many registrations from here. Please wait an hour, or write to us."))
    attendee = services.Attendee(
        name=form.cleaned_data["name"],
        email=email,
        language=get_language() or settings.LANGUAGE_CODE,
        donation_cents=form.donation_cents(),
    )
    try:
        registration = services.registration_start(
            event_id=event.pk,
            attendee=attendee,
            provider=provider.name if provider else "",
            is_test=bool(provider and provider.is_test),
            client_key=client_key,
        )
    except services.RegistrationClosed:
        return again(409, _("Registration for this event is closed."))
    if registration.status == Status.HELD:
        return _to_checkout(request, registration)
    return redirect(registration.get_absolute_url())


def _to_checkout(request: HttpRequest, registration: Registration) -> HttpResponse:
    provider = provider_or_none()
    ticket = request.build_absolute_uri(registration.get_absolute_url())
    try:
        if provider is None:
            raise CheckoutUnavailable
        url = ticket_checkout_start(
            provider=provider,
            registration=registration,
            description=_("Ticket: %(event)s") % {"event": registration.event.shown_title()},
            success_url=ticket,
            cancel_url=ticket,
        )
    except CheckoutUnavailable:
        return redirect(ticket + "?problem=payment")
    return HttpResponseRedirect(url)


def _ticket_context(request: HttpRequest, registration: Registration) -> dict:
    door = absolute(reverse("events_door:ticket", args=[registration.event_id, registration.reference]))
    return {
        "registration": registration,
        "event": registration.event,
        "qr_svg": qr_svg(door) if registration.status == Status.CONFIRMED else "",
        "position": selectors.waitlist_position(registration=registration),
        "receipt": receipt_lines(registration),
        "payment_problem": request.GET.get("problem") == "payment",
    }


@never_cache
@require_http_methods(["GET"])
def ticket(request: HttpRequest, token: str) -> HttpResponse:
    registration = _found(lambda: selectors.registration_for_token(token=token))
    return private(render(request, "events/ticket.html", _ticket_context(request, registration)))


@never_cache
@require_http_methods(["GET"])
def ticket_calendar(request: HttpRequest, token: str) -> HttpResponse:
    registration = _found(lambda: selectors.registration_for_token(token=token))
    if registration.status != Status.CONFIRMED:
        raise Http404
    response = HttpResponse(ics_for(registration), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ics_filename(registration)}"'
    return private(response)


@require_POST
def ticket_pay(request: HttpRequest, token: str) -> HttpResponse:
    """Back to the payment page for a seat still held (the person left it, or it failed)."""
    registration = _found(lambda: selectors.registration_for_token(token=token))
    if registration.status != Status.HELD:
        return redirect(registration.get_absolute_url())
    return _to_checkout(request, registration)


@require_POST
def ticket_claim(request: HttpRequest, token: str) -> HttpResponse:
    """The waitlisted person takes the seat offered to them."""
    registration = _found(lambda: selectors.registration_for_token(token=token))
    try:
        registration = services.offer_claim(registration_id=registration.pk, donation_cents=registration.donation_cents)
    except services.NotAllowed:
        return redirect(registration.get_absolute_url())
    if registration.status == Status.HELD:
        return _to_checkout(request, registration)
    return redirect(registration.get_absolute_url())


@require_POST
def ticket_cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = _found(lambda: selectors.registration_for_token(token=token))
    if request.POST.get("confirm") != "yes":
        return private(
            render(request, "events/cancel_confirm.html", _ticket_context(request, registration), status=200)
        )
    services.registration_cancel(registration_id=registration.pk)
    return redirect(registration.get_absolute_url())
