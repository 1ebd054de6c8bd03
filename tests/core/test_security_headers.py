"""The security baseline every public response carries."""

import pytest


@pytest.fixture
def home_response(client, demo):
    return client.get("/")


def test_csp_forbids_inline_scripts_and_foreign_origins(home_response):
    policy = home_response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"]
    assert "unsafe-eval" not in directives["script-src"]
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'self'"
    assert directives["base-uri"] == "'self'"


def test_other_protective_headers(home_response):
    assert home_response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert home_response["X-Content-Type-Options"] == "nosniff"
    assert home_response["X-Frame-Options"] == "DENY"
    assert home_response["Cross-Origin-Opener-Policy"] == "same-origin"


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


def test_admin_policy_allows_inline_code_but_no_other_origin(client, demo):
    policy = client.get("/admin/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "default-src 'self'" in policy
    # No other origin, but for the video player a previewed page may show.
    assert "http" not in policy.replace("https://www.youtube-nocookie.com", "")
