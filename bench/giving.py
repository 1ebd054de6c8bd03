"""Giving benchmarks, once per database (`python bench/giving.py [DATABASE_URL]`); prints one JSON line.

1. Webhook processing: gunicorn (production settings, database task queue) receives signed
   `checkout.session.completed` events for pending gifts from 8 threads sending prepared
   bytes, and stores them; `db_worker`s on the payments queue apply them in batches, re-fetching
   each session from a local fake Stripe (the tests' fake, over HTTP). Three runs: the
   webhook alone (workers paused), the workers alone (that backlog), and both at once, from
   the first event sent to the last gift succeeded, with the same server's /healthz rate
   measured just before and after as its reference. Then the duplicates (already processed)
   and the SQL queries a duplicate costs (counted in-process).
2. The campaign page: server time p95 over 200 requests in-process (test client, page cache
   off) and its SQL query count, with 100 and with 10,000 gifts, then with those 10,000 gifts
   given on 1,000 personal fundraising pages in 100 teams (its leaderboards full).
"""

import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.run import _free_port, _p95, _wait_until_up  # noqa: E402 - after the path that makes it importable

EVENTS = int(os.environ.get("BENCH_WEBHOOK_EVENTS", "1500"))
CLIENTS = 8
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
TASK_WORKERS = int(os.environ.get("BENCH_TASK_WORKERS", "2"))
WARM_UP = 50
WEBHOOK_SECRET = "whsec_bench_" + secrets.token_hex(8)


REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_answers() -> bool:
    """Production runs with Redis as its cache where it has one; so does this bench when it answers."""
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping())
    except Exception:  # any failure: no Redis here
        return False


