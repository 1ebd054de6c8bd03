"""The languages staff can tick on a service (their names are translated in models.LANGUAGE_NAMES)."""

from django.db import migrations

CODES = ["en", "es", "zh", "vi", "ko", "tl", "hy", "ar", "ru", "fa", "pt", "ht", "fr", "ja", "asl"]


def add_languages(apps, schema_editor):
    spoken_language = apps.get_model("carefinder", "SpokenLanguage")
    spoken_language.objects.bulk_create([spoken_language(code=code) for code in CODES], ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("carefinder", "0001_care_directory")]

    operations = [migrations.RunPython(add_languages, migrations.RunPython.noop)]
