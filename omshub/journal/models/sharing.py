"""Read-only links a family gives a clinician: hashed token, limited life, optional passcode, revocable."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omshub.journal.models.encrypted import EncryptedChar
from omshub.journal.models.people import Child


class ShareLink(models.Model):
    class Lifetime(models.IntegerChoices):
        WEEK = 7, _("7 days")
        MONTH = 30, _("30 days")

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="share_links")
    token_hash = models.CharField(max_length=64, unique=True)  # SHA-256 of a 256-bit token
    label = EncryptedChar(_("who it is for"), max_length=80, blank=True)  # often a clinician's name
    data_from = models.DateField(_("records from"))
    data_to = models.DateField(_("records until"))
    passcode_hash = models.CharField(max_length=128, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    failed_passcodes = models.PositiveIntegerField(default=0)  # closed after FAILED_PASSCODES_TO_CLOSE

    def __str__(self) -> str:
        return f"share link {self.pk}"

    @property
    def active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class ShareView(models.Model):
    """One opening of a share link, shown to the family."""

    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="views")
    viewed_at = models.DateTimeField(default=timezone.now)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-viewed_at"]

    def __str__(self) -> str:
        return f"view of {self.link_id}"
