"""One sign-in for everyone: the Wagtail admin is entered through allauth, and only with two-factor.

Wagtail's own login forms (the admin's, and the one for private pages) would take a
password alone, past allauth's two-factor stage, its email verification and its rate
limits. So they, and the admin's password reset, send people to allauth's; and staff
without an authenticator are sent to set one up before any admin page opens. Family
accounts that sign in fine are refused the admin with a plain page, rather than bounced
between two sign-in screens.
"""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

ADMIN_PREFIX = "/admin/"
AXES_USERNAME_LENGTH = 255
# Reachable while signed in without two-factor: signing out.
ADMIN_PATHS_WITHOUT_TWO_FACTOR = ("/admin/logout/",)


@never_cache
def login_elsewhere(request: HttpRequest) -> HttpResponseRedirect:
    """Wagtail's logins (the admin's, and private pages') never sign anyone in, GET or POST: allauth's does."""
    wanted = request.GET.get("next", "")
    hosts = {request.get_host()}
    safe = url_has_allowed_host_and_scheme(wanted, allowed_hosts=hosts, require_https=request.is_secure())
    target = wanted if wanted and safe else (ADMIN_PREFIX if request.path.startswith(ADMIN_PREFIX) else "/")
    return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")


@never_cache
def admin_password_reset(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseRedirect:
    return redirect("account_reset_password")


class StaffTwoFactorMiddleware:
    """Admin pages open only to people with admin access who have two-factor switched on."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            request.path.startswith(ADMIN_PREFIX)
            and user.is_authenticated
            and request.path not in ADMIN_PATHS_WITHOUT_TWO_FACTOR
        ):
            if not user.has_perm("wagtailadmin.access_admin"):
                return render(request, "accounts/admin_refused.html", status=403)
            if not is_mfa_enabled(user):
                messages.warning(
                    request, _("Staff need two-factor authentication to open the admin. Set up an authenticator app.")
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str | None:
    """The account a sign-in tried, so lockouts count per account, not per shared network.

    allauth authenticates with `email=`; its form posts `login`; Django's forms post `username`.
    """
    for source in (credentials or {}, request.POST):
        for field in ("email", "username", "login"):
            value = source.get(field)
            if value:
                # Axes keeps it in a column of 255 characters; a longer "login" is no account's.
                return str(value).strip().lower()[:AXES_USERNAME_LENGTH]
    return None
