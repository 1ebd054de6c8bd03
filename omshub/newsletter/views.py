"""Newsletter pages: sign up, confirm, preferences, unsubscribe. Thin: forms validate, services write.

Every page behind a person's link (confirm, preferences, unsubscribe) is private (no-store,
noindex). Two views are exempt from CSRF, each for a reason:
- `signup`: its form sits in the footer of pages the whole-page cache shares between visitors,
  which must carry no per-visitor token. Instead a browser's POST must come from this site
  (its Origin or Sec-Fetch-Site header say so), so no other site can sign its visitors up;
  and a sign-up can only send one confirmation email, rate-limited per address and per
  visitor: no consent, no mail.
- `unsubscribe`: RFC 8058 one-click. The mail client POSTs with no cookies and no token; the
  POST is idempotent and only ever removes mail.
"""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from omshub.core import ratelimit
from omshub.core.private import private
from omshub.giving.turnstile import turnstile_passed
from omshub.newsletter import services
from omshub.newsletter.forms import CONSENT_TEXT, PreferencesForm, SignupForm
from omshub.newsletter.models import Subscriber


def _from_another_site(request: HttpRequest) -> bool:
    """A browser names where a POST comes from: refused when it is not this site. Clients that
    send neither header are no browser a forged page could drive."""
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        return True
    origin = request.headers.get("Origin")
    own = f"{request.scheme}://{request.get_host()}"
    return origin is not None and origin != own and origin not in settings.CSRF_TRUSTED_ORIGINS


def _signup_page(request: HttpRequest, form: SignupForm, *, status: int = 200, check: bool = False) -> HttpResponse:
    context = {"form": form, "consent_text": CONSENT_TEXT, "turnstile_site_key": settings.TURNSTILE_SITE_KEY}
    return private(render(request, "newsletter/signup.html", context | {"turnstile_check": check}, status=status))


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _signup_page(request, SignupForm(initial={"source": Subscriber.Source.PAGE}))
    form = SignupForm(request.POST)
    if _from_another_site(request):
        form.add_error(None, _("Please sign up here, on our own site."))
        return _signup_page(request, form, status=403)
    if not form.is_valid():
        return _signup_page(request, form, status=400)
    if settings.TURNSTILE_SECRET_KEY and not turnstile_passed(request):
        # From the footer there is no widget: this page shows it, with the address kept.
        return _signup_page(request, form, status=400, check=True)
    email = form.cleaned_data["email"].lower()
    ip_key = ratelimit.client_key(request)
    if ratelimit.exceeded(
        "newsletter-ip", ip_key, limit=settings.NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR
    ) or ratelimit.exceeded("newsletter-email", email, limit=settings.NEWSLETTER_SIGNUPS_PER_EMAIL_PER_HOUR):
        form.add_error(None, _("Too many sign-ups were asked for. Please wait an hour and try again."))
        return _signup_page(request, form, status=429)
    services.subscriber_sign_up(
        email=email,
        language=get_language() or settings.LANGUAGE_CODE,
        source=form.cleaned_data["source"],
        consent_text=str(CONSENT_TEXT),
        ip_hash=ip_key,
    )
    # The same answer whatever happened: the form reveals nobody's subscription.
    return private(render(request, "newsletter/sent.html", {"email": email}))


def _subscriber(token: str) -> Subscriber:
    subscriber = Subscriber.objects.filter(token=token).first()
    if subscriber is None:
        raise Http404("No such subscriber")
    return subscriber


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET only shows a button: mail scanners that fetch links must not confirm for the person."""
    subscriber = _subscriber(token)
    if request.method == "GET":
        return private(render(request, "newsletter/confirm.html", {"subscriber": subscriber}))
    services.subscriber_confirm(token=token, ip_hash=ratelimit.client_key(request))
    return redirect(f"{request.path.replace('/confirm/', '/preferences/')}?welcome=1")


@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = _subscriber(token)
    saved = False
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            subscriber = services.subscriber_set_preferences(
                token=token, topics=form.cleaned_data["topics"], language=form.cleaned_data["language"]
            )
            saved = True
    else:
        form = PreferencesForm(initial={"topics": subscriber.topics, "language": subscriber.language})
    context = {"form": form, "subscriber": subscriber, "saved": saved, "welcome": "welcome" in request.GET}
    return private(render(request, "newsletter/preferences.html", context, status=400 if form.errors else 200))


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET: a page with one button. POST (that button, or the mail client's RFC 8058 one-click): done."""
    subscriber = _subscriber(token)
    if request.method == "GET":
        return private(render(request, "newsletter/unsubscribe.html", {"subscriber": subscriber}))
    one_click = request.POST.get("List-Unsubscribe") == "One-Click"
    subscriber = services.subscriber_unsubscribe(
        token=token, how="one-click (RFC 8058)" if one_click else "unsubscribe page"
    )
    return private(render(request, "newsletter/unsubscribed.html", {"subscriber": subscriber}))
