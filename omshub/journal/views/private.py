"""What every journal page shares: signed in, never cached by anyone, never indexed."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache


def private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def journal_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in only (strangers go to sign in), and the answer is never stored by a cache."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return private(view(request, *args, **kwargs))

    return never_cache(login_required(wrapper))
