"""Template tags for the site's header: main sections and language switcher."""

from typing import Any

from django import template

from omshub.core.navigation import active_language, breadcrumb, home_url, language_links, main_sections

register = template.Library()


@register.simple_tag
def home_page_url() -> str:
    return home_url(active_language())


@register.inclusion_tag("core/includes/main_nav.html", takes_context=True)
def main_nav(context: dict[str, Any]) -> dict[str, Any]:
    page = context.get("page")
    current_path = getattr(page, "url_path", "")
    links = [(link, current_path.startswith(link.url_path)) for link in main_sections(context["request"])]
    return {"links": links}


@register.inclusion_tag("core/includes/language_switcher.html", takes_context=True)
def language_switcher(context: dict[str, Any]) -> dict[str, Any]:
    return {"languages": language_links(context["request"], context.get("page"))}


@register.inclusion_tag("core/components/breadcrumb.html", takes_context=True)
def breadcrumb_trail(context: dict[str, Any]) -> dict[str, Any]:
    page = context["page"]
    return {"page": page, "ancestors": breadcrumb(context["request"], page)}
