"""Family accounts: sign up, verify the email, sign in by email, reset the password, two-factor."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client

from omshub.core.outbox import retry_pending

pytestmark = pytest.mark.django_db

PASSWORD = "a long family passphrase 42"


def _link(text: str) -> str:
    found = re.search(r"https?://[^/\s]+(/\S+)", text)
    assert found, text
    return found.group(1)


def send_outbox() -> None:
    """allauth's emails wait in the outbox until the test's transaction would commit: send them now."""
    retry_pending(older_than=timedelta(0))


def sign_up(client: Client, email: str = "parent@example.com") -> None:
    response = client.post("/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:3000]
    send_outbox()


def test_a_parent_signs_up_verifies_the_email_and_is_signed_in(client, demo) -> None:
    sign_up(client)
    assert client.get("/accounts/2fa/").status_code == 302, "not signed in before verifying"
    (message,) = mail.outbox
    confirm = client.get(_link(str(message.body)))
    assert confirm.status_code == 200
    response = client.post(_link(str(message.body)))
    assert response.status_code == 302
    page = client.get("/accounts/2fa/")
    assert page.status_code == 200 and "Two-factor sign-in" in page.content.decode()


def test_sign_in_is_by_email_and_a_wrong_password_is_explained(client, demo) -> None:
    sign_up(client)
    client.post(_link(str(mail.outbox[0].body)))
    other = Client()
    wrong = other.post("/accounts/login/", {"login": "parent@example.com", "password": "not it"})
    assert wrong.status_code == 200 and "not correct" in wrong.content.decode()
    right = other.post("/accounts/login/", {"login": "parent@example.com", "password": PASSWORD})
    assert right.status_code == 302


def test_password_reset_sends_a_link_and_reveals_no_account(client, demo) -> None:
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.com"})
    assert response.status_code == 302
    send_outbox()
    assert len(mail.outbox) == 1 and "nobody@example.com" in mail.outbox[0].to  # says no account, to that address only


def test_account_pages_speak_spanish(client, demo) -> None:
    html = client.get("/es/accounts/signup/").content.decode()
    assert 'lang="es"' in html and "Contraseña" in html


def test_two_factor_setup_asks_to_sign_in_again(client, demo, django_user_model) -> None:
    from allauth.account.models import EmailAddress

    user = django_user_model.objects.create_user("p", "p@example.com", PASSWORD)
    EmailAddress.objects.create(user=user, email="p@example.com", verified=True, primary=True)
    client.post("/accounts/login/", {"login": "p@example.com", "password": PASSWORD})
    client.get("/")  # a later request: the sign-in is no longer "recent"
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code in (200, 302)


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/accounts/2fa/totp/activate/",
        "/accounts/2fa/recovery-codes/",
        "/accounts/2fa/webauthn/",
        "/accounts/reauthenticate/",
    ],
)
def test_strangers_are_sent_to_sign_in(client, demo, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
