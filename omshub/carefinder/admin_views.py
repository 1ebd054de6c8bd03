"""Moderation of a reported wait: approve or reject, by staff who may change reports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omshub.carefinder import services
from omshub.carefinder.models import WaitReport

PERMISSION = "carefinder.change_waitreport"


@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    try:
        report = services.wait_report_moderate(
            report_id=pk, approve=request.POST.get("decision") == "approve", actor=request.user
        )
    except WaitReport.DoesNotExist:
        messages.error(request, _("This report no longer exists."))
        return redirect("care_waits:index")
    messages.success(request, _("Report %(status)s.") % {"status": report.get_status_display().lower()})
    return redirect("care_waits:index")
