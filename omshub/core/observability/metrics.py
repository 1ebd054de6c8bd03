"""Prometheus metrics at /metrics, for a scraper holding METRICS_TOKEN (404 for anyone else).

Requests are counted by view (the resolved route's name, never the raw path: a bounded set of
labels) and status class. The queues are read from the database at scrape time: tasks waiting
by queue, emails waiting in the outbox, and payment events not yet applied with the age of the
oldest (the webhook lag).

Counters live in each process. Under several gunicorn workers, set PROMETHEUS_MULTIPROC_DIR to
an empty folder (prometheus_client's multiprocess mode) so a scrape adds up every worker's.
"""

import datetime
import hmac
import os
import time
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Count, Min
from django.http import Http404, HttpRequest, HttpResponse
from django.tasks.base import TaskResultStatus
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import CONTENT_TYPE_PLAIN_0_0_4, REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

REQUESTS = Counter("omshub_http_requests", "Requests answered, by view and status class.", ["view", "status"])
DURATION = Histogram(
    "omshub_http_request_duration_seconds",
    "Time to answer a request, by view.",
    ["view"],
    buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


def view_label(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unresolved"  # 404s for unknown paths, and answers from middleware (the page cache)
    return match.view_name or "unnamed"


class MetricsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        view = view_label(request)
        REQUESTS.labels(view=view, status=f"{response.status_code // 100}xx").inc()
        DURATION.labels(view=view).observe(time.perf_counter() - started)
        return response


def _age_seconds(moment: datetime.datetime | None) -> float:
    return max(0.0, (timezone.now() - moment).total_seconds()) if moment else 0.0


class QueueCollector(Collector):
    """Read at each scrape with the ORM: a few indexed COUNTs."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from django_tasks_db.models import DBTaskResult

        from omshub.core.models import OutboxEmail
        from omshub.payments.models import WebhookEvent

        up = GaugeMetricFamily("omshub_queue_metrics_up", "1 when the queues could be read from the database.")
        try:
            tasks: dict[str, dict[str, Any]] = {
                row["queue_name"]: dict(row)
                for row in DBTaskResult.objects.filter(status=TaskResultStatus.READY)
                .values("queue_name")
                .annotate(waiting=Count("id"), oldest=Min("enqueued_at"))
                .order_by()
            }
            outbox = OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING).aggregate(
                waiting=Count("id"), oldest=Min("created_at")
            )
            waiting_events = [WebhookEvent.Status.RECEIVED, WebhookEvent.Status.FAILED]
            events = dict(
                WebhookEvent.objects.filter(status__in=[*waiting_events, WebhookEvent.Status.STOPPED])
                .values_list("status")
                .annotate(Count("id"))
                .order_by()
            )
            oldest_event = WebhookEvent.objects.filter(status__in=waiting_events).aggregate(oldest=Min("received_at"))
        except DatabaseError:
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up

        depth = GaugeMetricFamily(
            "omshub_task_queue_depth", "Tasks waiting in the database queue, by queue.", labels=["queue"]
        )
        task_age = GaugeMetricFamily(
            "omshub_task_oldest_waiting_seconds", "Age of the oldest waiting task, by queue.", labels=["queue"]
        )
        for queue in sorted({*settings.TASK_QUEUES, *tasks}):
            row = tasks.get(queue, {})
            depth.add_metric([queue], row.get("waiting", 0))
            task_age.add_metric([queue], _age_seconds(row.get("oldest")))
        yield depth
        yield task_age

        yield GaugeMetricFamily("omshub_outbox_pending", "Emails waiting to be sent.", value=outbox["waiting"])
        yield GaugeMetricFamily(
            "omshub_outbox_oldest_pending_seconds",
            "Age of the oldest email waiting.",
            value=_age_seconds(outbox["oldest"]),
        )
        pending = GaugeMetricFamily(
            "omshub_payment_events_pending",
            "Payment events not applied: received, failed (to be retried), stopped (needs staff).",
            labels=["status"],
        )
        for status in (WebhookEvent.Status.RECEIVED, WebhookEvent.Status.FAILED, WebhookEvent.Status.STOPPED):
            pending.add_metric([status.value], events.get(status, 0))
        yield pending
        yield GaugeMetricFamily(
            "omshub_webhook_lag_seconds",
            "Age of the oldest payment event received or failed and not yet applied (0 when none waits).",
            value=_age_seconds(oldest_event["oldest"]),
        )


def _authorised(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    if not token:
        return False
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


def exposition() -> bytes:
    """This process's (or, in multiprocess mode, every worker's) metrics, then the queues'."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        workers = CollectorRegistry()
        MultiProcessCollector(workers)
        app = generate_latest(workers)
    else:
        app = generate_latest(REGISTRY)
    queues = CollectorRegistry()
    queues.register(QueueCollector())
    return app + generate_latest(queues)


@require_safe
@never_cache
def metrics_view(request: HttpRequest) -> HttpResponse:
    if not _authorised(request):
        raise Http404
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_PLAIN_0_0_4)
