"""Races on PostgreSQL: four workers sending one issue at the same moment send each message once.

The test commits its data (other connections must see it) and removes it afterwards. SQLite
serialises writers, so it runs on PostgreSQL only."""

from collections import Counter

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from omshub.newsletter.models import Delivery, Issue, Subscriber
from omshub.newsletter.sending import issue_send, send_issue_batch
from tests.concurrency import all_at_once

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers: PostgreSQL only")
WORKERS = 4
PEOPLE = 40


def test_workers_racing_on_one_issue_send_each_message_once(demo_site, django_db_blocker, settings) -> None:
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": settings.TASK_QUEUES}
    }
    settings.NEWSLETTER_BATCH_SIZE = PEOPLE  # one run could take them all: the others must find nothing left
    with django_db_blocker.unblock():
        people = [
            Subscriber.objects.create(
                email=f"race{n}@example.com", status="subscribed", source="footer", consent_text="…",
                signed_up_at=timezone.now(), confirmed_at=timezone.now(),
            )
            for n in range(PEOPLE)
        ]  # fmt: skip
        issue = Issue.objects.create(subject="Race", body="<p>Race</p>")
        try:
            issue_send(issue_id=issue.pk, actor=None)
            mail.outbox = []
            results = all_at_once([lambda: send_issue_batch.call(issue.pk)] * WORKERS)
            sent = Counter(m.to[0] for m in mail.outbox)
            assert sorted(sent) == sorted(p.email for p in people) and set(sent.values()) == {1}
            assert sum(r.get("sent", 0) for r in results) == PEOPLE
            assert set(Delivery.objects.filter(issue=issue).values_list("state", flat=True)) == {"sent"}
        finally:
            issue.delete()
            Subscriber.objects.filter(pk__in=[p.pk for p in people]).delete()
            connection.close()
