"""Template tags for the site's header: main sections and language switcher."""

from typing import Any

from django import template

from omshub.core.navigation import language_links, main_sections

register = template.Library()


@register.inclusion_tag("core/includes/main_nav.html", takes_context=True)
def main_nav(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    return {"links": main_sections(request, context.get("page"))}


@register.inclusion_tag("core/includes/language_switcher.html", takes_context=True)
def language_switcher(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    return {"languages": language_links(request, context.get("page"))}
