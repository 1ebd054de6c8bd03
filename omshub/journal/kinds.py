"""The kinds of journal entry, by their URL slug: one table of what the generic views need."""

import datetime
from dataclasses import dataclass

from django.db.models import Model
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from omshub.journal.models import ClinicScore, Event, Observation, Treatment
from omshub.journal.record_forms import ClinicScoreForm, EventForm, ObservationForm, TreatmentForm


@dataclass(frozen=True)
class Kind:
    model: type[Model]
    form: type
    date_field: str
    add_label: Promise
    name: Promise
    plural: Promise

    def date_of(self, record: Model) -> datetime.date:
        value = getattr(record, self.date_field)
        return timezone.localdate(value) if isinstance(value, datetime.datetime) else value


KINDS: dict[str, Kind] = {
    "observations": Kind(
        Observation,
        ObservationForm,
        "observed_at",
        _("Record an observation"),
        _("Parent observation"),
        _("Parent observations"),
    ),
    "treatments": Kind(Treatment, TreatmentForm, "started_on", _("Add a treatment"), _("Treatment"), _("Treatments")),
    "events": Kind(Event, EventForm, "happened_on", _("Add an event"), _("Event"), _("Events")),
    "scores": Kind(
        ClinicScore, ClinicScoreForm, "scored_on", _("Add a clinic score"), _("Clinic score"), _("Clinic scores")
    ),
}
