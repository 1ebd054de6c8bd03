"""The production drill (`make drill`; `make drill DRILL_SECONDS=120` for a short one).

On this one machine it runs what production runs, all of its own: a PostgreSQL cluster and a
Redis, two gunicorn app servers on two loopback addresses behind HAProxy (TLS ends there), two
task workers, the tests' fake Stripe with a stand-in for its checkout page, its webhook sender
and a mail server. Locust replays campaign day (bench/drill/locustfile.py: a drip, a slam, a
ramp to the breaking point) while the faults of bench/drill/faults.py happen one after another.
Then it lets the queues drain, runs reconcile_payments as cron would, counts gifts and receipts
from the database and the mail received, prints the table, and exits 1 if any must-hold broke.
`DRILL_REPORT=path` also writes the table there (docs/drills.md keeps a full run).
"""

import io
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.drill import accounting, faults, machines, provider  # noqa: E402 - after the path that makes it importable

SECONDS = float(os.environ.get("DRILL_SECONDS", "360"))
LEASE_SECONDS = 20
WEBHOOK_SECRET = "whsec_drill_" + secrets.token_hex(8)
LOCUST = os.path.abspath(os.environ.get("DRILL_LOCUST", str(ROOT / ".venv-drill" / "bin" / "locust")))


def log(message: str) -> None:
    print(f"[drill {time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", flush=True)


def site_env(*, database: str, redis_port: int, site: str, stripe: str, mail_port: int, var: Path) -> dict[str, str]:
    """Production settings, pointed at the drill's own services."""
    return {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "omshub.config.settings.production",
        "OMSHUB_ENV": "production",
        "OMSHUB_VAR_DIR": str(var),
        "SECRET_KEY": secrets.token_urlsafe(60),
        "JOURNAL_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": ",".join(["127.0.0.1", *machines.APP_HOSTS]),
        "WAGTAILADMIN_BASE_URL": site,
        "BEHIND_TLS_PROXY": "true",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database,
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "TASKS_BACKEND": "database",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(mail_port),
        "EMAIL_USE_TLS": "false",
        "STRIPE_SECRET_KEY": "sk_test_drill",
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "STRIPE_API_BASE": stripe,
        "STRIPE_TIMEOUT_SECONDS": "2",
        "PAYMENT_EVENTS_LEASE_SECONDS": str(LEASE_SECONDS),
        # One machine plays every donor: the per-address and site-wide limits would refuse them.
        "CHECKOUTS_PER_IP_PER_HOUR": "1000000",
        "CHECKOUTS_PER_EMAIL_PER_HOUR": "1000",
        "CHECKOUTS_SITE_WIDE_PER_MINUTE": "1000000",
        "LOG_LEVEL": "WARNING",
    }


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def targets(site: str, checkout_url: str) -> dict:
    """What the load asks for, read from the demo foundation in the drill's database."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    from omshub.firststeps.models import ChecklistPage
    from omshub.firststeps.red_flags import RULES
    from omshub.fundraising import services as fundraising
    from omshub.giving.models import CampaignPage
    from omshub.pages.demo import demo_foundation_load

    demo_foundation_load()
    campaign = CampaignPage.objects.live().filter(locale__language_code="en").first()
    assert campaign is not None
    owner = get_user_model().objects.create_user("drill-fundraiser", "fundraiser@example.org", secrets.token_hex(16))
    slugs = []
    for name in ("Lucía", "Tom"):
        details = fundraising.PageDetails(
            title=f"{name} runs for OMS", owner_name=name, story="For my nephew.", goal_cents=50000,
            photo_alt="", about_child_health=False, consent_given=True,
        )  # fmt: skip
        page = fundraising.page_create(
            owner=owner, campaign=campaign, details=details, photo=None, join_team=None, new_team=None,
            hold=False, language="en",
        )  # fmt: skip
        slugs.append(page.slug)
    pages = [page.url for page in Page.objects.live().filter(depth__gt=1).specific() if page.url][:40]
    checklist = ChecklistPage.objects.live().first()
    return {
        "pages": pages,
        "search": "/search/",
        "search_terms": ["ataxia", "opsoclonus", "treatment", "sleep", "school", "rituximab", "ACTH"],
        "checklist": checklist.url if checklist else "/",
        "signs": [sign.key for sign in RULES.signs][:12],
        "donate": campaign.url + campaign.reverse_subpage("donate"),
        "fundraisers": [f"/f/{slug}/" for slug in slugs],
        "fundraiser_gives": [f"/f/{slug}/give/" for slug in slugs],
        "checkout": checkout_url,
        "site": site,
    }


def schedule(drill: faults.Drill) -> list[tuple[float, str, threading.Thread]]:
    """The faults, one after another, spread over the load's three shapes."""
    short = SECONDS < 300
    plan: list[tuple[float, str, Callable[..., None], tuple[float, ...]]] = [
        (0.08, "app server killed", faults.app_server_killed, (8 if short else 15,)),
        (0.20, "PostgreSQL restarted", faults.postgres_restarted, (6 if short else 10,)),
        (0.32, "task worker killed mid-batch", faults.task_worker_killed, ()),
        (0.46, "Redis stopped", faults.redis_stopped, (10 if short else 25,)),
        (0.66, "provider timing out", faults.provider_timing_out, (10 if short else 20,)),
    ]
    return [
        (share * SECONDS, name, threading.Thread(target=action, args=(drill, *args), daemon=True))
        for share, name, action, args in plan
    ]


