"""Episode videos: told by their bytes, sealed at rest, played by ranges to the circle and a share link only,
listed by date in each view a clinician gets, gone with their child, and in the family's copy."""

import datetime
import io
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation
from pypdf import PdfReader

from omshub.journal import services, video_crypto, video_files, videos
from omshub.journal.audit import AuditContext
from omshub.journal.models import AuditEntry, EpisodeVideo, Membership, Observation, ShareLink, token_digest
from omshub.journal.video_stream import requested_range
from tests.journal.conftest import FIXTURE_VIDEO, add_child, add_video

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
CLIP = FIXTURE_VIDEO.read_bytes()


def upload(client: Client, child, content: bytes = CLIP, name: str = "episode.webm", language: str = "en", **values):
    with translation.override(language):
        path = reverse("journal:videos", args=[child.pk])
    clip = SimpleUploadedFile(name, content, content_type=values.pop("content_type", "video/webm"))
    return client.post(path, {"clip": clip, "filmed_on": TODAY.isoformat(), **values})


def stored_bytes(folder: Path, video: EpisodeVideo) -> bytes:
    return (folder / video.file).read_bytes()


def test_a_clip_is_kept_sealed_with_its_date_time_and_observation(family, video_storage) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    seen = Observation.objects.create(child=child, observed_at=timezone.now(), scores={}, total=0)
    response = upload(parent, child, filmed_at="07:35", observation=seen.pk)
    assert response.status_code == 302, response.content.decode()[:3000]
    video = EpisodeVideo.objects.get(child=child)
    assert (video.format, video.size, video.filmed_on, video.filmed_at) == (
        "webm",
        len(CLIP),
        TODAY,
        datetime.time(7, 35),
    )
    assert video.observation == seen and video.recorded_by == parent.user and video.encrypted
    raw = stored_bytes(video_storage, video)
    assert raw.startswith(video_crypto.MAGIC) and raw != CLIP
    assert CLIP[:64] not in raw and CLIP[5000:5064] not in raw, "no piece of the clip in clear"
    assert len(raw) == video_crypto.HEADER + len(CLIP) + video_crypto.TAG
    assert b"".join(video_files.read_range(video.file, video.size, 0, video.size - 1, encrypted=True)) == CLIP
    assert AuditEntry.objects.filter(child=child, action="create", target=f"episodevideo {video.pk}").exists()
    page = parent.get(reverse("journal:videos", args=[child.pk])).content.decode()
    assert reverse("journal:video_file", args=[child.pk, video.pk]) in page and "7:35" in page


def test_with_encryption_off_the_clip_is_kept_as_filmed(family, video_storage, settings) -> None:
    settings.JOURNAL_VIDEO_ENCRYPT = False
    parent = family("mum@example.com")
    child = add_child(parent)
    assert upload(parent, child).status_code == 302
    video = EpisodeVideo.objects.get(child=child)
    assert not video.encrypted and stored_bytes(video_storage, video) == CLIP
    answer = parent.get(reverse("journal:video_file", args=[child.pk, video.pk]), HTTP_RANGE="bytes=10-19")
    assert answer.status_code == 206 and answer.getvalue() == CLIP[10:20]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "This file is not a video we can keep. Choose an MP4, MOV or WebM video from your phone."),
        ("es", "Este archivo no es un video que podamos guardar. Elija un video MP4, MOV o WebM de su teléfono."),
    ],
)
def test_a_renamed_file_that_is_not_a_video_is_refused(family, language, message) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    for content in (b"%PDF-1.7\n1 0 obj << >> endobj\n" * 40, b"just some text, called a video\n" * 40):
        response = upload(parent, child, content, name="clip.mp4", content_type="video/mp4", language=language,
                          filmed_at="08:15")  # fmt: skip
        html = response.content.decode()
        assert response.status_code == 400 and message in html
        assert f'value="{TODAY.isoformat()}"' in html and 'value="08:15"' in html, "nothing entered is lost"
    assert not EpisodeVideo.objects.filter(child=child).exists()


