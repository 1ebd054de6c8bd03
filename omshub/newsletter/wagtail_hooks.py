"""Staff's newsletter screens in the Wagtail admin: issues (write, send, delivery counts), each
recipient's delivery, subscribers with their proof of consent, and suppressed addresses, each
with filters and CSV export. Subscribers cannot be added by staff (no consent, no mail) nor
edited; they can be deleted (a request to be forgotten). Tokens and address hashes never show."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import DeleteView, EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from omshub.core.models import EmailSuppression
from omshub.core.staff_screens import ExportIndexView, WithoutActionsPolicy
from omshub.newsletter import admin_views
from omshub.newsletter.models import Delivery, Issue, Subscriber
from omshub.newsletter.selectors import delivery_counts


class ReadAndDeletePolicy(WithoutActionsPolicy):
    refused = ("add", "change")


class ReadOnlyPolicy(WithoutActionsPolicy):
    refused = ("add", "change", "delete")


register_permission_policy(Subscriber, ReadAndDeletePolicy(Subscriber))
register_permission_policy(EmailSuppression, ReadAndDeletePolicy(EmailSuppression))
register_permission_policy(Delivery, ReadOnlyPolicy(Delivery))


class DeliveryColumn(Column):
    """The issue's delivery counts, and the way to send a draft."""

    def get_value(self, instance: Issue) -> str:
        if instance.status == Issue.Status.DRAFT:
            return format_html('<a href="{}">{}</a>', reverse("newsletter_admin_send", args=[instance.pk]), _("Send…"))
        counts = delivery_counts(instance)
        labels = dict(Delivery.State.choices)
        text = ", ".join(f"{labels[state]}: {n}" for state, n in sorted(counts.items()))
        link = reverse("newsletter_deliveries:index") + f"?issue={instance.pk}"
        return format_html('<a href="{}">{}</a>', link, text or _("no recipients"))


class SentIssueStaysAsSent:
    """What subscribers received is the record of it: once an issue is sending or sent, its edit
    and delete screens send staff back to the list with a message (copying it starts a new draft).
    Someone without the permission gets Wagtail's own refusal, not the issue's subject."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.user_has_permission(self.permission_required):  # type: ignore[attr-defined]
            issue = self.get_object()  # type: ignore[attr-defined]
            if issue.status != Issue.Status.DRAFT:
                message = _(
                    "“%(subject)s” has been sent: it can no longer be changed or deleted. Copy it to write a new issue."
                )
                messages.error(request, message % {"subject": issue.subject})
                return redirect("newsletter_issues:index")
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class IssueEditView(SentIssueStaysAsSent, EditView):
    pass


class IssueDeleteView(SentIssueStaysAsSent, DeleteView):
    pass


class IssueViewSet(ModelViewSet):
    model = Issue
    icon = "mail"
    menu_label = _("Issues")
    url_prefix = "newsletter/issues"
    name = "newsletter_issues"
    add_to_reference_index = False
    list_display = ["subject", "language", "topic", "status", DeliveryColumn("delivery", label=_("Delivery"))]
    list_filter = ["status", "language", "topic"]
    list_export = ["subject", "language", "topic", "status", "created_at", "send_started_at"]
    export_filename = "newsletter-issues"
    search_fields = ["subject"]
    form_fields = ["subject", "language", "topic", "body"]
    copy_view_enabled = True
    index_view_class = ExportIndexView
    edit_view_class = IssueEditView
    delete_view_class = IssueDeleteView


class DeliveryViewSet(ModelViewSet):
    model = Delivery
    icon = "list-ul"
    menu_label = _("Deliveries")
    url_prefix = "newsletter/deliveries"
    name = "newsletter_deliveries"
    add_to_reference_index = False
    list_display = ["email", "issue", "state", "sent_at", "detail"]
    list_filter = ["issue", "state"]
    list_export = ["issue", "email_cell", "state", "sent_at", "detail"]
    export_headings = {"email_cell": _("Email")}
    export_filename = "newsletter-deliveries"
    search_fields = ["email"]
    form_fields = ["state"]
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ExportIndexView

    def get_queryset(self, request: Any) -> Any:
        return Delivery.objects.select_related("issue")


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "user"
    menu_label = _("Subscribers")
    url_prefix = "newsletter/subscribers"
    name = "newsletter_subscribers"
    add_to_reference_index = False
    list_display = ["email", "status", "language", "source", "signed_up_at", "confirmed_at"]
    list_filter = ["status", "language", "source"]
    # Proof of consent, without the person's token or address hashes.
    list_export = [
        "email_cell", "status", "language", "topics", "source", "consent_cell", "signed_up_at", "confirmation_sent_at",
        "confirmed_at", "confirmed_how", "unsubscribed_at", "unsubscribed_how",
    ]  # fmt: skip
    export_headings = {"email_cell": _("Email"), "consent_cell": _("Words shown at sign-up")}
    export_filename = "newsletter-subscribers"
    search_fields = ["email"]
    form_fields = ["status"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "email", "status", "language", "topics", "source", "consent_text", "signed_up_at", "confirmation_sent_at",
        "confirmed_at", "confirmed_how", "unsubscribed_at", "unsubscribed_how",
    ]  # fmt: skip
    index_view_class = ExportIndexView


class SuppressionViewSet(ModelViewSet):
    model = EmailSuppression
    icon = "warning"
    menu_label = _("Suppressed addresses")
    url_prefix = "newsletter/suppressed"
    name = "email_suppressions"
    add_to_reference_index = False
    list_display = ["email", "reason", "detail", "created_at"]
    list_filter = ["reason"]
    list_export = ["email", "reason", "detail", "created_at"]
    export_filename = "suppressed-addresses"
    search_fields = ["email"]
    form_fields = ["reason"]
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ExportIndexView


class NewsletterGroup(ViewSetGroup):
    menu_label = _("Newsletter")
    menu_icon = "mail"
    menu_order = 270
    items = (IssueViewSet, DeliveryViewSet, SubscriberViewSet, SuppressionViewSet)


@hooks.register("register_admin_viewset")
def register_newsletter() -> NewsletterGroup:
    return NewsletterGroup()


@hooks.register("register_admin_urls")
def newsletter_admin_urls() -> list:
    return [path("newsletter/issues/<int:pk>/send/", admin_views.send, name="newsletter_admin_send")]
