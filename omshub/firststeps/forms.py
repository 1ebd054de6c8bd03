"""The letter form of the first-steps journey (the checklist itself is a plain GET form)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from omshub.firststeps.red_flags import RULES


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
    child_name = forms.CharField(
        label=_("Your child's first name (optional)"), max_length=60, required=False, strip=True
    )
    child_age = forms.CharField(
        label=_("Your child's age"),
        help_text=_("For example: 18 months"),
        max_length=40,
        strip=True,
        error_messages={"required": _("Enter your child's age, for example 18 months.")},
    )
    started = forms.CharField(
        label=_("When did it start?"),
        help_text=_("For example: about 2 weeks ago, after a cold"),
        max_length=80,
        strip=True,
        error_messages={"required": _("Tell the doctor roughly when this started.")},
    )
    signs = forms.MultipleChoiceField(
        label=_("What you have seen"),
        choices=sign_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one thing you have seen.")},
    )
    previously_well = forms.BooleanField(label=_("My child was well before this started"), required=False)
    has_videos = forms.BooleanField(label=_("I have videos of what I saw on my phone"), required=False)
    recent_illness = forms.CharField(
        label=_("Any recent illness (optional)"),
        help_text=_("For example: a cold or a stomach bug in the weeks before"),
        max_length=300,
        required=False,
        strip=True,
    )
    notes = forms.CharField(
        label=_("Anything else the doctor should know (optional)"),
        max_length=1500,
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
