"""What every journal page shares: signed in, never cached by anyone, never indexed."""

import secrets
from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache

from omshub.core.private import private


def journal_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in only (strangers go to sign in), and the answer is never stored by a cache."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return private(view(request, *args, **kwargs))

    return never_cache(login_required(wrapper))


ONCE = "journal-once"


def once_token(request: HttpRequest) -> str:
    """A one-time key for a form that creates something: a second tap on its button creates nothing."""
    token = request.POST.get("once") or secrets.token_urlsafe(16)
    kept = [t for t in request.session.get(ONCE, []) if t != token][-19:]
    request.session[ONCE] = [*kept, token]
    return token


def spend_once(request: HttpRequest) -> bool:
    """False when this form's key was used already (a double submit); a post without a key passes."""
    token = request.POST.get("once")
    if not token:
        return True
    kept = request.session.get(ONCE, [])
    if token not in kept:
        return False
    request.session[ONCE] = [t for t in kept if t != token]
    return True
