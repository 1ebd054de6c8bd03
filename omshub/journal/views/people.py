"""Care journal views: thin, signed-in only, every read through selectors.py."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from omshub.core import ratelimit
from omshub.journal import selectors, services
from omshub.journal.forms import ChildForm, InvitationForm
from omshub.journal.views.context import audit_context
from omshub.journal.views.private import journal_view, once_token, spend_once


@journal_view
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "journal/home.html", {"children": selectors.children_for(request.user)})


@journal_view
@require_http_methods(["GET", "POST"])
def child_add(request: HttpRequest) -> HttpResponse:
    form = ChildForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        child = services.child_create(user=request.user, **form.cleaned_data)
        return redirect("journal:child", child.pk)
    return render(
        request,
        "journal/child_form.html",
        {"form": form, "heading": _("Add a child")},
        status=400 if form.errors else 200,
    )


INVITATIONS_PER_HOUR = 20


@journal_view
@require_http_methods(["GET", "POST"])
def circle(request: HttpRequest, child_id: int) -> HttpResponse:
    found, members, invitations = selectors.circle_of(request.user, child_id)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not spend_once(request):
        return redirect("journal:circle", found.pk)  # a second tap: the first sent the invitation
    limited = False
    if request.method == "POST" and form.is_valid():
        if not ratelimit.exceeded("journal-invite", str(request.user.pk), limit=INVITATIONS_PER_HOUR):
            services.invitation_create(
                context=audit_context(request),
                child=found,
                inviter=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                language=get_language() or "en",
            )
            messages.success(request, _("Invitation sent."))
            return redirect("journal:circle", found.pk)
        form.add_error(None, _("You have sent many invitations in the last hour. Please try again later."))
        limited = True
    context = {
        "child": found,
        "members": members,
        "invitations": invitations,
        "form": form,
        "once": once_token(request),
    }
    return render(request, "journal/circle.html", context, status=429 if limited else 400 if form.errors else 200)


@journal_view
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    found = services.invitation_for_token(token)
    if found is None:
        return render(request, "journal/invitation_invalid.html", status=404)
    if request.method == "POST":
        try:
            joined = services.invitation_accept(context=audit_context(request), token=token, user=request.user)
        except services.InvitationInvalid:
            return render(request, "journal/invitation_invalid.html", status=404)
        except services.InvitationForSomeoneElse:
            context = {"invitation": found, "someone_else": True}
            return render(request, "journal/invitation.html", context, status=403)
        return redirect("journal:child", joined.pk)
    response = render(request, "journal/invitation.html", {"invitation": found})
    response["Referrer-Policy"] = "no-referrer"
    return response
