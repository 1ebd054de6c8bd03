"""Fundraising test helpers: a supporter, a page made through the real form, a gift given on it."""

from io import BytesIO
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from omshub.fundraising.models import FundraisingPage
from omshub.giving.models import Donation
from tests.factories import UserFactory
from tests.giving.fixtures import FORM

PAGE_FORM = {"owner_name": "Lucía Pérez", "story": "For my nephew Mateo.", "goal": "500", "team_choice": ""}


def supporter(name: str = "supporter") -> tuple[Any, Client]:
    user: Any = UserFactory(username=name)
    client = Client()
    client.force_login(user)
    return user, client


def photo_upload(
    *, size: tuple[int, int] = (3000, 2000), with_gps: bool = True, fmt: str = "JPEG"
) -> SimpleUploadedFile:
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    if with_gps:
        exif[0x010F] = "PhoneMaker"  # Make
        exif[0x0112] = 6  # Orientation: rotate 90° to show upright
        exif.get_ifd(0x8825).update({1: "N", 2: (40.0, 26.0, 46.0), 3: "W", 4: (79.0, 58.0, 56.0)})
    out = BytesIO()
    image.save(out, fmt, exif=exif.tobytes() if fmt == "JPEG" else b"")
    return SimpleUploadedFile("holiday.png", out.getvalue(), content_type="image/png")


def create_page(client: Client, **fields: Any) -> FundraisingPage:
    before = set(FundraisingPage.objects.values_list("pk", flat=True))
    response = client.post("/fundraise/", PAGE_FORM | fields)
    assert response.status_code == 302, response.content.decode()[:3000]
    (page,) = FundraisingPage.objects.exclude(pk__in=before)
    return page


def give_on(page: FundraisingPage, client: Client | None = None, **fields: Any) -> Donation:
    client = client or Client()
    before = set(Donation.objects.values_list("pk", flat=True))
    response = client.post(f"/f/{page.slug}/give/", FORM | fields)
    assert response.status_code == 303, response.content.decode()[:3000]
    (donation,) = Donation.objects.exclude(pk__in=before)
    return donation


def pay(donation: Donation, client: Client, action: str = "succeed") -> Any:
    return client.post(f"/payments/test-checkout/{donation.checkout_id}/", {"action": action}, follow=True)
