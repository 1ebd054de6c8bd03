"""Everything the fuzz tests need to reach every page: its people, signed in, and real ids for every path.

A family with a child and records of every kind, a share link and an invitation; a donor with
a paid gift, a monthly plan and a session opened by their emailed link; staff with two-factor;
a care service, a supporter's fundraising page and team, an episode video (world_features.py).
`World.paths(name)` gives the real paths of a URL pattern, one per sample of its arguments.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from omshub.giving.donors.models import DonorLink, link_digest
from omshub.giving.models import CampaignPage, Donation, RecurringGift
from omshub.giving.receipts import receipt_token
from omshub.giving.services.staff import donation_record_offline
from omshub.journal.demo import demo_child_load
from omshub.journal.models import (
    Child,
    ClinicScore,
    Event,
    Invitation,
    Observation,
    ShareLink,
    Treatment,
    TreatmentStep,
    token_digest,
)
from omshub.payments.models import WebhookEvent
from tests.factories import StaffFactory, UserFactory
from tests.fuzz import world_features

PASSWORD = "correct horse battery staple"  # UserFactory's
DONOR = "donor@example.org"
SHARE_TOKEN = "s" * 43
PASSCODE_TOKEN = "p" * 43
INVITATION_TOKEN = "i" * 43
DONOR_LINK_TOKEN = "d" * 43
OPENING_TOKEN = "o" * 43


def _client(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


@dataclass
class World:
    anonymous: Client
    family: Client
    staff: Client
    donor: Client
    child: Child
    supporter: Client = field(default_factory=Client)  # owns the fundraising page and its team
    args: dict[str, list[dict[str, object]]] = field(default_factory=dict)  # URL name: kwargs samples
    pages: dict[str, str] = field(default_factory=dict)  # Wagtail pages and sub-pages, by a short name

    def samples(self, keys: list[str]) -> list[dict[str, object]]:
        """The real arguments of a URL, by its name or its family's ("giving_admin_*"); else the defaults."""
        for key in keys:
            if key in self.args:
                return self.args[key]
        return [{}]

    def client_for(self, name: str, path: str) -> Client:
        if path.startswith("/admin/"):
            return self.staff
        if name.startswith("journal:") and name not in SHARED_PAGES:
            return self.family
        if name.startswith("donors:"):
            return self.donor
        if name.startswith("fundraising:") and name in SUPPORTER_PAGES:
            return self.supporter
        if name == "carefinder:report_wait":
            return self.family
        if name.startswith(("account_", "mfa_")) and name not in SIGNED_OUT_ACCOUNT_PAGES:
            return self.family
        return self.anonymous


# What a share link opens, for anyone holding it: no one is signed in.
SHARED_PAGES = {"journal:shared", "journal:shared_video", "journal:shared_poster"}

# The supporter's own fundraising pages; the rest (the page, the team, giving, reporting) are public.
SUPPORTER_PAGES = {
    "fundraising:start",
    "fundraising:mine",
    "fundraising:dashboard",
    "fundraising:edit",
    "fundraising:close",
    "fundraising:thank",
}

# allauth pages for someone signed out; the rest of /accounts/ is for a signed-in family.
SIGNED_OUT_ACCOUNT_PAGES = {
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_confirm_email",
    "account_confirm_login_code",
    "account_email_verification_sent",
    "account_inactive",
    "mfa_authenticate",
    "mfa_login_webauthn",
}


def _pk(record: object) -> object:
    return getattr(record, "pk", None)


