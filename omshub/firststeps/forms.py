"""The letter form of the first-steps journey (the checklist itself is a plain GET form).

Everything the letter states comes from choices, so it can be written in the doctor's
language whatever language the parent used; only the name and the notes are free text.
"""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from omshub.firststeps.red_flags import RULES

SEX_CHOICES = [
    ("girl", pgettext_lazy("sex of the child", "Girl")),
    ("boy", pgettext_lazy("sex of the child", "Boy")),
    ("unsaid", _("Prefer not to say")),
]
AGE_UNITS = [("months", _("Months")), ("years", _("Years"))]
ONSET_CHOICES = [
    ("hours", _("In the last few hours")),
    ("days", _("In the last few days")),
    ("weeks", _("Between 1 and 2 weeks ago")),
    ("longer", _("More than 2 weeks ago")),
]
ILLNESS_CHOICES = [
    ("", _("No illness that I know of")),
    ("cold", _("A cold or a cough")),
    ("stomach", _("A stomach bug (vomiting or diarrhea)")),
    ("fever", _("Another illness with a fever")),
]
RECIPIENT_CHOICES = [
    ("doctor", _("The doctor who sees my child (pediatrician or emergency department)")),
    ("scheduling", _("A pediatric neurology scheduling office, to ask for an earlier appointment")),
]
NUMERIC = {"inputmode": "numeric", "autocomplete": "off", "class": "field__input--short"}


def sign_choices() -> list[tuple[str, str]]:
    """The signs a letter for a child's doctor can hold, labelled in the active language."""
    return [(sign.key, sign.label) for sign in RULES.letter_signs]


class LetterForm(forms.Form):
    letter_language = forms.ChoiceField(
        label=_("Language of the letter"),
        help_text=_("Choose the language your child's doctor reads, whatever language you use here."),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
    )
    recipient = forms.ChoiceField(
        label=_("Who is the letter for?"),
        choices=RECIPIENT_CHOICES,
        initial="doctor",
        required=False,  # older links and kept answers had no choice: the doctor
        widget=forms.RadioSelect,
    )
    child_name = forms.CharField(
        label=_("Your child's first name (optional)"), max_length=60, required=False, strip=True
    )
    sex = forms.ChoiceField(
        label=_("Is your child a girl or a boy?"),
        help_text=_("So that the letter reads naturally, in Spanish above all."),
        choices=SEX_CHOICES,
        initial="unsaid",
        widget=forms.RadioSelect,
    )
    age_number = forms.IntegerField(
        label=_("Your child's age"),
        help_text=_("A number, for example 18; then choose months or years."),
        min_value=0,
        max_value=99,
        widget=forms.TextInput(attrs=NUMERIC),
        error_messages={
            "required": _("Enter your child's age as a number, for example 18."),
            "invalid": _("Enter your child's age as a number, for example 18."),
        },
    )
    age_unit = forms.ChoiceField(
        label=_("Months or years?"),
        choices=AGE_UNITS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose months or years.")},
    )
    onset = forms.ChoiceField(
        label=_("When did it start?"),
        choices=ONSET_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Tell the doctor roughly when this started.")},
    )
    after_illness = forms.ChoiceField(
        label=_("Did it start after an illness?"),
        choices=ILLNESS_CHOICES,
        required=False,
        initial="",
        widget=forms.RadioSelect,
    )
    signs = forms.MultipleChoiceField(
        label=_("What you have seen"),
        choices=sign_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one thing you have seen.")},
    )
    previously_well = forms.BooleanField(label=_("My child was well before this started"), required=False)
    has_videos = forms.BooleanField(label=_("I have videos of what I saw on my phone"), required=False)
    notes = forms.CharField(
        label=_("Anything else the doctor should know (optional)"),
        help_text=_("The letter gives your notes exactly as you write them, in your own words and language."),
        max_length=1500,
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean_recipient(self) -> str:
        return self.cleaned_data.get("recipient") or "doctor"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        number, unit = cleaned.get("age_number"), cleaned.get("age_unit")
        if unit == "months" and number is not None and number > 59:
            self.add_error("age_number", _("For 5 years or more, give the age in years."))
        if unit == "years" and number is not None and number > 25:
            self.add_error("age_number", _("This letter is for a child's doctor: check the age."))
        return cleaned
