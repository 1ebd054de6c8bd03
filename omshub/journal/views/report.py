"""The visit report: choose a period and sections, then download a PDF or a CSV file.

The form is sent with GET, so it works without JavaScript and changes nothing. Viewers may download.
"""

import datetime

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omshub.core import ratelimit
from omshub.core.dates import PeriodDateField
from omshub.journal import selectors
from omshub.journal.audit import audit
from omshub.journal.report import CSV_SECTIONS, SECTIONS, build, filename, report_csv, report_pdf
from omshub.journal.views.context import audit_context
from omshub.journal.views.private import journal_view

DEFAULT_DAYS = 90
LONGEST_YEARS = 10
REPORTS_PER_HOUR = 60  # a PDF costs up to a second or two of a server: enough for any family, not for a loop


class ReportForm(forms.Form):
    date_from = PeriodDateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    date_to = PeriodDateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    sections = forms.MultipleChoiceField(
        label=_("What to include"),
        choices=SECTIONS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one thing to include.")},
    )
    format = forms.ChoiceField(
        label=_("File"),
        choices=[("pdf", _("PDF, to print or show at the appointment")), ("csv", _("CSV, for a spreadsheet"))],
        widget=forms.RadioSelect,
    )

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must be on or after the start date."))
        elif start and end and (end - start).days > LONGEST_YEARS * 366:
            self.add_error("date_from", _("Choose a period of at most %(years)s years.") % {"years": LONGEST_YEARS})
        sections = set(cleaned.get("sections") or [])
        if cleaned.get("format") == "csv" and sections and not sections & CSV_SECTIONS:
            self.add_error("sections", _("The chart is not part of a CSV file: choose at least one table."))
        return cleaned


def initial(today: datetime.date) -> dict:
    return {
        "date_from": today - datetime.timedelta(days=DEFAULT_DAYS - 1),
        "date_to": today,
        "sections": [key for key, _label in SECTIONS],
        "format": "pdf",
    }


@journal_view
def report(request: HttpRequest, child_id: int) -> HttpResponse:
    child = selectors.child_for(request.user, child_id)
    submitted = "format" in request.GET
    form = ReportForm(request.GET if submitted else None, initial=initial(timezone.localdate()))
    if not submitted or not form.is_valid():
        return render(
            request, "journal/report_form.html", {"child": child, "form": form}, status=400 if submitted else 200
        )
    if ratelimit.exceeded("journal-report", str(request.user.pk), limit=REPORTS_PER_HOUR):
        form.add_error(None, _("You have made many reports in the last hour. Please try again in a little while."))
        return render(request, "journal/report_form.html", {"child": child, "form": form}, status=429)
    data = form.cleaned_data
    sections = [key for key, _label in SECTIONS if key in data["sections"]]
    # Every field, whatever the sections: they choose what is printed, not what is read.
    records = selectors.records_of(child, data["date_from"], data["date_to"])
    visit = build(records, sections)
    if data["format"] == "csv":
        response = HttpResponse(report_csv(visit), content_type="text/csv; charset=utf-8")
        name = filename(visit, "csv")
    else:
        response = HttpResponse(report_pdf(visit), content_type="application/pdf")
        name = filename(visit, "pdf")
    audit(audit_context(request), "report", child=child, target=f"visit report {data['format']}")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