def _cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU time of each of these processes so far (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    seconds = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        seconds[pid] = (int(fields[11]) + int(fields[12])) / ticks
    return seconds


def _cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU used in between, counting in full the processes that started meanwhile."""
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())


def _pids(name: str) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/comm"):
        try:
            if stat.read_text().strip() == name:
                found.append(int(stat.parent.name))
        except OSError:
            continue
    return found


def _children(pid: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _post_all(port: int, bodies: list[bytes]) -> tuple[float, float]:
    """Send every body once, signed as Stripe signs; return answers per second and the p95 answer
    time in ms. Each request is built and signed beforehand: the load takes as little of the
    machine's CPU as it can from the server it measures."""
    from tests.payments.events import signature

    return _send_all(
        port,
        [
            b"POST /payments/stripe/webhook/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + f"Stripe-Signature: {signature(body, secret=WEBHOOK_SECRET)}\r\nContent-Length: {len(body)}\r\n".encode()
            + b"Connection: close\r\n\r\n"
            + body
            for body in bodies
        ],
    )


def _reference(port: int) -> float:
    """The same server's rate for its cheapest answer (/healthz, through all the middleware),
    sent the same way: the figure to divide by when comparing runs on a machine whose speed
    changes from one minute to the next."""
    return _send_all(port, [b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"] * EVENTS)[0]


def _send_all(port: int, requests: list[bytes]) -> tuple[float, float]:
    """Send each request as bytes on its own connection (gunicorn's sync workers close it after
    answering) from CLIENTS threads; answers per second and the p95 answer time in ms."""
    latencies: list[float] = []

    def send(chunk: list[bytes]) -> None:
        mine = []
        for request in chunk:
            started = time.perf_counter()
            with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
                connection.sendall(request)
                answer = b""
                while part := connection.recv(65536):
                    answer += part
            if not answer.startswith(b"HTTP/1.1 200"):
                raise RuntimeError(f"the server answered {answer[:200]!r}")
            mine.append((time.perf_counter() - started) * 1000)
        latencies.extend(mine)  # list.extend is atomic under the GIL

    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(send, [requests[n::CLIENTS] for n in range(CLIENTS)]))
    return len(requests) / (time.perf_counter() - started), _p95(latencies)


def _until_idle(pids: list[int]) -> None:
    """Until these processes have started (imports, checks) and use no more CPU."""
    time.sleep(1)
    while True:
        before = _cpu_seconds(pids)
        time.sleep(0.5)
        if _cpu_used(before, _cpu_seconds(pids)) < 0.05:
            return


def _until_applied(count: int, started: float | None = None) -> float:
    """Seconds from `started` until no stored event waits, once all were sent: then `count` bench
    events are applied. It asks the waiting events' small partial index, every 20 ms: a count over
    the whole table each time would cost the database more than the events it measures."""
    from omshub.payments.models import WebhookEvent

    started = started or time.perf_counter()
    while WebhookEvent.objects.filter(status__in=["received", "failed"]).exists():
        if time.perf_counter() - started > 600:
            raise RuntimeError("the events were not all applied within 10 minutes")
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    applied = WebhookEvent.objects.filter(event_id__startswith="evt_bench", status="processed").count()
    assert applied == count, f"{applied} of {count} events applied"
    return seconds


def _machine_ticks() -> tuple[int, int]:
    """(busy, all) CPU ticks of the whole machine so far, from /proc/stat (idle and I/O wait are not busy)."""
    ticks = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return sum(ticks) - ticks[3] - ticks[4], sum(ticks)


class _Cpu:
    """CPU per event since `start`, in ms: gunicorn's (the webhook), the task workers', PostgreSQL's
    and this process's (the load and the fake Stripe); and how busy the whole machine was (%)."""

    def __init__(self, *, webhook: list[int], workers: list[int]) -> None:
        self.groups = {"webhook": webhook, "workers": workers, "database": [], "load and fake Stripe": [os.getpid()]}

    def _now(self) -> dict[str, dict[int, float]]:
        self.groups["database"] = _pids("postgres")
        return {name: _cpu_seconds(pids) for name, pids in self.groups.items()}

    def start(self) -> None:
        self.before = self._now()
        self.machine_before = _machine_ticks()

    def per_event(self, events: int) -> dict[str, float]:
        after = self._now()
        busy, total = (now - before for now, before in zip(_machine_ticks(), self.machine_before, strict=True))
        return {
            **{name: round(_cpu_used(self.before[name], after[name]) * 1000 / events, 2) for name in after},
            "machine busy %": round(100 * busy / max(total, 1)),
        }


def _campaign_timings(client, url: str) -> dict[str, float]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    # Counted now: the captured list is a slice of the connection's log, which each later request clears.
    queries = len(captured)
    timings = []
    for _ in range(200):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return {"queries": queries, "p95_ms": _p95(timings), "p50_ms": round(statistics.median(timings), 2)}


def _campaign_with_crowd(campaign, client, *, pages: int, teams: int) -> dict[str, float]:
    """The campaign page once its succeeded gifts are spread over `pages` pages in `teams` teams."""
    from django.contrib.auth import get_user_model

    from omshub.fundraising.cache import fundraising_changed
    from omshub.fundraising.models import FundraisingPage, Team
    from omshub.giving.cache import gifts_changed
    from omshub.giving.models import Donation

    key = campaign.translation_key
    owner = get_user_model().objects.create_user("bench-crowd", "crowd@example.org")
    team_rows = Team.objects.bulk_create(
        [Team(campaign=campaign, campaign_key=key, name=f"Team {n}", goal_cents=100_000, created_by=owner)
         for n in range(teams)]
    )  # fmt: skip
    page_rows = FundraisingPage.objects.bulk_create(
        [FundraisingPage(owner=owner, campaign=campaign, campaign_key=key, team=team_rows[n % teams],
                         title=f"Page {n}", owner_name=f"Person {n}", story="Why", goal_cents=50_000)
         for n in range(pages)]
    )  # fmt: skip
    gift_ids = list(Donation.objects.filter(campaign_key=key, status="succeeded").values_list("pk", flat=True))
    for number, page in enumerate(page_rows):  # the gifts dealt out in turn: about the same number on each
        Donation.objects.filter(pk__in=gift_ids[number::pages]).update(fundraiser=page, fundraising_team=page.team)
    gifts_changed(key)
    fundraising_changed(key)
    return {**_campaign_timings(client, campaign.url), "gifts": len(gift_ids), "pages": pages, "teams": teams}


def main() -> None:
    var_dir = tempfile.mkdtemp(prefix="omshub-giving-bench-")
    database_url = sys.argv[1] if len(sys.argv) > 1 else ""
    os.environ.update(DJANGO_SETTINGS_MODULE="omshub.config.settings.dev", OMSHUB_VAR_DIR=var_dir, LOG_LEVEL="WARNING")
    os.environ.pop("DATABASE_URL", None)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    from tests.payments.fake_stripe import FakeStripeServer

    fake_server = FakeStripeServer().__enter__()
    os.environ.update(
        STRIPE_SECRET_KEY="sk_test_bench",  # noqa: S106 - the fake Stripe accepts any key
        STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
        STRIPE_API_BASE=fake_server.url,
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries, transaction
    from django.test.utils import CaptureQueriesContext

    from omshub.giving.models import CampaignPage, Donation
    from omshub.giving.services import donor as donor_services
    from omshub.pages.demo import demo_foundation_load
    from omshub.payments import events as payment_events
    from omshub.payments.registry import get_provider
    from tests.payments.events import payload, signature

    call_command("migrate", verbosity=0)
    campaign = CampaignPage.objects.get(pk=demo_foundation_load()["campaign"].pk)
    fake = fake_server.fake

    # Pending gifts whose sessions the fake already shows as paid: the webhook completes them.
    details = donor_services.GiftDetails(
        frequency="once", amount_cents=2500, fee_cents=0, donor_name="Bench Donor", email="", anonymous=False,
        tribute="", tribute_name="", notify_name="", notify_email="", message="", on_wall=False, language="en",
    )  # fmt: skip
    bodies = []
    for n in range(WARM_UP + 2 * EVENTS):
        donation = donor_services.donation_start(
            campaign=campaign,
            details=details.__class__(**{**details.__dict__, "email": f"bench{n}@example.com"}),
            provider="stripe",
            is_test=True,
            client_key="bench",
        )
        session_id = f"cs_test_bench{n:06d}"
        fake.sessions[session_id] = {
            "id": session_id, "object": "checkout.session", "mode": "payment", "status": "open",
            "payment_status": "unpaid", "amount_total": 2500, "currency": "usd", "customer": None,
            "client_reference_id": donation.reference, "metadata": {"reference": donation.reference},
            "payment_intent": None, "subscription": None, "invoice": None, "livemode": False,
            "created": int(time.time()),
        }  # fmt: skip
        fake.complete(session_id)
        donor_services.donation_attach_checkout(donation=donation, checkout_id=session_id)
        bodies.append(payload("checkout.session.completed", session_id, event_id=f"evt_bench{n:06d}"))
    warm_up, backlog, live = bodies[:WARM_UP], bodies[WARM_UP : WARM_UP + EVENTS], bodies[WARM_UP + EVENTS :]

    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "omshub.config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "JOURNAL_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "EMAIL_HOST": "localhost",  # required; nothing listens there, so receipts wait in the outbox
        "EMAIL_PORT": "25",
        "EMAIL_USE_TLS": "false",
        "OMSHUB_ENV": "production",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        "TASKS_BACKEND": "database",
        **({"REDIS_URL": REDIS_URL} if _redis_answers() else {}),
    }
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    server = subprocess.Popen(
        [gunicorn, "omshub.config.wsgi", f"--workers={WORKERS}", f"--bind=127.0.0.1:{port}", "--no-control-socket",
         "--log-level=warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    task_workers = [
        subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--queue-name=payments",
                "--interval=0.1",
                "--no-startup-delay",
                "--no-reload",
                "--verbosity=0",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        for _ in range(TASK_WORKERS)
    ]
    try:
        _wait_until_up(f"http://127.0.0.1:{port}/healthz")
        for _ in range(20):  # each gunicorn worker loads the URLs on its first request
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
        _until_idle([worker.pid for worker in task_workers])
        _post_all(port, warm_up)  # every process has met a webhook, Redis and the fake Stripe once
        _until_applied(WARM_UP)
        workers = [worker.pid for worker in task_workers]
        gunicorns = _children(server.pid)
        measure = _Cpu(webhook=gunicorns, workers=workers)

        # 1. The webhook alone: the task workers are paused, the events wait.
        for pid in workers:
            os.kill(pid, signal.SIGSTOP)
        measure.start()
        answer_rate, answer_p95 = _post_all(port, backlog)
        answer_cpu = measure.per_event(EVENTS)
        # 2. The task workers alone, applying that backlog.
        measure.start()
        started = time.perf_counter()
        for pid in workers:
            os.kill(pid, signal.SIGCONT)
        apply_rate = EVENTS / _until_applied(WARM_UP + EVENTS, started)
        apply_cpu = measure.per_event(EVENTS)
        # 3. Both at once, as in production: from the first delivery to the last gift succeeded,
        # between two runs of the reference.
        reference_before = _reference(port)
        measure.start()
        started = time.perf_counter()
        live_answer_rate, live_p95 = _post_all(port, live)
        live_rate = EVENTS / _until_applied(WARM_UP + 2 * EVENTS, started)
        live_cpu = measure.per_event(EVENTS)
        reference = (reference_before + _reference(port)) / 2
        duplicate_rate, duplicate_p95 = _post_all(port, backlog)
    finally:
        for process in [server, *task_workers]:
            process.terminate()
        for process in [server, *task_workers]:
            process.wait(timeout=30)

    succeeded = Donation.objects.filter(checkout_id__startswith="cs_test_bench", status="succeeded").count()
    assert succeeded == len(bodies), f"{succeeded} of {len(bodies)} gifts completed"

    provider = get_provider()
    event = provider.parse_webhook(bodies[0], {"stripe-signature": signature(bodies[0], secret=WEBHOOK_SECRET)})
    reset_queries()  # the log holds at most 9,000 queries; a full log would count nothing
    with transaction.atomic(), CaptureQueriesContext(connection) as duplicate_queries:
        outcome = payment_events.accept(provider, event)  # the run it may queue starts after this block
    assert outcome == payment_events.Outcome.QUEUED  # known: one INSERT that inserts nothing

    campaign_figures: dict[int | str, dict[str, float]] = {}
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1:8000")  # the demo site's address
    for gifts in (100, 10_000):
        existing = Donation.objects.filter(campaign_key=campaign.translation_key, status="succeeded").count()
        Donation.objects.bulk_create(
            [
                Donation(campaign=campaign, campaign_key=campaign.translation_key, amount_cents=1000 + n,
                         status="succeeded", donor_name=f"Donor {n}", email=f"wall{n}@example.com",
                         wall="approved", message="Thank you", succeeded_at=django.utils.timezone.now(),
                         is_test=True)
                for n in range(max(gifts - existing, 0))
            ],
            batch_size=1000,
        )  # fmt: skip
        from omshub.giving.cache import gifts_changed

        gifts_changed(campaign.translation_key)
        campaign_figures[gifts] = _campaign_timings(client, campaign.url)
    # Issue 13's case: the same 10,000 gifts given on 1,000 personal fundraising pages in 100
    # teams, so the page's leaderboards rank them all (tests/fundraising/test_leaderboards.py).
    campaign_figures["crowd"] = _campaign_with_crowd(campaign, client, pages=1000, teams=100)

    fake_server.__exit__(None, None, None)
    print(
        json.dumps(
            {
                "database": connection.vendor,
                "cache": "Redis" if _redis_answers() else "files",
                "events": EVENTS,
                "webhook_answers_per_second": round(answer_rate, 1),
                "webhook_answer_p95_ms": answer_p95,
                "webhook_answer_cpu_ms": answer_cpu,
                "apply_events_per_second": round(apply_rate, 1),
                "apply_cpu_ms": apply_cpu,
                "webhook_events_per_second": round(live_rate, 1),
                "reference_per_second": round(reference),
                "ratio_to_reference": round(live_rate / reference, 3),
                "webhook_p95_ms": live_p95,
                "live_answers_per_second": round(live_answer_rate, 1),
                "cpu_ms_per_event": live_cpu,
                "duplicate_events_per_second": round(duplicate_rate, 1),
                "duplicate_p95_ms": duplicate_p95,
                "duplicate_queries": len(duplicate_queries),
                "campaign": campaign_figures,
            }
        )
    )


if __name__ == "__main__":
    main()
