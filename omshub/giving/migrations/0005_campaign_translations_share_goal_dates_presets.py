"""Translated campaign pages take their goal, dates and preset amounts from the page in the
default language (see docs/decisions/0007-campaign-translations.md): bring existing ones in line.

Written against the historical models, with the matching rule copied here so that later
changes to the app cannot change what this migration did."""

from django.conf import settings
from django.db import migrations

SHARED_FIELDS = ("goal_cents", "currency", "starts_on", "ends_on")


def _matched(source, own):
    left = list(own)
    found = {}
    for n, preset in enumerate(source):
        same = next((r for r in left if (r.frequency, r.amount_cents) == (preset.frequency, preset.amount_cents)), None)
        if same is not None:
            found[n] = same
            left.remove(same)
    for n in range(len(source)):
        if n not in found and left:
            found[n] = left.pop(0)
    return [found.get(n) for n in range(len(source))], left


def share_with_translations(apps, schema_editor):
    CampaignPage = apps.get_model("giving", "CampaignPage")
    CampaignAmount = apps.get_model("giving", "CampaignAmount")
    Locale = apps.get_model("wagtailcore", "Locale")
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if default is None:
        return
    for source in CampaignPage.objects.filter(locale=default):
        presets = list(CampaignAmount.objects.filter(campaign=source).order_by("sort_order"))
        for page in CampaignPage.objects.filter(translation_key=source.translation_key).exclude(pk=source.pk):
            CampaignPage.objects.filter(pk=page.pk).update(**{name: getattr(source, name) for name in SHARED_FIELDS})
            rows, extra = _matched(presets, CampaignAmount.objects.filter(campaign=page).order_by("sort_order"))
            for order, (preset, row) in enumerate(zip(presets, rows, strict=True)):
                row = row or CampaignAmount(campaign=page, impact=preset.impact)
                row.frequency, row.amount_cents, row.sort_order = preset.frequency, preset.amount_cents, order
                row.save()
            CampaignAmount.objects.filter(pk__in=[row.pk for row in extra]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("giving", "0004_donations"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(share_with_translations, migrations.RunPython.noop)]
