"""Behind the TLS proxy, sign-in limits and lockouts count the client, never the proxy (issue 18).

allauth's limits (through the adapter's get_client_ip) and django-axes' lockouts (through
AXES_CLIENT_IP_CALLABLE) both take the address from core/security.py's client_ip; axes
counts per account and address, with the email as the account on email sign-ins.
"""

import secrets

import pytest
from allauth.account.models import EmailAddress
from axes.models import AccessAttempt
from cryptography.fernet import Fernet
from django.conf import settings as django_settings
from django.test import Client

from tests.core.test_settings import _run
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"
PROXY = "10.0.0.1"  # every request reaches the app from the proxy


def _behind_proxy(client_address: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_address)


def _family(name: str):
    user = UserFactory(username=name, email=f"{name}@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def _sign_in(client: Client, email: str, password: str = PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


@pytest.fixture
def proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    return settings


def test_allauths_limits_count_each_client_behind_the_proxy(client, demo, proxy):
    proxy.ACCOUNT_RATE_LIMITS = {"reset_password": "3/m/ip", "login": "3/m/ip"}
    first, second = _behind_proxy("203.0.113.1"), _behind_proxy("203.0.113.2")
    for n in range(3):
        assert first.post("/accounts/password/reset/", {"email": f"n{n}@example.org"}).status_code == 302
    assert first.post("/accounts/password/reset/", {"email": "n4@example.org"}).status_code == 429
    # Another client, through the same proxy, is not held back by the first one's requests.
    assert second.post("/accounts/password/reset/", {"email": "n5@example.org"}).status_code == 302

    family = _family("family")
    for _ in range(3):
        _sign_in(first, "someone@example.org", "wrong")
    assert _sign_in(first, family.email).status_code == 429
    _sign_in(second, family.email)
    assert _signed_in(second)


def test_without_a_trusted_proxy_the_forwarded_header_counts_for_nothing(client, demo, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.ACCOUNT_RATE_LIMITS = {"reset_password": "3/m/ip"}
    for n in range(3):
        _behind_proxy(f"203.0.113.{n}").post("/accounts/password/reset/", {"email": f"n{n}@example.org"})
    # A forged header does not make a fresh client: the connection's address is what counts.
    assert _behind_proxy("203.0.113.9").post("/accounts/password/reset/", {"email": "x@example.org"}).status_code == 429


def test_axes_locks_one_account_from_one_client_only(client, demo, proxy):
    proxy.ACCOUNT_RATE_LIMITS = False  # axes alone: allauth's own limits are tested above
    mine, other = _family("mine"), _family("other")
    first, second = _behind_proxy("203.0.113.1"), _behind_proxy("203.0.113.2")
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        _sign_in(first, mine.email.upper(), "wrong")
    (attempt,) = AccessAttempt.objects.all()
    assert attempt.username == mine.email  # the email, as one account however it is typed
    assert attempt.ip_address == "203.0.113.1"  # the client, not the proxy
    assert attempt.failures_since_start == django_settings.AXES_FAILURE_LIMIT

    locked = _sign_in(first, mine.email)
    assert locked.status_code == 429 and not _signed_in(first)
    assert "Too many sign-in attempts" in locked.content.decode()
    # The same client still signs in to another account (a family sharing hospital Wi-Fi) ...
    _sign_in(first, other.email)
    assert _signed_in(first)
    # ... and the locked account still opens from another client behind the same proxy.
    _sign_in(second, mine.email)
    assert _signed_in(second)
    assert not AccessAttempt.objects.filter(ip_address=PROXY).exists()


def test_many_wrong_passwords_for_one_account_leave_the_next_account_open(client, demo, proxy):
    """With every limit as configured: one person's mistakes do not lock their network's other accounts."""
    mine, other = _family("mine"), _family("other")
    shared_network = _behind_proxy("203.0.113.1")
    for _ in range(django_settings.AXES_FAILURE_LIMIT + 2):
        _sign_in(shared_network, mine.email, "wrong")
    assert not _signed_in(shared_network)
    neighbour = _behind_proxy("203.0.113.1")  # another device behind the same hospital router
    _sign_in(neighbour, other.email)
    assert _signed_in(neighbour)


def test_in_production_behind_the_proxy_every_counter_takes_the_client(tmp_path):
    code = (
        "import django; django.setup();"
        "from django.test import RequestFactory;"
        "from allauth.account.adapter import get_adapter;"
        "from axes.helpers import get_client_ip_address, get_client_username;"
        "from omshub.core.security import client_ip;"
        f"r = RequestFactory().post('/accounts/login/', {{'login': 'Mum@Example.org'}}, REMOTE_ADDR='{PROXY}',"
        " HTTP_X_FORWARDED_FOR='198.51.100.250, 198.51.100.7');"
        "print(get_adapter().get_client_ip(r), get_client_ip_address(r), client_ip(r), get_client_username(r))"
    )
    result = _run(
        ["-c", code],
        tmp_path,
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="example.org",
        WAGTAILADMIN_BASE_URL="https://example.org",
        JOURNAL_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        EMAIL_HOST="localhost",
        BEHIND_TLS_PROXY="true",
    )
    # The address the proxy saw (the last entry; the earlier one is the client's to forge).
    assert result.stdout.split() == ["198.51.100.7"] * 3 + ["mum@example.org"], result.stderr
