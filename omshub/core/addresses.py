"""Email addresses typed into forms: at most 254 characters, the most an address can be (RFC 5321)
and what every email column of the project holds, so a longer one is a form error, never a database one."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

LONGEST = 254


class EmailAddressField(forms.EmailField):
    default_error_messages = {
        "max_length": _("An email address has at most %(limit_value)d characters. Check the one you typed."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", LONGEST)
        super().__init__(**kwargs)
