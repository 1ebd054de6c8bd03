"""The care directory staff keep (services, the languages they speak) and the waits families report.

A service's coordinates are always those of its ZIP code, set on every save, so the distance
search can never disagree with the address. A family reports one wait per child and service
(a database constraint); only approved reports count, and only in groups of three or more.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from omshub.carefinder.geo import zip_point

# Languages a service can be listed as speaking, by code; names in the reader's language.
LANGUAGE_NAMES = {
    "en": _("English"),
    "es": _("Spanish"),
    "zh": _("Chinese"),
    "vi": _("Vietnamese"),
    "ko": _("Korean"),
    "tl": _("Tagalog"),
    "hy": _("Armenian"),
    "ar": _("Arabic"),
    "ru": _("Russian"),
    "fa": _("Persian"),
    "pt": _("Portuguese"),
    "ht": _("Haitian Creole"),
    "fr": _("French"),
    "ja": _("Japanese"),
    "asl": _("American Sign Language"),
}


class SpokenLanguage(models.Model):
    code = models.CharField(_("code"), max_length=8, primary_key=True)

    class Meta:
        verbose_name = _("spoken language")
        ordering = ["code"]

    def __str__(self) -> str:
        return str(LANGUAGE_NAMES.get(self.code, self.code))


class CareService(models.Model):
    class Kind(models.TextChoices):
        NEUROLOGY = "neurology", _("Pediatric neurology service")
        HOSPITAL = "hospital", _("Children's hospital")

    name = models.CharField(_("name"), max_length=160)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEUROLOGY)
    about_en = models.TextField(
        _("about (English)"), max_length=600, blank=True, help_text=_("One or two plain sentences.")
    )
    about_es = models.TextField(_("about (Spanish)"), max_length=600, blank=True)
    street_address = models.CharField(_("street address"), max_length=200)
    city = models.CharField(_("city"), max_length=80)
    state = models.CharField(_("state"), max_length=2, help_text=_("Two letters, for example CA."))
    zip_code = models.CharField(
        _("ZIP code"), max_length=10, help_text=_("Distances are measured from the centre of this ZIP code.")
    )
    phone = models.CharField(_("phone for new patients"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    languages = models.ManyToManyField(SpokenLanguage, verbose_name=_("languages spoken"), blank=True)
    telehealth = models.BooleanField(_("offers telehealth visits"), default=False)
    second_opinion = models.BooleanField(_("offers second opinions"), default=False)
    referral_only = models.BooleanField(
        _("new patients by referral only"),
        default=True,
        help_text=_("Leave ticked unless the service told you families may book a first visit themselves."),
    )
    is_example = models.BooleanField(
        _("example entry"),
        default=False,
        help_text=_("Shown to families as an example to be checked. Untick once the details are confirmed."),
    )
    is_listed = models.BooleanField(_("listed on the site"), default=True)
    verified_on = models.DateField(_("verified by staff on"), null=True, blank=True, editable=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    latitude = models.FloatField(editable=False, null=True)
    longitude = models.FloatField(editable=False, null=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("care service")
        verbose_name_plural = _("care services")
        ordering = ["name"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="care_service_point")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        point = zip_point(self.zip_code)
        self.latitude, self.longitude = (point.latitude, point.longitude) if point else (None, None)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        self.state = self.state.strip().upper()
        if self.zip_code and zip_point(self.zip_code) is None:
            raise ValidationError({"zip_code": _("This is not a US ZIP code we know. Check the 5 digits.")})

    @property
    def about(self) -> str:
        return self.about_es if (get_language() or "").startswith("es") and self.about_es else self.about_en

    @property
    def languages_text(self) -> str:
        return ", ".join(str(language) for language in self.languages.all())

    @property
    def address(self) -> str:
        return f"{self.street_address}, {self.city}, {self.state} {self.zip_code}"


class WaitReport(models.Model):
    """How long one child waited from referral to first visit at a service, as a family reports it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    service = models.ForeignKey(
        CareService, verbose_name=_("service"), on_delete=models.CASCADE, related_name="wait_reports"
    )
    # The journal's child: deleting a child (or the family's data) deletes its reports too.
    child = models.ForeignKey("journal.Child", on_delete=models.CASCADE, related_name="+")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    referred_on = models.DateField(_("referred on"))
    first_visit_on = models.DateField(_("first visit on"))
    waited_days = models.PositiveIntegerField(_("days waited"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("reported wait")
        verbose_name_plural = _("reported waits")
        constraints = [
            models.UniqueConstraint(fields=["child", "service"], name="one_wait_report_per_child_and_service"),
            models.CheckConstraint(
                condition=models.Q(first_visit_on__gte=models.F("referred_on")), name="wait_visit_after_referral"
            ),
        ]
        indexes = [models.Index(fields=["service", "status"], name="wait_report_service_status")]

    def __str__(self) -> str:
        return f"{self.service} — {self.waited_days}"
