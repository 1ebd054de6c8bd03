"""The finder's search form and a family's reported wait, with messages a parent understands."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omshub.carefinder.geo import Place, PlaceNotFound, find_place

DISTANCES = [("25", _("25 miles")), ("50", _("50 miles")), ("100", _("100 miles")), ("250", _("250 miles")),
             ("500", _("500 miles")), ("any", _("Any distance"))]  # fmt: skip
DEFAULT_DISTANCE = "250"
PLACE_ERRORS = {
    "empty": _("Enter a ZIP code, like 90027, or a city, like Los Angeles, CA."),
    "zip_format": _("A ZIP code has 5 digits, like 90027. Check the number, or type your city instead."),
    "unknown_zip": _("We could not find the ZIP code %(typed)s. Check the number, or type your city instead."),
    "unknown_city": _(
        "We could not find a US city or ZIP code called “%(typed)s”. Check the spelling, or type a ZIP code."
    ),
    "which_state": _(
        "There is a %(typed)s in more than one state (%(states)s). Add the state, like “%(typed)s, %(first)s”."
    ),
}


class FinderForm(forms.Form):
    place = forms.CharField(
        label=_("Your ZIP code or city"),
        help_text=_("For example 90027, or Los Angeles, CA. We use it only to sort the list; it is not stored."),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "class": "field__input--medium"}),
    )
    miles = forms.ChoiceField(label=_("How far can you travel?"), choices=DISTANCES, initial=DEFAULT_DISTANCE,
                              required=False)  # fmt: skip
    spanish = forms.BooleanField(label=_("Spanish spoken"), required=False)
    telehealth = forms.BooleanField(label=_("Offers telehealth visits"), required=False)
    self_referral = forms.BooleanField(label=_("Families can book without a referral"), required=False)

    def clean_place(self) -> Place:
        typed = self.cleaned_data["place"]
        try:
            return find_place(typed)
        except PlaceNotFound as missing:
            message = PLACE_ERRORS[missing.reason] % {
                "typed": missing.typed,
                "states": ", ".join(missing.states[:8]),
                "first": missing.states[0] if missing.states else "",
            }
            raise forms.ValidationError(message, code=missing.reason) from missing

    def clean_miles(self) -> int | None:
        value = self.cleaned_data.get("miles") or DEFAULT_DISTANCE
        return None if value == "any" else int(value)


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
OLDEST_WAIT_YEARS = 5


class WaitReportForm(forms.Form):
    child = forms.TypedChoiceField(
        label=_("Which child?"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the child who waited.")},
    )
    referred_on = forms.DateField(
        label=_("When did the doctor make the referral?"),
        help_text=_("The day, or your best guess. Look at a letter, a message or your diary."),
        widget=DATE,
        error_messages={
            "required": _("Enter the day of the referral, or your best guess."),
            "invalid": _("Enter a real date, like 2026-03-14."),
        },
    )
    first_visit_on = forms.DateField(
        label=_("When was the first visit at this service?"),
        widget=DATE,
        error_messages={
            "required": _("Enter the day of the first visit."),
            "invalid": _("Enter a real date, like 2026-05-02."),
        },
    )

    def __init__(self, *args: Any, children: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["child"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = children
        if len(children) == 1:
            self.fields["child"].initial = children[0][0]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        referred, visited = cleaned.get("referred_on"), cleaned.get("first_visit_on")
        today = timezone.localdate()
        if visited and visited > today:
            self.add_error("first_visit_on", _("Report the wait once the first visit has happened."))
        if referred and referred > today:
            self.add_error("referred_on", _("The referral date cannot be in the future."))
        if referred and referred < today - datetime.timedelta(days=365 * OLDEST_WAIT_YEARS):
            self.add_error("referred_on", _("We collect waits from the last 5 years only, so they stay useful."))
        if referred and visited and visited < referred:
            self.add_error("first_visit_on", _("The first visit must be on or after the referral date."))
        return cleaned
