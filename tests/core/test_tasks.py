"""Background work goes through Django's tasks framework: immediate by default, a database
queue with `db_worker` in production (Wagtail enqueues through the same framework)."""

from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from wagtail.models import ReferenceIndex
from wagtail.tasks import update_reference_index_task


def test_default_backend_runs_tasks_at_once(demo):
    result = update_reference_index_task.enqueue("wagtailcore", "page", demo["about"].pk)
    assert result.status.name == "SUCCESSFUL"


def test_database_backend_queues_until_a_worker_runs(settings, demo, monkeypatch):
    import django_tasks.signals  # noqa: F401  (resets Wagtail's task handler when TASKS changes)

    # The worker recycles connections between tasks; here that would close the test's own.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ReferenceIndex.objects.all().delete()
    result = update_reference_index_task.enqueue("wagtailcore", "page", demo["about"].pk)
    assert DBTaskResult.objects.get(id=result.id).status == "READY"
    assert not ReferenceIndex.objects.exists()
    call_command("db_worker", batch=True, interval=0)
    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"
