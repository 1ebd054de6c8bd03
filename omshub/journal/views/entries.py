"""Recording: add, change and delete entries of every kind, the child's profile, and the history."""

import datetime

from django import forms
from django.contrib import messages
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from omshub.core.dates import PeriodDateField
from omshub.journal import selectors, services
from omshub.journal.audit import audit
from omshub.journal.forms import ChildEditForm
from omshub.journal.kinds import KINDS
from omshub.journal.models import Treatment
from omshub.journal.record_forms import ObservationForm, StepForm
from omshub.journal.views.context import audit_context
from omshub.journal.views.private import journal_view, once_token, spend_once

PAGE = 60


class OlderThan(forms.Form):
    """The history's paging: `?before=` a day, as its "Older entries" link writes it."""

    before = PeriodDateField(required=False, input_formats=["%Y-%m-%d"])


def _form_for(kind: str, data, record=None, child=None):
    form_class = KINDS[kind].form
    if form_class is ObservationForm:
        if record is not None:
            return ObservationForm(data, initial=ObservationForm.initial_from(record, keep_ratings=True))
        last = selectors.latest_observation(child)
        return ObservationForm(data, initial=ObservationForm.initial_from(last, keep_ratings=False))
    return form_class(data, instance=record)


def _saved(kind: str, record: Model) -> str:
    """ "Parent observation of Dec. 3, 2026 saved.": the day it is for, which is not always today."""
    day = formats.date_format(KINDS[kind].date_of(record))
    return _("%(what)s of %(day)s saved.") % {"what": KINDS[kind].name, "day": day}


def _entry_page(request, child, kind, form, record=None, step_form=None) -> HttpResponse:
    context = {
        "child": child,
        "kind": kind,
        "label": KINDS[kind].add_label if record is None else KINDS[kind].name,
        "form": form,
        "record": record,
        "step_form": step_form,
        "once": once_token(request) if record is None or step_form is not None else "",
    }
    has_errors = bool(form.errors or (step_form is not None and step_form.errors))
    templates = [f"journal/entry_{kind}.html", "journal/entry_form.html"]
    return render(request, templates, context, status=400 if has_errors else 200)


@journal_view
@require_http_methods(["GET", "POST"])
def record_add(request: HttpRequest, child_id: int, kind: str) -> HttpResponse:
    child = selectors.child_for(request.user, child_id, may="edit")
    form = _form_for(kind, request.POST or None, child=child)
    if request.method == "POST" and form.is_valid():
        if not spend_once(request):
            messages.info(request, _("This was saved already."))
            return redirect("journal:child", child.pk)
        record = services.record_save(
            actor=request.user,
            context=audit_context(request),
            child=child,
            record=KINDS[kind].model(),
            values=form.values(),
        )
        messages.success(request, _saved(kind, record))
        if isinstance(record, Treatment):
            return redirect("journal:record_edit", child.pk, kind, record.pk)
        return redirect("journal:child", child.pk)
    return _entry_page(request, child, kind, form)


@journal_view
@require_http_methods(["GET", "POST"])
def record_edit(request: HttpRequest, child_id: int, kind: str, record_id: int) -> HttpResponse:
    child, record = selectors.record_for(request.user, child_id, kind, record_id, may="edit")
    step_form = None
    if isinstance(record, Treatment):
        step_form = StepForm(request.POST if "add_step" in request.POST else None, treatment=record)
    if step_form is not None and step_form.is_bound:
        if step_form.is_valid() and not spend_once(request):
            return redirect("journal:record_edit", child.pk, kind, record.pk)
        if step_form.is_valid():
            step = services.step_save(
                actor=request.user,
                context=audit_context(request),
                child=child,
                treatment=step_form.treatment,
                values=step_form.values(),
            )
            day = formats.date_format(step.starts_on)
            added = (
                _("Infusion of %(day)s added.")
                if step.kind == step.Kind.INFUSION
                else _("Dose change of %(day)s added.")
            )
            messages.success(request, added % {"day": day})
            return redirect("journal:record_edit", child.pk, kind, record.pk)
        return _entry_page(request, child, kind, _form_for(kind, None, record=record), record, step_form)
    form = _form_for(kind, request.POST or None, record=record)
    if request.method == "GET":
        audit(audit_context(request), "view", child=child, record=record)
    if request.method == "POST" and form.is_valid():
        services.record_save(
            actor=request.user, context=audit_context(request), child=child, record=record, values=form.values()
        )
        messages.success(request, _saved(kind, record))
        return redirect("journal:entries", child.pk)
    return _entry_page(request, child, kind, form, record, step_form)


@journal_view
@require_http_methods(["GET", "POST"])
def record_delete(request: HttpRequest, child_id: int, kind: str, record_id: int) -> HttpResponse:
    child, record = selectors.record_for(request.user, child_id, kind, record_id, may="edit")
    if request.method == "POST":
        services.record_delete(actor=request.user, context=audit_context(request), child=child, record=record)
        messages.success(request, _("Deleted."))
        return redirect("journal:entries", child.pk)
    context = {
        "child": child,
        "kind": kind,
        "record": record,
        "name": KINDS[kind].name,
        "day": KINDS[kind].date_of(record),
    }
    return render(request, "journal/entry_delete.html", context)


@journal_view
@require_POST
def step_delete(request: HttpRequest, child_id: int, step_id: int) -> HttpResponse:
    child, step = selectors.step_for(request.user, child_id, step_id)
    treatment_id = step.treatment_id
    services.record_delete(actor=request.user, context=audit_context(request), child=child, record=step)
    messages.success(request, _("Step deleted."))
    return redirect("journal:record_edit", child.pk, "treatments", treatment_id)


@journal_view
def history(request: HttpRequest, child_id: int) -> HttpResponse:
    child = selectors.child_for(request.user, child_id)
    kind = request.GET.get("kind") if request.GET.get("kind") in KINDS else None
    paging = OlderThan(request.GET)
    # An impossible date (2026-02-30, a hand-edited address): say so, and list from the newest.
    before = paging.cleaned_data["before"] if paging.is_valid() else None
    rows = selectors.history_of(child, kind=kind, before=before, limit=PAGE)
    audit(audit_context(request), "view", child=child, target="entries")
    older = None
    if len(rows) == PAGE:
        # The next page starts with the whole of this page's oldest day, which may have been cut.
        oldest = rows[-1][1]
        whole_days = [row for row in rows if row[1] != oldest]
        rows, older = (whole_days, oldest + datetime.timedelta(days=1)) if whole_days else (rows, oldest)
    context = {
        "child": child,
        "rows": rows,
        "may_edit": child.role != "viewer",
        "kinds": [(slug, k.plural) for slug, k in KINDS.items()],
        "kind": kind or "",
        "older": older,
        "paging_errors": paging.errors.get("before", []),
    }
    return render(request, "journal/entries.html", context, status=400 if paging.errors else 200)


@journal_view
@require_http_methods(["GET", "POST"])
def child_edit(request: HttpRequest, child_id: int) -> HttpResponse:
    child = selectors.child_for(request.user, child_id, may="edit")
    form = ChildEditForm(request.POST or None, initial=ChildEditForm.initial_from(child))
    if request.method == "POST" and form.is_valid():
        services.child_update(actor=request.user, context=audit_context(request), child=child, values=form.cleaned_data)
        messages.success(request, _("Changes saved."))
        return redirect("journal:child", child.pk)
    heading = _("%(name)s's profile") % {"name": child.name}
    context = {"child": child, "form": form, "heading": heading}
    return render(request, "journal/child_form.html", context, status=400 if form.errors else 200)
