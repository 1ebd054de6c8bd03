"""The donation form (amount first, GOV.UK-style errors) and the monthly donor's email form."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from omshub.core.money import MoneyField
from omshub.core.templatetags.money import money
from omshub.giving.fees import covering_fee_cents
from omshub.giving.models import CampaignAmount, Donation, Frequency

OTHER = "other"
# Staff amounts (refunds, offline gifts): $10 million, well inside what the cents columns hold.
STAFF_MAX_CENTS = 1_000_000_000


class DonationForm(forms.Form):
    frequency = forms.ChoiceField(choices=Frequency.choices, widget=forms.HiddenInput)
    amount = forms.ChoiceField(
        label=_("Amount"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an amount, or choose “Other amount” and type one.")},
    )
    other_amount = MoneyField(
        label=_("Other amount in US dollars"),
        required=False,
        min_cents=0,  # the gift's range is checked in clean(), for presets and typed amounts alike
        max_cents=10**11,
        widget=forms.TextInput(attrs={"class": "input--short"}),
    )
    cover_fee = forms.BooleanField(label=_("Cover the card processing fee"), required=False)
    tribute = forms.ChoiceField(
        label=_("Is this gift in honor or in memory of someone?"),
        choices=Donation.Tribute.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    tribute_name = forms.CharField(label=_("Their name"), max_length=200, required=False)
    notify_name = forms.CharField(
        label=_("Who should we tell about this gift? (optional)"),
        help_text=_("For example, their family. We send one email and never keep their address for anything else."),
        max_length=200,
        required=False,
    )
    notify_email = forms.EmailField(label=_("Their email (optional)"), required=False)
    donor_name = forms.CharField(
        label=_("Your full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name, for your receipt.")},
    )
    email = forms.EmailField(
        label=_("Your email"),
        help_text=_("Your receipt goes here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your email address, for your receipt."),
            "invalid": _("Enter an email address like name@example.com."),
        },
    )
    on_wall = forms.BooleanField(label=_("Show my first name on the donor wall"), required=False)
    anonymous = forms.BooleanField(label=_("Show me as “Anonymous” instead of my name"), required=False)
    message = forms.CharField(
        label=_("A message for the donor wall (optional)"),
        help_text=_("We read messages before they appear."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Left empty by people; bots that fill every field give themselves away.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args: Any, presets: list[CampaignAmount], frequency: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.presets = [p for p in presets if p.frequency == frequency]
        choices = [(str(p.amount_cents), money(p.amount_cents)) for p in self.presets]
        amount_field = self.fields["amount"]
        assert isinstance(amount_field, forms.ChoiceField)
        amount_field.choices = [*choices, (OTHER, _("Other amount"))]
        self.fields["frequency"].initial = frequency
        minimum, maximum = money(settings.DONATION_MIN_CENTS), money(settings.DONATION_MAX_CENTS)
        self.fields["other_amount"].help_text = _("From %(min)s to %(max)s.") % {"min": minimum, "max": maximum}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        amount = cleaned.get("amount")
        if amount == OTHER:
            cents = cleaned.get("other_amount")
            if cents is None and "other_amount" not in self.errors:
                self.add_error("other_amount", _("Type the amount you would like to give."))
        elif amount:
            cents = int(amount)
        else:
            cents = None
        if cents is not None:
            if cents < settings.DONATION_MIN_CENTS:
                self.add_error(
                    "other_amount",
                    _("The smallest gift we can take is %(min)s.") % {"min": money(settings.DONATION_MIN_CENTS)},
                )
            elif cents > settings.DONATION_MAX_CENTS:
                self.add_error(
                    "other_amount",
                    _("For a gift over %(max)s, please write to us and we will help.")
                    % {"max": money(settings.DONATION_MAX_CENTS)},
                )
            else:
                cleaned["amount_cents"] = cents
                cleaned["fee_cents"] = covering_fee_cents(cents) if cleaned.get("cover_fee") else 0
        if cleaned.get("tribute") and not cleaned.get("tribute_name", "").strip():
            self.add_error("tribute_name", _("Enter the name of the person this gift honors or remembers."))
        if cleaned.get("notify_email") and not cleaned.get("tribute"):
            self.add_error("tribute", _("Choose “in honor” or “in memory” so we know what to tell them."))
        return cleaned

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def error_anchor(self, field: forms.BoundField) -> str:
        """Where the error summary's link goes: the first radio of a group, else the field."""
        return f"{field.auto_id}_0" if field.name in ("amount", "tribute") else str(field.auto_id)


class ManageForm(forms.Form):
    email = forms.EmailField(
        label=_("The email you gave with your monthly gift"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.com."),
        },
    )


class RefundForm(forms.Form):
    amount = MoneyField(label=_("Amount to refund in US dollars"), min_cents=1, max_cents=STAFF_MAX_CENTS)
    request_key = forms.CharField(widget=forms.HiddenInput)
