"""Head tags for sharing and search engines: hreflang alternates and schema.org JSON-LD."""

import json
from typing import Any

from django import template
from django.utils.html import json_script
from django.utils.safestring import SafeString, mark_safe

from omshub.core import links
from omshub.core.navigation import language_links

register = template.Library()


@register.inclusion_tag("core/includes/alternates.html", takes_context=True)
def hreflang_alternates(context: dict[str, Any]) -> dict[str, Any]:
    """Link each real translation of this page (not the home-page fallbacks)."""
    request, page = context["request"], context.get("page")
    if page is None or not hasattr(page, "get_translations"):
        return {"alternates": []}
    translated = [link for link in language_links(request, page) if link.translated]
    return {"alternates": [(link.code, links.absolute(link.url)) for link in translated]}


@register.simple_tag
def absolute_url(path: str) -> str:
    return links.absolute(path)


@register.simple_tag
def page_address(page: Any) -> str:
    """The page's canonical address (see omshub/core/links.py), or "" off a Wagtail page."""
    return links.page_address(page) if hasattr(page, "full_url") else ""


@register.simple_tag(takes_context=True)
def json_ld(context: dict[str, Any]) -> SafeString | str:
    """schema.org data for the page, if its type describes itself (`structured_data()`)."""
    page = context.get("page")
    describe = getattr(page, "structured_data", None)
    if describe is None:
        return ""
    data = json.loads(json.dumps(describe(context["request"]), default=str))
    # json_script escapes <, > and & inside the JSON; only the script type changes.
    tag = json_script(data, element_id=None).replace('type="application/json"', 'type="application/ld+json"', 1)
    return mark_safe(tag)  # noqa: S308
