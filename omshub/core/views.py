"""Small site-wide views that are not pages, and the error page for a database that is away."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views import defaults
from django.views.decorators.http import require_GET

# Seconds a visitor (or a crawler, or Stripe) is asked to wait when the database is away.
DATABASE_AWAY_RETRY_AFTER = 30


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    return HttpResponse(f"User-agent: *\nDisallow: /admin/\n\nSitemap: {sitemap}\n", content_type="text/plain")


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    return HttpResponsePermanentRedirect(static("core/img/favicon.svg"))


def server_error(request: HttpRequest) -> HttpResponse:
    """The site's handler500. When the error is the database that cannot be reached (restarting,
    failing over: psycopg's connect timeout makes that quick), a 503 "back in a moment" page in the
    visitor's language with Retry-After, built without the database; any other error, Django's 500.
    Django calls this while it handles the exception, so `sys.exc_info()` is that exception."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(DATABASE_AWAY_RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response
    return defaults.server_error(request)
