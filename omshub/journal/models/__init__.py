"""The care journal's tables: people (a child and its circle), records, sharing, and the audit log."""

from omshub.journal.models.audit import AuditEntry
from omshub.journal.models.people import INVITED_ROLES, Child, Invitation, Membership, token_digest
from omshub.journal.models.records import ClinicScore, Event, Observation, Treatment, TreatmentStep
from omshub.journal.models.sharing import ShareLink, ShareView
from omshub.journal.models.video import EpisodeVideo

__all__ = [
    "INVITED_ROLES",
    "AuditEntry",
    "Child",
    "ClinicScore",
    "EpisodeVideo",
    "Event",
    "Invitation",
    "Membership",
    "Observation",
    "ShareLink",
    "ShareView",
    "Treatment",
    "TreatmentStep",
    "token_digest",
]
