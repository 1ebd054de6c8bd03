"""The provider's webhook skips the middleware made for people.

Stripe's signed POST needs no session, language, CSRF token, login, page cache, redirect or
login lockout, and at hundreds of events a second those were a third of its cost. This runs
after SecurityMiddleware (HTTPS redirect, HSTS) and the Content-Security-Policy header, so
every answer keeps those.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from omshub.payments import views


class WebhookShortcutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._path = ""

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self._path:  # the URLconf is not loaded yet when middleware is built
            self._path = reverse("payments:stripe_webhook")
        if request.path == self._path:
            return views.stripe_webhook(request)
        return self.get_response(request)
