"""Small helpers for the care finder's templates: distances, phone links, map links."""

from urllib.parse import urlencode

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from omshub.carefinder.models import CareService

register = template.Library()

MAP_SEARCH = "https://www.openstreetmap.org/search"


@register.simple_tag
def miles_away(miles: float) -> str:
    if miles < 1:
        return _("less than a mile away")
    rounded = round(miles)
    return ngettext("%(count)d mile away", "%(count)d miles away", rounded) % {"count": rounded}


@register.filter
def tel_digits(phone: str) -> str:
    """A tel: link's number: digits and a leading +, nothing else (spaces and dashes dropped)."""
    return "".join(character for character in phone if character.isdigit() or character == "+")


@register.simple_tag
def map_url(service: CareService) -> str:
    """A plain link to a map search for the address: nothing is loaded until the family taps it."""
    return f"{MAP_SEARCH}?{urlencode({'query': service.address})}"
