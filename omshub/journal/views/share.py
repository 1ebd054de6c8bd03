"""Share links: the owner makes and revokes them; a clinician with the link reads one child's period.

The public page answers every request (the passcode form, the gone page, even a CSRF failure)
with a same-origin referrer policy, no-store and noindex, so the token leaks nowhere and nothing keeps a copy.
"""

from collections.abc import Callable
from functools import wraps
from typing import cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from omshub.core.dates import clamp
from omshub.core.private import private
from omshub.journal import selectors, sharing
from omshub.journal.chart import trend_chart
from omshub.journal.domains import SUM_NAME, domains, sum_note
from omshub.journal.forms_share import PasscodeForm, ShareLinkForm
from omshub.journal.views.context import audit_context
from omshub.journal.views.private import journal_view, once_token, spend_once

NEW_LINK = "journal-new-share-link"


@journal_view
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, child_id: int) -> HttpResponse:
    child, links = selectors.share_links_of(request.user, child_id)
    form = ShareLinkForm(request.POST or None)
    # A new link is shown once: kept in the session only until the page after the redirect
    # shows it, so that reloading that page creates nothing and shows it no more.
    new = request.session.pop(NEW_LINK, None) if request.method == "GET" else None
    new = new if new and new.get("child") == child.pk else None
    context = {
        "child": child,
        "form": form,
        "once": once_token(request),
        "links": sharing.with_browsers(links),
        "new_url": new["url"] if new else "",
        "new_link": {"expires_at": parse_datetime(new["expires_at"]), "passcode_hash": new["passcode"]}
        if new
        else None,
    }
    if request.method == "POST" and form.is_valid() and not spend_once(request):
        return redirect("journal:share", child.pk)  # a second tap: the first made the link
    if request.method == "POST" and form.is_valid():
        if sharing.creation_limited(request.user):
            form.add_error(None, _("You have made many links in the last hour. Please wait a while and try again."))
            return render(request, "journal/share.html", context, status=429)
        link, url = sharing.share_link_create(
            actor=request.user, context=audit_context(request), child=child, **form.cleaned_data
        )
        request.session[NEW_LINK] = {
            "child": child.pk,
            "url": url,
            "expires_at": link.expires_at.isoformat(),
            "passcode": bool(link.passcode_hash),
        }
        return redirect("journal:share", child.pk)
    return render(request, "journal/share.html", context, status=400 if form.errors else 200)


@journal_view
@require_POST
def revoke(request: HttpRequest, child_id: int, link_id: int) -> HttpResponse:
    link = selectors.share_link_of(request.user, child_id, link_id)
    sharing.share_link_revoke(actor=request.user, context=audit_context(request), link=link)
    messages.success(request, _("The link is revoked. It no longer opens anything."))
    return redirect("journal:share", child_id)


def shared_headers(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Every answer of the public page: its address (a working key) never sent to another site as a
    referrer, never stored, never indexed.

    "same-origin" rather than "no-referrer": under no-referrer browsers post its forms with
    `Origin: null`, which Django's CSRF check rightly refuses. CSRF is checked inside, so that
    even its refusal carries these headers.
    """
    checked = cast(Callable[..., HttpResponse], csrf_protect(view))

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = private(checked(request, *args, **kwargs))
        response["Referrer-Policy"] = "same-origin"
        return response

    return csrf_exempt(never_cache(wrapper))


def _gone(request: HttpRequest) -> HttpResponse:
    return render(request, "journal/shared_gone.html", status=404)


def _passcode(request: HttpRequest, form: PasscodeForm, status: int) -> HttpResponse:
    return render(request, "journal/shared_passcode.html", {"form": form}, status=status)


@shared_headers
@require_http_methods(["GET", "POST"])
def shared(request: HttpRequest, token: str) -> HttpResponse:
    link = sharing.link_for_token(token)
    if link is None:
        return _gone(request)
    if not sharing.unlocked(request, link):
        if request.method != "POST":
            return _passcode(request, PasscodeForm(), 200)
        form = PasscodeForm(request.POST)
        if sharing.passcode_limited(request, link):
            form.add_error(None, _("Too many tries. Please wait 15 minutes and try again."))
            return _passcode(request, form, 429)
        if not form.is_valid():
            return _passcode(request, form, 400)
        if not sharing.passcode_matches(link, form.cleaned_data["passcode"]):
            if sharing.passcode_failed(context=audit_context(request), link=link):
                return _gone(request)
            form.add_error("passcode", _("That passcode is not right. Check it with the family and try again."))
            return _passcode(request, form, 400)
        sharing.unlock(request, link)
        return redirect(request.path)
    # Held within the sensible range: a link made before the forms checked it may end in year 9999.
    start, end = clamp(link.data_from, link.data_to, timezone.localdate())
    records = sharing.for_clinician(selectors.records_of(link.child, start, end))
    sharing.share_view_record(context=audit_context(request), link=link)
    context = {
        "link": link,
        "child": link.child,
        "age": link.child.age_text(),
        "records": records,
        "sum_name": SUM_NAME,
        "sum_note": sum_note(),
        "domains": domains(),
        "noted": [observation for observation in records.observations if observation.notes],
        "chart": trend_chart(records),
        "token": token,  # the clips' addresses are under this page's
    }
    return render(request, "journal/shared.html", context)
