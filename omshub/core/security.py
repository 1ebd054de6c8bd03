"""Security helpers: the headers every response carries, the admin's own Content-Security-Policy,
and the client's address.

Wagtail's admin still ships inline scripts and style attributes without nonces, so the
strict public policy would break it. Admin pages seen by signed-in staff get a policy that
allows inline code but still loads nothing from any other origin; every other response,
the anonymous admin's redirects included, keeps the strict policy. See
docs/decisions/0002-admin-csp.md.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.views.decorators.csp import csp_override

ADMIN_ACCESS = "wagtailadmin.access_admin"


def staff_admin_policy(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """For Wagtail's admin views: the admin's relaxed policy, only for people who may open the admin."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.has_perm(ADMIN_ACCESS):  # False for anonymous visitors
            return csp_override(settings.SECURE_CSP_ADMIN)(view)(request, *args, **kwargs)
        return view(request, *args, **kwargs)

    return wrapped


class SecurityHeadersMiddleware:
    """What Django's SecurityMiddleware does not send, and cookies that stay on HTTPS.

    Cross-Origin-Resource-Policy and Permissions-Policy go on every response (static files
    too, so this sits outside WhiteNoise). On an HTTPS-only site every Set-Cookie carries
    Secure, including the lines that clear a cookie: Django's delete_cookie marks them
    Secure only for __Host-/__Secure- names, whatever SESSION_COOKIE_SECURE says.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", settings.SECURE_CROSS_ORIGIN_RESOURCE_POLICY)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", permissions_policy(settings.PERMISSIONS_POLICY))
        if settings.SESSION_COOKIE_SECURE or request.is_secure():
            for morsel in response.cookies.values():
                morsel["secure"] = True
        return response


def permissions_policy(features: dict[str, list[str]]) -> str:
    """{"camera": [], "fullscreen": ["self", "https://a.example"]} -> 'camera=(), fullscreen=(self "https://a.example")'."""

    def origin(value: str) -> str:
        return value if value in {"self", "*"} else f'"{value}"'

    return ", ".join(f"{feature}=({' '.join(origin(o) for o in allowed)})" for feature, allowed in features.items())


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
