"""Staff tools beside the donations list: refund, enter an offline gift, moderate the donor wall,
download or resend a receipt.

Each view checks the "change donation" permission, validates with a form and calls a service.
"""

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from omshub.core.addresses import EmailAddressField
from omshub.core.money import MoneyField
from omshub.giving import receipt_services
from omshub.giving.forms import KEY_LENGTH, STAFF_MAX_CENTS, RefundForm
from omshub.giving.models import COUNTED, CampaignPage, Donation
from omshub.giving.receipts import receipt_filename, receipt_pdf
from omshub.giving.services import staff as staff_services
from omshub.payments.provider import ProviderError
from omshub.payments.registry import PaymentsClosed, get_provider

PERMISSION = "giving.change_donation"


def _require_permission(request: HttpRequest) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def refund(request: HttpRequest, pk: int) -> HttpResponse:
    _require_permission(request)
    donation = get_object_or_404(Donation.objects.select_related("campaign"), pk=pk)
    left = donation.amount_cents - donation.refunded_cents
    initial = {"amount": left, "request_key": uuid.uuid4().hex}  # cents: the field shows them in dollars
    form = RefundForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            staff_services.donation_refund(
                provider=get_provider(donation.provider) if donation.method == Donation.Method.ONLINE else None,
                donation=donation,
                amount_cents=form.cleaned_data["amount"],
                request_key=form.cleaned_data["request_key"],
                actor=request.user,
                reason=form.reason_text(),
            )
        except staff_services.RefundNotAllowed as error:
            form.add_error("amount", str(error))
        except (ProviderError, PaymentsClosed):
            # The same request key goes with the retry, so Stripe refunds at most once.
            form.add_error(None, _("The payment provider did not answer. Nothing was refunded twice: try again."))
        else:
            messages.success(request, _("Refund recorded."))
            return redirect("giving_donations:inspect", donation.pk)
    context = {"donation": donation, "form": form, "left_cents": left}
    return TemplateResponse(request, "giving/admin/refund.html", context, status=400 if form.errors else 200)


class CampaignChoiceField(forms.ModelChoiceField):
    """A campaign by its id: anything but a whole number a database column holds is no campaign,
    answered as a wrong choice before any query (SQLite and PostgreSQL would each fail differently)."""

    def to_python(self, value: Any) -> Any:
        text = str(value).strip()
        if value not in self.empty_values and not (text.isascii() and text.isdecimal() and len(text) <= 18):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class OfflineGiftForm(forms.Form):
    campaign = CampaignChoiceField(label=gettext_lazy("Campaign"), queryset=CampaignPage.objects.none())
    amount = MoneyField(label=gettext_lazy("Amount in US dollars"), min_cents=1, max_cents=STAFF_MAX_CENTS)
    method = forms.ChoiceField(
        label=gettext_lazy("Paid by"),
        choices=[c for c in Donation.Method.choices if c[0] != Donation.Method.ONLINE],
    )
    received_on = forms.DateField(label=gettext_lazy("Received on"), widget=forms.DateInput(attrs={"type": "date"}))
    donor_name = forms.CharField(label=gettext_lazy("Donor's name"), max_length=200)
    email = EmailAddressField(label=gettext_lazy("Donor's email (for the receipt)"), required=False)
    anonymous = forms.BooleanField(label=gettext_lazy("Anonymous on the site"), required=False)
    note = forms.CharField(
        label=gettext_lazy("Note (check number, bank reference)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    entry_key = forms.CharField(
        max_length=KEY_LENGTH, widget=forms.HiddenInput
    )  # the same form sent twice records one gift

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        campaign_field = self.fields["campaign"]
        assert isinstance(campaign_field, forms.ModelChoiceField)
        campaign_field.queryset = CampaignPage.objects.filter(locale__language_code="en")


@require_http_methods(["GET", "POST"])
def offline_gift(request: HttpRequest) -> HttpResponse:
    _require_permission(request)
    form = OfflineGiftForm(
        request.POST or None, initial={"received_on": timezone.localdate(), "entry_key": uuid.uuid4().hex}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        donation = staff_services.donation_record_offline(
            campaign=data["campaign"],
            amount_cents=data["amount"],
            method=data["method"],
            donor_name=data["donor_name"],
            email=data["email"],
            received_on=data["received_on"],
            note=data["note"],
            anonymous=data["anonymous"],
            entry_key=data["entry_key"],
            actor=request.user,
        )
        messages.success(request, _("Offline gift recorded; it now counts toward the campaign."))
        return redirect("giving_donations:inspect", donation.pk)
    return TemplateResponse(
        request, "giving/admin/offline_gift.html", {"form": form}, status=400 if form.errors else 200
    )


def wall(request: HttpRequest) -> HttpResponse:
    _require_permission(request)
    waiting = (
        Donation.objects.filter(wall=Donation.Wall.PENDING, status=Donation.Status.SUCCEEDED)
        .select_related("campaign")
        .order_by("created_at")
    )
    recent = Donation.objects.filter(wall__in=[Donation.Wall.APPROVED, Donation.Wall.HIDDEN]).exclude(message="")
    context = {"waiting": waiting, "recent": recent.order_by("-created_at")[:20]}
    return TemplateResponse(request, "giving/admin/wall.html", context)


@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    _require_permission(request)
    try:
        staff_services.donation_moderate(
            donation_id=pk, approve=request.POST.get("decision") == "approve", actor=request.user
        )
    except Donation.DoesNotExist:
        raise Http404 from None
    return redirect("giving_admin_wall")


class NoteForm(forms.Form):
    note = forms.CharField(required=False, strip=False)  # a NUL byte is refused; more than 2000 are cut

    def clean_note(self) -> str:
        return self.cleaned_data["note"][:2000]


@require_POST
def note(request: HttpRequest, pk: int) -> HttpResponse:
    _require_permission(request)
    form = NoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The note was not saved: it holds a character that cannot be stored."))
        return redirect("giving_donations:inspect", pk)
    try:
        staff_services.donation_note(donation_id=pk, note=form.cleaned_data["note"], actor=request.user)
    except Donation.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("Note saved."))
    return redirect("giving_donations:inspect", pk)


def receipt_download(request: HttpRequest, pk: int) -> HttpResponse:
    _require_permission(request)
    donation = get_object_or_404(Donation.objects.select_related("campaign"), pk=pk, status__in=COUNTED)
    response = HttpResponse(receipt_pdf(donation), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{receipt_filename(donation)}"'
    response["Cache-Control"] = "private, no-store"
    return response


class ResendReceiptForm(forms.Form):
    to = EmailAddressField(label=gettext_lazy("Send to"))
    request_key = forms.CharField(max_length=KEY_LENGTH, widget=forms.HiddenInput)  # a double click sends one email


@require_POST
def receipt_resend(request: HttpRequest, pk: int) -> HttpResponse:
    _require_permission(request)
    form = ResendReceiptForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the email address to send the receipt to."))
        return redirect("giving_donations:inspect", pk)
    try:
        receipt_services.receipt_resend(
            donation_id=pk, to=form.cleaned_data["to"], request_key=form.cleaned_data["request_key"], actor=request.user
        )
    except Donation.DoesNotExist:
        raise Http404 from None
    except receipt_services.ReceiptNotAvailable:
        messages.error(request, _("This gift has not been paid, so it has no receipt."))
    else:
        messages.success(request, _("Receipt sent to %(email)s.") % {"email": form.cleaned_data["to"]})
    return redirect("giving_donations:inspect", pk)
