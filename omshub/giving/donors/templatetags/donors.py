"""`{% manage_giving_url %}`: the full address of "Manage my giving", for emails, in the active language."""

from django import template
from django.urls import reverse

from omshub.core.links import absolute

register = template.Library()


@register.simple_tag
def manage_giving_url() -> str:
    return absolute(reverse("donors:start"))