def _journal(child: Child, user) -> dict[str, list[dict[str, object]]]:
    records = {
        "observations": Observation.objects.filter(child=child).first(),
        "treatments": Treatment.objects.filter(child=child, steps__isnull=False).first(),
        "events": Event.objects.filter(child=child).first(),
        "scores": ClinicScore.objects.filter(child=child).first(),
    }
    assert all(records.values()), records
    step = TreatmentStep.objects.filter(treatment__child=child).first()
    assert step is not None
    link = ShareLink.objects.create(
        child=child,
        token_hash=token_digest(SHARE_TOKEN),
        label="Dr Rivera",
        data_from=timezone.localdate() - datetime.timedelta(days=30),
        data_to=timezone.localdate(),
        created_by=user,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    ShareLink.objects.create(
        child=child,
        token_hash=token_digest(PASSCODE_TOKEN),
        data_from=link.data_from,
        data_to=link.data_to,
        passcode_hash=make_password("a passcode"),
        created_by=user,
        expires_at=link.expires_at,
    )
    Invitation.objects.create(
        child=child,
        email=user.email,
        role="viewer",
        token_hash=token_digest(INVITATION_TOKEN),
        invited_by=user,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    one: dict[str, object] = {"child_id": child.pk}
    return {
        "journal:*": [one],
        "journal:record_add": [one | {"kind": kind} for kind in records],
        "journal:record_edit": [one | {"kind": kind, "record_id": _pk(r)} for kind, r in records.items()],
        "journal:record_delete": [one | {"kind": kind, "record_id": _pk(r)} for kind, r in records.items()],
        "journal:step_delete": [one | {"step_id": step.pk}],
        "journal:share_revoke": [one | {"link_id": link.pk}],
        "journal:invitation": [{"token": INVITATION_TOKEN}],
        "journal:shared": [{"token": SHARE_TOKEN}, {"token": PASSCODE_TOKEN}],
    }


def _giving(campaign: CampaignPage) -> tuple[Donation, dict[str, list[dict[str, object]]]]:
    gift = donation_record_offline(
        campaign=campaign,
        amount_cents=5000,
        method="check",
        donor_name="Ana Ruiz",
        email=DONOR,
        received_on=timezone.localdate() - datetime.timedelta(days=400),
        note="",
        anonymous=False,
        entry_key="fuzz-gift",
        actor=None,
    )
    plan = RecurringGift.objects.create(
        subscription_id="sub_fuzz", provider="local", customer_id="cus_fuzz", first_donation=gift
    )
    now = timezone.now()
    for token in (DONOR_LINK_TOKEN, OPENING_TOKEN):
        DonorLink.objects.create(
            token_hash=link_digest(token), email=DONOR, language="en", expires_at=now + datetime.timedelta(minutes=30)
        )
    event = WebhookEvent.objects.create(
        provider="local", event_id="evt_fuzz", type="checkout.session.completed", payload={}
    )
    return gift, {
        "giving:receipt_pdf": [{"token": receipt_token(gift)}],
        "donors:open": [{"token": DONOR_LINK_TOKEN}],
        "donors:receipt": [{"reference": gift.reference}],
        "donors:statement": [{"year": gift.received_on.year if gift.received_on else now.year}],
        "donors:monthly": [{"plan_id": plan.pk}],
        "payments:local_checkout": [{"checkout_id": "chk_fuzz"}],
        "payments:local_portal": [{"token": "cus_fuzz"}],
        "payment_events:*": [{"pk": event.pk}],
        "giving_donations:*": [{"pk": gift.pk}],
        "giving_admin_*": [{"pk": gift.pk}],
        "payments_admin_*": [{"pk": event.pk}],
    }


def _pages(demo: dict, gift: Donation) -> dict[str, str]:
    from omshub.pages.models import NewsIndexPage

    pages = {key: demo[key].url for key in ("home", "help", "learn", "donate", "campaign", "involved", "about")}
    campaign = demo["campaign"]
    with translation.override("en"):
        pages["give"] = campaign.url + campaign.reverse_subpage("donate")
        pages["thank-you"] = campaign.url + campaign.reverse_subpage("thank_you", args=[gift.reference])
    spanish = campaign.get_translation(_spanish())
    with translation.override("es"):
        pages["give-es"] = spanish.url + spanish.reverse_subpage("donate")
    pages["help-es"] = demo["help"].get_translation(_spanish()).url
    news = NewsIndexPage.objects.live().filter(locale__language_code="en").first()
    assert news is not None
    pages["news"], pages["news-feed"] = news.url, news.url + "feed/"
    return pages


def _spanish():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="es")


def world_build(demo: dict) -> World:
    parent = UserFactory(username="fuzzparent", email="parent@example.org")
    child = demo_child_load(parent, name="Mia", days=40, treatment_changes=4, events=3)
    if not TreatmentStep.objects.filter(treatment__child=child).exists():
        treatment = Treatment.objects.filter(child=child).first()
        assert treatment is not None
        TreatmentStep.objects.create(treatment=treatment, kind="infusion", starts_on=treatment.started_on)
    if not ClinicScore.objects.filter(child=child).exists():
        ClinicScore.objects.create(child=child, scale="OMS rating scale", scored_on=timezone.localdate(), total=3)
    args = _journal(child, parent)
    gift, giving_args = _giving(demo["campaign"])
    args |= giving_args
    args |= world_features.carefinder(parent)
    args |= world_features.newsletter()
    owner, fundraising_args = world_features.fundraiser(demo["campaign"])
    args |= fundraising_args
    args |= world_features.video(child, parent, SHARE_TOKEN, PASSCODE_TOKEN)
    args |= world_features.events()
    staff = StaffFactory(username="fuzzstaff", email="staff@example.org")
    donor = _client()
    opened = donor.post(reverse("donors:open", args=[OPENING_TOKEN]))
    assert opened.status_code == 302, opened.status_code
    family = _client(parent)
    again = family.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert again.status_code == 302, "signed in again just now: the pages that ask for it open"
    return World(
        anonymous=_client(),
        family=family,
        staff=_client(staff),
        donor=donor,
        child=child,
        supporter=_client(owner),
        args=args,
        pages=_pages(demo, gift),
    )
