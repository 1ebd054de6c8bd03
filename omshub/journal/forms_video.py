"""The form for an episode video: the clip from the phone, when it was filmed, and an optional observation.

The clip's type is read from its first bytes (video_files.sniff): a PDF called clip.mp4 is refused,
however the browser labels it. A clip over the size limit never reaches the form whole: the
upload handler below stops reading it and says so, and the form keeps the date and time.
"""

import datetime
from typing import Any

from django import forms
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from omshub.journal import video_files
from omshub.journal.models import Child
from omshub.journal.selectors import observations_to_link

ACCEPT = "video/mp4,video/quicktime,video/webm,.mp4,.mov,.webm"


def too_big_message() -> str:
    return str(
        _("This video is larger than %(mb)s MB. Please trim it on your phone to the episode itself and try again.")
        % {"mb": video_files.max_bytes() // (1024 * 1024)}
    )


class SizeLimitHandler(FileUploadHandler):
    """Stops reading a clip once it passes the limit (SkipFile drops it; the other fields still arrive)."""

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.received = 0
        self.too_big = False

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > video_files.max_bytes():
            self.too_big = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


class ObservationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        at = timezone.localtime(obj.observed_at)
        day = formats.date_format(at.date())
        return f"{day} {formats.time_format(at.time())}" if obj.time_given else day


class VideoForm(forms.Form):
    clip = forms.FileField(
        label=_("Video of the episode"),
        help_text=_("MP4, MOV or WebM from your phone, up to %(mb)s MB. Only your care circle can watch it."),
        error_messages={"required": _("Choose the video to upload."), "empty": _("This file is empty.")},
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    filmed_on = forms.DateField(
        label=_("Date filmed"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Enter the date it was filmed."), "invalid": _("Enter a real date.")},
    )
    filmed_at = forms.TimeField(
        label=_("Time filmed (optional)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Enter a time like 14:30, or leave it empty.")},
    )
    observation = ObservationChoice(
        label=_("Observation it goes with (optional)"),
        queryset=None,
        required=False,
        empty_label=_("None"),
    )

    def __init__(self, *args: Any, child: Child, too_big: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"filmed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.too_big = too_big
        self.kind = ""
        clip = self.fields["clip"]
        clip.help_text = str(clip.help_text) % {"mb": video_files.max_bytes() // (1024 * 1024)}
        self.fields["observation"].queryset = observations_to_link(child)  # type: ignore[attr-defined]

    def clean_clip(self) -> Any:
        clip = self.cleaned_data.get("clip")
        if clip is None:
            return clip
        if clip.size > video_files.max_bytes():
            raise forms.ValidationError(too_big_message())
        clip.seek(0)
        kind = video_files.sniff(clip.read(video_files.HEAD_BYTES))
        clip.seek(0)
        if kind is None:
            raise forms.ValidationError(
                _("This file is not a video we can keep. Choose an MP4, MOV or WebM video from your phone.")
            )
        self.kind = kind
        return clip

    def clean_filmed_on(self) -> datetime.date:
        day = self.cleaned_data["filmed_on"]
        if day > timezone.localdate() + datetime.timedelta(days=1):
            raise forms.ValidationError(_("This date is in the future."))
        return day

    def full_clean(self) -> None:
        super().full_clean()
        if self.too_big:  # SkipFile left no file: say why, not "choose one"
            self.errors["clip"] = self.error_class([too_big_message()])
            self.cleaned_data.pop("clip", None)
