"""Writes for episode videos: keep an uploaded clip, delete one, and make its poster in the background.

The clip's type was told by its bytes (video_files.sniff) before it gets here. Its file is kept
first, then its row is written with an audit line; if that fails, the file goes again.
"""

import datetime
import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.tasks import task

from omshub.journal import video_files
from omshub.journal.audit import AuditContext, audit
from omshub.journal.models import Child, EpisodeVideo, Observation

logger = logging.getLogger(__name__)
POSTER_WIDTH = 640
FFMPEG_SECONDS = 60


def video_add(
    *,
    actor,
    context: AuditContext,
    child: Child,
    upload: UploadedFile,
    kind: str,
    filmed_on: datetime.date,
    filmed_at: datetime.time | None,
    observation: Observation | None,
) -> EpisodeVideo:
    encrypt = video_files.encrypting()
    upload.seek(0)
    name, size = video_files.store(upload.chunks(), child.pk, encrypt=encrypt)
    try:
        with transaction.atomic():
            video = EpisodeVideo.objects.create(
                child=child,
                recorded_by=actor if actor is not None and actor.is_authenticated else None,
                filmed_on=filmed_on,
                filmed_at=filmed_at,
                observation=observation,
                format=kind,
                size=size,
                file=name,
                encrypted=encrypt,
            )
            audit(context, "create", child=child, record=video)
            transaction.on_commit(lambda: make_poster.enqueue(video.pk))
    except BaseException:
        video_files.remove(name)
        raise
    return video


@transaction.atomic
def video_delete(*, actor, context: AuditContext, child: Child, video: EpisodeVideo) -> None:
    """The row now; its files once that is committed (models/video.py)."""
    audit(context, "delete", child=child, record=video)
    video.delete()


def _poster_bytes(video: EpisodeVideo, folder: Path) -> bytes | None:
    """A still from near the start of the clip, as a JPEG, by ffmpeg; None if it could not make one."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return None
    source, still = folder / f"clip.{video.format}", folder / "poster.jpg"
    with source.open("wb") as clear:
        for piece in video_files.read_range(video.file, video.size, 0, video.size - 1, encrypted=video.encrypted):
            clear.write(piece)
    for seek in ("1", "0"):  # a second in (past a blurred first frame), or the first frame of a shorter clip
        command = [ffmpeg, "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-ss", seek, "-i", str(source),
                   "-frames:v", "1", "-vf", f"scale='min({POSTER_WIDTH},iw)':-2", "-q:v", "4", str(still)]  # fmt: skip
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=FFMPEG_SECONDS)  # noqa: S603
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            logger.warning("No poster for %s: %s", video, getattr(error, "stderr", b"")[-300:])
            continue
        if still.exists() and still.stat().st_size:
            return still.read_bytes()
    return None


@task()
def make_poster(video_id: int) -> bool:
    """Make and keep the clip's poster (sealed like the clip); without ffmpeg the pages show a plain one."""
    video = EpisodeVideo.objects.filter(pk=video_id, poster="").first()
    if video is None or video.size == 0:
        return False
    with tempfile.TemporaryDirectory() as folder:
        still = _poster_bytes(video, Path(folder))
    if still is None:
        return False
    name, _size = video_files.store([still], video.child_id, encrypt=video.encrypted, suffix="-poster")
    if not EpisodeVideo.objects.filter(pk=video_id, poster="").update(poster=name):
        video_files.remove(name)  # deleted meanwhile, or a poster made twice
        return False
    return True
