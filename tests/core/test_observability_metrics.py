"""/metrics: only for the scraper's token (404 otherwise, never cached), requests counted by
route name and status class, the queues read from the database at each scrape."""

import datetime
import uuid

import pytest
from django.tasks.base import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client.parser import text_string_to_metric_families

from omshub.core.models import OutboxEmail
from omshub.payments.models import WebhookEvent

pytestmark = pytest.mark.django_db
TOKEN = "scrape-token-0123456789abcdef"


@pytest.fixture
def token(settings) -> str:
    settings.METRICS_TOKEN = TOKEN
    return TOKEN


def _scrape(client, token: str = TOKEN):
    return client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {token}")


def _samples(response) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def test_without_a_token_setting_the_address_does_not_exist(client, settings) -> None:
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404
    assert _scrape(client, "").status_code == 404


@pytest.mark.parametrize("header", ["", "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x", TOKEN])
def test_a_wrong_or_missing_token_gets_a_404(client, token, header) -> None:
    response = client.get("/metrics", HTTP_AUTHORIZATION=header)
    assert response.status_code == 404
    assert b"omshub_" not in response.content


def test_the_scraper_gets_plain_text_never_cached(client, token, settings) -> None:
    settings.PAGE_CACHE_ENABLED = True
    response = _scrape(client)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    assert "no-store" in response["Cache-Control"] and "X-Page-Cache" not in response
    assert client.get("/metrics").status_code == 404, "a scrape is never served to the next visitor"


def test_requests_are_counted_by_route_name_and_status_class_never_by_path(client, token) -> None:
    def count(view: str, status: str) -> float:
        return _samples(_scrape(client)).get(("omshub_http_requests_total", (("status", status), ("view", view))), 0.0)

    before_ok, before_missing = count("healthz", "2xx"), count("wagtail_serve", "4xx")
    client.get("/healthz")
    client.get("/healthz")
    client.get("/no-such-page-a1b2c3/")
    assert count("healthz", "2xx") == before_ok + 2
    assert count("wagtail_serve", "4xx") == before_missing + 1, "an unknown page: Wagtail's catch-all, by its name"
    assert b"no-such-page-a1b2c3" not in _scrape(client).content


def test_queues_outbox_and_webhook_lag_are_read_at_scrape_time(client, token) -> None:
    now = timezone.now()
    for queue, count in (("default", 2), ("payments", 1)):
        for _ in range(count):
            DBTaskResult.objects.create(
                id=uuid.uuid4(),
                status=TaskResultStatus.READY,
                args_kwargs={"args": [], "kwargs": {}},
                task_path="omshub.core.outbox.send_outbox_emails",
                queue_name=queue,
                backend_name="default",
                run_after=now,
            )
    DBTaskResult.objects.create(
        id=uuid.uuid4(),
        status=TaskResultStatus.SUCCESSFUL,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="omshub.core.outbox.send_outbox_emails",
        queue_name="default",
        backend_name="default",
        run_after=now,
    )
    OutboxEmail.objects.create(key="receipt:1", kind="receipt", to="a@example.com")
    OutboxEmail.objects.create(key="receipt:2", kind="receipt", to="b@example.com", status=OutboxEmail.Status.SENT)
    for number, status in enumerate(["received", "received", "failed", "stopped", "processed"]):
        WebhookEvent.objects.create(provider="stripe", event_id=f"evt_{number}", type="x", payload={}, status=status)
    WebhookEvent.objects.filter(event_id="evt_0").update(received_at=now - datetime.timedelta(minutes=5))

    samples = _samples(_scrape(client))
    assert samples[("omshub_queue_metrics_up", ())] == 1
    assert samples[("omshub_task_queue_depth", (("queue", "default"),))] == 2
    assert samples[("omshub_task_queue_depth", (("queue", "payments"),))] == 1
    assert samples[("omshub_outbox_pending", ())] == 1
    assert samples[("omshub_payment_events_pending", (("status", "received"),))] == 2
    assert samples[("omshub_payment_events_pending", (("status", "failed"),))] == 1
    assert samples[("omshub_payment_events_pending", (("status", "stopped"),))] == 1
    assert 300 <= samples[("omshub_webhook_lag_seconds", ())] < 360

    WebhookEvent.objects.exclude(status="processed").update(status="processed")
    assert _samples(_scrape(client))[("omshub_webhook_lag_seconds", ())] == 0, "no lag once every event is applied"


def test_an_empty_site_reports_zeros_for_every_queue(client, token, settings) -> None:
    samples = _samples(_scrape(client))
    for queue in settings.TASK_QUEUES:
        assert samples[("omshub_task_queue_depth", (("queue", queue),))] == 0
        assert samples[("omshub_task_oldest_waiting_seconds", (("queue", queue),))] == 0
    assert samples[("omshub_outbox_pending", ())] == 0 and samples[("omshub_webhook_lag_seconds", ())] == 0


def test_in_multiprocess_mode_a_scrape_adds_up_every_workers_requests(tmp_path) -> None:
    """Two processes (as two gunicorn workers) answer requests; a third's scrape counts them all."""
    from tests.core.test_settings import _run

    folder = tmp_path / "metrics"
    folder.mkdir()
    serve = (
        "import django; django.setup(); from django.test import Client;"
        "c = Client(); c.get('/healthz'); c.get('/healthz')"
    )
    scrape = (
        "import django; django.setup(); from omshub.core.observability.metrics import exposition;"
        "print(exposition().decode())"
    )
    env = {"PROMETHEUS_MULTIPROC_DIR": str(folder)}
    for _ in range(2):
        served = _run(["-c", serve], tmp_path, settings_module="omshub.config.settings.test", **env)
        assert served.returncode == 0, served.stderr
    scraped = _run(["-c", scrape], tmp_path, settings_module="omshub.config.settings.test", **env)
    assert 'omshub_http_requests_total{status="2xx",view="healthz"} 4.0' in scraped.stdout, scraped.stderr
