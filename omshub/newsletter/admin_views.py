"""Staff's send step for an issue: a page that says who will receive it, and a POST that queues it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from omshub.newsletter.models import Issue
from omshub.newsletter.selectors import delivery_counts, recipients
from omshub.newsletter.sending import AlreadySent, issue_send

PERMISSION = "newsletter.change_issue"


@require_http_methods(["GET", "POST"])
def send(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    issue = get_object_or_404(Issue, pk=pk)
    if request.method == "POST" and issue.status == Issue.Status.DRAFT:
        try:
            count = issue_send(issue_id=issue.pk, actor=request.user)
        except AlreadySent:
            messages.error(request, _("This issue was sent already."))
        else:
            messages.success(request, _("Sending to %(count)s subscribers has started.") % {"count": count})
        return redirect("newsletter_issues:index")
    context = {"issue": issue, "recipient_count": len(recipients(issue)), "counts": delivery_counts(issue)}
    return TemplateResponse(request, "newsletter/admin/send.html", context)
