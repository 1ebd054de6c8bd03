"""Demo giving: preset amounts with their impact on the campaign in both languages, and a few
test gifts (flagged as test, so they never count on a live site) to show progress and the wall."""

import datetime

from django.utils import timezone

from omshub.giving.models import CampaignAmount, CampaignPage, Donation, DonationAudit

PRESETS = {
    "en": [
        ("once", 2500, "helps print OMS guides for a clinic's waiting room"),
        ("once", 5000, "helps a nurse educator sit down with a newly diagnosed family"),
        ("once", 10000, "helps fund a morning of a neurology fellow's training"),
        ("once", 25000, "helps equip a video-EEG room used to see what the eyes and muscles are doing"),
        ("monthly", 1000, "keeps family information sheets free for a year"),
        ("monthly", 2500, "helps the team follow up families between visits"),
        ("monthly", 5000, "helps fund research on faster diagnosis"),
    ],
    "es": [
        ("once", 2500, "ayuda a imprimir guías sobre el SOMA para la sala de espera de una clínica"),
        ("once", 5000, "ayuda a que una enfermera educadora acompañe a una familia recién diagnosticada"),
        ("once", 10000, "ayuda a financiar una mañana de formación de un residente de neurología"),
        ("once", 25000, "ayuda a equipar una sala de video-EEG para ver qué hacen los ojos y los músculos"),
        ("monthly", 1000, "mantiene gratuitas las hojas informativas para familias durante un año"),
        ("monthly", 2500, "ayuda al equipo a acompañar a las familias entre consultas"),
        ("monthly", 5000, "ayuda a financiar la investigación para diagnosticar antes"),
    ],
}

DEMO_GIFTS = [
    # name, amount, hours ago, anonymous, message
    ("Maria Lopez", 5000, 3, False, "For Sofia and every child still waiting for answers."),
    ("James Carter", 10000, 20, False, ""),
    ("", 2500, 30, True, "Sending love to all the OMS families."),
    ("Aiko Tanaka", 25000, 50, False, "Thank you to the neurology team who helped our son."),
    ("Daniel Reyes", 5000, 70, False, ""),
    ("Grace Kim", 2500, 96, False, ""),
]


def presets_load(campaign: CampaignPage, language: str) -> None:
    if campaign.amounts.exists():
        return
    for order, (frequency, cents, impact) in enumerate(PRESETS[language]):
        CampaignAmount.objects.create(
            campaign=campaign, sort_order=order, frequency=frequency, amount_cents=cents, impact=impact
        )


def test_gifts_load(campaign: CampaignPage) -> None:
    if Donation.objects.filter(campaign_key=campaign.translation_key).exists():
        return
    now = timezone.now()
    for name, cents, hours_ago, anonymous, message in DEMO_GIFTS:
        donation = Donation.objects.create(
            campaign=campaign,
            amount_cents=cents,
            donor_name=name,
            anonymous=anonymous,
            message=message,
            wall=Donation.Wall.APPROVED,
            status=Donation.Status.SUCCEEDED,
            is_test=True,
            provider="demo",
            created_at=now - datetime.timedelta(hours=hours_ago),
            succeeded_at=now - datetime.timedelta(hours=hours_ago),
        )
        DonationAudit.objects.create(donation=donation, action="demo gift", to_status=donation.status, source="demo")


def giving_demo_load(english: CampaignPage, spanish: CampaignPage) -> None:
    presets_load(english, "en")
    presets_load(spanish, "es")
    test_gifts_load(english)