def test_the_type_is_told_by_the_bytes_not_the_name() -> None:
    assert video_files.sniff(CLIP[:64]) == "webm"
    assert video_files.sniff(b"\x00\x00\x00\x14ftypqt  \x00\x00\x02\x00qt  ") == "mov"
    assert video_files.sniff(b"\x00\x00\x00\x1cftypisom\x00\x00\x02\x00isomiso2mp41") == "mp4"
    assert video_files.sniff(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom") == "mp4"
    assert video_files.sniff(b"\x00\x00\x00\x08wide\x00\x00\x10\x00mdat") == "mov", "an older QuickTime file"
    assert video_files.sniff(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic") is None, "a photo is not a video"
    assert video_files.sniff(b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x88matroska") is None, "MKV, not WebM"
    assert video_files.sniff(b"%PDF-1.7") is None and video_files.sniff(b"") is None


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "This video is larger than 1 MB. Please trim it on your phone to the episode itself and try again."),
        (
            "es",
            "Este video pesa más de 1 MB. Recórtelo en su teléfono para dejar solo el episodio e inténtelo de nuevo.",
        ),
    ],
)
def test_a_clip_over_the_limit_is_refused_with_the_date_kept(family, settings, language, message) -> None:
    settings.JOURNAL_VIDEO_MAX_MB = 1
    parent = family("mum@example.com")
    child = add_child(parent)
    big = CLIP + b"\x00" * (1024 * 1024)
    response = upload(parent, child, big, language=language, filmed_at="21:05")
    html = response.content.decode()
    assert response.status_code == 413 and message in html and 'value="21:05"' in html
    assert not EpisodeVideo.objects.filter(child=child).exists()


