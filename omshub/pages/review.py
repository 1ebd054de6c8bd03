"""Reviewed publishing: medical pages go live only when a medical reviewer approves them.

A Wagtail workflow whose one task is a `MedicalReviewTask`: an editor submits a topic,
FAQ, glossary or checklist page; a member of the task's groups ("Medical reviewers")
approves it in the admin; the approval records that reviewer's name and the date on the
page, and Wagtail publishes it. The page then shows who reviewed it and when.
"""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, TaskState

from omshub.pages.medical import MedicalReviewMixin


class MedicalReviewTask(AbstractGroupApprovalTask):
    """A group approval whose approver signs the page off as its clinical reviewer."""

    class Meta:
        verbose_name = _("medical review task")
        verbose_name_plural = _("medical review tasks")

    @classmethod
    def get_description(cls) -> str:
        return str(_("Members of the chosen groups approve the page; the approver is recorded as its reviewer."))

    def on_action(self, task_state: TaskState, user: Any, action_name: str, **kwargs: Any) -> Any:
        page = task_state.workflow_state.content_object.specific
        # A page without a review record (a section page moved under Learn, say) is simply approved.
        if action_name == "approve" and isinstance(page, MedicalReviewMixin):
            from omshub.pages.services import review_sign_off

            workflow_state = task_state.workflow_state
            review_sign_off(page=page, reviewer=user, on=timezone.localdate())
            # The workflow publishes the page's latest revision when it finishes: re-read the
            # page so that revision is the one just signed, not one cached before it.
            workflow_state.refresh_from_db()
        return super().on_action(task_state, user, action_name, **kwargs)
