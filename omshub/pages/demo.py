"""Loads the demo foundation: pages in English and Spanish, a campaign and site settings.

Idempotent: pages are found by their place in the tree and translation key, and only
what is missing is created, so staff edits survive `make run` again and again.
"""

import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from omshub.carefinder.demo import care_demo_load
from omshub.core.models import FoundationSettings
from omshub.events.demo import events_demo_load
from omshub.firststeps.models import ChecklistPage
from omshub.giving.demo import giving_demo_load
from omshub.giving.models import CampaignIndexPage, CampaignPage
from omshub.pages import demo_content as content
from omshub.pages.models import HomePage, SectionPage, StandardPage
from omshub.pages.news import NewsIndexPage
from omshub.pages.seed_loader import STORIES_SECTION, learn_section_load, translation_ensure
from omshub.pages.services import medical_review_setup

# (key, model, parent key); the order is the menu order.
TREE: list[tuple[str, type[Page], str]] = [
    ("learn", SectionPage, "home"),
    ("help", ChecklistPage, "home"),
    ("donate", CampaignIndexPage, "home"),
    ("campaign", CampaignPage, "donate"),
    ("involved", StandardPage, "home"),
    ("about", StandardPage, "home"),
]
IN_MENU = {"learn", "help", "donate", "involved", "about"}


def _campaign_dates() -> dict[str, Any]:
    year = timezone.localdate().year
    return {
        "starts_on": datetime.date(year, 1, 1),
        "ends_on": datetime.date(year, 12, 31),
        "goal_cents": content.CAMPAIGN_GOAL_CENTS,
    }


def _publish(page: Page) -> None:
    page.save_revision().publish()


def _default_site(english: Locale) -> Site:
    """The default site; created with a tree root when the database is empty (e.g. after a flush)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=english))
    return Site.objects.create(hostname="localhost", root_page=root, is_default_site=True)


def _home_for_site(site: Site, english: Locale) -> HomePage:
    root_page = site.root_page.specific
    if isinstance(root_page, HomePage):
        return root_page
    fields = content.PAGES["home"]["en"]
    home = HomePage(locale=english, slug="oms-hub-home", **{k: v for k, v in fields.items() if k != "slug"})
    Page.get_first_root_node().add_child(instance=home)
    _publish(home)
    placeholder = site.root_page
    site.root_page = home
    site.site_name = content.SETTINGS["name"]
    base_url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site.hostname = base_url.hostname or site.hostname
    site.port = base_url.port or (443 if base_url.scheme == "https" else 80)
    site.save()
    if placeholder.depth == 2 and not placeholder.get_children().exists():
        placeholder.delete()  # Wagtail's "Welcome" page, never edited
    return home


def _english_pages(home: HomePage, english: Locale) -> dict[str, Page]:
    pages: dict[str, Page] = {"home": home}
    for key, model, parent_key in TREE:
        parent = pages[parent_key]
        fields = dict(content.PAGES[key]["en"])
        existing = parent.get_children().filter(slug=fields["slug"]).first()
        if existing is not None:
            pages[key] = existing.specific
            continue
        if model is CampaignPage:
            fields.update(_campaign_dates())
        page = model(locale=english, show_in_menus=key in IN_MENU, **fields)
        parent.add_child(instance=page)
        _publish(page)
        pages[key] = page
    return pages


def _spanish_pages(english_pages: dict[str, Page], spanish: Locale) -> dict[str, Page]:
    return {
        key: translation_ensure(english_pages[key], spanish, content.PAGES[key]["es"])
        for key in ["home", *[k for k, _, _ in TREE]]
    }


def _link_home(home: HomePage, pages: dict[str, Page], language: str) -> None:
    """Point the home page's buttons and cards at pages in its own language, once."""
    home = HomePage.objects.get(pk=home.pk)  # fresh: translations added children since it was read
    if home.primary_action_page_id:
        return
    home.primary_action_page = pages["help"]
    home.secondary_action_page = pages["campaign"]
    home.featured_campaign = pages["campaign"]
    cards = [
        {"heading": heading, "text": text, "page": pages[key].pk, "link_text": link_text}
        for key, heading, text, link_text in content.HOME_CARDS[language]
    ]
    home.body = [{"type": "cards", "value": {"cards": cards}}]
    home.save()
    _publish(home)


def _review_workflow(english_pages: dict[str, Page], spanish_pages: dict[str, Page]) -> None:
    """Medical pages (Learn, the checklist) wait for a medical reviewer; news and campaigns don't."""
    both = [english_pages, spanish_pages]
    learn = [pages["learn"] for pages in both]
    news = [NewsIndexPage.objects.child_of(section).first() for section in learn]
    story_slugs = [text["slug"] for text in STORIES_SECTION.values()]
    stories = [SectionPage.objects.child_of(section).filter(slug__in=story_slugs).first() for section in learn]
    medical_review_setup(
        reviewed=[*learn, *(pages["help"] for pages in both)],
        not_reviewed=[page for page in (*news, *stories) if page is not None],
        one_click=[*(page for page in news if page is not None), *(pages["donate"] for pages in both)],
    )


def _settings(site: Site) -> None:
    foundation = FoundationSettings.for_site(site)
    if foundation.facebook_url:
        return
    for field, value in content.SETTINGS.items():
        setattr(foundation, field, value)
    foundation.save()


@transaction.atomic
def demo_foundation_load() -> dict[str, Page]:
    """Create whatever part of the demo foundation is missing; return the English pages by key."""
    english, _ = Locale.objects.get_or_create(language_code="en")
    spanish, _ = Locale.objects.get_or_create(language_code="es")
    site = _default_site(english)
    home = _home_for_site(site, english)
    english_pages = _english_pages(home, english)
    spanish_pages = _spanish_pages(english_pages, spanish)
    learn_section_load(Page.objects.get(pk=english_pages["learn"].pk).specific, spanish)
    _link_home(home, english_pages, "en")
    _link_home(spanish_pages["home"], spanish_pages, "es")
    _settings(site)
    _review_workflow(english_pages, spanish_pages)
    giving_demo_load(english_pages["campaign"].specific, spanish_pages["campaign"].specific)
    care_demo_load()
    events_demo_load()
    return english_pages
