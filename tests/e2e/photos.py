"""A photo as phones send them, with camera details and a GPS location, for the upload forms."""

from io import BytesIO
from pathlib import Path

from PIL import Image


def phone_photo(folder: Path) -> Path:
    """A phone photo with its camera details and GPS location, as people send them."""
    image = Image.new("RGB", (2400, 1800), (236, 176, 120))
    for x in range(0, 2400, 200):
        image.paste((75, 42, 123), (x, 600, x + 100, 1200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825).update({1: "N", 2: (34.0, 5.0, 52.0), 3: "W", 4: (118.0, 17.0, 28.0)})
    out = BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    path = folder / "walk.jpg"
    path.write_bytes(out.getvalue())
    return path
