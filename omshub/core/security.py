"""The Wagtail admin's own Content-Security-Policy.

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
