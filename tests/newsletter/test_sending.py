"""Sending an issue: only to confirmed subscribers, in batches through the task queue, each
message with RFC 8058 headers, never twice to one person, even after a worker was killed."""

import datetime

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from omshub.core.suppression import address_suppress
from omshub.newsletter.models import Delivery, Issue, Subscriber
from omshub.newsletter.sending import AlreadySent, issue_send, send_issue_batch, sweep_interrupted
from tests.newsletter.helpers import subscriber

pytestmark = pytest.mark.django_db


def _issue(**fields) -> Issue:
    return Issue.objects.create(subject="Spring news", body="<p>New research on OMS.</p>", **fields)


def _send(issue: Issue, django_capture_on_commit_callbacks) -> int:
    with django_capture_on_commit_callbacks(execute=True):
        return issue_send(issue_id=issue.pk, actor=None)


def test_no_message_goes_to_an_address_that_has_not_confirmed(demo, django_capture_on_commit_callbacks):
    subscriber("yes@example.com")
    subscriber("pending@example.com", status=Subscriber.Status.PENDING)
    subscriber("gone@example.com", status=Subscriber.Status.UNSUBSCRIBED)
    subscriber("spanish@example.com", language="es")
    subscriber("no-news@example.com", topics=["care"])
    subscriber("bounced@example.com")
    address_suppress(email="bounced@example.com", reason="bounced")
    issue = _issue()
    assert _send(issue, django_capture_on_commit_callbacks) == 2  # yes@ and bounced@ (skipped at send time)
    assert [m.to for m in mail.outbox] == [["yes@example.com"]]
    states = dict(Delivery.objects.values_list("email", "state"))
    assert states == {"yes@example.com": "sent", "bounced@example.com": "skipped"}
    issue.refresh_from_db()
    assert issue.status == "sent"


def test_every_message_carries_one_click_unsubscribe_headers(demo, django_capture_on_commit_callbacks):
    people = [subscriber(f"p{n}@example.com") for n in range(3)]
    _send(_issue(), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        (person,) = [p for p in people if p.email == message.to[0]]
        header = message.extra_headers["List-Unsubscribe"]
        assert header.startswith("<http") and header.endswith(f"/newsletter/unsubscribe/{person.token}/>")
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "List-Unsubscribe=One-Click" in message.message().as_string()
        assert person.token in message.body and "New research on OMS." in message.body
        assert isinstance(message, EmailMultiAlternatives)
        (html, _mimetype) = message.alternatives[0]
        assert f"/newsletter/unsubscribe/{person.token}/" in str(html)


def test_spanish_subscribers_get_spanish_links(demo, django_capture_on_commit_callbacks):
    person = subscriber("madre@example.com", language="es")
    _send(_issue(language="es"), django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert f"/es/newsletter/unsubscribe/{person.token}/" in message.extra_headers["List-Unsubscribe"]
    assert "Darse de baja" in message.body


def test_batches_follow_one_another_through_the_queue(demo, settings, django_capture_on_commit_callbacks):
    settings.NEWSLETTER_BATCH_SIZE = 2
    for n in range(5):
        subscriber(f"p{n}@example.com")
    _send(_issue(), django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == [f"p{n}@example.com" for n in range(5)]
    assert set(Delivery.objects.values_list("state", flat=True)) == {"sent"}


def test_an_issue_is_sent_once(demo, django_capture_on_commit_callbacks):
    subscriber("p@example.com")
    issue = _issue()
    _send(issue, django_capture_on_commit_callbacks)
    with pytest.raises(AlreadySent):
        issue_send(issue_id=issue.pk, actor=None)
    send_issue_batch.call(issue.pk)  # a repeated task finds nothing queued
    assert len(mail.outbox) == 1


def test_a_worker_killed_mid_batch_never_causes_a_second_copy(demo, settings):
    """The row claimed by the killed worker stays "sending"; later runs skip it, the sweep marks it
    interrupted (not resent), and the rest of the issue goes out."""
    a, b = subscriber("a@example.com"), subscriber("b@example.com")
    issue = _issue()
    issue_send(issue_id=issue.pk, actor=None)  # no commit callbacks: as if the task were lost
    killed = Delivery.objects.get(subscriber=a)
    Delivery.objects.filter(pk=killed.pk).update(
        state=Delivery.State.SENDING, claimed_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert sweep_interrupted() == 1  # also enqueues the rest (immediate backend: sent now)
    assert [m.to for m in mail.outbox] == [["b@example.com"]]
    killed.refresh_from_db()
    assert killed.state == "interrupted"
    send_issue_batch.call(issue.pk)
    assert len(mail.outbox) == 1
    issue.refresh_from_db()
    assert issue.status == "sent" and Delivery.objects.get(subscriber=b).state == "sent"


def test_someone_who_unsubscribes_after_queuing_gets_nothing(demo):
    person = subscriber("p@example.com")
    issue = _issue()
    issue_send(issue_id=issue.pk, actor=None)
    Subscriber.objects.filter(pk=person.pk).update(status=Subscriber.Status.UNSUBSCRIBED)
    send_issue_batch.call(issue.pk)
    assert mail.outbox == []
    assert Delivery.objects.get().state == "skipped"
