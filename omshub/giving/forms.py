"""The donation form (amount first, GOV.UK-style errors) and the monthly donor's email form."""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from omshub.core.addresses import EmailAddressField
from omshub.core.money import MoneyField, format_amount, format_money
from omshub.giving.fees import covering_fee_cents
from omshub.giving.models import CampaignAmount, Donation, Frequency

OTHER = "other"
# Staff amounts (refunds, offline gifts): $10 million, well inside what the cents columns hold.
STAFF_MAX_CENTS = 1_000_000_000
# A form's one-time key (a uuid4's 32 hex digits): the columns and idempotency keys built on it hold 64.
KEY_LENGTH = 64
# Both ends of the range are named whichever is crossed, so nobody has to guess the other.
GIFT_BELOW = _("Enter a gift from %(min)s to %(max)s: %(min)s is the smallest we can take.")
GIFT_ABOVE = _("Enter a gift from %(min)s to %(max)s. For a larger gift, please write to us and we will help.")


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
        min_cents=0,  # the gift's range is set in __init__, from the settings of the moment
        max_cents=0,
        widget=forms.TextInput(attrs={"class": "input--short"}),
        error_messages={"below": GIFT_BELOW, "above": GIFT_ABOVE},
    )
    # The gift (in cents) the button showed when it was pressed: a typed amount is charged
    # only once the donor has seen it as we understood it (see `needs_confirmation`).
    confirm_cents = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    cover_fee = forms.BooleanField(
        label=_("Cover the card processing fee"),
        required=False,
        widget=forms.CheckboxInput(attrs={"aria-describedby": "fee-note"}),
    )
    tribute = forms.ChoiceField(
        label=_("Is this gift in honor or in memory of someone?"),
        choices=Donation.Tribute.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    tribute_name = forms.CharField(label=_("Their name"), max_length=200, required=False)
    tribute_on_wall = forms.BooleanField(
        label=_("Show their name with my gift on the donor wall"),
        help_text=_("Only if your gift appears on the wall. Leave it unticked to keep their name private."),
        required=False,
    )
    notify_name = forms.CharField(
        label=_("Who should we tell about this gift? (optional)"),
        help_text=_("For example, their family. We send one email and never keep their address for anything else."),
        max_length=200,
        required=False,
    )
    notify_email = EmailAddressField(
        label=_("Their email (optional)"),
        # True to services/records.py (gift_emails): the notice (with any message) goes when the payment
        # succeeds; staff moderate only the donor wall.
        help_text=_(
            "We email them once your payment goes through, with your message below exactly as you "
            "wrote it. Staff do not read it first."
        ),
        required=False,
    )
    donor_name = forms.CharField(
        label=_("Your full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name, for your receipt.")},
    )
    email = EmailAddressField(
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
        # True to the view: a message goes on the wall only with one of the two boxes above ticked.
        help_text=_(
            "It appears on the wall after we read it, and only if you tick one of the two boxes above. "
            "If we are telling someone about your gift, it goes to them too."
        ),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Left empty by people; bots that fill every field give themselves away.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args: Any, presets: list[CampaignAmount], frequency: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.presets = [p for p in presets if p.frequency == frequency]
        choices = [(str(p.amount_cents), format_money(p.amount_cents)) for p in self.presets]
        amount_field = self.fields["amount"]
        assert isinstance(amount_field, forms.ChoiceField)
        amount_field.choices = [*choices, (OTHER, _("Other amount"))]
        self.fields["frequency"].initial = frequency
        other = self.fields["other_amount"]
        assert isinstance(other, MoneyField)
        other.min_cents, other.max_cents = settings.DONATION_MIN_CENTS, settings.DONATION_MAX_CENTS
        minimum, maximum = format_money(settings.DONATION_MIN_CENTS), format_money(settings.DONATION_MAX_CENTS)
        other.help_text = _("From %(min)s to %(max)s.") % {"min": minimum, "max": maximum}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        amount = cleaned.get("amount")
        typed = cleaned.get("other_amount")
        cents = None
        if amount == OTHER:
            cents = typed
            if cents is None and "other_amount" not in self.errors:
                self.add_error("other_amount", _("Type the amount you would like to give."))
        elif amount and typed is not None and typed != int(amount):
            # Without the page's script, a preset stays chosen while another amount is typed:
            # ask rather than guess which one the donor meant.
            self.add_error(
                "amount",
                _(
                    "You chose %(preset)s and also typed %(typed)s. Choose “Other amount” to give "
                    "%(typed)s, or clear the amount you typed to give %(preset)s."
                )
                % {"preset": format_money(int(amount)), "typed": format_money(typed)},
            )
        elif amount and "other_amount" not in self.errors:
            cents = int(amount)
        if cents is not None:
            limits = {
                "min": format_money(settings.DONATION_MIN_CENTS),
                "max": format_money(settings.DONATION_MAX_CENTS),
            }
            if cents < settings.DONATION_MIN_CENTS:
                self.add_error("other_amount", GIFT_BELOW % limits)
            elif cents > settings.DONATION_MAX_CENTS:
                self.add_error("other_amount", GIFT_ABOVE % limits)
            else:
                cleaned["amount_cents"] = cents
                cleaned["fee_cents"] = covering_fee_cents(cents) if cleaned.get("cover_fee") else 0
        if cleaned.get("tribute") and not cleaned.get("tribute_name", "").strip():
            self.add_error("tribute_name", _("Enter the name of the person this gift honors or remembers."))
        if cleaned.get("notify_email") and not cleaned.get("tribute"):
            self.add_error("tribute", _("Choose “in honor” or “in memory” so we know what to tell them."))
        return cleaned

    @property
    def needs_confirmation(self) -> bool:
        """A typed amount not yet shown back to the donor on the button, as we read it."""
        data = self.cleaned_data
        return data.get("amount") == OTHER and data.get("confirm_cents") != data.get("amount_cents")

    def understood_cents(self) -> tuple[int, int] | None:
        """(gift, fee) as far as the form can tell now, for the button's label; None if unknown."""
        if self.is_bound:
            self.is_valid()  # cleans once; what was understood stays in cleaned_data despite other errors
            data = self.cleaned_data
            return (data["amount_cents"], data["fee_cents"]) if "amount_cents" in data else None
        initial = str(self.initial.get("amount", ""))
        preset = next((p.amount_cents for p in self.presets if str(p.amount_cents) == initial), None)
        return (preset, 0) if preset else None

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def error_anchor(self, field: forms.BoundField) -> str:
        """Where the error summary's link goes: the first radio of a group, else the field."""
        return f"{field.auto_id}_0" if field.name in ("amount", "tribute") else str(field.auto_id)


# What a donor typed, carried over when the form is drawn again without being checked.
KEPT_FIELDS = (
    "other_amount",
    "cover_fee",
    "tribute",
    "tribute_name",
    "tribute_on_wall",
    "notify_name",
    "notify_email",
    "donor_name",
    "email",
    "on_wall",
    "anonymous",
    "message",
)


def initial_from_data(data: Mapping[str, Any], *, presets: list[CampaignAmount], frequency: str) -> dict[str, Any]:
    """The form's fields for `frequency`, from what was typed for the other one.

    A preset of the other frequency is not carried over (its amount is not offered here);
    an amount typed under "Other amount" is.
    """
    initial: dict[str, Any] = {name: data[name] for name in KEPT_FIELDS if data.get(name)}
    initial["frequency"] = frequency
    amount = str(data.get("amount", ""))
    offered = {str(p.amount_cents) for p in presets if p.frequency == frequency}
    if amount == OTHER or amount in offered:
        initial["amount"] = amount
    return initial


def initial_from_donation(donation: Donation, *, presets: list[CampaignAmount], language: str) -> dict[str, Any]:
    """The form as it was filled in for a gift that was not paid (cancelled on the payment page)."""
    gift = donation.gift_cents
    preset = any(p.amount_cents == gift and p.frequency == donation.frequency for p in presets)
    return {
        "frequency": donation.frequency,
        "amount": str(gift) if preset else OTHER,
        "other_amount": "" if preset else format_amount(gift, language),
        "cover_fee": donation.fee_cents > 0,
        "tribute": donation.tribute,
        "tribute_name": donation.tribute_name,
        "tribute_on_wall": donation.tribute_on_wall,
        "notify_name": donation.notify_name,
        "notify_email": donation.notify_email,
        "donor_name": donation.donor_name,
        "email": donation.email,
        "on_wall": bool(donation.wall) and not donation.anonymous,
        "anonymous": donation.anonymous,
        "message": donation.message,
    }


class RefundForm(forms.Form):
    """A refund costs the foundation money it cannot take back: staff say why and confirm first."""

    REASONS = [
        ("requested_by_donor", _("The donor asked for it")),
        ("duplicate", _("The gift was made twice by mistake")),
        ("wrong_amount", _("The amount was wrong")),
        ("fraudulent", _("The card was used without its owner's consent")),
        ("other", _("Another reason (say which below)")),
    ]

    amount = MoneyField(label=_("Amount to refund in US dollars"), min_cents=1, max_cents=STAFF_MAX_CENTS)
    reason = forms.ChoiceField(
        label=_("Why is this gift refunded?"),
        choices=REASONS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why the gift is refunded.")},
    )
    note = forms.CharField(label=_("Note for the gift's history (optional)"), max_length=300, required=False)
    confirm = forms.BooleanField(
        label=_("I have checked the amount: this sends the money back to the donor and cannot be undone."),
        error_messages={"required": _("Tick the box to confirm the refund.")},
    )
    request_key = forms.CharField(max_length=KEY_LENGTH, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("reason") == "other" and not cleaned.get("note"):
            self.add_error("note", _("Say in a few words why the gift is refunded."))
        return cleaned

    def reason_text(self) -> str:
        """The reason as the gift's history keeps it (in English, like the rest of the history)."""
        reason, note = self.cleaned_data["reason"], self.cleaned_data["note"]
        return f"{reason}: {note}" if note else reason
