"""Filters for the staff's donations list: campaign, date range, status, frequency, method, test or live."""

from typing import Any

import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.fields import DateRangeField, RangeField
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from omshub.core.dates import PeriodDateField
from omshub.giving.models import CampaignPage, Donation


class PeriodRangeField(DateRangeField):
    """The list's date range, each end a real day within the sensible range (core/dates.py): a day
    in year 9999 has no end of day in UTC, and the query would fail instead of saying so."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        ends = (PeriodDateField(required=False), PeriodDateField(required=False))
        RangeField.__init__(self, ends, *args, **kwargs)


class PeriodRangeFilter(django_filters.DateFromToRangeFilter):
    field_class = PeriodRangeField


def _campaign_choices() -> list[tuple[str, str]]:
    campaigns: dict[str, str] = {}
    for page in CampaignPage.objects.select_related("locale").order_by("locale__language_code", "title"):
        campaigns.setdefault(str(page.translation_key), page.title)
    return sorted(campaigns.items(), key=lambda item: item[1])


class DonationFilterSet(WagtailFilterSet):
    campaign_key = django_filters.ChoiceFilter(label=_("Campaign"), choices=_campaign_choices)
    created_at = PeriodRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    is_test = django_filters.BooleanFilter(label=_("Test gifts"))

    class Meta:
        model = Donation
        fields = ["campaign_key", "created_at", "status", "frequency", "method", "is_test"]