def phases(history: Path) -> list[tuple[str, int, float, float]]:
    """Per shape: requests, requests/s and the worst 10-second p95, from locust's history."""
    import csv

    from bench.drill.accounting import phases as bounds

    rows = [row for row in csv.DictReader(history.open(encoding="utf-8")) if row["Name"] == "Aggregated"]
    if not rows:
        return []
    start = int(rows[0]["Timestamp"])
    found = []
    for name, begin, end in bounds(SECONDS):
        inside = [row for row in rows if begin <= int(row["Timestamp"]) - start < end]
        if not inside:
            continue
        count = int(inside[-1]["Total Request Count"]) - int(inside[0]["Total Request Count"])
        p95 = max((float(row["95%"]) for row in inside if row["95%"] not in ("N/A", "")), default=0.0)
        found.append((name, count, count / max(end - begin, 1), p95))
    return found


def gifts(checkout: provider.Checkout, sink: provider.MailSink) -> accounting.Gifts:
    from django.db.models import Count, Q

    from omshub.core.models import OutboxEmail
    from omshub.giving.models import Donation

    succeeded = Donation.Status.SUCCEEDED
    drill_gifts = Donation.objects.filter(email__startswith="drill-")
    paid = set(checkout.paid)
    completed = drill_gifts.filter(checkout_id__in=paid, status=succeeded)
    receipt_keys = set(OutboxEmail.objects.filter(kind="giving.receipt").values_list("key", flat=True))
    half_written = (
        drill_gifts.filter(status=succeeded)
        .annotate(paid_entries=Count("audit", filter=Q(audit__to_status=succeeded)))
        .filter(Q(succeeded_at__isnull=True) | ~Q(paid_entries=1) | ~Q(checkout_id__in=paid))
        .count()
    )
    half_written += sum(1 for reference in completed.values_list("reference", flat=True)
                        if f"receipt:{reference}" not in receipt_keys)  # fmt: skip
    recipients = [to for to, _ in sink.messages if to.startswith("drill-")]
    received = set(recipients)
    return accounting.Gifts(
        started=drill_gifts.count(),
        paid=len(paid),
        completed=completed.count(),
        lost=len(paid) - completed.count(),
        abandoned=drill_gifts.exclude(checkout_id__in=paid).count(),
        half_written=half_written,
        receipts_sent=len(recipients),
        duplicate_receipts=accounting.duplicate_receipts(recipients),
        receipts_missing=sum(1 for email in completed.values_list("email", flat=True) if email not in received),
    )


def drain(sender: provider.WebhookSender) -> int:
    """Until Stripe's events are delivered and applied and the receipts sent; then cron's commands."""
    from django.core.management import call_command
    from django.db import close_old_connections

    from omshub.core.models import OutboxEmail
    from omshub.payments.events import WAITING
    from omshub.payments.models import WebhookEvent

    close_old_connections()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (
        sender.undelivered() or WebhookEvent.objects.filter(status__in=WAITING).exists()
    ):
        time.sleep(1)
    out = io.StringIO()
    call_command("reconcile_payments", "--hours=1", stdout=out)
    call_command("apply_payment_events", stdout=out)
    repaired = int(out.getvalue().split("Repaired ", 1)[1].split(" ", 1)[0])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING).exists():
        time.sleep(1)
    call_command("send_outbox", "--older-than-minutes=0", stdout=io.StringIO())
    return repaired


