"""Selectors for the header: the main sections and the language switcher's targets.

Both are remembered until published content changes, so a warm page spends no query
on its header.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Page, Site

from omshub.core.page_cache import remember


@dataclass(frozen=True)
class NavLink:
    title: str
    url: str
    url_path: str


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool
    translated: bool  # False: the link falls back to that language's home page


def active_language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def home_url(code: str) -> str:
    """The home page's address in a language (English at /, others under /<code>/)."""
    return "/" if code == settings.LANGUAGE_CODE else f"/{code}/"


def _link(page: Page, request: HttpRequest) -> NavLink:
    return NavLink(title=page.title, url=page.get_url(request) or "", url_path=page.url_path)


def main_sections(request: HttpRequest) -> list[NavLink]:
    """The live children marked 'show in menus' of the site's home page in the visitor's language."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    language = active_language()

    def compute() -> list[NavLink]:
        roots = [root for root in Site.get_site_root_paths() if root.site_id == site.pk]
        root = next((r for r in roots if r.language_code == language), roots[0] if roots else None)
        if root is None:
            return []
        children = (
            Page.objects.live()
            .in_menu()
            .filter(url_path__startswith=root.root_path, depth=root.root_path.count("/") + 1)
            .order_by("path")
            .only("id", "title", "url_path", "path", "depth", "locale_id")
        )
        return [_link(page, request) for page in children]

    return remember(f"nav:{site.pk}:{language}", compute)


def language_links(request: HttpRequest, current: Page | None) -> list[LanguageLink]:
    """Each language's version of this page; its home page where no translation exists yet."""
    language = active_language()

    def compute() -> dict[str, str]:
        assert current is not None
        translations = current.get_translations(inclusive=True).live().select_related("locale")
        return {page.locale.language_code: page.get_url(request) or "" for page in translations}

    urls = remember(f"translations:{current.pk}", compute) if current is not None else {}
    return [
        LanguageLink(
            code=code,
            name=name,
            url=urls.get(code) or home_url(code),
            current=code == language,
            translated=bool(urls.get(code)),
        )
        for code, name in settings.LANGUAGES
    ]


def breadcrumb(request: HttpRequest, current: Page) -> list[NavLink]:
    """The live pages between the home page and this one, both left out."""

    def compute() -> list[NavLink]:
        ancestors = current.get_ancestors().live().filter(depth__gt=2).only("id", "title", "url_path", "path", "depth")
        return [_link(page, request) for page in ancestors]

    return remember(f"breadcrumb:{current.pk}", compute)
