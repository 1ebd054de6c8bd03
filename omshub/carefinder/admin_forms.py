"""The staff's form for a care service: the usual fields, plus "I checked these details today"."""

from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from omshub.carefinder import services


class CareServiceAdminForm(WagtailAdminModelForm):
    verified_today = forms.BooleanField(
        label=_("I checked these details with the service today"),
        required=False,
        help_text=_("Families see “verified by staff on” this date. Tick it only after you have called or written."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk and instance.verified_on:
            self.fields["verified_today"].help_text = _("Last verified on %(day)s by %(who)s.") % {
                "day": date_format(instance.verified_on, "DATE_FORMAT"),
                "who": instance.verified_by or _("a former staff member"),
            }

    def save(self, commit: bool = True) -> Any:
        service = super().save(commit=commit)
        if commit and self.cleaned_data.get("verified_today"):
            services.service_verify(service=service, actor=self.for_user)
            service.refresh_from_db(fields=["verified_on", "verified_by"])
        return service