def main() -> int:
    started = time.monotonic()
    base = Path(tempfile.mkdtemp(prefix="omshub-drill-"))
    os.chmod(base, 0o755)  # noqa: S103 - PostgreSQL's own user works in it when the drill runs as root
    services: list[machines.Service] = []
    supervisor: machines.Supervisor | None = None
    postgres = machines.Postgres(base)
    try:
        log(f"PostgreSQL of its own ({machines.postgres_bin()}), Redis of its own, in {base}")
        postgres.create()
        redis_port = machines.free_port()
        redis = machines.redis_service(base, redis_port)
        redis.start()
        services.append(redis)
        machines.wait_for_port("127.0.0.1", redis_port)

        fake_server = provider.fake_stripe()
        sink = provider.MailSink()
        balancer_port = machines.free_port()
        site = f"https://127.0.0.1:{balancer_port}"
        sender = provider.WebhookSender(f"{site}/payments/stripe/webhook/", WEBHOOK_SECRET)
        checkout = provider.Checkout(fake_server.fake, sender)
        env = site_env(database=postgres.url, redis_port=redis_port, site=site, stripe=fake_server.url,
                       mail_port=sink.port, var=base / "var")  # fmt: skip
        os.environ.update(env)
        log("migrate, static files, the demo foundation and two fundraising pages")
        static = subprocess.Popen([sys.executable, "manage.py", "collectstatic", "--no-input"], cwd=ROOT, env=env,
                                  stdout=subprocess.DEVNULL)  # fmt: skip
        manage(env, "migrate", "--no-input")
        if static.wait() != 0:
            raise RuntimeError("collectstatic failed")
        import django

        django.setup()
        load = targets(site, checkout.url)
        (base / "targets.json").write_text(json.dumps(load), encoding="utf-8")

        servers = [(host, machines.free_port(host)) for host in machines.APP_HOSTS]
        apps = [machines.app_service(base, n, host, port, env, workers=2) for n, (host, port) in enumerate(servers, 1)]
        workers = [machines.worker_service(base, n, env) for n in (1, 2)]
        balancer = machines.haproxy_service(base, balancer_port, servers)
        for service in [*apps, *workers, balancer]:
            service.start()
            services.append(service)
        for host, port in servers:
            machines.wait_until_up(f"http://{host}:{port}/healthz")
        machines.wait_for_port("127.0.0.1", balancer_port)
        time.sleep(2)  # the balancer's first health checks
        supervisor = machines.Supervisor([redis, *apps, *workers, balancer])

        drill = faults.Drill(
            site=site + "/", postgres=postgres, redis=redis, apps=apps, workers=workers, fake=fake_server.fake,
            checkout=checkout, sender=sender, lease_seconds=LEASE_SECONDS,
        )  # fmt: skip
        log(f"load for {SECONDS:.0f} s against {site} (setup took {time.monotonic() - started:.0f} s)")
        locust = subprocess.Popen(
            [LOCUST, "-f", str(ROOT / "bench" / "drill" / "locustfile.py"), "--headless", "--host", site,
             "--csv", str(base / "locust"), "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "20"],
            cwd=base,
            env={**os.environ, "DRILL_TARGETS": str(base / "targets.json"), "DRILL_SECONDS": str(SECONDS),
                 "DRILL_BREAKING_POINT": str(base / "breaking-point.json")},
            stdout=(base / "locust.out").open("wb"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        load_started = time.monotonic()
        for at, name, thread in schedule(drill):
            time.sleep(max(0.0, at - (time.monotonic() - load_started)))
            log(f"fault: {name}")
            thread.start()
            thread.join()
        locust.wait(timeout=SECONDS + 120)
        log("load over; letting Stripe's retries, the workers and the outbox finish")
        repaired = drain(sender)
        sender.stop()
        supervisor.stop()

        kinds, errors = accounting.read_locust(base / "locust_stats.csv", base / "locust_failures.csv")
        breaking = base / "breaking-point.json"
        point = json.loads(breaking.read_text()) if breaking.exists() else None
        result = accounting.Drill(
            seconds=SECONDS,
            kinds=kinds,
            errors=errors,
            webhook_answers=Counter(sender.answers),
            gifts=gifts(checkout, sink),
            faults=faults.verdicts(drill, repaired=repaired),
            phases=phases(base / "locust_stats_history.csv"),
            breaking_point=(
                f"p95 passed 2 s with {point['users']} people at {point['at_second']} s into the run; "
                "held at 80 % after"
                if point
                else "not reached (p95 stayed under 2 s up to the ramp's last step)"
            ),
        )
        text = accounting.table(result)
        print(text)
        if report := os.environ.get("DRILL_REPORT"):
            Path(report).write_text(text + "\n", encoding="utf-8")
        kept = f"; logs in {base}" if os.environ.get("DRILL_KEEP") else ""
        log(f"done in {time.monotonic() - started:.0f} s{kept}")
        return 1 if accounting.broken(result) else 0
    finally:
        if supervisor is not None:
            supervisor.stop()
        for service in reversed(services):
            service.signal(18)  # SIGCONT: a paused worker must hear SIGTERM
            service.stop()
        postgres.destroy()
        if not os.environ.get("DRILL_KEEP"):
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
