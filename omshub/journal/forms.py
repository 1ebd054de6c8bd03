"""Forms of the care circle: a child's profile and an invitation."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omshub.core.addresses import EmailAddressField
from omshub.journal.models import INVITED_ROLES, Child

MONTHS = [(n, n) for n in range(1, 13)]


class ChildForm(forms.Form):
    name = forms.CharField(
        label=_("Your child's name or nickname"),
        help_text=_("Only your care circle sees it."),
        max_length=60,
        error_messages={"required": _("Enter a name or nickname.")},
    )
    birth_month = forms.TypedChoiceField(label=_("Birth month"), choices=MONTHS, coerce=int)
    birth_year = forms.IntegerField(
        label=_("Birth year"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "input--short"}),
        error_messages={"required": _("Enter the year your child was born, like 2023.")},
    )
    diagnosed_on = forms.DateField(
        label=_("Date of diagnosis (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    tumour_found = forms.ChoiceField(
        label=_("Was a tumor found?"), choices=Child.Tumour.choices, widget=forms.RadioSelect, initial="unknown"
    )

    def clean_birth_year(self) -> int:
        year = self.cleaned_data["birth_year"]
        if not timezone.localdate().year - 25 <= year <= timezone.localdate().year:
            raise forms.ValidationError(_("Enter the year your child was born, like 2023."))
        return year

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        year, month = cleaned.get("birth_year"), cleaned.get("birth_month")
        today = timezone.localdate()
        if year and month and (year, month) > (today.year, today.month):
            self.add_error("birth_month", _("The birth month cannot be in the future."))
        return cleaned


class ChildEditForm(ChildForm):
    next_visit_on = forms.DateField(
        label=_("Next appointment (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    @staticmethod
    def initial_from(child: Child) -> dict[str, Any]:
        names = ["name", "birth_month", "birth_year", "diagnosed_on", "tumour_found", "next_visit_on"]
        return {name: getattr(child, name) for name in names}


class InvitationForm(forms.Form):
    email = EmailAddressField(
        label=_("Their email"),
        error_messages={
            "required": _("Enter the email of the person you are inviting."),
            "invalid": _("Enter an email address like name@example.com."),
        },
    )
    role = forms.ChoiceField(
        label=_("What may they do?"),
        choices=INVITED_ROLES,
        widget=forms.RadioSelect,
        initial="viewer",
    )
