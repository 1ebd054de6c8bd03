"""A supporter's page: created through the form, its photo made safe, gifts attributed to it and
counted once, its dashboard private to its owner, the thank-you sent once through the outbox."""

from io import BytesIO

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.test import Client
from PIL import Image

from omshub.core.models import OutboxEmail
from omshub.fundraising.models import DonorThanks, FundraisingPage, Status
from omshub.fundraising.selectors import page_progress
from omshub.giving.selectors import campaign_progress
from tests.fundraising.helpers import PAGE_FORM, create_page, give_on, pay, photo_upload, supporter

pytestmark = pytest.mark.django_db


def test_a_supporter_creates_a_page_with_a_photo_stripped_of_its_location(campaign) -> None:
    user, client = supporter()
    page = create_page(client, photo=photo_upload(), photo_alt="Mateo on a swing", title="Mateo's birthday")
    assert (page.owner, page.campaign_key, page.status) == (user, campaign.translation_key, Status.PUBLISHED)
    assert page.title == "Mateo's birthday" and page.goal_cents == 50000
    with default_storage.open(str(page.photo.name), "rb") as stored:
        image = Image.open(BytesIO(stored.read()))
        assert image.format == "JPEG"
        assert max(image.size) == 1600
        assert image.size == (1067, 1600), "turned upright as the camera's orientation said, then shrunk"
        assert not image.getexif() and "exif" not in image.info and "xmp" not in image.info
    response = client.get(f"/f/{page.slug}/photo.jpg")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"


