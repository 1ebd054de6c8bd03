"""Who did what to a child's journal, when, and from where: reads, edits, exports, sharing."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEntry(models.Model):
    # Deleting a child deletes its history too: "delete with all its data" means all.
    child = models.ForeignKey("journal.Child", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.CharField(max_length=120, blank=True)  # who, when not a user: "share link 4"
    action = models.CharField(max_length=40)  # "view", "create", "update", "delete", "export", "share", "share.view"
    target = models.CharField(max_length=60, blank=True)  # "observation 12"
    at = models.DateTimeField(default=timezone.now, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)
    # The request's X-Request-ID: the entry and the request's log lines find each other.
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["child", "-at"], name="audit_child_time")]

    def __str__(self) -> str:
        return f"{self.action} {self.target}"
