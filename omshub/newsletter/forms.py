"""The sign-up form (footer, thank-you page, newsletter page) and the preferences form."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from omshub.newsletter.models import Subscriber, Topic

# Shown beside every sign-up form and stored with the subscriber, in the language shown.
CONSENT_TEXT = _(
    "We will email you a link to confirm. After that, about one email a month: research news, care tips "
    "and events. Every email has a link to unsubscribe in one click."
)


class SignupForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    source = forms.ChoiceField(choices=Subscriber.Source.choices, required=False, widget=forms.HiddenInput)

    def clean_source(self) -> str:
        return self.cleaned_data.get("source") or Subscriber.Source.PAGE


class PreferencesForm(forms.Form):
    topics = forms.MultipleChoiceField(
        label=_("What would you like to receive?"),
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to receive nothing for now and stay on the list."),
    )
    language = forms.ChoiceField(
        label=_("Language of our emails"), choices=settings.LANGUAGES, widget=forms.RadioSelect
    )
