"""Writes for the pages app: the clinical sign-off of a medical page and the review workflow."""

import datetime
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page, Revision, Workflow, WorkflowPage, WorkflowTask

from omshub.pages.medical import MedicalReviewMixin

MEDICAL_REVIEWERS = "Medical reviewers"
MEDICAL_REVIEW_WORKFLOW = "Medical review"
EDITORS = "Editors"  # Wagtail's own group for people who write pages


def next_review_after(day: datetime.date) -> datetime.date:
    """A year later (28 February when the review fell on 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


@transaction.atomic
def review_sign_off(*, page: Page, reviewer: Any, on: datetime.date) -> Revision:
    """Record `reviewer` as having reviewed the page's latest draft on `on`, as a new revision.

    The page is not published here: the workflow publishes its latest revision, which is
    this one, when it finishes.
    """
    draft: Any = page.get_latest_revision_as_object()
    if not issubclass(type(draft), MedicalReviewMixin):  # (not isinstance: mypy would narrow away Page)
        raise TypeError(f"{type(page).__name__} has no review record")
    draft.reviewed_by = reviewer.get_full_name() or reviewer.get_username()
    draft.last_reviewed = on
    draft.next_review = next_review_after(on)
    return draft.save_revision(user=reviewer, log_action=True)


@transaction.atomic
def medical_review_setup(*, reviewed: list[Page], not_reviewed: list[Page], one_click: list[Page]) -> Workflow:
    """The "Medical reviewers" group and the "Medical review" workflow, assigned to `reviewed`.

    `reviewed` are the roots of the medical pages (the Learn section, the checklist) in each
    language: the workflow applies to them and to every page below them, so a new topic is
    reviewed too. `not_reviewed` are sections below those roots that are not medical pages
    (news, family stories): they keep the workflow of the tree's root (Wagtail's default
    moderation), if any. `one_click` are sections that Wagtail's "Editors" group may publish
    directly (news, campaigns). Editors get no publish permission on medical pages, so their
    changes there wait for a reviewer. Idempotent.
    """
    from omshub.pages.review import MedicalReviewTask

    reviewers, _ = Group.objects.get_or_create(name=MEDICAL_REVIEWERS)
    reviewers.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    # Approving publishes the page as the reviewer, so Wagtail wants them to hold publish too.
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=["change_page", "publish_page"]
    )
    for root in reviewed:
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=reviewers, page=root, permission=permission)

    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        publish_page = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
        for section in one_click:
            GroupPagePermission.objects.get_or_create(group=editors, page=section, permission=publish_page)

    task = MedicalReviewTask.objects.filter(name=MEDICAL_REVIEW_WORKFLOW).first()
    if task is None:
        task = MedicalReviewTask.objects.create(name=MEDICAL_REVIEW_WORKFLOW)
    task.groups.add(reviewers)
    workflow, _ = Workflow.objects.get_or_create(name=MEDICAL_REVIEW_WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for root in reviewed:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    tree_root = Page.get_first_root_node()
    default = tree_root.get_workflow() if tree_root is not None else None
    if default is not None and default != workflow:
        for section in not_reviewed:
            WorkflowPage.objects.get_or_create(page=section, defaults={"workflow": default})
    return workflow
