"""The security baseline every response carries, and the admin's own policy for signed-in staff only."""

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from tests.factories import StaffFactory, UserFactory


def _directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())


@pytest.fixture
def home_response(client, demo):
    return client.get("/")


def test_csp_forbids_inline_scripts_and_foreign_origins(home_response):
    directives = _directives(home_response)
    # Nothing unless listed, and each kind of resource listed from where the site takes it.
    assert directives["default-src"] == "'none'"
    script, *nonces = directives["script-src"].split()
    assert script == "'self'" and all(source.startswith("'nonce-") for source in nonces)
    assert directives["style-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    for kind in ("font-src", "connect-src", "media-src", "manifest-src"):
        assert directives[kind] == "'self'", kind
    assert directives["frame-src"] == "https://www.youtube-nocookie.com"
    assert directives["form-action"] == "'self' https://checkout.stripe.com"
    assert "unsafe-inline" not in home_response["Content-Security-Policy"]
    assert "unsafe-eval" not in directives["script-src"]
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'self'"
    assert directives["base-uri"] == "'self'"


def test_other_protective_headers(home_response):
    assert home_response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert home_response["X-Content-Type-Options"] == "nosniff"
    assert home_response["X-Frame-Options"] == "DENY"
    assert home_response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert home_response["Cross-Origin-Resource-Policy"] == "same-origin"
    features = dict(part.split("=", 1) for part in home_response["Permissions-Policy"].split(", "))
    for unused in ("camera", "microphone", "geolocation", "payment", "usb", "serial", "hid", "display-capture"):
        assert features[unused] == "()", unused
    assert features["publickey-credentials-get"] == "(self)"  # passkeys
    assert features["fullscreen"] == '(self "https://www.youtube-nocookie.com")'  # the video player


def test_static_files_carry_the_same_headers(client, demo):
    response = client.get("/static/core/css/main.css")
    assert response.status_code == 200
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_public_pages_load_nothing_from_other_origins(home_response):
    html = home_response.content.decode()
    for marker in ('<script src="http', "fonts.googleapis", "cdn.", '<link rel="stylesheet" href="http'):
        assert marker not in html
    assert "<script>" not in html  # no inline script at all


def test_csrf_protects_the_sign_in(demo):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/accounts/login/", {"login": "x@example.org", "password": "y"})
    assert response.status_code == 403


@pytest.mark.parametrize("path", ["/admin/", "/admin/login/", "/admin/pages/", "/admin/password_reset/"])
def test_the_anonymous_admin_gets_the_strict_policy(client, demo, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert _directives(response)["default-src"] == "'none'"


def test_the_sign_in_the_admin_sends_people_to_gets_the_strict_policy(client, demo):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert response.status_code == 200
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_signed_in_staff_get_the_admins_policy_there_only(client, demo):
    client.force_login(StaffFactory(username="editor"))
    response = client.get("/admin/")
    assert response.status_code == 200
    directives = _directives(response)
    assert directives["script-src"] == "'self' 'unsafe-inline'"
    assert directives["style-src"] == "'self' 'unsafe-inline'"
    assert directives["default-src"] == "'none'"
    assert directives["frame-src"] == "'self' https://www.youtube-nocookie.com"  # the preview panel
    # No other origin, but for the video player a previewed page may show.
    assert "http" not in response["Content-Security-Policy"].replace("https://www.youtube-nocookie.com", "")
    # The same person on the public site gets the strict policy.
    assert "unsafe-inline" not in client.get("/")["Content-Security-Policy"]


def test_a_family_account_at_the_admin_never_gets_the_admins_policy(client, demo):
    family = UserFactory(username="family")
    EmailAddress.objects.create(user=family, email=family.email, verified=True, primary=True)
    client.force_login(family)
    response = client.get("/admin/")
    assert response.status_code == 403
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_cookies_cleared_on_an_https_only_site_carry_secure(client, demo, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    # A session that no longer exists: Django clears its cookie.
    stale = Client()
    stale.cookies["sessionid"] = "x" * 32
    cleared = stale.get("/").cookies["sessionid"]
    assert cleared["max-age"] == 0 and cleared["secure"] is True
    # Signing out: the messages cookie it sets, then clears once a page shows the message.
    family = UserFactory(username="family")
    EmailAddress.objects.create(user=family, email=family.email, verified=True, primary=True)
    client.force_login(family)
    signed_out = client.post("/accounts/logout/")
    assert signed_out.cookies["messages"]["secure"] is True
    shown = client.get("/accounts/login/").cookies["messages"]
    assert shown["max-age"] == 0 and shown["secure"] is True


def test_cookies_stay_as_they_are_on_plain_http_during_development(demo, settings):
    settings.SESSION_COOKIE_SECURE = False
    stale = Client()
    stale.cookies["sessionid"] = "x" * 32
    assert stale.get("/").cookies["sessionid"]["secure"] == ""
