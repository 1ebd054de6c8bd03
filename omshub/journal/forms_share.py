"""Forms of share links: the family's form to make one, and the clinician's passcode."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omshub.core.dates import PeriodDateField
from omshub.journal.models import ShareLink

DEFAULT_DAYS = 90
PASSCODE_MIN = 6


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


class ShareLinkForm(forms.Form):
    label = forms.CharField(
        label=_("Who is it for? (optional)"),
        help_text=_("For example “Dr Rivera, neurology”. Only you see this."),
        max_length=80,
        required=False,
    )
    data_from = PeriodDateField(
        label=_("Records from"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Enter the first date to share."), "invalid": _("Enter a real date.")},
    )
    data_to = PeriodDateField(
        label=_("Records until"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Enter the last date to share."), "invalid": _("Enter a real date.")},
    )
    lifetime = forms.TypedChoiceField(
        label=_("How long does the link work?"),
        choices=ShareLink.Lifetime.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    passcode = forms.CharField(
        label=_("Passcode (optional)"),
        help_text=_("At least 6 characters. Tell it to the clinician separately, not in the same message as the link."),
        required=False,
        min_length=PASSCODE_MIN,
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"min_length": _("Make the passcode at least %(limit_value)d characters long.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["data_from"].initial = _days_ago(DEFAULT_DAYS)
        self.fields["data_to"].initial = timezone.localdate()
        self.fields["lifetime"].initial = ShareLink.Lifetime.WEEK

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("data_from"), cleaned.get("data_to")
        if start and end and start > end:
            self.add_error("data_to", _("The last date must be on or after the first date."))
        return cleaned


class PasscodeForm(forms.Form):
    passcode = forms.CharField(
        label=_("Passcode"),
        help_text=_("The family gave it to you with the link."),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Enter the passcode.")},
    )
