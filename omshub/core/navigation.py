"""Selectors for the header: the main sections and the language switcher's targets."""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Page, Site


@dataclass(frozen=True)
class NavLink:
    title: str
    url: str
    active: bool


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool


def _localized_root(request: HttpRequest) -> Page | None:
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page
    language = translation.get_language() or settings.LANGUAGE_CODE
    if root.locale.language_code == language:
        return root
    return Page.objects.filter(translation_key=root.translation_key, locale__language_code=language).first() or root


def main_sections(request: HttpRequest, current: Page | None) -> list[NavLink]:
    """The home page's live children marked 'show in menus', in the visitor's language."""
    root = _localized_root(request)
    if root is None:
        return []
    current_path = current.url_path if current else ""
    return [
        NavLink(title=page.title, url=page.get_url(request) or "", active=current_path.startswith(page.url_path))
        for page in root.get_children().live().in_menu().only("id", "title", "url_path", "path", "depth", "locale_id")
    ]


def language_links(request: HttpRequest, current: Page | None) -> list[LanguageLink]:
    """Each language's version of this page; its home page where no translation exists yet."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    urls: dict[str, str] = {}
    if current is not None:
        for page in current.get_translations(inclusive=True).live().select_related("locale"):
            urls[page.locale.language_code] = page.get_url(request) or ""
    links = []
    for code, name in settings.LANGUAGES:
        url = urls.get(code) or ("/" if code == settings.LANGUAGE_CODE else f"/{code}/")
        links.append(LanguageLink(code=code, name=name, url=url, current=code == language))
    return links