def test_a_file_that_is_not_a_photo_is_refused_by_its_content_and_nothing_typed_is_lost(campaign) -> None:
    _, client = supporter()
    fake = photo_upload()
    fake.file = BytesIO(b"<?php echo 'not a photo'; ?>")
    response = client.post("/fundraise/", PAGE_FORM | {"photo": fake, "photo_alt": "x"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "This file is not a photo we can read" in html
    assert "For my nephew Mateo." in html and 'value="Lucía Pérez"' in html
    assert not FundraisingPage.objects.exists()


def test_a_photo_sent_with_a_mistake_elsewhere_is_kept(campaign) -> None:
    _, client = supporter()
    response = client.post("/fundraise/", PAGE_FORM | {"photo": photo_upload(), "photo_alt": "Mateo", "goal": "lots"})
    assert response.status_code == 400
    kept = response.context["kept_photo"]
    assert kept and "Your photo is kept" in response.content.decode()
    page = create_page(client, kept_photo=kept, photo_alt="Mateo")
    assert page.photo and page.photo_width == 1067


def test_a_childs_health_needs_the_familys_consent(campaign) -> None:
    _, client = supporter()
    response = client.post("/fundraise/", PAGE_FORM | {"about_child_health": "on"})
    assert response.status_code == 400
    assert "A story can only be published with the family&#x27;s consent." in response.content.decode()
    assert "The family agreed to publication" in response.content.decode()
    page = create_page(client, about_child_health="on", consent_given="on")
    assert page.consent_given and page.shows_story


def test_spanish_errors_and_labels(campaign) -> None:
    _, client = supporter()
    response = client.post("/es/recaudar/", PAGE_FORM | {"goal": "", "about_child_health": "on"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Escriba una meta" in html
    assert "la familia aceptó la publicación".capitalize() in html or "La familia" in html


def test_gifts_on_a_page_count_for_it_and_once_for_the_campaign(campaign, django_capture_on_commit_callbacks) -> None:
    _, owner = supporter()
    page = create_page(owner)
    before = campaign_progress(campaign=campaign, include_test=True).raised_cents
    donor = Client()
    donation = give_on(page, donor, on_wall="on")
    assert donation.fundraiser == page and donation.campaign == campaign
    with django_capture_on_commit_callbacks(execute=True):
        response = pay(donation, donor)
    assert "Back to" in response.content.decode() and f"/f/{page.slug}/" in response.content.decode()
    assert page_progress(page=page, include_test=True).raised_cents == 5000
    assert campaign_progress(campaign=campaign, include_test=True).raised_cents == before + 5000
    html = Client().get(f"/f/{page.slug}/").content.decode()
    assert "$50" in html and "Ana" in html and "ana@example.com" not in html


def test_a_cancelled_payment_comes_back_to_the_pages_form(campaign) -> None:
    _, owner = supporter()
    page = create_page(owner)
    donor = Client()
    donation = give_on(page, donor)
    response = pay(donation, donor, action="cancel")
    assert f"/f/{page.slug}/give/?" in response.redirect_chain[-1][0]
    assert 'value="Ana Ruiz"' in response.content.decode()


def test_an_anonymous_donor_stays_anonymous_even_to_the_owner_but_can_be_thanked(
    campaign, django_capture_on_commit_callbacks
) -> None:
    _, owner = supporter()
    page = create_page(owner)
    donor = Client()
    donation = give_on(page, donor, anonymous="on", donor_name="Secret Person", email="secret@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        pay(donation, donor)
    public = Client().get(f"/f/{page.slug}/").content.decode()
    dashboard = owner.get(f"/fundraise/mine/{page.slug}/").content.decode()
    for html in (public, dashboard):
        assert "Secret" not in html and "secret@example.com" not in html
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.post(f"/fundraise/mine/{page.slug}/thank/{donation.reference}/")
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["secret@example.com"] and "Lucía Pérez thanks you" in message.subject


def test_the_owner_thanks_a_donor_once_in_the_donors_language(campaign, django_capture_on_commit_callbacks) -> None:
    _, owner = supporter()
    page = create_page(owner)
    donor = Client()
    before = set(FundraisingPage.objects.values_list("pk", flat=True))
    response = donor.post(
        f"/es/f/{page.slug}/give/",
        {"frequency": "once", "amount": "5000", "donor_name": "Ana Ruiz", "email": "ana@example.com"},
    )
    assert response.status_code == 303 and before
    donation = page.donations.get()
    assert donation.language == "es"
    with django_capture_on_commit_callbacks(execute=True):
        pay(donation, donor)
    dashboard = owner.get(f"/fundraise/mine/{page.slug}/").content.decode()
    assert "ana@example.com" in dashboard and "1 donor to thank." in dashboard
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        owner.post(f"/fundraise/mine/{page.slug}/thank/{donation.reference}/")
        owner.post(f"/fundraise/mine/{page.slug}/thank/{donation.reference}/")
    (message,) = mail.outbox
    assert "le agradece" in message.subject
    assert OutboxEmail.objects.filter(kind="fundraising.thanks").count() == 1
    assert DonorThanks.objects.filter(donation=donation).count() == 1
    assert "Thanked" in owner.get(f"/fundraise/mine/{page.slug}/").content.decode()


def test_strangers_get_404_from_the_dashboard_and_anonymous_visitors_are_asked_to_sign_in(campaign) -> None:
    _, owner = supporter()
    page = create_page(owner)
    _, stranger = supporter("stranger")
    urls = [
        f"/fundraise/mine/{page.slug}/",
        f"/fundraise/mine/{page.slug}/edit/",
        f"/fundraise/mine/{page.slug}/close/",
    ]
    for url in urls:
        assert stranger.get(url).status_code == 404, url
        assert Client().get(url).status_code == 302, url
    assert stranger.post(f"/fundraise/mine/{page.slug}/thank/x/").status_code == 404
    assert stranger.post(f"/fundraise/mine/{page.slug}/close/").status_code == 404
    page.refresh_from_db()
    assert page.status == Status.PUBLISHED


def test_the_owner_edits_and_closes_the_page(campaign) -> None:
    _, owner = supporter()
    page = create_page(owner)
    response = owner.post(f"/fundraise/mine/{page.slug}/edit/", PAGE_FORM | {"title": "New title", "goal": "750"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.title, page.goal_cents) == ("New title", 75000)
    owner.post(f"/fundraise/mine/{page.slug}/close/")
    page.refresh_from_db()
    assert page.status == Status.CLOSED
    assert Client().get(f"/f/{page.slug}/").status_code == 200
    assert Client().get(f"/f/{page.slug}/give/").status_code == 404


def test_held_pages_wait_for_staff_and_are_hidden_until_then(
    campaign, demo, django_capture_on_commit_callbacks
) -> None:
    from wagtail.models import Site

    from omshub.fundraising.models import FundraisingSettings

    site = Site.objects.get(is_default_site=True)
    settings_row = FundraisingSettings.for_site(site)
    settings_row.hold_for_approval = True
    settings_row.moderation_email = "staff@example.org"
    settings_row.save()
    _, owner = supporter()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = create_page(owner)
    assert page.status == Status.PENDING
    assert [m.to for m in mail.outbox] == [["staff@example.org"]]
    assert Client().get(f"/f/{page.slug}/").status_code == 404
    assert Client().get(f"/f/{page.slug}/give/").status_code == 404
    assert "waiting for approval" in owner.get(f"/f/{page.slug}/").content.decode()


def test_the_owner_replaces_then_removes_the_photo(campaign, django_capture_on_commit_callbacks) -> None:
    _, owner = supporter()
    page = create_page(owner, photo=photo_upload(), photo_alt="First")
    first = str(page.photo.name)
    with django_capture_on_commit_callbacks(execute=True):
        owner.post(f"/fundraise/mine/{page.slug}/edit/", PAGE_FORM | {"photo": photo_upload(), "photo_alt": "Second"})
    page.refresh_from_db()
    assert page.photo.name != first and not default_storage.exists(first) and page.photo_alt == "Second"
    with django_capture_on_commit_callbacks(execute=True):
        owner.post(f"/fundraise/mine/{page.slug}/edit/", PAGE_FORM | {"remove_photo": "on"})
    page.refresh_from_db()
    assert not page.photo and page.photo_alt == ""
    assert Client().get(f"/f/{page.slug}/photo.jpg").status_code == 404


def test_a_kept_photo_is_removed_once_used_and_old_ones_are_forgotten(campaign) -> None:
    import datetime
    import os

    from django.core.management import call_command

    from omshub.fundraising.forms import KEPT_FOLDER

    _, client = supporter()
    response = client.post("/fundraise/", PAGE_FORM | {"photo": photo_upload(), "photo_alt": "Mateo", "goal": "lots"})
    _, kept = default_storage.listdir(KEPT_FOLDER)
    assert len(kept) == 1
    create_page(client, kept_photo=response.context["kept_photo"], photo_alt="Mateo")
    assert default_storage.listdir(KEPT_FOLDER)[1] == []
    create_page(client, photo=photo_upload(), photo_alt="Straight through")
    assert default_storage.listdir(KEPT_FOLDER)[1] == [], "a form with no mistake keeps nothing"
    client.post("/fundraise/", PAGE_FORM | {"photo": photo_upload(), "photo_alt": "Left", "goal": "lots"})
    (abandoned,) = default_storage.listdir(KEPT_FOLDER)[1]
    call_command("fundraising_forget_kept_photos")
    assert default_storage.listdir(KEPT_FOLDER)[1] == [abandoned], "not yet a day old"
    old = (datetime.datetime.now() - datetime.timedelta(days=2)).timestamp()
    os.utime(default_storage.path(f"{KEPT_FOLDER}/{abandoned}"), (old, old))
    call_command("fundraising_forget_kept_photos")
    assert default_storage.listdir(KEPT_FOLDER)[1] == []
