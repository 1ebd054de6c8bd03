"""Demo care directory: a handful of services, every one marked as an example to replace.

The details are public switchboard numbers and addresses as we understood them, never checked
with the services, so none carries a "verified" date and none claims OMS experience. The
campaign's partner, CHLA's Division of Neurology, comes first. Idempotent by name.
"""

from typing import Any

from omshub.carefinder.models import CareService, SpokenLanguage

EXAMPLE_NOTE = {
    "en": "Example entry, to be checked by staff: call before you travel.",
    "es": "Entrada de ejemplo, pendiente de revisión por el personal: llame antes de viajar.",
}

SERVICES: list[dict[str, Any]] = [
    {
        "name": "Children's Hospital Los Angeles — Division of Neurology",
        "kind": CareService.Kind.NEUROLOGY,
        "about_en": "The Division of Neurology of Children's Hospital Los Angeles, this year's partner of the "
        "foundation's campaign.",
        "about_es": "La División de Neurología del Children's Hospital Los Angeles, aliada este año de la "
        "campaña de la fundación.",
        "street_address": "4650 Sunset Blvd",
        "city": "Los Angeles",
        "state": "CA",
        "zip_code": "90027",
        "phone": "(323) 660-2450",
        "website": "https://www.chla.org/",
        "languages": ["en", "es"],
        "telehealth": True,
        "second_opinion": True,
    },
    {
        "name": "Children's Health of Orange County (CHOC)",
        "kind": CareService.Kind.HOSPITAL,
        "street_address": "1201 W La Veta Ave",
        "city": "Orange",
        "state": "CA",
        "zip_code": "92868",
        "phone": "(714) 997-3000",
        "website": "https://www.choc.org/",
        "languages": ["en", "es", "vi"],
        "telehealth": True,
    },
    {
        "name": "Rady Children's Hospital San Diego",
        "kind": CareService.Kind.HOSPITAL,
        "street_address": "3020 Children's Way",
        "city": "San Diego",
        "state": "CA",
        "zip_code": "92123",
        "phone": "(858) 576-1700",
        "website": "https://www.rchsd.org/",
        "languages": ["en", "es"],
    },
    {
        "name": "Lucile Packard Children's Hospital Stanford",
        "kind": CareService.Kind.HOSPITAL,
        "street_address": "725 Welch Rd",
        "city": "Palo Alto",
        "state": "CA",
        "zip_code": "94304",
        "phone": "(650) 497-8000",
        "website": "https://www.stanfordchildrens.org/",
        "languages": ["en", "es", "zh"],
        "telehealth": True,
        "second_opinion": True,
    },
    {
        "name": "Texas Children's Hospital",
        "kind": CareService.Kind.HOSPITAL,
        "street_address": "6621 Fannin St",
        "city": "Houston",
        "state": "TX",
        "zip_code": "77030",
        "phone": "(832) 824-1000",
        "website": "https://www.texaschildrens.org/",
        "languages": ["en", "es"],
        "telehealth": True,
    },
    {
        "name": "Children's Hospital of Philadelphia",
        "kind": CareService.Kind.HOSPITAL,
        "street_address": "3401 Civic Center Blvd",
        "city": "Philadelphia",
        "state": "PA",
        "zip_code": "19104",
        "phone": "(215) 590-1000",
        "website": "https://www.chop.edu/",
        "languages": ["en"],
        "second_opinion": True,
    },
]


def care_demo_load() -> list[CareService]:
    """Create the example services that are missing (found by name); staff edits survive."""
    for code in ("en", "es", "vi", "zh"):
        SpokenLanguage.objects.get_or_create(code=code)
    services = []
    for entry in SERVICES:
        fields = dict(entry)
        languages = fields.pop("languages")
        service = CareService.objects.filter(name=fields["name"]).first()
        if service is None:
            fields.setdefault("about_en", "")
            fields.setdefault("about_es", "")
            fields["about_en"] = f"{fields['about_en']} {EXAMPLE_NOTE['en']}".strip()
            fields["about_es"] = f"{fields['about_es']} {EXAMPLE_NOTE['es']}".strip()
            service = CareService(is_example=True, referral_only=True, **fields)
            service.full_clean()
            service.save()
            service.languages.set(languages)
        services.append(service)
    return services
