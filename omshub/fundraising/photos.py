"""A supporter's photo made safe to publish: checked by its content (not its name), turned the
way the camera meant, shrunk to a sensible size and re-encoded as a new JPEG without any of
the original's metadata (EXIF, GPS location, XMP, comments)."""

from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 50_000_000  # a 50-megapixel phone photo; more is a decompression bomb, not a picture
MAX_SIDE = 1600
FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "MPO"}  # MPO: the JPEG some phones write


class PhotoError(ValueError):
    """The upload is not a photo we can use; the message says why in the active language."""


def photo_prepared(upload: UploadedFile) -> ContentFile:
    if upload.size and upload.size > MAX_UPLOAD_BYTES:
        raise PhotoError(_("Choose a photo smaller than 15 MB."))
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            if probe.format not in FORMATS:
                raise PhotoError(_("Choose a photo in JPEG, PNG or WebP format."))
            if probe.width * probe.height > MAX_PIXELS:
                raise PhotoError(_("This photo is too large. Choose one under 50 megapixels."))
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            turned = ImageOps.exif_transpose(image) or image  # before the EXIF goes: keep the photo upright
            turned.thumbnail((MAX_SIDE, MAX_SIDE))
            rgba = turned.convert("RGBA")
    except PhotoError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError, SyntaxError):
        raise PhotoError(_("This file is not a photo we can read. Choose a JPEG, PNG or WebP photo.")) from None
    # A new image holds pixels only: nothing of the original's info (EXIF, XMP, ICC, comments) is copied.
    clean = Image.new("RGB", rgba.size, "white")
    clean.paste(rgba, mask=rgba.getchannel("A"))
    out = BytesIO()
    clean.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    return ContentFile(out.getvalue(), name="photo.jpg")
