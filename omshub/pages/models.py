"""General content pages: the home page, plain pages (About, Get involved) and section indexes."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from omshub.core.blocks import BodyBlock, FaqItemBlock, TopicBodyBlock
from omshub.core.page_cache import in_preview, remember
from omshub.core.page_privacy import RememberedPrivacyMixin
from omshub.pages.medical import CitedMixin, MedicalReviewMixin
from omshub.pages.structured_data import article


class HomePage(RememberedPrivacyMixin, CitedMixin, Page):  # type: ignore[django-manager-missing]
    hero_heading = models.CharField(_("hero heading"), max_length=120)
    hero_text = models.TextField(_("hero text"), max_length=400)
    primary_action_label = models.CharField(_("main button label"), max_length=60, blank=True)
    primary_action_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("main button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    secondary_action_label = models.CharField(_("second button label"), max_length=60, blank=True)
    secondary_action_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("second button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    featured_campaign = models.ForeignKey(
        "giving.CampaignPage",
        verbose_name=_("featured campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("primary_action_label"), FieldPanel("primary_action_page")]),
                FieldRowPanel([FieldPanel("secondary_action_label"), FieldPanel("secondary_action_page")]),
            ],
            heading=_("Buttons under the heading"),
        ),
        FieldPanel("featured_campaign"),
        FieldPanel("body"),
        FieldPanel("references"),
    ]
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        """Find a page below home by its full path in one lookup, not one or two per level.

        Falls back on Wagtail's step-by-step routing when no page has that exact path, so
        pages that route their own sub-paths (and 404s) behave as Wagtail intends. One
        difference: a page that routes sub-paths itself does not get a say over a real
        child page with the same slug; the child wins.
        """
        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            target = Page.objects.filter(
                slug=path_components[-1], depth=self.depth + len(path_components), url_path=url_path
            ).first()
            if target is not None:
                return target.specific.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        if in_preview(request):  # a draft's buttons and campaign: never remembered
            context.update(self._hero_and_campaign(request))
        else:
            context.update(remember(f"home-context:{self.pk}", lambda: self._hero_and_campaign(request)))
        return context

    def _hero_and_campaign(self, request: HttpRequest) -> dict[str, Any]:
        """The buttons' (address, label) and the featured campaign's teaser: content only, no per-visitor data."""
        from omshub.giving.models import CampaignPage

        ids = [pk for pk in (self.primary_action_page_id, self.secondary_action_page_id) if pk]
        targets = Page.objects.live().only("id", "title", "url_path", "path", "depth", "locale_id").in_bulk(ids)
        actions = [
            (targets[pk].get_url(request) or "", label or targets[pk].title)
            for pk, label in (
                (self.primary_action_page_id, self.primary_action_label),
                (self.secondary_action_page_id, self.secondary_action_label),
            )
            if pk in targets
        ]
        campaign = CampaignPage.objects.live().filter(pk=self.featured_campaign_id).first()
        teaser = (
            CampaignTeaser(
                title=campaign.title,
                summary=campaign.summary,
                goal_cents=campaign.goal_cents,
                currency=campaign.currency,
                url=campaign.get_url(request) or "",
            )
            if campaign is not None
            else None
        )
        return {"actions": actions, "campaign": teaser}


@dataclass(frozen=True)
class CampaignTeaser:
    title: str
    summary: str
    goal_cents: int
    currency: str
    url: str


class StandardPage(RememberedPrivacyMixin, CitedMixin, Page):  # type: ignore[django-manager-missing]
    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body"), FieldPanel("references")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


class SectionPage(RememberedPrivacyMixin, Page):
    """A section's front page that lists the pages beneath it (e.g. Learn)."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("section page")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["children"] = (
            self.get_children()
            .live()
            .public()
            .only("id", "title", "url_path", "path", "depth", "search_description", "locale_id")
        )
        return context


