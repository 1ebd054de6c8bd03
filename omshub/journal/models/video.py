"""Short clips of episodes a parent films on a phone: the movements have often stopped by the visit.

The file itself is kept in the "journal_videos" storage (never a public address), sealed with
the journal's key when JOURNAL_VIDEO_ENCRYPT is on (video_crypto.py); this row holds its date,
its optional observation, and where and how it is kept. Deleting the row (or its child) removes
the files once the deletion is committed.
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from omshub.journal.models.people import Child
from omshub.journal.models.records import Observation


class EpisodeVideo(models.Model):
    class Format(models.TextChoices):
        MP4 = "mp4", "MP4"
        MOV = "mov", "MOV (QuickTime)"
        WEBM = "webm", "WebM"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    filmed_on = models.DateField(_("date filmed"))
    filmed_at = models.TimeField(_("time filmed"), null=True, blank=True)
    observation = models.ForeignKey(
        Observation,
        verbose_name=_("observation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="videos",
    )
    format = models.CharField(_("format"), max_length=5, choices=Format.choices)
    size = models.PositiveBigIntegerField(_("size in bytes"))  # of the video in clear
    file = models.CharField(max_length=200)  # its name in the journal_videos storage
    poster = models.CharField(max_length=200, blank=True)  # a still image from it, once made (needs ffmpeg)
    encrypted = models.BooleanField(default=True)  # the file and its poster are sealed (video_crypto.py)

    class Meta:
        verbose_name = _("episode video")
        verbose_name_plural = _("episode videos")
        indexes = [models.Index(fields=["child", "filmed_on"], name="video_child_date")]

    def __str__(self) -> str:
        return f"episode video {self.pk}"


@receiver(post_delete, sender=EpisodeVideo)
def remove_files(sender, instance: EpisodeVideo, **kwargs) -> None:
    """The bytes go when the row's deletion is committed (with a child too: the cascade sends this)."""
    from omshub.journal.video_files import remove

    names = (instance.file, instance.poster)
    transaction.on_commit(lambda: remove(*names))
