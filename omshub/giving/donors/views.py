"""A donor's own page and the way in. Thin: the form validates, services write, selectors read.

Every page behind the link is private (no-store, noindex) and needs the short session a spent
link opens; without it, the donor is sent to ask for a new link and sees nothing else."""

import logging
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from omshub.core import ratelimit
from omshub.core.private import private
from omshub.giving.donors import selectors
from omshub.giving.donors.forms import LinkForm
from omshub.giving.donors.services import LINK_LIFETIME, donor_link_spend
from omshub.giving.donors.session import session_close, session_email, session_open
from omshub.giving.donors.statement import statement_pdf
from omshub.giving.donors.tasks import send_donor_link
from omshub.giving.receipts import receipt_pdf
from omshub.payments.provider import ProviderError
from omshub.payments.registry import PaymentsClosed, get_provider

logger = logging.getLogger(__name__)
LINKS_PER_IP_PER_HOUR = 10
LINKS_PER_EMAIL_PER_HOUR = 3
MINUTES = int(LINK_LIFETIME.total_seconds() // 60)


def _ask(request: HttpRequest, form: LinkForm, *, status: int = 200, refused: bool = False) -> HttpResponse:
    context = {"form": form, "refused": refused, "minutes": MINUTES}
    return private(render(request, "donors/start.html", context, status=status))


@never_cache
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _ask(request, LinkForm())
    form = LinkForm(request.POST)
    if not form.is_valid():
        return _ask(request, form, status=400)
    email = form.cleaned_data["email"].lower()
    if ratelimit.exceeded("donor-link-ip", ratelimit.client_key(request), limit=LINKS_PER_IP_PER_HOUR) or (
        ratelimit.exceeded("donor-link-email", email, limit=LINKS_PER_EMAIL_PER_HOUR)
    ):
        form.add_error(None, _("Too many links were asked for. Please wait an hour and try again."))
        return _ask(request, form, status=429)
    send_donor_link.enqueue(email, get_language() or settings.LANGUAGE_CODE)
    # The same answer whether or not anyone gave with this address: it reveals nobody's giving.
    return private(render(request, "donors/sent.html", {"email": email, "minutes": MINUTES}))


@never_cache
@require_http_methods(["GET", "POST"])
def open_link(request: HttpRequest, token: str) -> HttpResponse:
    """GET only shows a button: mail scanners that fetch links must not spend the donor's link."""
    if request.method == "GET":
        if not selectors.link_is_live(token=token):
            return _ask(request, LinkForm(), status=410, refused=True)
        return private(render(request, "donors/open.html", {}))
    email = donor_link_spend(token=token)
    if email is None:
        return _ask(request, LinkForm(), status=410, refused=True)
    session_open(request, email)
    return redirect("donors:home")


def donor_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Only with the session a link opened (else: ask for a link); never stored by any cache."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        email = session_email(request)
        if email is None:
            return private(HttpResponseRedirect(reverse("donors:start")))
        try:
            return private(view(request, email, *args, **kwargs))
        except selectors.NotFound:
            raise Http404 from None

    return never_cache(wrapper)


def _home(request: HttpRequest, email: str, *, status: int = 200, unavailable: bool = False) -> HttpResponse:
    context = {
        "email": email,
        "gifts": selectors.donor_gifts(email=email),
        "years": selectors.statement_years(email=email),
        "plans": selectors.donor_plans(email=email),
        "unavailable": unavailable,
    }
    return render(request, "donors/home.html", context, status=status)


@donor_view
def home(request: HttpRequest, email: str) -> HttpResponse:
    return _home(request, email)


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Referrer-Policy"] = "no-referrer"
    return response


@donor_view
def receipt(request: HttpRequest, email: str, reference: str) -> HttpResponse:
    gift = selectors.donor_gift(email=email, reference=reference)
    return _pdf(receipt_pdf(gift), f"receipt-{gift.reference}.pdf")


@donor_view
def statement(request: HttpRequest, email: str, year: int) -> HttpResponse:
    if year not in selectors.statement_years(email=email):
        raise selectors.NotFound(year)
    pdf = statement_pdf(email=email, year=year, language=get_language() or settings.LANGUAGE_CODE)
    return _pdf(pdf, f"giving-statement-{year}.pdf")


@require_POST
@donor_view
def monthly(request: HttpRequest, email: str, plan_id: int) -> HttpResponse:
    """To the provider's customer portal (Stripe's in live mode), which changes or stops the gift."""
    plan = selectors.donor_plan(email=email, plan_id=plan_id)
    try:
        url = get_provider(plan.provider).portal_url(
            customer_id=plan.customer_id, return_url=request.build_absolute_uri(reverse("donors:home"))
        )
    except (ProviderError, PaymentsClosed):
        logger.exception("Customer portal unavailable")
        return _home(request, email, status=503, unavailable=True)
    return HttpResponseRedirect(url, status=303)


@never_cache
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    session_close(request)
    return private(redirect("donors:start"))
