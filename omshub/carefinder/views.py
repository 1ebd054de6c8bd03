"""The care finder's pages: search by distance, a service, a family's reported wait, and
"getting seen sooner" with its printable phone script. Thin: forms validate, selectors read,
services write."""

from urllib.parse import urlencode

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from omshub.carefinder import selectors, services
from omshub.carefinder.forms import DEFAULT_DISTANCE, FinderForm, WaitReportForm
from omshub.carefinder.models import CareService
from omshub.carefinder.sooner import red_flag_boxes
from omshub.core.private import private
from omshub.firststeps.blocks import checklist_url
from omshub.firststeps.red_flags import RULES
from omshub.journal import selectors as journal
from omshub.journal.models import Membership

SEARCH_KEYS = ("place", "miles", "spanish", "telehealth", "self_referral", "show")
FIRST_SHOWN, MOST_SHOWN = 10, 40  # a phone's worth first; "show more" for a family ready to travel


def _search_query(request: HttpRequest) -> str:
    """The family's search, carried to a service's page and back to the list."""
    return urlencode([(key, value) for key in SEARCH_KEYS for value in request.GET.getlist(key)][:10])


@require_GET
def finder(request: HttpRequest) -> HttpResponse:
    searched = "place" in request.GET
    form = FinderForm(request.GET if searched else None, initial={"miles": DEFAULT_DISTANCE})
    context: dict = {"form": form, "searched": searched, "search_query": _search_query(request)}
    if searched and form.is_valid():
        data = form.cleaned_data
        filters = selectors.Filters(
            spanish=data["spanish"], telehealth=data["telehealth"], self_referral=data["self_referral"]
        )
        limit = MOST_SHOWN if request.GET.get("show") == "more" else FIRST_SHOWN
        results = selectors.services_near(data["place"].point, miles=data["miles"], filters=filters, limit=limit)
        more = request.GET.copy()
        more["show"] = "more"
        context.update(
            place=data["place"],
            miles=data["miles"],
            filters=filters,
            results=results,
            more_url=f"?{more.urlencode()}" if limit < MOST_SHOWN and results.total > limit else "",
        )
    return render(request, "carefinder/finder.html", context)


def _service_or_404(service_id: int) -> CareService:
    try:
        return selectors.service_listed(service_id)
    except selectors.NotFound as missing:
        raise Http404 from missing


@require_GET
def service(request: HttpRequest, service_id: int) -> HttpResponse:
    found = _service_or_404(service_id)
    context = {
        "service": found,
        "wait": selectors.wait_summaries([found.pk]).get(found.pk),
        "min_reports": selectors.MIN_REPORTS,
        "search_query": _search_query(request),
    }
    return render(request, "carefinder/service.html", context)


def _may_report(user) -> bool:
    return EmailAddress.objects.filter(user=user, verified=True).exists()


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def report_wait(request: HttpRequest, service_id: int) -> HttpResponse:
    found = _service_or_404(service_id)
    context: dict = {"service": found, "verified": _may_report(request.user)}
    # The journal's children this account may record for, read through the journal's own selectors.
    children = [
        child
        for child in journal.children_with_role(request.user)
        if child.role in (Membership.Role.OWNER, Membership.Role.EDITOR)
    ]
    context["children"] = children
    context["reports"] = selectors.wait_reports_for_children(found, [child.pk for child in children])
    if not context["verified"] or not children:
        return private(render(request, "carefinder/report_wait.html", context))
    form = WaitReportForm(request.POST or None, children=[(child.pk, child.name) for child in children])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.wait_report_create(
                service=found,
                child_id=data["child"],
                reported_by=request.user,
                referred_on=data["referred_on"],
                first_visit_on=data["first_visit_on"],
            )
        except services.AlreadyReported:
            name = next(child.name for child in children if child.pk == data["child"])
            form.add_error(
                "child",
                _("You have already reported the wait for %(name)s at this service. Each child counts once.")
                % {"name": name},
            )
        else:
            messages.success(
                request,
                _("Thank you. A staff member will check your report before it counts in the median."),
            )
            return redirect("carefinder:service", found.pk)
    context["form"] = form
    status = 400 if form.errors else 200
    return private(render(request, "carefinder/report_wait.html", context, status=status))


def _sooner_context(request: HttpRequest) -> dict:
    return {"boxes": red_flag_boxes(), "rules": RULES, "checklist_url": checklist_url(request)}


@require_GET
def sooner(request: HttpRequest) -> HttpResponse:
    return render(request, "carefinder/sooner.html", _sooner_context(request))


@require_GET
def sooner_print(request: HttpRequest) -> HttpResponse:
    return render(request, "carefinder/sooner_print.html", _sooner_context(request))
