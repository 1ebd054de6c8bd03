"""The registration form (name, email, an optional donation on top) and the door list's search."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from omshub.core.money import MoneyField

MAX_DONATION_CENTS = 10_000_00


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Your full name"),
        max_length=120,
        help_text=_("As staff will look for it at the door."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name.")},
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,  # the column's length (and the longest address mail allows)
        help_text=_("We send your ticket and a reminder the day before here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.org."),
        },
    )
    donation = MoneyField(
        label=_("Add a donation (optional)"),
        help_text=_("In US dollars, on top of the ticket. All of it is tax-deductible."),
        required=False,
        min_cents=0,
        max_cents=MAX_DONATION_CENTS,
    )
    website = forms.CharField(required=False)  # a field people never see: bots fill it

    def __init__(self, *args: Any, allow_donation: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not allow_donation:
            del self.fields["donation"]

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def clean_donation(self) -> int:
        cents = int(self.cleaned_data.get("donation") or 0)
        if 0 < cents < 100:
            raise forms.ValidationError(_("A donation starts at $1. Leave it empty for none."))
        return cents

    def donation_cents(self) -> int:
        return int(self.cleaned_data.get("donation") or 0)


class DoorSearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name"), max_length=80, required=False)