class TopicPage(RememberedPrivacyMixin, MedicalReviewMixin, Page):  # type: ignore[django-manager-missing]  # mixin + untyped Page
    """One medical topic in plain language, with numbered references and a review record."""

    summary = models.TextField(_("summary"), max_length=400, help_text=_("One or two plain sentences."))
    body = StreamField(TopicBodyBlock())
    is_main_topic = models.BooleanField(
        _("the main page about the condition"),
        default=False,
        help_text=_("Tells search engines this page describes the condition itself."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        *MedicalReviewMixin.review_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("locale_id"),
    ]
    parent_page_types = ["pages.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("topic page")

    def structured_data(self, request: HttpRequest) -> dict[str, Any]:
        data = {**self.medical_web_page(request), "description": self.summary}
        if self.is_main_topic:
            data["about"] = {
                "@type": "MedicalCondition",
                "name": "Opsoclonus myoclonus syndrome",
                "alternateName": [
                    "OMS",
                    "Opsoclonus-myoclonus-ataxia syndrome",
                    "Kinsbourne syndrome",
                    "Dancing eye syndrome",
                ],
                "code": {"@type": "MedicalCode", "codingSystem": "ORPHA", "codeValue": "1183"},
            }
        return data


class FaqPage(RememberedPrivacyMixin, MedicalReviewMixin, Page):  # type: ignore[django-manager-missing]
    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    questions = StreamField([("question", FaqItemBlock())])

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("questions"),
        *MedicalReviewMixin.review_panels,
    ]
    search_fields = [*Page.search_fields, index.SearchField("questions"), index.FilterField("locale_id")]
    parent_page_types = ["pages.SectionPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("FAQ page")

    def structured_data(self, request: HttpRequest) -> dict[str, Any]:
        return {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "inLanguage": self.locale.language_code,
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": item.value["question"],
                    "acceptedAnswer": {"@type": "Answer", "text": strip_tags(str(item.value["answer"]))},
                }
                for item in self.questions
            ],
        }


class TermBlock(blocks.StructBlock):
    term = blocks.CharBlock(max_length=100)
    definition = blocks.TextBlock(max_length=500)
    other_term = blocks.CharBlock(
        max_length=100, required=False, help_text=_("The same term in the site's other language.")
    )


class GlossaryPage(RememberedPrivacyMixin, MedicalReviewMixin, Page):  # type: ignore[django-manager-missing]
    """Plain definitions; what they say about OMS is cited and reviewed like a topic page."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    terms = StreamField([("term", TermBlock())])

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("terms"),
        *MedicalReviewMixin.review_panels,
    ]
    search_fields = [*Page.search_fields, index.SearchField("terms"), index.FilterField("locale_id")]
    parent_page_types = ["pages.SectionPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("glossary")


class StoryPageForm(WagtailAdminPageForm):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "action-publish" in self.data and not cleaned.get("consent_given"):
            self.add_error("consent_given", _("A story can only be published with the family's consent."))
        return cleaned


class StoryPage(RememberedPrivacyMixin, Page):
    """A family's story, published only with the family's consent."""

    base_form_class = StoryPageForm

    summary = models.TextField(_("summary"), max_length=400)
    body = StreamField(BodyBlock())
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(_("photo description"), max_length=250, blank=True)
    consent_given = models.BooleanField(
        _("the family agreed to publication"), default=False, help_text=_("Required before the story can go live.")
    )
    is_example = models.BooleanField(_("example story"), default=False, help_text=_("Shows an 'example' label."))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("photo"), FieldPanel("photo_alt")]),
        FieldRowPanel([FieldPanel("consent_given"), FieldPanel("is_example")]),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("locale_id"),
    ]
    parent_page_types = ["pages.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("family story")

    def structured_data(self, request: HttpRequest) -> dict[str, Any]:
        published = self.first_published_at or self.latest_revision_created_at
        return article(self, request, description=self.summary, published=published)

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.live and not self.consent_given:
            errors["consent_given"] = _("A story can only be published with the family's consent.")
        if self.photo_id and not self.photo_alt:
            errors["photo_alt"] = _("Describe the photo for people who cannot see it.")
        if errors:
            raise ValidationError(errors)


# The research-news models live in news.py and the review task in review.py; importing them
# here registers them with this app.
from omshub.pages.news import ArticlePage, ArticlePageTag, NewsIndexPage  # noqa: E402, F401
from omshub.pages.review import MedicalReviewTask  # noqa: E402, F401
