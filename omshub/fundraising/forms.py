"""The supporter's forms: a page (created or edited, with a team to join or start), and a
visitor's report. GOV.UK-style: labels above fields, hints under them, errors beside them,
nothing typed lost after an error (a photo already sent is kept, see `kept_photo`)."""

import secrets
from typing import Any

from django import forms
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from omshub.core.money import MoneyField
from omshub.fundraising.models import PageReport, Team
from omshub.fundraising.photos import PhotoError, photo_prepared
from omshub.giving.fields import MAX_CENTS
from omshub.giving.models import CampaignPage

KEPT_SALT = "fundraising.kept-photo"
KEPT_FOLDER = "fundraising/kept"
# The wording the family stories use in the admin (pages.StoryPage), so one consent reads the same everywhere.
CONSENT_LABEL = _("the family agreed to publication")
CONSENT_HELP = _("Required before the story can go live.")
CONSENT_MISSING = _("A story can only be published with the family's consent.")

JOIN, NEW, ALONE = "join", "new", ""


class CampaignChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.title


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.name


class PageForm(forms.Form):
    campaign = CampaignChoiceField(
        label=_("Which campaign are you raising money for?"),
        queryset=CampaignPage.objects.none(),
        empty_label=None,
        error_messages={"required": _("Choose a campaign."), "invalid_choice": _("Choose a campaign.")},
    )
    owner_name = forms.CharField(
        label=_("Your name as shown on the page"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name, so people know whose page it is.")},
    )
    title = forms.CharField(
        label=_("Title of your page (optional)"),
        help_text=_("For example, “Sofia's 5th birthday for OMS research”. Left empty, we use your name."),
        max_length=120,
        required=False,
    )
    story = forms.CharField(
        label=_("Why are you raising money?"),
        help_text=_("A few sentences in your own words. People give to people."),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write a few words about why you are raising money.")},
    )
    goal = MoneyField(
        label=_("Your goal in US dollars"),
        help_text=_("For example 500. You can change it later."),
        min_cents=1000,
        max_cents=MAX_CENTS,
        widget=forms.TextInput(attrs={"class": "input--short"}),
        error_messages={"required": _("Enter a goal, for example 500.")},
    )
    photo = forms.FileField(
        label=_("A photo (optional)"),
        help_text=_("JPEG, PNG or WebP, up to 15 MB. We remove its location and camera details before it is shown."),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    kept_photo = forms.CharField(required=False, widget=forms.HiddenInput)
    photo_alt = forms.CharField(
        label=_("Describe the photo (optional)"),
        help_text=_("For people who cannot see it, for example “Sofia laughing on a swing”."),
        max_length=250,
        required=False,
    )
    about_child_health = forms.BooleanField(
        label=_("My page tells about a child's health or medical care"),
        required=False,
    )
    consent_given = forms.BooleanField(label=capfirst(CONSENT_LABEL), help_text=CONSENT_HELP, required=False)
    team_choice = forms.ChoiceField(
        label=_("Are you raising money with a team?"),
        help_text=_("A family, a school or a company: each member has a page, and the team has one total."),
        choices=[
            (ALONE, _("No, on my own")),
            (JOIN, _("Yes, I am joining a team")),
            (NEW, _("Yes, I am starting a team")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    team = TeamChoiceField(
        label=_("Team to join"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("Choose a team"),
        error_messages={"invalid_choice": _("That team is not taking new members. Choose another.")},
    )
    team_name = forms.CharField(label=_("Name of the new team"), max_length=120, required=False)
    team_goal = MoneyField(
        label=_("Team goal in US dollars"),
        min_cents=1000,
        max_cents=MAX_CENTS,
        required=False,
        widget=forms.TextInput(attrs={"class": "input--short"}),
    )
    # Left empty by people; bots that fill every field give themselves away.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(
        self,
        *args: Any,
        campaigns: list[CampaignPage] | None = None,
        teams: Any = None,
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.editing = editing
        self.prepared_photo: ContentFile | None = None
        self.kept_name = ""
        if editing:
            for name in ("campaign", "team_choice", "team", "team_name", "team_goal"):
                del self.fields[name]
            self.fields["remove_photo"] = forms.BooleanField(label=_("Remove the photo"), required=False)
        else:
            campaign_field = self.fields["campaign"]
            assert isinstance(campaign_field, forms.ModelChoiceField)
            campaign_field.queryset = CampaignPage.objects.filter(pk__in=[c.pk for c in campaigns or []])
            self.only_campaign = campaigns[0] if campaigns and len(campaigns) == 1 else None
            if self.only_campaign is not None:  # nothing to ask
                campaign_field.initial = self.only_campaign.pk
                campaign_field.required = False
                campaign_field.widget = forms.HiddenInput()
            team_field = self.fields["team"]
            assert isinstance(team_field, forms.ModelChoiceField)
            team_field.queryset = teams if teams is not None else Team.objects.none()

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def clean_campaign(self) -> Any:
        return self.cleaned_data.get("campaign") or getattr(self, "only_campaign", None)

    def _kept(self) -> str:
        """A photo sent with an earlier try of this form (its stored name, signed by us), or ''."""
        token = self.data.get("kept_photo", "")
        if not token:
            return ""
        try:
            name = signing.loads(token, salt=KEPT_SALT, max_age=24 * 3600)
        except signing.BadSignature:
            return ""
        return name if isinstance(name, str) and name.startswith(KEPT_FOLDER + "/") else ""

    def clean_photo(self) -> Any:
        upload = self.cleaned_data.get("photo")
        if upload:
            try:
                self.prepared_photo = photo_prepared(upload)
            except PhotoError as error:
                raise forms.ValidationError(str(error), code="photo") from None
        else:
            self.kept_name = self._kept()
            if self.kept_name and default_storage.exists(self.kept_name):
                with default_storage.open(self.kept_name, "rb") as kept:
                    self.prepared_photo = ContentFile(kept.read(), name="photo.jpg")
            else:
                self.kept_name = ""
        return upload

    def kept_token(self) -> str:
        """For a form shown again with a mistake: the photo already cleaned is kept, so nobody
        sends it twice. Stored only then; `forget_kept_photo` removes it once the page is saved,
        and `manage.py fundraising_forget_kept_photos` the ones of forms never finished."""
        if self.prepared_photo is not None and not self.kept_name:
            self.prepared_photo.seek(0)
            self.kept_name = default_storage.save(f"{KEPT_FOLDER}/{secrets.token_hex(12)}.jpg", self.prepared_photo)
        return signing.dumps(self.kept_name, salt=KEPT_SALT) if self.kept_name else ""

    def forget_kept_photo(self) -> None:
        if self.kept_name:
            default_storage.delete(self.kept_name)
            self.kept_name = ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("about_child_health") and not cleaned.get("consent_given"):
            self.add_error("consent_given", CONSENT_MISSING)
        if self.prepared_photo is not None and not cleaned.get("photo_alt", "").strip():
            self.add_error("photo_alt", _("Describe the photo for people who cannot see it."))
        if not self.editing:
            choice = cleaned.get("team_choice")
            if choice == JOIN and not cleaned.get("team") and "team" not in self.errors:
                self.add_error("team", _("Choose the team you are joining."))
            if choice == NEW:
                if not cleaned.get("team_name", "").strip():
                    self.add_error("team_name", _("Enter a name for your team."))
                if cleaned.get("team_goal") is None and "team_goal" not in self.errors:
                    self.add_error("team_goal", _("Enter the team's goal, for example 2,000."))
            team = cleaned.get("team")
            campaign = cleaned.get("campaign")
            if choice == JOIN and team and campaign and team.campaign_key != campaign.translation_key:
                self.add_error("team", _("That team raises money for another campaign. Choose another."))
        return cleaned

    def page_title(self) -> str:
        title = self.cleaned_data.get("title", "").strip()
        return title or gettext("%(name)s's fundraiser") % {"name": self.cleaned_data["owner_name"].strip()}


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this page?"),
        choices=PageReport.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what is wrong with the page.")},
    )
    details = forms.CharField(
        label=_("Tell us more (optional)"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    email = forms.EmailField(
        label=_("Your email (optional)"),
        help_text=_("Only if you would like an answer."),
        required=False,
        max_length=254,  # the longest address mail can reach
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "invalid": _("Enter an email address like name@example.com."),
            "max_length": _("Enter an email address like name@example.com."),
        },
    )
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))
