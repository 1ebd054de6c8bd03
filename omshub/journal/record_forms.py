"""Forms for what a family records, built for a phone: big choices, today's date, last values kept."""

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from omshub.journal.domains import domains
from omshub.journal.models import ClinicScore, Event, Observation, Treatment, TreatmentStep

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NOTES = forms.Textarea(attrs={"rows": 3})
SMALL_NUMBER = {"inputmode": "numeric", "class": "input--short"}


def _not_future(value: datetime.date | None) -> None:
    if value and value > timezone.localdate() + datetime.timedelta(days=1):
        raise forms.ValidationError(_("This date is in the future."))


class ObservationForm(forms.Form):
    """The six domains (from the data file), each 0-3 with its plain-language levels shown."""

    observed_on = forms.DateField(label=_("Date"), widget=DATE, error_messages={"required": _("Enter the date.")})
    observed_time = forms.TimeField(
        label=_("Time (optional)"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    sleep_hours = forms.DecimalField(
        label=_("Hours of sleep last night (optional)"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(24),
        decimal_places=1,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5", "class": "input--short"}),
    )
    night_wakings = forms.IntegerField(
        label=_("Night wakings (optional)"),
        required=False,
        min_value=0,
        max_value=50,
        widget=forms.NumberInput(attrs=SMALL_NUMBER),
    )
    rage_episodes = forms.IntegerField(
        label=_("Rage episodes that day (optional)"),
        required=False,
        min_value=0,
        max_value=50,
        widget=forms.NumberInput(attrs=SMALL_NUMBER),
    )
    notes = forms.CharField(label=_("Notes (optional)"), required=False, max_length=4000, widget=NOTES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rated = {}
        for domain in domains():
            rated[f"score_{domain.key}"] = forms.TypedChoiceField(
                label=domain.name,
                help_text=domain.question,
                choices=domain.choices,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "rating"}),
                error_messages={"required": self._missing(domain.name.lower())},
            )
        # The ratings come first: they are what the entry is for.
        self.fields = {"observed_on": self.fields.pop("observed_on"), **rated, **self.fields}

    def _missing(self, domain: str) -> str:
        """The words for a missing rating, with the day the entry is for: it is not always today."""
        try:
            day = parse_date(str(self.data.get("observed_on") or "")) if self.is_bound else None
        except ValueError:  # well formed but no such day, "2026-02-31": the date's own error says so
            day = None
        if day is None or day == timezone.localdate():
            return _("Choose how %(domain)s looks today.") % {"domain": domain}
        return _("Choose how %(domain)s looked on %(day)s.") % {"domain": domain, "day": formats.date_format(day)}

    def clean_observed_on(self) -> datetime.date:
        value = self.cleaned_data["observed_on"]
        _not_future(value)
        return value

    @property
    def rating_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("score_")]

    @property
    def other_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if not name.startswith("score_")]

    def values(self) -> dict[str, Any]:
        """The cleaned form as the model's fields."""
        data = self.cleaned_data
        time = data.get("observed_time")
        when = datetime.datetime.combine(data["observed_on"], time or datetime.time(12, 0))
        return {
            "observed_at": timezone.make_aware(when),
            "time_given": time is not None,
            "scores": {d.key: data[f"score_{d.key}"] for d in domains()},
            "sleep_hours": data.get("sleep_hours"),
            "night_wakings": data.get("night_wakings"),
            "rage_episodes": data.get("rage_episodes"),
            "notes": data.get("notes") or "",
        }

    @classmethod
    def initial_from(cls, observation: Observation | None, *, keep_ratings: bool) -> dict[str, Any]:
        """A new entry starts from today and, to be quick, the last ratings; an edit from itself."""
        if observation is None:
            return {"observed_on": timezone.localdate()}
        when = timezone.localtime(observation.observed_at)
        initial: dict[str, Any] = {f"score_{k}": v for k, v in observation.scores.items()}
        if not keep_ratings:
            return {**initial, "observed_on": timezone.localdate()}
        return {
            **initial,
            "observed_on": when.date(),
            "observed_time": when.time().replace(second=0, microsecond=0) if observation.time_given else None,
            "sleep_hours": observation.sleep_hours,
            "night_wakings": observation.night_wakings,
            "rage_episodes": observation.rage_episodes,
            "notes": observation.notes,
        }


class RecordForm(forms.ModelForm):
    """A model form whose dates use the browser's date picker and may not be in the future."""

    future_allowed: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, bound in self.fields.items():
            if isinstance(bound.widget, forms.RadioSelect) and isinstance(bound, forms.ChoiceField):
                bound.choices = [(value, label) for value, label in list(bound.choices) if value != ""]  # type: ignore[arg-type]
            if isinstance(bound, forms.DateField):
                bound.widget = DATE
                if name not in self.future_allowed:
                    bound.validators.append(_not_future)
            if name == "notes":
                bound.widget = NOTES

    def values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class ClinicScoreForm(RecordForm):
    class Meta:
        model = ClinicScore
        fields = ["scale", "scored_on", "total", "items", "clinician", "notes"]
        labels = {
            "scale": _("Name of the scale"),
            "items": _("Item scores (optional)"),
            "clinician": _("Clinician (optional)"),
        }
        help_texts = {"scale": _("As the clinic wrote it, for example Mitchell-Pike OMS rating scale.")}
        widgets = {
            "items": forms.Textarea(attrs={"rows": 3}),
            "total": forms.NumberInput(attrs={"class": "input--short"}),
        }
        error_messages = {
            "scale": {"required": _("Enter the name of the scale.")},
            "scored_on": {"required": _("Enter the date of the visit.")},
            "total": {"required": _("Enter the total the clinic gave.")},
        }


