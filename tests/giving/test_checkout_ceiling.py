"""The site-wide ceiling on new checkouts per minute: card testers rotating addresses and emails
are stopped, donors are asked kindly to come back with nothing lost, staff hear once per window."""

import os
import uuid

import pytest
import redis
from django.core import mail
from django.test import Client
from wagtail.models import Locale

from omshub.core import ratelimit
from omshub.core.models import OutboxEmail
from omshub.giving.checkout_ceiling import ALERT_KIND, checkout_ceiling_reached
from omshub.giving.models import Donation
from tests.giving.fixtures import FORM, donate_url

pytestmark = pytest.mark.django_db

BUSY = "Many gifts are being started right now"


class Clock:
    """ratelimit's view of the time: the middle of one minute, moved on by hand."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0 + 30  # 30 s into a minute: the test never crosses a window by accident

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(ratelimit, "time", fake)
    return fake


@pytest.fixture
def ceiling_of_40(settings):
    settings.CHECKOUTS_SITE_WIDE_PER_MINUTE = 40
    settings.TURNSTILE_SECRET_KEY = ""


def attempt(page, n: int, **fields: str):
    """The n-th card tester's try: a new address and a new email each time."""
    data = FORM | {"email": f"tester{n}@example.net", "donor_name": f"Tester {n}"} | fields
    return Client().post(donate_url(page), data, REMOTE_ADDR=f"198.51.{n // 250}.{n % 250 + 1}")


def test_the_41st_checkout_in_a_minute_is_refused_kindly_with_everything_kept(campaign, clock, ceiling_of_40):
    before = Donation.objects.count()
    assert [attempt(campaign, n).status_code for n in range(40)] == [303] * 40
    refused = attempt(
        campaign, 40, donor_name="Marta Gómez", email="marta@example.org", message="For Lucía and her team"
    )
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) == 30
    html = refused.content.decode()
    assert BUSY in html and "nothing was charged" in html
    assert 'value="Marta Gómez"' in html and 'value="marta@example.org"' in html
    assert "For Lucía and her team" in html
    assert Donation.objects.count() == before + 40 and not Donation.objects.filter(email="marta@example.org").exists()


def test_staff_get_exactly_one_alert_per_window(
    campaign, clock, ceiling_of_40, admin_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answers = [attempt(campaign, n).status_code for n in range(45)]
    assert answers == [303] * 40 + [429] * 5
    alerts = OutboxEmail.objects.filter(kind=ALERT_KIND)
    recipients = list(alerts.values_list("to", flat=True))
    assert admin_user.email in recipients
    assert len(recipients) == len(set(recipients)), "one alert per person, not one per refused checkout"
    assert set(alerts.values_list("status", flat=True)) == {OutboxEmail.Status.SENT}
    (message,) = [m for m in mail.outbox if m.to == [admin_user.email]]
    assert message.subject == "Donation form: more than 40 new checkouts in one minute"
    assert "card testing" in message.body and "/admin/giving/donations/" in message.body

    clock.now += 60  # the next minute: tripping it again is news again
    with django_capture_on_commit_callbacks(execute=True):
        answers = [attempt(campaign, 100 + n).status_code for n in range(42)]
    assert answers == [303] * 40 + [429] * 2
    assert OutboxEmail.objects.filter(kind=ALERT_KIND, to=admin_user.email).count() == 2


def test_after_the_window_gifts_go_through_again(campaign, clock, ceiling_of_40):
    for n in range(41):
        attempt(campaign, n)
    assert attempt(campaign, 41).status_code == 429
    clock.now += 30  # the minute is over
    donor = attempt(campaign, 42, email="real.donor@example.org")
    assert donor.status_code == 303
    assert Donation.objects.filter(email="real.donor@example.org").exists()


def test_a_spanish_donor_is_asked_in_spanish(demo, clock, ceiling_of_40, settings):
    settings.CHECKOUTS_SITE_WIDE_PER_MINUTE = 1
    spanish = demo["campaign"].get_translation(Locale.objects.get(language_code="es"))
    assert attempt(spanish, 0).status_code == 303
    refused = attempt(spanish, 1, donor_name="Lucía Pérez")
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "En este momento se están iniciando muchas donaciones" in html
    assert 'value="Lucía Pérez"' in html


def test_with_turnstile_the_donors_who_pass_its_challenge_go_on(campaign, clock, ceiling_of_40, settings, monkeypatch):
    settings.CHECKOUTS_SITE_WIDE_PER_MINUTE = 1
    settings.TURNSTILE_SECRET_KEY = "turnstile-secret"
    monkeypatch.setattr("omshub.giving.views.turnstile_passed", lambda request: True)
    assert [attempt(campaign, n).status_code for n in range(3)] == [303, 303, 303]
    assert OutboxEmail.objects.filter(kind=ALERT_KIND).exists(), "staff still hear about the rush"


def _redis_url() -> str | None:
    """A Redis that answers (REDIS_TEST_URL, else the usual local one), or None."""
    url = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/14")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return None
    return url


@pytest.mark.parametrize("backend", ["locmem", "redis"])
def test_the_count_is_shared_through_either_cache(backend, clock, settings, admin_user):
    """Local memory on one process, Redis across app servers: the same minute, the same count."""
    if backend == "redis":
        url = _redis_url()
        if url is None:
            pytest.skip("no Redis answers")
        settings.CACHES = {
            **settings.CACHES,
            "default": {
                "BACKEND": "omshub.core.redis_cache.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": uuid.uuid4().hex,
            },
        }
    settings.CHECKOUTS_SITE_WIDE_PER_MINUTE = 3
    assert [checkout_ceiling_reached() for _ in range(5)] == [False, False, False, True, True]
    assert OutboxEmail.objects.filter(kind=ALERT_KIND, to=admin_user.email).count() == 1
    clock.now += 60
    assert checkout_ceiling_reached() is False
