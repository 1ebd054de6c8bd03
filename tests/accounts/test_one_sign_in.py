"""Every way to sign in goes through allauth: two-factor, verified email and the same limits (issue 18)."""

import time
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.test import Client
from django.urls import get_resolver

from omshub.accounts.two_factor import totp_code, totp_enable
from tests.factories import StaffFactory, UserFactory

PASSWORD = "correct horse battery staple"
# Every URL that takes a password; a new one must be added here (the next test says so).
PASSWORD_LOGIN_PATHS = ["/admin/login/", "/accounts/login/", "/es/accounts/login/", "/_util/login/", "/es/_util/login/"]
KNOWN_LOGIN_NAMES = {
    "account_login",  # allauth: the one sign-in
    "wagtailadmin_login",  # shadowed by our redirect at the same path
    "wagtailcore_login",  # shadowed likewise
    "account_reauthenticate",
    "account_confirm_login_code",
    "mfa_authenticate",
    "mfa_reauthenticate",
    "mfa_reauthenticate_webauthn",
    "mfa_login_webauthn",
}


def _names(resolver) -> set[str]:
    names = set()
    for entry in resolver.url_patterns:
        if hasattr(entry, "url_patterns"):
            names |= _names(entry)
        elif entry.name and ("login" in entry.name or "authenticate" in entry.name) and "password" not in entry.name:
            names.add(entry.name)
    return names


def test_no_sign_in_url_is_left_unaccounted_for():
    assert _names(get_resolver()) == KNOWN_LOGIN_NAMES


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def _post_password(client: Client, path: str, user) -> None:
    client.post(path, {"login": user.email, "username": user.username, "password": PASSWORD})


@pytest.mark.parametrize("path", PASSWORD_LOGIN_PATHS)
def test_a_password_alone_never_opens_an_account_with_two_factor(client, demo, path):
    staff = StaffFactory(username="editor")
    _post_password(client, path, staff)
    assert not _signed_in(client)
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("path", PASSWORD_LOGIN_PATHS)
def test_an_unverified_email_never_signs_in(client, demo, path):
    user = UserFactory(username="new")
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    _post_password(client, path, user)
    assert not _signed_in(client)


def test_wagtails_logins_redirect_to_the_one_sign_in_and_keep_a_safe_next(client, demo):
    response = client.post("/admin/login/?next=/admin/pages/", {"username": "x", "password": "y"})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=%2Fadmin%2Fpages%2F"
    response = client.get("/admin/login/?next=https://elsewhere.example/")
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    assert client.get("/_util/login/")["Location"] == "/accounts/login/?next=%2F"
    assert client.get("/admin/")["Location"].startswith("/accounts/login/?next=/admin/")
    assert client.get("/admin/password_reset/")["Location"] == "/accounts/password/reset/"


def test_staff_sign_in_with_their_code_and_open_the_admin(client, demo):
    staff: Any = StaffFactory(username="editor")
    response = client.post("/accounts/login/?next=/admin/", {"login": staff.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/2fa/authenticate/")
    assert not _signed_in(client)
    wrong = "000000" if totp_code(staff.totp_secret) != "000000" else "111111"
    client.post("/accounts/2fa/authenticate/", {"code": wrong})
    assert not _signed_in(client)
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(staff.totp_secret)})
    assert _signed_in(client)
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_staff_without_two_factor_are_sent_to_set_it_up(client, demo):
    staff: Any = StaffFactory(username="editor", two_factor=False)
    client.force_login(staff)
    for path in ("/admin/", "/admin/pages/", "/admin/reports/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/accounts/2fa/totp/activate/", path
    assert client.post("/admin/logout/").status_code == 302  # signing out stays possible
    totp_enable(staff)
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200


def test_a_family_account_is_refused_the_admin_plainly(client, demo):
    family = UserFactory(username="family")
    EmailAddress.objects.create(user=family, email=family.email, verified=True, primary=True)
    client.post("/accounts/login/", {"login": family.email, "password": PASSWORD})
    assert _signed_in(client)
    response = client.get("/admin/", follow=False)
    assert response.status_code == 403
    assert "cannot open the admin" in response.content.decode()


def test_repeated_wrong_passwords_lock_that_account_not_the_network(client, demo):
    staff = StaffFactory(username="editor")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"login": staff.email, "password": "wrong"})
    locked = client.post("/accounts/login/", {"login": staff.email, "password": PASSWORD})
    # allauth's own limit (5 per account in 5 minutes) answers before axes' does: either way, no way in.
    assert not _signed_in(client)
    assert "Too many" in locked.content.decode()
    # Someone else on the same network (hospital Wi-Fi) still signs in.
    family = UserFactory(username="family")
    EmailAddress.objects.create(user=family, email=family.email, verified=True, primary=True)
    other = Client()
    other.post("/accounts/login/", {"login": family.email, "password": PASSWORD})
    assert _signed_in(other)


def test_allauths_limits_count_the_client_behind_the_proxy(rf, settings):
    from allauth.account.adapter import get_adapter

    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9", REMOTE_ADDR="10.0.0.1")
    assert get_adapter(request).get_client_ip(request) == "203.0.113.9"


def test_the_demo_admin_signs_in_with_the_printed_password_and_key(client, demo, capsys, settings):
    import re

    from django.core.management import call_command

    call_command("load_demo")
    printed = capsys.readouterr().out
    email, password, secret = (
        re.findall(pattern, printed)[0]
        for pattern in (r"email: (\S+@example\.org)", r"password: (\S+)", r"authenticator app: (\S+)")
    )
    client.post("/accounts/login/?next=/admin/", {"login": email, "password": password})
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert client.get("/admin/").status_code == 200
    settings.DEBUG = True  # demo_totp reads the stored secret in development only
    call_command("demo_totp")
    assert capsys.readouterr().out.strip() in {totp_code(secret, at) for at in (time.time() - 30, time.time())}
