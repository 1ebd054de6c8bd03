"""Citation markers: "[1]" in content becomes a superscript link to reference 1 on the page."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.rich_text import RichText

register = template.Library()

MARKER = re.compile(r"\[(\d{1,2})\]")


@register.filter
def cite(value: object) -> SafeString:
    html = str(value) if isinstance(value, RichText | SafeString) else conditional_escape(str(value))
    return mark_safe(  # noqa: S308 - the input is escaped or already safe; we add only our own tags
        MARKER.sub(r'<sup class="cite"><a href="#ref-\1">[\1]</a></sup>', html)
    )
