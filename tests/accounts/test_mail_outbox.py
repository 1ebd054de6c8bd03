"""allauth's emails go through the outbox: a mail relay that is down never breaks sign-up or a
password reset, the account is made once, and the email goes out when the relay is back (issue 18)."""

import re
from collections.abc import Sequence
from smtplib import SMTPException
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command

from omshub.accounts.emails import KIND
from omshub.core.models import OutboxEmail
from tests.factories import UserFactory

PASSWORD = "una frase larga de la familia 42"
RELAY_DOWN = {"default": {"BACKEND": "tests.accounts.test_mail_outbox.RelayDown"}}
RELAY_BACK = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


class RelayDown(BaseEmailBackend):
    """A mail relay that refuses every message, as a missing or broken one does."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise SMTPException("relay unavailable")


@pytest.fixture
def relay_down(settings):
    settings.MAILERS = RELAY_DOWN
    return settings


def _relay_back_and_send(settings) -> None:
    settings.MAILERS = RELAY_BACK
    call_command("send_outbox", older_than_minutes=0)


def _link(body: str) -> str:
    (url,) = re.findall(r"https?://\S+/accounts/\S+", body)
    return urlsplit(url).path


def test_sign_up_with_the_relay_down_answers_normally_and_mails_later(
    client, demo, relay_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/es/accounts/signup/", {"email": "madre@example.com", "password1": PASSWORD, "password2": PASSWORD}
        )
    assert response.status_code == 302 and response["Location"] == "/es/accounts/confirm-email/"
    assert client.get(response["Location"]).status_code == 200
    # Signing up again (the page seemed slow) makes no second account.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(
            "/es/accounts/signup/", {"email": "madre@example.com", "password1": PASSWORD, "password2": PASSWORD}
        )
    assert again.status_code == 302
    assert get_user_model().objects.filter(email="madre@example.com").count() == 1

    # One confirmation (allauth sends one per address every few minutes), tried once, waiting.
    (stored,) = OutboxEmail.objects.filter(kind=KIND, to="madre@example.com")
    assert stored.status == OutboxEmail.Status.PENDING and stored.language == "es"
    assert stored.attempts == 1 and "SMTPException" in stored.last_error
    assert mail.outbox == []

    _relay_back_and_send(relay_down)
    stored.refresh_from_db()
    assert stored.status == OutboxEmail.Status.SENT
    assert stored.data == {}  # the working link is not kept once sent
    (confirmation,) = mail.outbox
    assert confirmation.to == ["madre@example.com"] and str(confirmation.body).startswith("Hola:")
    # The emailed link still confirms the address.
    client.post(_link(str(confirmation.body)))
    assert EmailAddress.objects.get(email="madre@example.com").verified


def test_a_password_reset_with_the_relay_down_answers_normally_and_mails_later(
    client, demo, relay_down, django_capture_on_commit_callbacks
):
    family = UserFactory(username="family")
    EmailAddress.objects.create(user=family, email=family.email, verified=True, primary=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": family.email})
    assert response.status_code == 302 and response["Location"] == "/accounts/password/reset/done/"
    assert client.get(response["Location"]).status_code == 200
    (stored,) = OutboxEmail.objects.filter(kind=KIND, to=family.email)
    assert stored.status == OutboxEmail.Status.PENDING and "password/reset/key" in stored.data["text"]

    _relay_back_and_send(relay_down)
    stored.refresh_from_db()
    assert stored.status == OutboxEmail.Status.SENT and stored.data == {}
    (message,) = mail.outbox
    assert message.to == [family.email] and message.subject.startswith("OMS Hub: ")
    # The emailed link opens the form to choose a new password.
    response = client.get(_link(str(message.body)), follow=True)
    assert response.status_code == 200 and 'name="password1"' in response.content.decode()


def test_with_the_relay_up_the_email_goes_at_once(client, demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/signup/", {"email": "dad@example.com", "password1": PASSWORD, "password2": PASSWORD})
    (message,) = mail.outbox
    assert message.to == ["dad@example.com"]
    assert OutboxEmail.objects.get(kind=KIND, to="dad@example.com").status == OutboxEmail.Status.SENT


def test_a_reset_for_an_address_too_long_for_any_mailbox_stores_nothing(client, demo):
    """allauth mails "no account here" to any address typed; one past 254 characters broke the
    outbox's column on PostgreSQL (a server error found by the fuzz tests). It reaches no one."""
    response = client.post("/accounts/password/reset/", {"email": "a" * 250 + "@example.org"})
    assert response.status_code in (200, 302)
    assert not OutboxEmail.objects.filter(kind=KIND).exists()
