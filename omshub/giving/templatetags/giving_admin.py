"""Template tags of the giving admin screens."""

from django import template
from django.utils.safestring import SafeString

from omshub.giving.admin_warnings import receipt_details_warning as warning_for_now

register = template.Library()


@register.simple_tag(takes_context=True)
def receipt_details_warning(context: template.Context) -> SafeString:
    """The warning, when receipt details are missing; nothing otherwise."""
    warning = warning_for_now()
    return warning.render_html(context) if warning else SafeString("")
