"""The visitor's address for lockouts: REMOTE_ADDR, or what a trusted proxy appended."""

from django.test import RequestFactory

from omshub.core.security import client_ip


def test_without_a_proxy_forwarded_headers_are_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_ip(request) == "203.0.113.5"


def test_behind_one_proxy_the_last_forwarded_address_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    forged_then_real = "1.2.3.4, 198.51.100.7"
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forged_then_real)
    assert client_ip(request) == "198.51.100.7"


def test_behind_a_proxy_without_the_header_falls_back_to_the_peer(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"
