"""Absolute links: the served address in development, the configured one in production and in tasks."""

import secrets

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory, override_settings

from omshub.core.links import ServedAddressMiddleware, absolute
from tests.core.test_settings import _run

CONFIGURED = "https://oms.example.org"


def _link_made_during(request: HttpRequest) -> str:
    return ServedAddressMiddleware(lambda _request: HttpResponse(absolute("/shared/abc/")))(request).content.decode()


@override_settings(WAGTAILADMIN_BASE_URL=CONFIGURED, LINKS_FOLLOW_REQUEST_HOST=True, ALLOWED_HOSTS=["localhost"])
def test_in_development_a_link_follows_the_address_the_request_was_served_at():
    request = RequestFactory().get("/", HTTP_HOST="localhost:8301")
    assert _link_made_during(request) == "http://localhost:8301/shared/abc/"
    # Once the request is over, work without one (a background task) uses the configured address.
    assert absolute("/shared/abc/") == f"{CONFIGURED}/shared/abc/"


@override_settings(WAGTAILADMIN_BASE_URL=CONFIGURED, LINKS_FOLLOW_REQUEST_HOST=True, ALLOWED_HOSTS=["localhost"])
def test_a_host_outside_allowed_hosts_is_refused_not_used_in_links():
    request = RequestFactory().get("/", HTTP_HOST="evil.example.com")
    with pytest.raises(DisallowedHost):
        _link_made_during(request)


@override_settings(WAGTAILADMIN_BASE_URL=CONFIGURED + "/", LINKS_FOLLOW_REQUEST_HOST=False, ALLOWED_HOSTS=["*"])
def test_in_production_a_link_starts_with_the_configured_address_whatever_the_host():
    request = RequestFactory().get("/", HTTP_HOST="internal-node:8000")
    assert _link_made_during(request) == f"{CONFIGURED}/shared/abc/"


def test_without_a_request_a_link_starts_with_the_configured_address(settings):
    settings.WAGTAILADMIN_BASE_URL = CONFIGURED
    assert absolute("/journal/invitation/xyz/") == f"{CONFIGURED}/journal/invitation/xyz/"
    assert absolute("https://other.example.org/page/") == "https://other.example.org/page/"


def test_a_pages_canonical_address_follows_the_served_port_in_development(client, demo, settings):
    settings.LINKS_FOLLOW_REQUEST_HOST = True
    html = client.get("/learn/what-is-oms/", HTTP_HOST="localhost:8301").content.decode()
    assert '<link rel="canonical" href="http://localhost:8301/learn/what-is-oms/">' in html
    assert 'hreflang="es" href="http://localhost:8301/es/aprender/que-es-el-oms/"' in html
    assert 'content="http://localhost:8301/static/core/img/share.png"' in html


def test_production_settings_never_follow_the_request_host(tmp_path):
    result = _run(
        ["manage.py", "shell", "-c", "from django.conf import settings; print(settings.LINKS_FOLLOW_REQUEST_HOST)"],
        tmp_path,
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="example.org",
        WAGTAILADMIN_BASE_URL="https://example.org",
        JOURNAL_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        EMAIL_HOST="localhost",
        LINKS_FOLLOW_REQUEST_HOST="true",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"
