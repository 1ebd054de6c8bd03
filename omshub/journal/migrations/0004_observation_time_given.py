"""Observations remember whether a time was given; those saved before at exactly noon had none.

The form used to store an observation without a time at 12:00 local time. A parent who
really typed 12:00 is rare; showing "noon" for every undated entry is not.
"""

from django.db import migrations, models
from django.utils import timezone


def noon_means_no_time(apps, schema_editor) -> None:
    Observation = apps.get_model("journal", "Observation")
    noon = []
    for pk, observed_at in Observation.objects.values_list("pk", "observed_at").iterator(chunk_size=2000):
        local = timezone.localtime(observed_at)
        if (local.hour, local.minute, local.second, local.microsecond) == (12, 0, 0, 0):
            noon.append(pk)
    for start in range(0, len(noon), 500):
        Observation.objects.filter(pk__in=noon[start : start + 500]).update(time_given=False)


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0003_invitation_accepted_share_failures"),
    ]

    operations = [
        migrations.AddField(
            model_name="observation",
            name="time_given",
            field=models.BooleanField(default=True, verbose_name="time given"),
        ),
        migrations.RunPython(noon_means_no_time, migrations.RunPython.noop),
    ]
