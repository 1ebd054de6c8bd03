"""Research news: an index with RSS and Atom feeds, and articles with tags and sources."""

from typing import Any

from django.contrib.syndication.views import Feed
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from omshub.core.blocks import TopicBodyBlock
from omshub.core.page_privacy import RememberedPrivacyMixin
from omshub.pages.medical import MedicalReviewMixin
from omshub.pages.structured_data import article


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey("pages.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


class ArticlePage(RememberedPrivacyMixin, MedicalReviewMixin, Page):  # type: ignore[django-manager-missing]
    date = models.DateField(_("date"))
    summary = models.TextField(_("summary"), max_length=400)
    body = StreamField(TopicBodyBlock())
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("tags"),
        *MedicalReviewMixin.review_panels,
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news article")

    def structured_data(self, request: HttpRequest) -> dict[str, Any]:
        return {
            **article(self, request, description=self.summary, published=self.date),
            "keywords": [tag.name for tag in self.tags.all()],
            "citation": [reference["label"] for reference in self.reference_list()],
        }


class NewsIndexPage(RememberedPrivacyMixin, RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), max_length=600, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["pages.ArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    def articles(self) -> Any:
        return ArticlePage.objects.child_of(self).live().public().order_by("-date").prefetch_related("tags")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        articles = self.articles()
        tag = request.GET.get("tag", "")[:100]
        if "\x00" in tag:  # no tag holds a NUL, and PostgreSQL refuses one in a query
            articles = articles.none()
        elif tag:
            articles = articles.filter(tags__name=tag)
        context.update(articles=articles, tag=tag)
        return context

    @path("")
    def index(self, request: HttpRequest) -> HttpResponse:
        return self.render(request)

    @path("feed/")
    def rss(self, request: HttpRequest) -> HttpResponse:
        return NewsFeed(self)(request)

    @path("feed/atom/")
    def atom(self, request: HttpRequest) -> HttpResponse:
        return AtomNewsFeed(self)(request)


class NewsFeed(Feed):
    def __init__(self, index_page: NewsIndexPage) -> None:
        super().__init__()
        self.index_page = index_page
        self.language = index_page.locale.language_code

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self) -> str:
        return self.index_page.title

    def link(self) -> str:
        return self.index_page.get_url(self.request) or "/"

    def description(self) -> str:
        return self.index_page.intro

    def items(self) -> Any:
        return self.index_page.articles()[:20]

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        return item.summary

    def item_link(self, item: ArticlePage) -> str:
        return item.get_url(self.request) or "/"

    def item_pubdate(self, item: ArticlePage) -> Any:
        from datetime import datetime, time

        from django.utils import timezone

        return timezone.make_aware(datetime.combine(item.date, time(12)))

    def item_categories(self, item: ArticlePage) -> list[str]:
        return [tag.name for tag in item.tags.all()]


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return self.index_page.intro
