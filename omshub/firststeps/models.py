"""The "Get help now" page: a red-flag checklist that grades urgency and leads to a letter."""

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from omshub.core.blocks import BodyBlock
from omshub.core.page_privacy import RememberedPrivacyMixin
from omshub.firststeps.red_flags import RULES
from omshub.firststeps.triage import triage
from omshub.pages.medical import MedicalReviewMixin


class ChecklistPage(RememberedPrivacyMixin, MedicalReviewMixin, Page):  # type: ignore[django-manager-missing]  # mixin + untyped Page
    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    body = StreamField(BodyBlock(), blank=True, help_text=_("Shown under the checklist."))

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        *MedicalReviewMixin.review_panels,
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("red-flag checklist page")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context.update(rules=RULES)
        if "signs" in request.GET or "checked" in request.GET:
            # Unknown keys (an old link, say) are ignored; what is known is still graded.
            result = triage(request.GET.getlist("signs")[:40])
            context.update(triage=result, result=result.urgency, chosen_keys=result.keys)
        return context
