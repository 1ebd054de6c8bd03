"""Reviewed publishing: an editor's change to a medical page waits for a medical reviewer.

Drives Wagtail's public workflow API the way the admin does (save a draft, start the
page's workflow, act on its current task); tests/e2e/test_admin.py does it in the browser.
"""

import datetime
import json
import re
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, WorkflowPage, WorkflowState

from omshub.firststeps.models import ChecklistPage
from omshub.pages.models import FaqPage, GlossaryPage, SectionPage, TopicPage
from omshub.pages.news import ArticlePage
from omshub.pages.services import (
    EDITORS,
    MEDICAL_REVIEW_WORKFLOW,
    MEDICAL_REVIEWERS,
    medical_review_setup,
    next_review_after,
    review_sign_off,
)
from tests.factories import UserFactory, staff_ready


@pytest.fixture
def editor(demo):
    user: Any = UserFactory(username="editor-ed")
    user.groups.add(Group.objects.get(name=EDITORS))
    return staff_ready(user)


@pytest.fixture
def reviewer(demo):
    user: Any = UserFactory(username="dr-reyes", first_name="Ana", last_name="Reyes")
    user.groups.add(Group.objects.get(name=MEDICAL_REVIEWERS))
    return staff_ready(user)


def _json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


def _submit(page: Page, user, **changes) -> WorkflowState:
    """What the admin's "Submit to Medical review" does: save a draft, start the workflow."""
    draft = page.get_latest_revision_as_object()
    for field, value in changes.items():
        setattr(draft, field, value)
    draft.save_revision(user=user)
    return page.get_workflow().start(page, user)


def test_every_medical_page_type_is_under_the_review_workflow(demo):
    for model in (TopicPage, FaqPage, GlossaryPage, ChecklistPage):
        for page in model.objects.all():
            assert page.get_workflow().name == MEDICAL_REVIEW_WORKFLOW, page.url
    for page in ArticlePage.objects.all():
        assert page.get_workflow().name != MEDICAL_REVIEW_WORKFLOW, page.url


def test_an_editors_change_to_a_topic_waits_for_review_and_the_approval_signs_it(client, demo, editor, reviewer):
    page = TopicPage.objects.get(slug="what-is-oms")
    assert not page.permissions_for_user(editor).can_publish()  # no way round the review

    state = _submit(page, editor, summary="A clearer summary, checked by a clinician.")
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    html = client.get(page.url).content.decode()
    assert "A clearer summary" not in html  # not live yet
    assert "Awaiting clinical review" in html

    page.refresh_from_db()
    task = page.current_workflow_task
    assert not task.get_actions(page, editor)  # only the reviewers' group may approve
    assert any(name == "approve" for name, *_ in task.get_actions(page, reviewer))
    task.on_action(page.current_workflow_task_state, reviewer, "approve")

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    page.refresh_from_db()
    today = timezone.localdate()
    assert page.reviewed_by == "Ana Reyes"
    assert page.last_reviewed == today and page.next_review == next_review_after(today)
    html = client.get(page.url).content.decode()
    assert "A clearer summary, checked by a clinician." in html
    assert "Reviewed by" in html and "Ana Reyes" in html and "Awaiting clinical review" not in html
    data = _json_ld(html)
    assert data["lastReviewed"] == today.isoformat()
    assert data["reviewedBy"]["name"] == "Ana Reyes"


def test_a_rejected_change_stays_off_the_live_page(client, demo, editor, reviewer):
    page = GlossaryPage.objects.get(locale__language_code="en")
    _submit(page, editor, intro="An unchecked introduction.")
    page.refresh_from_db()
    page.current_workflow_task.on_action(page.current_workflow_task_state, reviewer, "reject")
    page.refresh_from_db()
    assert page.reviewed_by == "" and page.last_reviewed is None
    assert "An unchecked introduction." not in client.get(page.url).content.decode()


def test_a_page_without_a_review_record_is_approved_without_one(demo, editor, reviewer):
    stories = SectionPage.objects.get(slug="family-stories")
    WorkflowPage.objects.update_or_create(page=stories, defaults={"workflow": demo["learn"].get_workflow()})
    _submit(stories, editor, intro="Families tell their own stories here.")
    stories.refresh_from_db()
    stories.current_workflow_task.on_action(stories.current_workflow_task_state, reviewer, "approve")
    stories.refresh_from_db()
    assert stories.intro == "Families tell their own stories here."


def test_an_editor_publishes_a_news_article_in_one_click(client, demo, editor):
    article = ArticlePage.objects.filter(locale__language_code="en").first()
    assert article is not None
    assert article.permissions_for_user(editor).can_publish()
    draft = article.get_latest_revision_as_object()
    draft.summary = "Researchers shared new results this week."
    draft.save_revision(user=editor).publish(user=editor)
    assert "Researchers shared new results this week." in client.get(article.url).content.decode()
    assert not WorkflowState.objects.filter(object_id=str(article.pk)).exists()


def test_the_admin_offers_editors_submit_on_topics_and_publish_on_news(client, demo, editor):
    client.force_login(editor)
    topic = TopicPage.objects.get(slug="what-is-oms")
    html = client.get(f"/admin/pages/{topic.pk}/edit/").content.decode()
    assert 'name="action-submit"' in html and 'name="action-publish"' not in html
    article = ArticlePage.objects.filter(locale__language_code="en").first()
    assert article is not None
    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert 'name="action-publish"' in html


def test_the_review_record_is_not_typed_in_the_editor(client, demo, editor):
    client.force_login(editor)
    topic = TopicPage.objects.get(slug="what-is-oms")
    html = client.get(f"/admin/pages/{topic.pk}/edit/").content.decode()
    assert 'name="reviewed_by"' not in html and 'name="last_reviewed"' not in html


def test_sign_off_uses_the_username_without_a_full_name_and_skips_29_february(demo):
    page = FaqPage.objects.get(locale__language_code="en")
    reviewer = UserFactory(username="reviewer-2")
    review_sign_off(page=page, reviewer=reviewer, on=datetime.date(2028, 2, 29))
    draft = page.get_latest_revision_as_object()
    assert draft.reviewed_by == "reviewer-2"
    assert draft.next_review == datetime.date(2029, 2, 28)


def test_setup_runs_twice_without_duplicates(demo):
    learn = demo["learn"]
    workflow = medical_review_setup(reviewed=[learn], not_reviewed=[], one_click=[])
    assert medical_review_setup(reviewed=[learn], not_reviewed=[], one_click=[]) == workflow
    assert workflow.workflow_tasks.count() == 1
    assert Group.objects.filter(name=MEDICAL_REVIEWERS).count() == 1
