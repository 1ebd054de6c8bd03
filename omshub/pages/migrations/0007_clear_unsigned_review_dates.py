"""Clear review dates that no reviewer gave.

Until now the demo loader stamped every seeded page with the day its text was written as
"last reviewed" (and a year later as "next review"), though nobody had signed it off. A
page without a reviewer's name now carries no review date at all: in its row and in its
revisions, so the date does not come back when an editor next opens the page.
"""

from django.db import migrations

MEDICAL_PAGE_MODELS = ["topicpage", "faqpage", "articlepage"]
REVIEW_DATES = ("last_reviewed", "next_review")


def clear_unsigned_review_dates(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    for model_name in MEDICAL_PAGE_MODELS:
        model = apps.get_model("pages", model_name)
        unsigned = model.objects.filter(reviewed_by="")
        page_ids = [str(pk) for pk in unsigned.values_list("pk", flat=True)]
        unsigned.update(last_reviewed=None, next_review=None)
        content_type = ContentType.objects.filter(app_label="pages", model=model_name).first()
        if content_type is None or not page_ids:
            continue
        revisions = Revision.objects.filter(content_type=content_type, object_id__in=page_ids)
        for revision in revisions.iterator():
            content = revision.content
            if content.get("reviewed_by") or not any(content.get(field) for field in REVIEW_DATES):
                continue
            for field in REVIEW_DATES:
                content[field] = None
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("pages", "0006_glossary_review_record"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(clear_unsigned_review_dates, migrations.RunPython.noop)]
