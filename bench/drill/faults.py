"""The drill's faults: each is done to the running site while the load goes on, watched while it
lasts (a probe asks the balancer for an uncached page every half second), and judged at the end
from the database, the mail received and Stripe's side. Each knows what must hold.
"""

import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from bench.drill.accounting import Fault
from bench.drill.machines import Postgres, Service
from bench.drill.provider import UNVERIFIED, Checkout, WebhookSender


@dataclass
class Probe:
    """Asks for an uncached page every half second until stopped: status (or "connection error"),
    whether it was the friendly 503 page, and how long it took."""

    url: str
    answers: list[tuple[str, bool, float]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def __enter__(self) -> "Probe":
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                url = f"{self.url}?probe={uuid.uuid4().hex[:8]}"
                with urllib.request.urlopen(url, timeout=30, context=UNVERIFIED) as answer:
                    status, friendly = str(answer.status), False
            except urllib.error.HTTPError as error:
                body = error.read().decode(errors="replace")
                status, friendly = str(error.code), bool(error.headers.get("Retry-After")) and "<h1>" in body
            except OSError:
                status, friendly = "connection error", False
            self.answers.append((status, friendly, time.monotonic() - started))
            self._stop.wait(0.5)

    def summary(self) -> str:
        counts: dict[str, int] = {}
        for status, friendly, _ in self.answers:
            key = f"{status} (friendly page)" if friendly else status
            counts[key] = counts.get(key, 0) + 1
        slowest = max((seconds for *_, seconds in self.answers), default=0.0)
        return ", ".join(f"{n}× {key}" for key, n in sorted(counts.items())) + f"; slowest {slowest:.1f} s"


@dataclass
class Drill:
    """What the faults act on."""

    site: str  # the balancer's address
    postgres: Postgres
    redis: Service
    apps: list[Service]
    workers: list[Service]
    fake: Any
    checkout: Checkout
    sender: WebhookSender
    lease_seconds: int
    seen: dict[str, Any] = field(default_factory=dict)


def app_server_killed(drill: Drill, seconds: float) -> None:
    app = drill.apps[0]
    with Probe(drill.site) as probe:
        time.sleep(2)
        app.held = True
        app.kill()
        time.sleep(seconds)
        app.start()
        app.held = False
        time.sleep(3)
    drill.seen["app"] = probe


def postgres_restarted(drill: Drill, seconds: float) -> None:
    with Probe(drill.site) as down:
        before = dict(drill.sender.answers)
        restarts = sum(w.restarts for w in drill.workers)
        drill.postgres.stop()
        for _ in range(3):  # nobody can pay meanwhile (the forms are down): Stripe sends an event again
            drill.sender.send_again()
            time.sleep(seconds / 3)
    drill.postgres.start()
    with Probe(drill.site) as back:
        time.sleep(5)
    drill.seen["postgres"] = (down, back, before, sum(w.restarts for w in drill.workers) - restarts)


def task_worker_killed(drill: Drill) -> None:
    """The provider answers slowly (1.5 s, under the timeout) so that a batch lasts; as soon as the
    database shows a fresh lease, the worker whose run holds it (its task row names it) is killed.
    The leased events must then be applied by another worker once the lease has run out."""
    from django.utils import timezone

    drill.fake.slow_reads_seconds = 1.5
    try:
        leased, holder = _lease_holder(drill)
        if holder is not None:
            holder.kill()  # the supervisor starts it again a second later; the batch waits for its lease
    finally:
        drill.fake.slow_reads_seconds = 0.0
    drill.seen["worker"] = (leased if holder else [], timezone.now(), holder.name if holder else "none")


def _lease_holder(drill: Drill) -> tuple[list[int], Service | None]:
    """The events of a batch leased in the last two seconds, and the worker whose run took them."""
    from django.db import close_old_connections
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from omshub.payments.events import WAITING
    from omshub.payments.models import WebhookEvent

    leased: list[int] = []
    holder = None
    deadline = time.monotonic() + 90
    close_old_connections()
    while holder is None and time.monotonic() < deadline:
        fresh = timezone.now() + timedelta(seconds=drill.lease_seconds - 2)
        leased = list(WebhookEvent.objects.filter(status__in=WAITING, due_at__gt=fresh).values_list("pk", flat=True))
        # A run's task row names its worker; rows left RUNNING by a worker that died since (when
        # PostgreSQL went away, say) started before that worker's latest start, and are skipped.
        running = DBTaskResult.objects.filter(status="RUNNING", task_path__endswith="apply_waiting")
        started = {w.name: w.started_at for w in drill.workers}
        owners = {
            ids[-1].removeprefix("drill-")
            for ids, at in running.values_list("worker_ids", "started_at")
            if ids and at and at.timestamp() >= started.get(ids[-1].removeprefix("drill-"), float("inf"))
        }
        if leased and len(owners) == 1:
            (owner,) = owners
            holder = next((w for w in drill.workers if w.name == owner), None)
        else:
            time.sleep(0.05)
    return leased, holder


def redis_stopped(drill: Drill, seconds: float) -> None:
    from django.db import close_old_connections
    from django.utils import timezone

    with Probe(drill.site) as probe:
        started = timezone.now()
        drill.redis.held = True
        drill.redis.stop()
        time.sleep(seconds)
        ended = timezone.now()
    drill.redis.start()
    drill.redis.held = False
    close_old_connections()
    drill.seen["redis"] = (probe, started, ended, len(drill.checkout.paid))


def provider_timing_out(drill: Drill, seconds: float) -> None:
    """Every read from Stripe answers later than the site's timeout: the workers' fetches and the
    thank-you pages fail; the events are retried later and reconcile_payments repairs the rest."""
    from django.utils import timezone

    paid_before = len(drill.checkout.paid)
    started = timezone.now()
    drill.fake.slow_reads_seconds = 5.0
    time.sleep(seconds)
    drill.fake.slow_reads_seconds = 0.0
    drill.seen["provider"] = (paid_before, len(drill.checkout.paid), started)


def verdicts(drill: Drill, *, repaired: int) -> list[Fault]:
    """Each fault's must-hold, judged now that the load is over and everything was applied."""
    from omshub.giving.models import Donation
    from omshub.payments.models import WebhookEvent

    faults = []
    if probe := drill.seen.get("app"):
        bad = [a for a in probe.answers if a[0] != "200"]
        faults.append(
            Fault("app server killed (SIGKILL, started again after a while)",
                  "the balancer routes around it: every probe answered 200",
                  probe.summary(), held=not bad and bool(probe.answers))
        )  # fmt: skip
    if seen := drill.seen.get("postgres"):
        down, back, before, restarted = seen
        friendly = [a for a in down.answers if a[0] == "503" and a[1]]
        other = [a for a in down.answers if a[0] not in ("200", "503") or (a[0] == "503" and not a[1])]
        webhook_5xx = sum(n for k, n in drill.sender.answers.items() if k in ("500", "503")) - sum(
            n for k, n in before.items() if k in ("500", "503")
        )
        slow = max((a[2] for a in friendly), default=0.0)
        faults.append(
            Fault("PostgreSQL restarted (stopped, then started)",
                  "pages fail fast with the friendly 503; webhooks answer 5xx; the site comes back",
                  f"while down: {down.summary()}; webhook 5xx: {webhook_5xx}; after: {back.summary()}; "
                  f"task workers that exited and were started again: {restarted}",
                  held=bool(friendly) and not other and slow < 5 and webhook_5xx > 0
                  and all(a[0] == "200" for a in back.answers[-4:]))
        )  # fmt: skip
    if seen := drill.seen.get("worker"):
        leased, killed_at, name = seen
        rows = WebhookEvent.objects.filter(pk__in=leased)
        applied = rows.filter(status=WebhookEvent.Status.PROCESSED)
        after_lease = applied.filter(processed_at__gte=killed_at + timedelta(seconds=drill.lease_seconds - 5))
        last = max((at for at in applied.values_list("processed_at", flat=True) if at is not None), default=None)
        faults.append(
            Fault("task worker killed in the middle of a batch",
                  "its lease expires and another worker applies the batch; no duplicate receipt",
                  f"{name} killed holding {len(leased)} events; {applied.count()} applied later by another, "
                  f"{after_lease.count()} of them after the {drill.lease_seconds} s lease ran out"
                  + (f" (the last {(last - killed_at).total_seconds():.0f} s after the kill)" if last else ""),
                  held=bool(leased) and applied.count() == len(leased))
        )  # fmt: skip
    if seen := drill.seen.get("redis"):
        probe, started, ended, _ = seen
        completed = Donation.objects.filter(succeeded_at__gte=started, succeeded_at__lte=ended).count()
        faults.append(
            Fault("Redis stopped, then started",
                  "pages still serve (uncached); gifts still complete",
                  f"{probe.summary()}; {completed} gifts completed while it was away",
                  held=bool(probe.answers) and all(a[0] == "200" for a in probe.answers) and completed > 0)
        )  # fmt: skip
    if seen := drill.seen.get("provider"):
        paid_before, paid_after, started = seen
        window = drill.checkout.paid[paid_before:paid_after]
        retried = WebhookEvent.objects.filter(received_at__gte=started, attempts__gt=0).count()
        done = Donation.objects.filter(checkout_id__in=window, status=Donation.Status.SUCCEEDED).count()
        faults.append(
            Fault("the provider timing out (every read from Stripe slower than the timeout)",
                  "gifts paid meanwhile complete later, through retries and reconcile_payments",
                  f"{len(window)} gifts paid while it was slow, {done} completed; {retried} events needed "
                  f"another try; reconcile_payments repaired {repaired} checkouts",
                  held=done == len(window) and len(window) > 0)
        )  # fmt: skip
    return faults
