"""Security helpers: the Wagtail admin's own Content-Security-Policy, and the client's address.

Wagtail's admin still ships inline scripts and style attributes without nonces, so the
strict public policy would break it. Admin pages, seen only by signed-in staff, get a
policy that allows inline code but still loads nothing from any other origin. Public
pages keep the strict policy. See docs/decisions/0002-admin-csp.md.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

ADMIN_PREFIX = "/admin/"


class AdminContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(ADMIN_PREFIX):
            response._csp_config = settings.SECURE_CSP_ADMIN  # type: ignore[attr-defined]
        return response


def client_ip(request: HttpRequest) -> str | None:
    """The visitor's address, for login lockouts and rate limits.

    Behind TRUSTED_PROXY_COUNT proxies, the address the outermost trusted proxy saw is that
    many entries from the end of X-Forwarded-For; earlier entries are the client's to forge.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
