"""Filters for the staff's donations list: campaign, date range, status, frequency, method, test or live."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from omshub.giving.models import CampaignPage, Donation


def _campaign_choices() -> list[tuple[str, str]]:
    campaigns: dict[str, str] = {}
    for page in CampaignPage.objects.select_related("locale").order_by("locale__language_code", "title"):
        campaigns.setdefault(str(page.translation_key), page.title)
    return sorted(campaigns.items(), key=lambda item: item[1])


class DonationFilterSet(WagtailFilterSet):
    campaign_key = django_filters.ChoiceFilter(label=_("Campaign"), choices=_campaign_choices)
    created_at = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    is_test = django_filters.BooleanFilter(label=_("Test gifts"))

    class Meta:
        model = Donation
        fields = ["campaign_key", "created_at", "status", "frequency", "method", "is_test"]
