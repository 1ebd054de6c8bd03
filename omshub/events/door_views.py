"""The check-in list at the door, for staff on a phone: search by name, tick, untick. Plain
forms (GET to search, POST to tick, CSRF-checked), so it works without JavaScript. A ticket's QR
code opens its own line here. Served under /admin/ (the admin checks staff access and two-factor
first); ticking needs the permission to change registrations."""

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from omshub.core.private import private
from omshub.events import selectors, services
from omshub.events.forms import DoorSearchForm

PERMISSION = "events.change_registration"


def door_staff(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def check(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        try:
            return private(view(request, *args, **kwargs))
        except selectors.NotFound:
            raise Http404 from None

    return check


def _back(event_id: int, query: str) -> str:
    url = reverse("events_door:list", args=[event_id])
    return url + ("?" + urlencode({"q": query}) if query else "")


@door_staff
@require_http_methods(["GET"])
def door_list(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_for_staff(event_id=event_id)
    form = DoorSearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    arrived, expected = selectors.door_counts(event=event)
    context = {
        "event": event,
        "form": form,
        "query": query,
        "tickets": selectors.door_list(event=event, query=query),
        "arrived": arrived,
        "expected": expected,
    }
    return render(request, "events/door_list.html", context)


@door_staff
@require_http_methods(["GET", "POST"])
def door_ticket(request: HttpRequest, event_id: int, reference: str) -> HttpResponse:
    """One ticket, as its QR code opens it: who, and a button to tick them in."""
    event = selectors.event_for_staff(event_id=event_id)
    registration = selectors.ticket_for_staff(event=event, reference=reference)
    if request.method == "POST":
        query = request.POST.get("q", "")[:80]
        try:
            services.checkin_set(
                registration_id=registration.pk, checked_in=request.POST.get("arrived") == "yes", actor=request.user
            )
        except services.NotAllowed:
            pass  # not a confirmed ticket: the page says so
        else:
            if request.POST.get("from") == "list":
                return redirect(_back(event.pk, query) + f"#ticket-{registration.reference}")
        return redirect(request.path)
    return render(request, "events/door_ticket.html", {"event": event, "ticket": registration})
