"""My data: a copy of everything, deleting one child or the whole account; and a child's activity log.

Downloading and deleting ask the parent to sign in again first (allauth re-authentication):
a phone left unlocked should not be enough to take or destroy a child's medical history.
"""

from allauth.account.decorators import reauthentication_required
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from omshub.journal import mydata, selectors, services
from omshub.journal.models import Child, Membership
from omshub.journal.views.context import audit_context
from omshub.journal.views.private import journal_view

ACTIVITY_ROWS = 300


class ConfirmForm(forms.Form):
    """The parent types a word (the child's name, or "DELETE") so that nothing goes by a slip of the thumb."""

    confirm = forms.CharField(max_length=80, strip=True)

    def __init__(self, *args, expected: str, label: str, error: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.expected, self.error = expected, error
        self.fields["confirm"].label = label
        self.fields["confirm"].widget.attrs.update({"autocomplete": "off", "autocapitalize": "off", "class": "input"})
        self.fields["confirm"].error_messages["required"] = error

    def clean_confirm(self) -> str:
        typed = self.cleaned_data["confirm"]
        if typed.casefold() != self.expected.strip().casefold():
            raise forms.ValidationError(self.error)
        return typed


def _home_page() -> str:
    return reverse("wagtail_serve", args=[""])


@journal_view
def my_data(request: HttpRequest) -> HttpResponse:
    owned = [c for c in selectors.children_with_role(request.user) if c.role == Membership.Role.OWNER]
    return render(request, "journal/my_data.html", {"owned": owned})


@journal_view
@require_POST
@reauthentication_required
def export(request: HttpRequest) -> HttpResponseBase:
    name, content = mydata.export_zip(context=audit_context(request), user=request.user)
    return FileResponse(content, as_attachment=True, filename=name, content_type="application/zip")


@journal_view
@require_http_methods(["GET", "POST"])
def child_delete(request: HttpRequest, child_id: int) -> HttpResponse:
    # Ownership first: for anyone else the child does not exist (404), re-authentication or not.
    return _child_delete(request, selectors.child_for(request.user, child_id, may="own"))


@reauthentication_required
def _child_delete(request: HttpRequest, child: Child) -> HttpResponse:
    form = ConfirmForm(
        request.POST or None,
        expected=child.name,
        label=_("Type %(name)s to confirm") % {"name": child.name},
        error=_("Type the name as it is shown here: %(name)s") % {"name": child.name},
    )
    if request.method == "POST" and form.is_valid():
        services.child_delete(actor=request.user, context=audit_context(request), child=child)
        messages.success(
            request, _("%(name)s and everything recorded about them have been deleted.") % {"name": child.name}
        )
        return redirect("journal:home")
    status = 400 if form.errors else 200
    return render(request, "journal/child_delete.html", {"child": child, "form": form}, status=status)


@journal_view
@require_http_methods(["GET", "POST"])
@reauthentication_required
def account_delete(request: HttpRequest) -> HttpResponse:
    word = gettext_lazy("DELETE")
    form = ConfirmForm(
        request.POST or None,
        expected=str(word),
        label=_("Type %(word)s to confirm") % {"word": word},
        error=_("Type the word %(word)s to delete your account") % {"word": word},
    )
    if request.method == "POST" and form.is_valid():
        mydata.account_delete(context=audit_context(request), user=request.user)
        logout(request)
        messages.success(
            request, _("Your account has been deleted, with the children you owned and everything recorded about them.")
        )
        return redirect(_home_page())
    children = selectors.children_with_role(request.user)
    context = {
        "form": form,
        "owned": [c for c in children if c.role == Membership.Role.OWNER],
        "shared": [c for c in children if c.role != Membership.Role.OWNER],
    }
    return render(request, "journal/account_delete.html", context, status=400 if form.errors else 200)


@journal_view
def activity(request: HttpRequest, child_id: int) -> HttpResponse:
    child, entries = selectors.activity_of(request.user, child_id, limit=ACTIVITY_ROWS + 1)
    rows = [mydata.activity_row(entry, child) for entry in entries[:ACTIVITY_ROWS]]
    context = {"child": child, "rows": rows, "capped": len(entries) > ACTIVITY_ROWS, "limit": ACTIVITY_ROWS}
    return render(request, "journal/activity.html", context)
