"""The provider's webhook skips the middleware made for people.

Stripe's signed POST needs no session, language, CSRF token, login, page cache, redirect or
login lockout, and at hundreds of events a second those were a third of its cost. This runs
after SecurityMiddleware (HTTPS redirect, HSTS) and the Content-Security-Policy header, so
every answer keeps those, and it still refuses a Host outside ALLOWED_HOSTS. The view is
called directly: no URL resolving, no view middleware, no ATOMIC_REQUESTS (it commits its one
INSERT itself).
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
            request.get_host()  # DisallowedHost (400) for a Host we do not serve, as CommonMiddleware would
            return views.stripe_webhook(request)
        return self.get_response(request)
