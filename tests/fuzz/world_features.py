"""The fuzz world's share of the later features: a care service with a reported wait, a
supporter's fundraising page in a team (with a photo and a gift on it), and an episode video
of the family's child that its share link shows."""

import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from omshub.carefinder.models import CareService, SpokenLanguage, WaitReport
from omshub.fundraising import services as fundraising
from omshub.fundraising.models import FundraisingPage
from omshub.giving.models import CampaignPage
from omshub.giving.services.staff import donation_record_offline
from omshub.journal import video_files
from omshub.journal.models import Child, EpisodeVideo
from omshub.journal.services import child_create
from tests.factories import UserFactory

SUPPORTER = "supporter@example.org"
FIXTURE_VIDEO = Path(__file__).parents[1] / "journal" / "fixtures" / "episode.webm"  # 3 s of VP8, 23 KB


def photo_bytes(fmt: str = "PNG") -> bytes:
    out = BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(out, fmt)
    return out.getvalue()


def carefinder(parent) -> dict[str, list[dict[str, object]]]:
    """A listed service at a real ZIP code, the parent verified (who may report a wait), and a
    wait another family reported, waiting for staff."""
    EmailAddress.objects.get_or_create(user=parent, email=parent.email, defaults={"verified": True, "primary": True})
    service = CareService.objects.create(
        name="Children's Neurology", zip_code="90027", street_address="1 Main St", city="Los Angeles", state="CA"
    )
    SpokenLanguage.objects.get_or_create(code="es")
    service.languages.set(SpokenLanguage.objects.filter(code="es"))
    other: Any = UserFactory(username="fuzzreporter", email="reporter@example.org")
    child = child_create(
        user=other, name="Noa", birth_year=2023, birth_month=3, diagnosed_on=None, tumour_found="unknown"
    )
    today = timezone.localdate()
    report = WaitReport.objects.create(
        service=service,
        child=child,
        reported_by=other,
        referred_on=today - datetime.timedelta(days=60),
        first_visit_on=today - datetime.timedelta(days=10),
        waited_days=50,
    )
    return {"carefinder:*": [{"service_id": service.pk}], "carefinder_admin_moderate": [{"pk": report.pk}]}


def fundraiser(campaign: CampaignPage) -> tuple[object, dict[str, list[dict[str, object]]]]:
    """A supporter's published page with a photo, in the team it started, and a paid gift on it."""
    owner = UserFactory(username="fuzzsupporter", email=SUPPORTER)
    details = fundraising.PageDetails(
        title="Lucía's fundraiser",
        owner_name="Lucía Pérez",
        story="For my nephew Mateo.",
        goal_cents=50000,
        photo_alt="Mateo on a swing",
        about_child_health=False,
        consent_given=False,
    )
    page: FundraisingPage = fundraising.page_create(
        owner=owner,
        campaign=campaign,
        details=details,
        photo=ContentFile(photo_bytes("JPEG"), name="photo.jpg"),
        join_team=None,
        new_team=fundraising.NewTeam(name="Team Mateo", goal_cents=200000),
        hold=False,
        language="en",
    )
    assert page.team is not None
    gift = donation_record_offline(
        campaign=campaign,
        amount_cents=2500,
        method="check",
        donor_name="Ana Ruiz",
        email="ana@example.org",
        received_on=timezone.localdate(),
        note="",
        anonymous=False,
        entry_key="fuzz-fundraiser-gift",
        actor=None,
    )
    gift.fundraiser = page
    gift.fundraising_team = page.team
    gift.save(update_fields=["fundraiser", "fundraising_team"])
    one: dict[str, object] = {"slug": page.slug}
    return owner, {
        "fundraising:*": [one],
        "fundraising:team": [{"slug": page.team.slug}],
        "fundraising:team_report": [{"slug": page.team.slug}],
        "fundraising:thank": [one | {"reference": gift.reference}],
        "fundraising_pages:*": [{"pk": page.pk}],
        "fundraising_teams:*": [{"pk": page.team.pk}],
    }


def video(child: Child, user, share_token: str, passcode_token: str) -> dict[str, list[dict[str, object]]]:
    """A clip filmed today, sealed as uploads are, with a poster: inside the share links' period."""
    name, size = video_files.store([FIXTURE_VIDEO.read_bytes()], child.pk, encrypt=True)
    poster = video_files.store([b"\xff\xd8\xff poster"], child.pk, encrypt=True, suffix="-poster")[0]
    clip = EpisodeVideo.objects.create(
        child=child,
        recorded_by=user,
        filmed_on=timezone.localdate(),
        format="webm",
        size=size,
        file=name,
        poster=poster,
        encrypted=True,
    )
    one: dict[str, object] = {"child_id": child.pk, "video_id": clip.pk}
    shared: list[dict[str, object]] = [
        {"token": share_token, "video_id": clip.pk},
        {"token": passcode_token, "video_id": clip.pk},
    ]
    return {
        "journal:video_file": [one],
        "journal:video_poster": [one],
        "journal:video_delete": [one],
        "journal:shared_video": shared,
        "journal:shared_poster": shared,
    }


def events() -> dict[str, list[dict[str, object]]]:
    """A published event with a confirmed ticket (the ticket pages, the door list and its line)."""
    from omshub.events.services import Attendee, registration_start
    from tests.events.helpers import an_event

    event = an_event(title="Fuzz picnic", capacity=5)
    ticket = registration_start(
        event_id=event.pk, attendee=Attendee(name="Ana Ruiz", email="ana@example.org", language="en")
    )
    return {
        "events:event": [{"slug": event.slug}],
        "events:*": [{"token": ticket.token}],
        "events_door:*": [{"event_id": event.pk, "reference": ticket.reference}],
        "events_events:*": [{"pk": event.pk}],
        "events_registrations:*": [{"pk": ticket.pk}],
    }


def newsletter() -> dict[str, list[dict[str, object]]]:
    """A confirmed subscriber (its link opens preferences and unsubscribe) and an issue for staff."""
    from omshub.newsletter.models import Issue, Subscriber

    def person(email: str, status: str) -> str:
        confirmed = timezone.now() if status == Subscriber.Status.SUBSCRIBED else None
        return Subscriber.objects.create(
            email=email,
            status=status,
            source=Subscriber.Source.FOOTER,
            consent_text="We will email you a link to confirm.",
            signed_up_at=timezone.now(),
            confirmed_at=confirmed,
        ).token

    issue = Issue.objects.create(subject="Fuzz news", body="<p>News</p>")
    return {
        "newsletter:*": [{"token": person("reader@example.org", Subscriber.Status.SUBSCRIBED)}],
        "newsletter:confirm": [{"token": person("new-reader@example.org", Subscriber.Status.PENDING)}],
        "newsletter:unsubscribe": [{"token": person("leaving@example.org", Subscriber.Status.SUBSCRIBED)}],
        "newsletter_admin_send": [{"pk": issue.pk}],
        # Drafts of their own: the send form's fuzz sends the one above, and a sent issue's screens
        # send staff back to the list; the delete form's baseline deletes its draft.
        "newsletter_issues:edit": [{"pk": Issue.objects.create(subject="Fuzz draft", body="<p>Soon</p>").pk}],
        "newsletter_issues:delete": [{"pk": Issue.objects.create(subject="Fuzz bin", body="<p>Gone</p>").pk}],
    }