class TreatmentForm(RecordForm):
    class Meta:
        model = Treatment
        fields = [
            "medicine",
            "medicine_other",
            "dose",
            "unit",
            "route",
            "frequency",
            "started_on",
            "stopped_on",
            "notes",
        ]
        labels = {
            "medicine_other": _("Name of the medicine (if other)"),
            "dose": _("Dose, as prescribed"),
            "unit": _("Unit"),
            "stopped_on": _("Stop date (leave empty while it goes on)"),
        }
        help_texts = {"dose": _("Copy it from the prescription. OMS Hub never suggests doses.")}
        widgets = {
            "medicine": forms.RadioSelect,
            "unit": forms.TextInput(attrs={"list": "dose-units", "class": "input--short"}),
            "dose": forms.TextInput(attrs={"class": "input--short"}),
        }
        error_messages = {
            "medicine": {"required": _("Choose the medicine.")},
            "started_on": {"required": _("Enter the date it started.")},
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("medicine") == Treatment.Medicine.OTHER and not cleaned.get("medicine_other"):
            self.add_error("medicine_other", _("Enter the name of the medicine."))
        if cleaned.get("medicine") != Treatment.Medicine.OTHER:
            cleaned["medicine_other"] = ""  # a name typed before choosing a listed medicine is not kept
        start, stop = cleaned.get("started_on"), cleaned.get("stopped_on")
        if start and stop and stop < start:
            self.add_error("stopped_on", _("The stop date must be on or after the start date."))
        if self.instance.pk:
            self._keep_steps_inside(start, stop)
        return cleaned

    def _keep_steps_inside(self, start: datetime.date | None, stop: datetime.date | None) -> None:
        """A course may not be moved so that one of its infusions or dose changes falls outside it."""
        days = [step.starts_on for step in self.instance.steps.all()]
        if start and days and min(days) < start:
            message = _("An infusion or dose change is recorded on %(day)s: the start date must be on or before it.")
            self.add_error("started_on", message % {"day": formats.date_format(min(days))})
        if stop and days and max(days) > stop:
            message = _("An infusion or dose change is recorded on %(day)s: the stop date must be on or after it.")
            self.add_error("stopped_on", message % {"day": formats.date_format(max(days))})


class StepForm(RecordForm):
    """An infusion or a dose change of one course, dated within it.

    It shares a page with the course's own form, which has fields of the same names:
    its own ids ("id_step_dose") keep each label tied to its field.
    """

    class Meta:
        model = TreatmentStep
        fields = ["kind", "starts_on", "dose", "notes"]
        widgets = {"kind": forms.RadioSelect, "dose": forms.TextInput(attrs={"class": "input--short"})}
        labels = {"dose": _("Dose (optional)")}
        help_texts = {"dose": _("With its unit, as prescribed: for example 1 g/kg or 10 mg.")}
        error_messages = {"starts_on": {"required": _("Enter the date.")}}

    def __init__(self, *args: Any, treatment: Treatment, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="id_step_%s", **kwargs)
        self.treatment = treatment

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day, course = cleaned.get("starts_on"), self.treatment
        infusion = cleaned.get("kind") == TreatmentStep.Kind.INFUSION
        if day and day < course.started_on:
            message = (
                _("An infusion cannot be dated before the course started (%(day)s).")
                if infusion
                else _("A dose change cannot be dated before the course started (%(day)s).")
            )
            self.add_error("starts_on", message % {"day": formats.date_format(course.started_on)})
        elif day and course.stopped_on and day > course.stopped_on:
            message = (
                _("An infusion cannot be dated after the course stopped (%(day)s).")
                if infusion
                else _("A dose change cannot be dated after the course stopped (%(day)s).")
            )
            self.add_error("starts_on", message % {"day": formats.date_format(course.stopped_on)})
        return cleaned


class EventForm(RecordForm):
    future_allowed = ("ended_on",)

    class Meta:
        model = Event
        fields = ["kind", "happened_on", "ended_on", "notes"]
        labels = {"ended_on": _("End date (optional)")}
        widgets = {"kind": forms.RadioSelect}
        error_messages = {
            "kind": {"required": _("Choose what happened.")},
            "happened_on": {"required": _("Enter the date.")},
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("happened_on"), cleaned.get("ended_on")
        if start and end and end < start:
            self.add_error("ended_on", _("The end date must be on or after the start date."))
        return cleaned
