"""Sign-up with double opt-in: a form anyone can post, a confirmation email, and nothing else
until the person confirms from it; their consent is recorded, and preferences change."""

import pytest
from django.core import mail
from django.test import Client

from omshub.core.models import OutboxEmail
from omshub.newsletter.models import Subscriber
from tests.newsletter.helpers import link, send_outbox, subscriber

pytestmark = pytest.mark.django_db


def _sign_up(client: Client, email: str, prefix: str = "", source: str = "footer"):
    return client.post(f"{prefix}/newsletter/", {"email": email, "source": source})


def test_the_footer_form_is_on_every_page_without_a_csrf_token(client, demo):
    page = client.get("/").content.decode()
    assert 'action="/newsletter/"' in page and 'name="source" value="footer"' in page
    assert "csrfmiddlewaretoken" not in page  # cached pages carry no per-visitor token


def test_signing_up_sends_one_confirmation_and_subscribes_nobody(demo):
    client = Client(enforce_csrf_checks=True)  # the footer form posts without a token
    response = _sign_up(client, "Parent@Example.com")
    assert response.status_code == 200
    assert "parent@example.com" in response.content.decode()
    assert "private" in response["Cache-Control"]
    person = Subscriber.objects.get()
    assert (person.email, person.status, person.source) == ("parent@example.com", "pending", "footer")
    assert person.confirmed_at is None and person.consent_text.startswith("We will email you a link")
    send_outbox()
    (message,) = mail.outbox
    assert message.to == ["parent@example.com"]
    assert "/newsletter/confirm/" in message.body


def test_confirming_takes_a_button_press_and_records_how(client, demo):
    _sign_up(client, "parent@example.com", source="thank-you")
    send_outbox()
    confirm = link(str(mail.outbox[0].body), "confirm")
    shown = client.get(confirm)  # a mail scanner fetching the link confirms nothing
    assert shown.status_code == 200 and "private" in shown["Cache-Control"]
    assert Subscriber.objects.get().status == "pending"
    done = client.post(confirm)
    assert done.status_code == 302 and "/newsletter/preferences/" in done["Location"]
    person = Subscriber.objects.get()
    assert person.status == "subscribed" and person.source == "thank-you"
    assert person.confirmed_at is not None and person.confirmed_how == "emailed link (double opt-in)"
    assert len(person.confirmed_ip_hash) == 32
    assert client.post(confirm).status_code == 302  # twice: no error, nothing changes
    assert Subscriber.objects.get().confirmed_at == person.confirmed_at


def test_spanish_sign_up_gets_spanish_mail_and_links(client, demo):
    response = _sign_up(client, "madre@example.com", prefix="/es")
    assert "Revise su correo" in response.content.decode()
    send_outbox()
    (message,) = mail.outbox
    assert "Confirme" in message.subject
    assert "/es/newsletter/confirm/" in message.body
    assert Subscriber.objects.get().language == "es"


def test_a_subscribed_address_gets_no_more_mail_from_the_form(client, demo):
    subscriber("parent@example.com")
    response = _sign_up(client, "parent@example.com")
    assert response.status_code == 200  # the same answer: the form reveals nobody's subscription
    send_outbox()
    assert mail.outbox == []


def test_a_bad_address_is_explained_and_kept(client, demo):
    response = client.post("/es/newsletter/", {"email": "madre@", "source": "footer"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Escriba un correo electrónico como" in page and 'value="madre@"' in page
    assert not Subscriber.objects.exists() and not OutboxEmail.objects.exists()


def test_sign_ups_are_rate_limited(client, demo, settings):
    settings.NEWSLETTER_SIGNUPS_PER_EMAIL_PER_HOUR = 2
    assert [_sign_up(client, "parent@example.com").status_code for _ in range(3)] == [200, 200, 429]
    settings.NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR = 3
    assert _sign_up(client, "other@example.com").status_code == 429
    assert OutboxEmail.objects.count() == 2


def test_preferences_change_topics_and_language(client, demo):
    person = subscriber("parent@example.com")
    url = f"/newsletter/preferences/{person.token}/"
    page = client.get(url)
    assert page.status_code == 200 and "private" in page["Cache-Control"]
    saved = client.post(url, {"topics": ["care"], "language": "es"})
    assert saved.status_code == 200 and "Your choices are saved." in saved.content.decode()
    person.refresh_from_db()
    assert (person.topics, person.language) == (["care"], "es")
    assert client.post(url, {"topics": ["care"], "language": "xx"}).status_code == 400


def test_someone_elses_token_finds_nothing(client, demo):
    for kind in ("confirm", "preferences", "unsubscribe"):
        assert client.get(f"/newsletter/{kind}/not-a-token/").status_code == 404
        assert client.post(f"/newsletter/{kind}/not-a-token/").status_code == 404


def test_signing_up_again_after_unsubscribing_asks_again_with_a_new_token(client, demo):
    person = subscriber("parent@example.com", status=Subscriber.Status.UNSUBSCRIBED)
    old_token = person.token
    _sign_up(client, "parent@example.com")
    person.refresh_from_db()
    assert person.status == "pending" and person.confirmed_at is None and person.token != old_token
    assert client.get(f"/newsletter/unsubscribe/{old_token}/").status_code == 404


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_ORIGIN": "https://elsewhere.example"}, {"HTTP_SEC_FETCH_SITE": "cross-site"}],
    ids=["origin", "fetch-metadata"],
)
def test_another_site_cannot_sign_its_visitors_up(demo, headers):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/es/newsletter/", {"email": "victim@example.org", "source": "footer"}, **headers)
    assert response.status_code == 403
    page = response.content.decode()
    assert "Suscríbase aquí, en nuestro propio sitio." in page and 'value="victim@example.org"' in page
    assert not Subscriber.objects.exists() and not OutboxEmail.objects.exists()


def test_our_own_pages_sign_up_with_their_origin(demo):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/newsletter/",
        {"email": "reader@example.org", "source": "footer"},
        HTTP_ORIGIN="http://testserver",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 200 and Subscriber.objects.get().email == "reader@example.org"


def test_an_address_that_complained_gets_no_confirmation_email(client, demo):
    from omshub.core.suppression import address_suppress

    address_suppress(email="annoyed@example.org", reason="complained")
    assert _sign_up(client, "annoyed@example.org").status_code == 200  # the same answer for everyone
    send_outbox()
    assert mail.outbox == []
