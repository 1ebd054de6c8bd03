"""Absolute links (share links, invitations, receipts, canonical addresses): one rule for all.

In production a link always starts with the configured public address
(WAGTAILADMIN_BASE_URL), whatever Host a request came with. In development
(LINKS_FOLLOW_REQUEST_HOST) a link made while a request runs starts with the address the
site is being served at, so `make run PORT=8301` hands out links to port 8301; Django's
`get_host()` checks that address against ALLOWED_HOSTS first. Work done with no request
(a background task, a management command) uses the configured address.

The middleware keeps the served address in a context variable for the length of one
request, the way Django keeps the active language, so services need no request to call
`absolute()` and stay free of HTTP.
"""

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

_served_at: ContextVar[str | None] = ContextVar("served_at", default=None)


def base_url() -> str:
    """The address links start with now: the request's in development, else the configured one."""
    return (_served_at.get() or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def absolute(path: str) -> str:
    """`path` (starting with /) on the site's address."""
    if path.startswith(("http://", "https://")):
        return path  # a page of another Wagtail site has a full address already
    return base_url() + path


def page_address(page: Any) -> str:
    """A Wagtail page's full address: its Site's in production, the served one in development.

    The demo's Site keeps the host and port it was first loaded with, so in development the
    request's address is the one that matches what the reader typed.
    """
    if _served_at.get() is None:
        return page.full_url or ""
    return absolute(page.url) if page.url else ""


class ServedAddressMiddleware:
    """In development, remember the address this request was served at while it runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.LINKS_FOLLOW_REQUEST_HOST:
            return self.get_response(request)
        # get_host() raises DisallowedHost (a 400) for a Host outside ALLOWED_HOSTS.
        token = _served_at.set(f"{request.scheme}://{request.get_host()}")
        try:
            return self.get_response(request)
        finally:
            _served_at.reset(token)
