from django import forms
from django.utils.translation import gettext_lazy as _

from omshub.core.addresses import EmailAddressField


class LinkForm(forms.Form):
    email = EmailAddressField(
        label=_("The email you gave with your gift"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.com."),
        },
    )
