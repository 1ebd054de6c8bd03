"""One way to answer privately: never stored by a cache, never indexed (journal pages, a donor's page)."""

from django.http import HttpResponse


def private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
