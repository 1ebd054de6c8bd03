"""What every medical page carries: numbered references, a review record and a disclaimer."""

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField

from omshub.core.blocks import ReferenceBlock


class CitedMixin(models.Model):
    """Numbered references for any page that states medical facts (the home page, About...)."""

    references = StreamField(
        [("reference", ReferenceBlock())],
        blank=True,
        help_text=_("Numbered in this order; cite them in the text as [1], [2]..."),
    )

    class Meta:
        abstract = True

    def reference_list(self) -> list[Any]:
        return [block.value for block in self.references]


class MedicalReviewMixin(CitedMixin):
    reviewed_by = models.CharField(
        _("reviewed by"), max_length=200, blank=True, help_text=_("The clinician who checked this page.")
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    next_review = models.DateField(_("next review due"), null=True, blank=True)

    # Set when a medical reviewer approves the page (review.py), never typed in: a name or a
    # date an editor could enter would claim a review nobody gave.
    review_panels = [
        MultiFieldPanel(
            [
                FieldPanel("reviewed_by", read_only=True),
                FieldRowPanel([FieldPanel("last_reviewed", read_only=True), FieldPanel("next_review", read_only=True)]),
            ],
            heading=_("Clinical review"),
            help_text=_("Filled in when a medical reviewer approves the page."),
        ),
        FieldPanel("references"),
    ]

    class Meta:
        abstract = True

    @property
    def awaiting_review(self) -> bool:
        """True until a named reviewer has signed the page off on a given date.

        A date without a name (or a name without a date) is not a review anyone gave, so
        the page still says it awaits one and shows no date.
        """
        return not (self.reviewed_by and self.last_reviewed)

    def medical_web_page(self, request: HttpRequest) -> dict[str, Any]:
        """schema.org MedicalWebPage fields shared by every medical page."""
        page: Any = self
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "MedicalWebPage",
            "name": page.title,
            "url": page.get_full_url(request),
            "inLanguage": page.locale.language_code,
            "citation": [reference["label"] for reference in self.reference_list()],
        }
        if not self.awaiting_review and self.last_reviewed:
            data["lastReviewed"] = self.last_reviewed.isoformat()
            data["reviewedBy"] = {"@type": "Person", "name": self.reviewed_by}
        return data
