"""Staff's newsletter screens: write an issue, see who it will go to, send it, follow each
recipient's delivery; subscribers filtered and exported as proof of consent, without secrets."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from omshub.core.models import EmailSuppression
from omshub.newsletter.models import Delivery, Issue
from tests.newsletter.helpers import subscriber

pytestmark = pytest.mark.django_db
# What the admin's rich-text editor (Draftail) posts for one paragraph.
BODY = json.dumps(
    {
        "blocks": [
            {"key": "a1b2c", "text": "News from the lab.", "type": "unstyled", "depth": 0,
             "inlineStyleRanges": [], "entityRanges": [], "data": {}}
        ],
        "entityMap": {},
    }
)  # fmt: skip


def test_staff_write_send_and_follow_an_issue(demo, staff, django_capture_on_commit_callbacks):
    subscriber("a@example.com")
    subscriber("b@example.com")
    subscriber("pending@example.com", status="pending")
    EmailSuppression.objects.create(email="b@example.com", reason="bounced")
    added = staff.post(
        reverse("newsletter_issues:add"),
        {"subject": "Spring news", "language": "en", "topic": "news", "body": BODY},
    )
    assert added.status_code == 302, added.content.decode()[:3000]
    issue = Issue.objects.get()
    assert "News from the lab." in issue.body
    listing = staff.get("/admin/newsletter/issues/")
    assert f"/admin/newsletter/issues/{issue.pk}/send/" in listing.content.decode()
    page = staff.get(f"/admin/newsletter/issues/{issue.pk}/send/")
    assert "It goes to 2 confirmed subscribers" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        sent = staff.post(f"/admin/newsletter/issues/{issue.pk}/send/")
    assert sent.status_code == 302
    assert [m.to for m in mail.outbox] == [["a@example.com"]]
    listing = staff.get("/admin/newsletter/issues/").content.decode()
    assert "sent: 1" in listing and "not sent: 1" in listing
    again = staff.post(f"/admin/newsletter/issues/{issue.pk}/send/")  # twice: shows the counts, sends nothing
    assert again.status_code == 200 and "This issue was sent" in again.content.decode()
    assert len(mail.outbox) == 1 and Delivery.objects.count() == 2
    deliveries = staff.get(f"/admin/newsletter/deliveries/?issue={issue.pk}&state=skipped").content.decode()
    assert "b@example.com" in deliveries and "a@example.com" not in deliveries


def test_subscribers_are_filtered_and_exported_without_tokens(demo, staff):
    person = subscriber("=cmd@example.com")
    subscriber("pending@example.com", status="pending")
    listing = staff.get("/admin/newsletter/subscribers/?status=pending").content.decode()
    assert "pending@example.com" in listing and "=cmd@example.com" not in listing
    export = staff.get("/admin/newsletter/subscribers/?export=csv")
    text = b"".join(export.streaming_content).decode()
    assert "'=cmd@example.com" in text and "emailed link (double opt-in)" in text
    assert person.token not in text and "ip_hash" not in text.lower()
    assert staff.get("/admin/newsletter/subscribers/new/").status_code in (302, 403)  # no consent, no mail


def test_other_staff_without_the_permission_cannot_send(demo, client, django_user_model):
    from tests.factories import staff_ready

    editor = staff_ready(django_user_model.objects.create_user("editor", "editor@example.com", "pw", is_staff=True))
    issue = Issue.objects.create(subject="News", body="<p>x</p>")
    client.force_login(editor)
    assert client.post(f"/admin/newsletter/issues/{issue.pk}/send/").status_code in (302, 403)
    issue.refresh_from_db()
    assert issue.status == "draft"


def test_a_sent_issue_can_no_longer_be_changed_or_deleted(demo, staff):
    draft = Issue.objects.create(subject="Draft news", body="<p>Soon.</p>")
    sent = Issue.objects.create(subject="Spring news", body="<p>Sent.</p>", status=Issue.Status.SENT)
    assert staff.get(reverse("newsletter_issues:edit", args=[draft.pk])).status_code == 200
    for name in ("edit", "delete"):
        page = staff.get(reverse(f"newsletter_issues:{name}", args=[sent.pk]), follow=True)
        assert page.redirect_chain == [(reverse("newsletter_issues:index"), 302)]
        assert "“Spring news” has been sent: it can no longer be changed or deleted." in page.content.decode()
    changed = staff.post(
        reverse("newsletter_issues:edit", args=[sent.pk]),
        {"subject": "Rewritten", "language": "en", "topic": "news", "body": BODY},
    )
    deleted = staff.post(reverse("newsletter_issues:delete", args=[sent.pk]))
    assert changed.status_code == deleted.status_code == 302
    sent.refresh_from_db()
    assert sent.subject == "Spring news" and "Sent." in sent.body
    assert staff.get(reverse("newsletter_issues:copy", args=[sent.pk])).status_code == 200  # a new draft from it


def test_a_body_the_editor_could_not_have_sent_is_a_form_error_not_a_500(demo, staff):
    for body in ("not json", "1e309", ""):
        answered = staff.post(
            reverse("newsletter_issues:add"),
            {"subject": "Spring news", "language": "en", "topic": "news", "body": body},
        )
        assert answered.status_code == 200
        assert "This field is required." in answered.content.decode()
        assert 'value="Spring news"' in answered.content.decode()  # what was typed stays
    assert not Issue.objects.exists()
