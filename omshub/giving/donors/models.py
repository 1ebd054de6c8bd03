"""The one-time links that open a donor's page. Only the token's SHA-256 is kept, as for the
journal's share links, so a copy of the table opens nobody's giving."""

import hashlib

from django.db import models
from django.utils import timezone


def link_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class DonorLink(models.Model):
    token_hash = models.CharField(max_length=64, unique=True)
    email = models.EmailField()
    language = models.CharField(max_length=8, default="en")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "donor link"

    def __str__(self) -> str:
        return f"donor link {self.pk}"
