"""One-click unsubscribe (RFC 8058): a POST with no cookies and no CSRF token works, once or many
times; the link's GET only shows a page with a button."""

import pytest
from django.test import Client

from omshub.newsletter.models import Subscriber
from tests.newsletter.helpers import subscriber

pytestmark = pytest.mark.django_db


def test_one_click_post_without_cookies_unsubscribes_and_is_idempotent(demo):
    person = subscriber("parent@example.com")
    mail_client = Client(enforce_csrf_checks=True)  # no cookies, no token: what a mail client sends
    url = f"/newsletter/unsubscribe/{person.token}/"
    first = mail_client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert first.status_code == 200 and "private" in first["Cache-Control"]
    assert first.cookies == {} or "csrftoken" not in first.cookies
    person.refresh_from_db()
    assert person.status == "unsubscribed" and person.unsubscribed_how == "one-click (RFC 8058)"
    when = person.unsubscribed_at
    again = mail_client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert again.status_code == 200
    person.refresh_from_db()
    assert (person.status, person.unsubscribed_at) == ("unsubscribed", when)


def test_the_link_shows_a_button_and_unsubscribes_nobody_by_itself(client, demo):
    person = subscriber("parent@example.com")
    page = client.get(f"/es/newsletter/unsubscribe/{person.token}/")
    assert page.status_code == 200 and "¿Dejar de enviar nuestro boletín" in page.content.decode()
    assert Subscriber.objects.get().status == "subscribed"
    done = client.post(f"/es/newsletter/unsubscribe/{person.token}/")
    assert "No enviaremos más boletines" in done.content.decode()
    assert Subscriber.objects.get().unsubscribed_how == "unsubscribe page"


def test_unsubscribing_from_an_unknown_token_is_404_and_changes_nothing(demo):
    person = subscriber("parent@example.com")
    response = Client(enforce_csrf_checks=True).post(
        "/newsletter/unsubscribe/guess/", "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 404
    person.refresh_from_db()
    assert person.status == "subscribed"


def test_only_unsubscribe_and_sign_up_skip_csrf(demo):
    """Preferences and confirmation change a subscription the person chose: they keep CSRF."""
    person = subscriber("parent@example.com", status=Subscriber.Status.PENDING)
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(f"/newsletter/confirm/{person.token}/").status_code == 403
    assert strict.post(f"/newsletter/preferences/{person.token}/", {"language": "es"}).status_code == 403
    person.refresh_from_db()
    assert (person.status, person.language) == ("pending", "en")