def test_ranges_are_answered_206_and_only_the_asked_bytes_decrypted(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    long_clip = CLIP * 8  # 184 KB: three sealed chunks
    name, size = video_files.store([long_clip], child.pk, encrypt=True)
    video = EpisodeVideo.objects.create(child=child, filmed_on=TODAY, format="webm", size=size, file=name)
    path = reverse("journal:video_file", args=[child.pk, video.pk])
    whole = parent.get(path)
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes" and whole["Content-Type"] == "video/webm"
    assert whole["Content-Length"] == str(size) and whole.getvalue() == long_clip
    assert "no-store" in whole["Cache-Control"] and "private" in whole["Cache-Control"]
    for asked, (start, end) in {
        "bytes=0-1": (0, 1),
        "bytes=65530-131080": (65530, 131080),  # across two chunk edges
        f"bytes={size - 100}-": (size - 100, size - 1),
        "bytes=-50": (size - 50, size - 1),
        f"bytes=100-{size + 5000}": (100, size - 1),
    }.items():
        part = parent.get(path, HTTP_RANGE=asked)
        assert part.status_code == 206, asked
        assert part["Content-Range"] == f"bytes {start}-{end}/{size}" and part["Content-Length"] == str(end - start + 1)
        assert part.getvalue() == long_clip[start : end + 1], asked
    refused = parent.get(path, HTTP_RANGE=f"bytes={size}-")
    assert refused.status_code == 416 and refused["Content-Range"] == f"bytes */{size}"
    assert parent.head(path).status_code == 200
    # Opening is logged once; seeking is not another viewing.
    assert AuditEntry.objects.filter(action="view", target=f"episodevideo {video.pk}").count() == 2
    assert requested_range("bytes=0-1,5-9", size) is None, "several ranges: the whole clip"


def test_a_share_link_plays_its_periods_clips_and_nothing_once_revoked(family) -> None:
    parent, stranger = family("mum@example.com"), family("x@example.com")
    child = add_child(parent)
    inside = add_video(child, parent.user, filmed_on=TODAY - datetime.timedelta(days=3))
    before = add_video(child, parent.user, filmed_on=TODAY - datetime.timedelta(days=60))
    other = add_video(add_child(stranger, "Leo"), stranger.user)
    token = "share-videos-" + "v" * 40
    link = ShareLink.objects.create(
        child=child, token_hash=token_digest(token), data_from=TODAY - datetime.timedelta(days=30), data_to=TODAY,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )  # fmt: skip
    clinician = Client()
    page = clinician.get(reverse("journal:shared", args=[token])).content.decode()
    clip_url = reverse("journal:shared_video", args=[token, inside.pk])
    assert clip_url in page and reverse("journal:shared_poster", args=[token, inside.pk]) in page
    assert f"/videos/{before.pk}/" not in page
    seek = clinician.get(clip_url, HTTP_RANGE="bytes=1000-1999")
    assert seek.status_code == 206 and seek.getvalue() == CLIP[1000:2000]
    assert seek["Referrer-Policy"] == "same-origin" and "no-store" in seek["Cache-Control"]
    opened = clinician.get(clip_url, HTTP_RANGE="bytes=0-")
    assert opened.status_code == 206 and opened.getvalue() == CLIP
    assert AuditEntry.objects.filter(action="share.video", actor=f"share link {link.pk}").count() == 1
    poster = clinician.get(reverse("journal:shared_poster", args=[token, inside.pk]))
    assert poster.status_code == 200 and poster.content.startswith(b"\xff\xd8\xff")
    for refused in (before, other):  # outside the period; another family's
        for name in ("journal:shared_video", "journal:shared_poster"):
            assert clinician.get(reverse(name, args=[token, refused.pk])).status_code == 404
    link.revoked_at = timezone.now()
    link.save()
    for name in ("journal:shared_video", "journal:shared_poster"):
        url = reverse(name, args=[token, inside.pk])
        for answer in (clinician.get(url), clinician.get(url, HTTP_RANGE="bytes=0-"), Client().get(url)):
            assert answer.status_code == 404 and not answer.content, url
            assert answer["Referrer-Policy"] == "same-origin"


def test_a_locked_link_shows_no_clip_before_its_passcode(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    video = add_video(child, parent.user)
    token = "locked-videos-" + "w" * 40
    ShareLink.objects.create(
        child=child, token_hash=token_digest(token), data_from=TODAY, data_to=TODAY,
        passcode_hash=make_password("secret-42"), expires_at=timezone.now() + datetime.timedelta(days=7),
    )  # fmt: skip
    clinician = Client()
    assert clinician.get(reverse("journal:shared_video", args=[token, video.pk])).status_code == 404
    clinician.post(reverse("journal:shared", args=[token]), {"passcode": "secret-42"})
    assert clinician.get(reverse("journal:shared_video", args=[token, video.pk])).status_code == 200


def test_every_clinician_view_lists_the_clips_by_date(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    day = TODAY - datetime.timedelta(days=5)
    video = add_video(child, parent.user, filmed_on=day)
    EpisodeVideo.objects.filter(pk=video.pk).update(filmed_at=datetime.time(18, 40))
    query = {"date_from": (TODAY - datetime.timedelta(days=30)).isoformat(), "date_to": TODAY.isoformat(),
             "sections": ["videos"]}  # fmt: skip
    pdf = parent.get(reverse("journal:report", args=[child.pk]), {**query, "format": "pdf"})
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Episode videos" in text and formats.date_format(day) in text and "6:40" in text
    csv_text = parent.get(reverse("journal:report", args=[child.pk]), {**query, "format": "csv"}).content.decode()
    assert f"video,{day.isoformat()} 18:40" in csv_text
    token = "list-videos-" + "z" * 40
    ShareLink.objects.create(
        child=child, token_hash=token_digest(token), data_from=TODAY - datetime.timedelta(days=30), data_to=TODAY,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )  # fmt: skip
    shared = Client().get(reverse("journal:shared", args=[token])).content.decode()
    assert f"Filmed {formats.date_format(day)}" in shared


def test_deleting_a_clip_or_its_child_removes_the_files(family, video_storage, django_capture_on_commit_callbacks):
    parent = family("mum@example.com")
    child = add_child(parent)
    first, second = add_video(child, parent.user), add_video(child, parent.user)
    files = [video_storage / name for v in (first, second) for name in (v.file, v.poster)]
    assert all(f.exists() for f in files)
    viewer = family("gran@example.com")
    Membership.objects.create(child=child, user=viewer.user, role="viewer")
    delete = reverse("journal:video_delete", args=[child.pk, first.pk])
    assert viewer.post(delete).status_code == 404, "a viewer may watch, not delete"
    assert parent.get(delete).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert parent.post(delete).status_code == 302
    assert not files[0].exists() and not files[1].exists() and files[2].exists()
    assert AuditEntry.objects.filter(action="delete", target=f"episodevideo {first.pk}").exists()
    child_id = child.pk
    with django_capture_on_commit_callbacks(execute=True):  # the child goes with everything: its clips too
        services.child_delete(actor=parent.user, context=AuditContext(user=parent.user), child=child)
    assert not EpisodeVideo.objects.filter(child_id=child_id).exists() and not any(f.exists() for f in files)


def test_a_poster_is_made_when_ffmpeg_is_there_and_a_plain_one_shown_otherwise(family, monkeypatch) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    video = add_video(child, parent.user, poster=False)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert videos.make_poster.call(video.pk) is False
    page = parent.get(reverse("journal:videos", args=[child.pk])).content.decode()
    assert "journal/video-poster" in page and "poster/" not in page.split("video-poster")[0].rsplit("<video", 1)[1]
    assert parent.get(reverse("journal:video_poster", args=[child.pk, video.pk])).status_code == 404
    monkeypatch.undo()
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg is not installed: the poster from a frame is not tried")
    assert videos.make_poster.call(video.pk) is True
    video.refresh_from_db()
    poster = parent.get(reverse("journal:video_poster", args=[child.pk, video.pk]))
    assert poster.status_code == 200 and poster["Content-Type"] == "image/jpeg"
    assert poster.content.startswith(b"\xff\xd8\xff") and len(poster.content) > 500
    assert poster.content not in video_storage_bytes(video), "the poster is sealed too"


def video_storage_bytes(video: EpisodeVideo) -> bytes:
    with video_files.storage().open(video.poster, "rb") as kept:
        return kept.read()


def test_a_clip_names_its_key_and_older_keys_still_open_it(settings) -> None:
    settings.JOURNAL_ENCRYPTION_KEYS = ["first key from the secret store"]
    sealed = io.BytesIO()
    size = video_crypto.seal([CLIP], sealed)
    settings.JOURNAL_ENCRYPTION_KEYS = ["a newer key", "first key from the secret store"]
    assert b"".join(video_crypto.open_range(sealed, size, 0, size - 1)) == CLIP
    settings.JOURNAL_ENCRYPTION_KEYS = ["a newer key"]
    with pytest.raises(video_crypto.SealedFileError):
        list(video_crypto.open_range(sealed, size, 0, 10))
    settings.JOURNAL_ENCRYPTION_KEYS = []
    with pytest.raises(ImproperlyConfigured):
        video_crypto.journal_keys()


def test_a_changed_chunk_does_not_open() -> None:
    sealed = io.BytesIO()
    size = video_crypto.seal([CLIP], sealed)
    altered = bytearray(sealed.getvalue())
    altered[video_crypto.HEADER + 100] ^= 1
    with pytest.raises(video_crypto.SealedFileError):
        list(video_crypto.open_range(io.BytesIO(bytes(altered)), size, 0, 10))


def test_uploads_are_limited_per_hour(family, monkeypatch) -> None:
    from omshub.journal.views import videos as video_views

    monkeypatch.setattr(video_views, "UPLOADS_PER_HOUR", 1)
    parent = family("mum@example.com")
    child = add_child(parent)
    assert upload(parent, child).status_code == 302
    refused = upload(parent, child, filmed_at="06:10")
    html = refused.content.decode()
    assert refused.status_code == 429 and "You have uploaded many videos in the last hour" in html
    assert 'value="06:10"' in html and EpisodeVideo.objects.filter(child=child).count() == 1


@pytest.mark.parametrize(("name", "kind", "content_type"), [("episode.mp4", "mp4", "video/mp4"),
                                                             ("episode.mov", "mov", "video/quicktime")])  # fmt: skip
def test_phone_formats_are_kept_and_served_as_what_they_are(family, name, kind, content_type) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    content = (FIXTURE_VIDEO.parent / name).read_bytes()  # from ffmpeg: H.264, one second
    # Named and labelled wrongly on purpose: the bytes decide.
    assert (
        upload(parent, child, content, name="IMG_0042.webm", content_type="application/octet-stream").status_code == 302
    )
    video = EpisodeVideo.objects.get(child=child)
    assert video.format == kind
    answer = parent.get(reverse("journal:video_file", args=[child.pk, video.pk]), HTTP_RANGE="bytes=0-")
    assert answer.status_code == 206 and answer["Content-Type"] == content_type and answer.getvalue() == content
