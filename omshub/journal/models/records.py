"""What a family records: parent observations, clinic scores, treatments and events.

Free text and everything about a treatment is encrypted at rest (docs/decisions/0008).
Dates, kinds and numbers stay in clear so that ranges can be queried and charts drawn.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omshub.journal.models.encrypted import EncryptedChar, EncryptedText
from omshub.journal.models.people import Child


class Record(models.Model):
    """What every entry has: its child, who recorded it, and when it was written and changed."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Observation(Record):
    """A parent observation: the six domains rated 0-3 (see observation_domains.toml), sleep, rage, notes.

    Never a clinical score: the parent's view of one moment.
    """

    observed_at = models.DateTimeField(_("when"), default=timezone.now)
    # Without a time the moment is stored at noon (the middle of its day), but shown as the date alone.
    time_given = models.BooleanField(_("time given"), default=True)
    scores = models.JSONField(_("ratings"), default=dict)  # {"standing": 0..3, ...}: the domains in the data file
    total = models.PositiveSmallIntegerField(_("total of the ratings"), default=0)
    sleep_hours = models.DecimalField(_("hours of sleep"), max_digits=3, decimal_places=1, null=True, blank=True)
    night_wakings = models.PositiveSmallIntegerField(_("night wakings"), null=True, blank=True)
    rage_episodes = models.PositiveSmallIntegerField(_("rage episodes"), null=True, blank=True)
    notes = EncryptedText(_("notes"), blank=True)

    class Meta:
        verbose_name = _("parent observation")
        indexes = [models.Index(fields=["child", "observed_at"], name="observation_child_time")]

    def __str__(self) -> str:
        return f"observation {self.pk}"


class ClinicScore(Record):
    """A score the clinic gave at a visit, copied by the family as written."""

    scale = EncryptedChar(_("scale"), max_length=80)  # free text, as the clinic wrote it
    scored_on = models.DateField(_("date"))
    total = models.DecimalField(_("total"), max_digits=5, decimal_places=1)
    items = EncryptedText(_("item scores"), blank=True)
    clinician = EncryptedChar(_("clinician"), max_length=120, blank=True)
    notes = EncryptedText(_("notes"), blank=True)

    class Meta:
        verbose_name = _("clinic score")
        indexes = [models.Index(fields=["child", "scored_on"], name="clinicscore_child_date")]

    def __str__(self) -> str:
        return f"clinic score {self.pk}"


class Treatment(Record):
    """A medicine as the family records it: the app never suggests a dose."""

    class Medicine(models.TextChoices):
        ACTH = "acth", _("ACTH (corticotropin)")
        PREDNISOLONE = "prednisolone", _("Prednisolone")
        DEXAMETHASONE = "dexamethasone", _("Dexamethasone pulses")
        IVIG = "ivig", _("IVIG (immunoglobulin)")
        RITUXIMAB = "rituximab", _("Rituximab")
        CYCLOPHOSPHAMIDE = "cyclophosphamide", _("Cyclophosphamide")
        OTHER = "other", _("Other")

    class Route(models.TextChoices):
        MOUTH = "mouth", _("By mouth")
        INJECTION = "injection", _("Injection")
        DRIP = "drip", _("Drip into a vein (infusion)")
        OTHER = "other", _("Other")

    medicine = EncryptedChar(_("medicine"), max_length=20, choices=Medicine.choices)
    medicine_other = EncryptedChar(_("name of the medicine"), max_length=80, blank=True)
    dose = EncryptedChar(_("dose"), max_length=40, blank=True)
    unit = EncryptedChar(_("unit"), max_length=20, blank=True)
    route = EncryptedChar(_("how it is given"), max_length=20, choices=Route.choices, blank=True)
    frequency = EncryptedChar(_("how often"), max_length=80, blank=True)
    started_on = models.DateField(_("start date"))
    stopped_on = models.DateField(_("stop date"), null=True, blank=True)
    notes = EncryptedText(_("notes"), blank=True)

    class Meta:
        verbose_name = _("treatment")
        indexes = [models.Index(fields=["child", "started_on"], name="treatment_child_start")]

    def __str__(self) -> str:
        return f"treatment {self.pk}"

    @property
    def name(self) -> str:
        if self.medicine == self.Medicine.OTHER and self.medicine_other:
            return self.medicine_other
        return str(self.Medicine(self.medicine).label) if self.medicine in self.Medicine.values else self.medicine


class TreatmentStep(models.Model):
    """A dated step of a treatment: a taper to a new dose, or one infusion given."""

    class Kind(models.TextChoices):
        TAPER = "taper", _("Dose change (taper step)")
        INFUSION = "infusion", _("Infusion given")

    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("what happened"), max_length=10, choices=Kind.choices, default=Kind.TAPER)
    starts_on = models.DateField(_("date"))
    dose = EncryptedChar(_("dose"), max_length=40, blank=True)
    notes = EncryptedText(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("treatment step")
        ordering = ["starts_on", "pk"]

    def __str__(self) -> str:
        return f"step {self.pk}"


class Event(Record):
    class Kind(models.TextChoices):
        INFECTION = "infection", _("Infection or fever")
        VACCINATION = "vaccination", _("Vaccination")
        RELAPSE = "relapse", _("Relapse")
        HOSPITAL = "hospital", _("Hospital stay")
        SURGERY = "surgery", _("Surgery")
        SCAN = "scan", _("Tumor scan")
        THERAPY = "therapy", _("Therapy start")
        SCHOOL = "school", _("School or nursery change")
        OTHER = "other", _("Other")

    kind = models.CharField(_("what happened"), max_length=12, choices=Kind.choices)
    happened_on = models.DateField(_("date"))
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    notes = EncryptedText(_("notes"), blank=True)

    class Meta:
        verbose_name = _("event")
        indexes = [models.Index(fields=["child", "happened_on"], name="event_child_date")]

    def __str__(self) -> str:
        return f"event {self.pk}"
