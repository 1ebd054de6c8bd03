"""The care journal's people: a child's profile and the care circle that may see it.

Only members of a child's circle ever see anything of it; selectors.py enforces that.
The child's name and an invitation's address are encrypted at rest (models/encrypted.py).
"""

import datetime
import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from omshub.journal.models.encrypted import EncryptedChar, EncryptedEmail


class Child(models.Model):
    class Tumour(models.TextChoices):
        UNKNOWN = "unknown", _("Not known yet")
        YES = "yes", _("Yes")
        NO = "no", _("No")

    name = EncryptedChar(_("name or nickname"), max_length=60)  # encrypted: order children in Python
    birth_year = models.PositiveSmallIntegerField(_("birth year"))
    birth_month = models.PositiveSmallIntegerField(_("birth month"))
    diagnosed_on = models.DateField(_("date of diagnosis"), null=True, blank=True)
    tumour_found = models.CharField(_("tumor found"), max_length=10, choices=Tumour.choices, default=Tumour.UNKNOWN)
    next_visit_on = models.DateField(_("next appointment"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")
        constraints = [
            models.CheckConstraint(condition=models.Q(birth_month__gte=1, birth_month__lte=12), name="child_month")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def role(self) -> str:
        """The reader's role in the circle, when a selector annotated it (circle_role); else ""."""
        return str(self.__dict__.get("circle_role", ""))

    def age_text(self, today: datetime.date | None = None) -> str:
        """ "8 months", "1 year", "3 years 2 months": months until two, then years and months."""
        months = self.age_in_months(today)
        if months < 24:
            return ngettext("%(n)s month", "%(n)s months", months) % {"n": months}
        years, rest = divmod(months, 12)
        text = ngettext("%(n)s year", "%(n)s years", years) % {"n": years}
        return text + (" " + ngettext("%(n)s month", "%(n)s months", rest) % {"n": rest} if rest else "")

    def age_in_months(self, today: datetime.date | None = None) -> int:
        today = today or timezone.localdate()
        return max((today.year - self.birth_year) * 12 + today.month - self.birth_month, 0)


class Membership(models.Model):
    """A caregiver in a child's care circle, with what they may do."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner (can invite and delete)")
        EDITOR = "editor", _("Editor (can record)")
        VIEWER = "viewer", _("Viewer (can read)")

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_memberships")
    role = models.CharField(max_length=10, choices=Role.choices)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["child", "user"], name="one_membership_per_child")]

    def __str__(self) -> str:
        return f"{self.user} {self.role} of {self.child}"


INVITED_ROLES = [
    (Membership.Role.EDITOR.value, Membership.Role.EDITOR.label),
    (Membership.Role.VIEWER.value, Membership.Role.VIEWER.label),
]


def token_digest(token: str) -> str:
    """Invitation tokens are stored as their SHA-256: the database never holds a usable link."""
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="invitations")
    email = EncryptedEmail(_("their email"))
    role = models.CharField(
        _("what they may do"),
        max_length=10,
        choices=[
            (Membership.Role.EDITOR, Membership.Role.EDITOR.label),
            (Membership.Role.VIEWER, Membership.Role.VIEWER.label),
        ],
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)  # stays set if that account is deleted

    def __str__(self) -> str:
        return f"{self.email} to {self.child}"

    @property
    def open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
