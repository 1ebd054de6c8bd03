"""`make bench`: load-test OMS Hub under gunicorn with production settings and run Lighthouse.

Then bench/search.py, bench/giving.py (webhook throughput, the campaign page) and
bench/journal.py (a child's dashboard and visit report) and bench/carefinder.py (the finder with
2,000 services) per database.

For each database (SQLite, and PostgreSQL when one answers) it serves the demo foundation
with 2 gunicorn workers and measures, with wrk on this machine, the home page without and
with the anonymous page cache, each beside one hashed static file served by the same
server in the same run (the reference). Lighthouse 12 then audits the home page as a
phone. Figures go to stdout and to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script (`make bench`), the folder on the path is bench/
    sys.path.insert(0, str(ROOT))
from bench import targets  # noqa: E402

PYTHON = sys.executable
WORKERS = 2
WRK_SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WRK_CONNECTIONS = 16
HOME_SLICES = 3  # the home page's WRK_SECONDS measured in turns with the static file
PAGE_SECONDS = int(os.environ.get("BENCH_PAGE_SECONDS", "3"))  # each line of the page-type table
# What `make bench` measures; `bench/run.py --only pages,giving` runs a subset (and prints it only).
ALL_SECTIONS = ("pages", "lighthouse", "search", "giving", "journal", "carefinder")
SECTIONS: tuple[str, ...] = ALL_SECTIONS
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
CHROMIUM_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
    "--disable-component-update --disable-sync"
)


# One of each per run: bench/pagetypes.py signs a session and encrypts a journal that the
# server it prepares for must read.
RUN_SECRET_KEY = secrets.token_urlsafe(60)
RUN_JOURNAL_KEY = Fernet.generate_key().decode()


@dataclass
class Load:
    label: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float


def _p95(values: list[float]) -> float:
    return round(statistics.quantiles(values, n=20)[-1], 2)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(var_dir: Path, database_url: str | None, port: int, page_cache: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "OMSHUB_ENV")}
    env.update(
        DJANGO_SETTINGS_MODULE="omshub.config.settings.production",
        SECRET_KEY=RUN_SECRET_KEY,
        JOURNAL_ENCRYPTION_KEYS=RUN_JOURNAL_KEY,
        EMAIL_HOST="localhost",  # required; nothing listens there, so mail waits in the outbox
        EMAIL_PORT="25",
        EMAIL_USE_TLS="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        OMSHUB_VAR_DIR=str(var_dir),
        STATIC_ROOT=str(var_dir / "static"),
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{port}",
        PAGE_CACHE_ENABLED="true" if page_cache else "false",
        LOG_LEVEL="WARNING",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def _wait_until_up(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server did not answer at {url}")


class Server:
    def __init__(self, env: dict[str, str], port: int) -> None:
        shutil.rmtree(Path(env["OMSHUB_VAR_DIR"]) / "cache", ignore_errors=True)  # no page from another run
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "omshub.config.wsgi",
                f"--workers={WORKERS}",
                f"--bind=127.0.0.1:{port}",
                "--no-control-socket",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=env,
        )
        _wait_until_up(self.url + "/healthz")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a worker stuck in a long request: end it
            self.process.kill()
            self.process.wait(timeout=30)


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def _fetch(request: urllib.request.Request) -> str:
    """Load a page to its end and close the connection; the URL it ended at. (A response left unread
    kept its gunicorn worker from the next run: half the workers, and stalls of seconds.)"""
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()
        return str(response.geturl())


def wrk(label: str, url: str, seconds: int = WRK_SECONDS, cookie: str = "") -> Load:
    warm_up = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    # Once per worker, at the same time (a sync worker takes one at a time): the first care
    # finder search in a process loads its places, which takes seconds.
    with ThreadPoolExecutor(WORKERS) as pool:
        answered = list(pool.map(lambda _: _fetch(warm_up), range(WORKERS)))
    if any(final != url for final in answered):  # wrk would count a redirect as an answer
        raise RuntimeError(f"{label}: {url} redirects (to {answered[0]}): a session not accepted?")
    header = ["-H", f"Cookie: {cookie}"] if cookie else []
    output = subprocess.run(
        ["wrk", "-t2", f"-c{WRK_CONNECTIONS}", f"-d{seconds}s", "--latency", *header, url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    ).stdout
    if "Non-2xx" in output:
        raise RuntimeError(f"{label}: some responses were errors\n{output}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1))  # type: ignore[union-attr]
    load = Load(label, rps, p50, p99)
    print(f"  {label:<28} {rps:9.1f} req/s   p50 {p50:7.2f} ms   p99 {p99:7.2f} ms", flush=True)
    return load


def _hashed_static_path(var_dir: Path) -> str:
    manifest = json.loads((var_dir / "static" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["core/css/main.css"]


def _postgres_database(name: str) -> str | None:
    """A fresh, empty PostgreSQL database for one benchmark, or None when none answers."""
    try:
        import psycopg

        with psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=3) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name}")
            connection.execute(f"CREATE DATABASE {name}")
    except Exception as error:  # any failure means "no PostgreSQL here"
        print(f"PostgreSQL not available ({error.__class__.__name__}); SQLite only.")
        return None
    return POSTGRES_URL.rsplit("/", 1)[0] + "/" + name


def search_timings(postgres_too: bool = True) -> list[dict[str, float]]:
    """bench/search.py once per database: p50/p95 of a search over 5,000 generated pages."""
    postgres = _postgres_database("omshub_bench_search") if postgres_too else None
    results: list[dict[str, float]] = []
    for url in [None, *([postgres] if postgres else [])]:
        args = [PYTHON, str(ROOT / "bench" / "search.py"), *([url] if url else [])]
        output = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True, timeout=600).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
        print(f"  search on {results[-1]['database']}: p50 {results[-1]['p50_ms']} ms, p95 {results[-1]['p95_ms']} ms")
    return results


def carefinder_timings(postgres_too: bool = True) -> list[dict]:
    """bench/carefinder.py once per database: the finder page with 2,000 services."""
    postgres = _postgres_database("omshub_bench_carefinder") if postgres_too else None
    results: list[dict] = []
    for url in [None, *([postgres] if postgres else [])]:
        args = [PYTHON, str(ROOT / "bench" / "carefinder.py"), *([url] if url else [])]
        output = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True, timeout=900).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
        print(f"  care finder on {results[-1]['database']}: p95 {results[-1]['p95_ms']} ms")
    return results


def _carefinder_lines(finders: list[dict]) -> list[str]:
    lines = [
        "| database | services | requests | p50 ms | p95 ms | CPU p95 ms | search alone p95 ms "
        "| page without a search p95 ms | SQL queries |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for f in finders:
        lines.append(
            f"| {f['database']} | {f['services']} | {f['requests']} | {f['p50_ms']} | {f['p95_ms']} | "
            f"{f['cpu_p95_ms']} | {f['search_only_p95_ms']} | {f['page_without_search_p95_ms']} | "
            f"{', '.join(map(str, f['queries']))} |"
        )
    return lines


def giving_timings(postgres_too: bool = True) -> list[dict]:
    """bench/giving.py once per database: webhook throughput and the campaign page."""
    postgres = _postgres_database("omshub_bench_giving") if postgres_too else None
    results: list[dict] = []
    for url in [None, *([postgres] if postgres else [])]:
        args = [PYTHON, str(ROOT / "bench" / "giving.py"), *([url] if url else [])]
        output = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True, timeout=900).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
        figures = results[-1]
        print(
            f"  giving on {figures['database']}: {figures['webhook_events_per_second']} events/s "
            f"(p95 {figures['webhook_p95_ms']} ms), duplicates {figures['duplicate_events_per_second']}/s"
        )
    return results


def journal_timings(postgres_too: bool = True) -> list[dict]:
    """bench/journal.py once per database: the dashboard and the visit report with 5 years of records."""
    postgres = _postgres_database("omshub_bench_journal") if postgres_too else None
    results: list[dict] = []
    for url in [None, *([postgres] if postgres else [])]:
        args = [PYTHON, str(ROOT / "bench" / "journal.py"), *([url] if url else [])]
        output = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True, timeout=900).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
        worst = max(d["p95_ms"] for d in results[-1]["dashboard"].values())
        print(f"  journal on {results[-1]['database']}: dashboard p95 up to {worst} ms")
    return results


def _journal_lines(journals: list[dict]) -> list[str]:
    lines = [
        "| database | child and range | p50 ms | p95 ms | SQL queries | page KB |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for j in journals:
        for label, d in j["dashboard"].items():
            lines.append(
                f"| {j['database']} | {label} | {d['p50_ms']} | {d['p95_ms']} | {d['queries']} | {d['kilobytes']} |"
            )
    lines += [
        "",
        "| database | visit report PDF, all sections | slowest of 5, ms | KB |",
        "| --- | --- | ---: | ---: |",
    ]
    for j in journals:
        for label, pdf in j["pdf"].items():
            lines.append(f"| {j['database']} | {label} | {pdf['max_ms']} | {pdf['kilobytes']} |")
    return lines


def _giving_lines(givings: list[dict]) -> list[str]:
    def cpu(figures: dict[str, float]) -> str:
        busy = figures.get("machine busy %")
        return " / ".join(str(v) for k, v in figures.items() if k != "machine busy %") + f" ({busy} %)"

    lines = [
        "| database | cache | events | webhook and workers together: gifts/s | ratio to /healthz "
        "| webhook p95 ms | webhook alone: answers/s | p95 ms | workers alone: events applied/s "
        "| duplicates/s | duplicate p95 ms | SQL per duplicate |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for g in givings:
        lines.append(
            f"| {g['database']} | {g['cache']} | {g['events']} | {g['webhook_events_per_second']} | "
            f"{g['ratio_to_reference']} | {g['webhook_p95_ms']} | {g['webhook_answers_per_second']} | "
            f"{g['webhook_answer_p95_ms']} | "
            f"{g['apply_events_per_second']} | {g['duplicate_events_per_second']} | {g['duplicate_p95_ms']} | "
            f"{g['duplicate_queries']} |"
        )
    lines += [
        "",
        "| database | CPU ms per event (gunicorn / task workers / database / load + fake Stripe), "
        "(machine busy): together | webhook alone | workers alone |",
        "| --- | --- | --- | --- |",
    ]
    for g in givings:
        lines.append(
            f"| {g['database']} | {cpu(g['cpu_ms_per_event'])} | {cpu(g['webhook_answer_cpu_ms'])} "
            f"| {cpu(g['apply_cpu_ms'])} |"
        )
    lines += [
        "",
        "| database | gifts | campaign page p50 ms | p95 ms | SQL queries |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for g in givings:
        for gifts, page in g["campaign"].items():
            what = (
                f"{page['gifts']:,} on {page['pages']:,} fundraising pages in {page['teams']} teams"
                if gifts == "crowd"
                else f"{int(gifts):,}"
            )
            lines.append(f"| {g['database']} | {what} | {page['p50_ms']} | {page['p95_ms']} | {page['queries']} |")
    return lines


@dataclass
class PageLoad:
    """One page of the page-type table: its uncached load, the run's static reference, its SQL count."""

    label: str
    path: str
    load: Load
    static_per_second: float
    queries: int
    signed_in: bool

    @property
    def ratio(self) -> float:
        return self.load.requests_per_second / self.static_per_second if self.static_per_second else 0.0


def _page_types(env: dict[str, str]) -> list[dict[str, Any]]:
    """bench/pagetypes.py in the server's environment: each page type's path, cookie and SQL count."""
    output = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "pagetypes.py")], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    return list(json.loads(output.strip().splitlines()[-1]))


def bench_database(name: str, database_url: str | None, var_dir: Path) -> tuple[dict[str, Load], list[PageLoad]]:
    print(f"\n== {name}", flush=True)
    port = _free_port()
    setup_env = _env(var_dir, database_url, port, page_cache=False)
    _manage(setup_env, "migrate", "--no-input")
    _manage(setup_env, "load_demo", "--no-admin")
    pages = _page_types(setup_env) if "pages" in SECTIONS else []
    if database_url:
        _settle(database_url)
    static = _hashed_static_path(var_dir)
    results: dict[str, Load] = {}
    table: list[PageLoad] = []
    for cached in (False, True):
        server = Server(_env(var_dir, database_url, port, page_cache=cached), port)
        try:
            kind = "cached" if cached else "uncached"
            results[f"home_{kind}"], results[f"static_{kind}"] = _home_and_reference(server, static, kind)
            if not cached and pages:
                table = _page_table(server, static, pages)
        finally:
            server.stop()
    return results, table


def _home_and_reference(server: Server, static: str, kind: str) -> tuple[Load, Load]:
    """The home page in HOME_SLICES turns, the static file before, between and after them; each
    the mean of its turns. This machine's speed drifts from minute to minute: a ratio should not
    depend on which way it drifted while one long run of either was measured."""
    seconds = max(1, -(-WRK_SECONDS // HOME_SLICES))  # the page's share, rounded up
    statics = [wrk(f"static file ({kind}, 1)", server.url + static, max(1, seconds // 2))]
    pages = []
    for turn in range(1, HOME_SLICES + 1):
        pages.append(wrk(f"home page ({kind}, {turn}/{HOME_SLICES})", server.url + "/", seconds))
        statics.append(wrk(f"static file ({kind}, {turn + 1})", server.url + static, max(1, seconds // 2)))
    return _mean(f"home page ({kind})", *pages), _mean(f"static file ({kind} run)", *statics)


def _settle(database_url: str) -> None:
    """VACUUM ANALYZE a freshly seeded PostgreSQL database, as autovacuum long since has in production:
    without it the first minutes measure the planner's missing statistics and autovacuum's own work."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def _mean(label: str, *loads: Load) -> Load:
    return Load(
        label,
        statistics.mean(load.requests_per_second for load in loads),
        statistics.mean(load.p50_ms for load in loads),
        max(load.p99_ms for load in loads),
    )


def _page_table(server: Server, static: str, pages: list[dict[str, Any]]) -> list[PageLoad]:
    """Each page type uncached for PAGE_SECONDS, the static file before and after as the reference."""
    print(f"  page types, uncached, {PAGE_SECONDS} s each:", flush=True)
    before = wrk("static file (before)", server.url + static, PAGE_SECONDS)
    loads = [(page, wrk(page["label"][:28], server.url + page["path"], PAGE_SECONDS, page["cookie"])) for page in pages]
    after = wrk("static file (after)", server.url + static, PAGE_SECONDS)
    reference = (before.requests_per_second + after.requests_per_second) / 2
    return [
        PageLoad(page["label"], page["path"], load, reference, page["queries"], bool(page["cookie"]))
        for page, load in loads
    ]


def lighthouse(var_dir: Path) -> dict[str, float]:
    cli = ROOT / "bench" / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT / "bench", check=True)
    port = _free_port()
    server = Server(_env(var_dir, None, port, page_cache=True), port)
    report_path = var_dir / "lighthouse.json"
    try:
        for attempt in range(3):
            subprocess.run(
                [
                    "node",
                    str(cli),
                    server.url + "/",
                    "--quiet",
                    "--output=json",
                    f"--output-path={report_path}",
                    f"--chrome-flags={CHROMIUM_FLAGS}",
                    "--only-categories=performance,accessibility,best-practices,seo",
                ],
                env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
                check=False,
                timeout=300,
            )
            report = json.loads(report_path.read_text()) if report_path.exists() else {}
            if report and not report.get("runtimeError"):
                break
            print(f"Lighthouse run {attempt + 1} failed ({report.get('runtimeError', {}).get('code')}); again.")
        else:
            raise RuntimeError("Lighthouse failed three times")
    finally:
        server.stop()
    requests = report["audits"]["network-requests"]["details"]["items"]
    return {
        **{key: round(category["score"] * 100) for key, category in report["categories"].items()},
        "total_bytes": report["audits"]["total-byte-weight"]["numericValue"],
        "bytes_before_images": sum(r.get("transferSize", 0) for r in requests if r.get("resourceType") != "Image"),
        "script_bytes": sum(r.get("transferSize", 0) for r in requests if r.get("resourceType") == "Script"),
        "requests": len(requests),
    }


def _machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()}"


def _table(results: dict[str, dict[str, Load]]) -> list[str]:
    lines = [
        "| database | what | req/s | p50 ms | p99 ms | ratio to static file (same server, same run) |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for database, loads in results.items():
        for kind in ("uncached", "cached"):
            home, static = loads[f"home_{kind}"], loads[f"static_{kind}"]
            for load in (home, static):
                ratio = f"{load.requests_per_second / static.requests_per_second:.2f}" if load is home else "1.00"
                lines.append(
                    f"| {database} | {load.label} | {load.requests_per_second:.0f} | {load.p50_ms:.2f} | "
                    f"{load.p99_ms:.2f} | {ratio} |"
                )
    return lines


def _home_ratios(results: dict[str, dict[str, Load]]) -> dict[str, float]:
    """The uncached home page's rate over the static file's, per database (same server, same run)."""
    return {
        database: loads["home_uncached"].requests_per_second / loads["static_uncached"].requests_per_second
        for database, loads in results.items()
        if loads["static_uncached"].requests_per_second
    }


def _page_rows(tables: dict[str, list[PageLoad]]) -> list[dict[str, Any]]:
    """The page-type table as targets.checks() reads it."""
    return [
        {"database": database, "label": row.label, "queries": row.queries, "signed_in": row.signed_in}
        for database, rows in tables.items()
        for row in rows
    ]


def _page_lines(tables: dict[str, list[PageLoad]]) -> list[str]:
    lines = [
        "| database | page | path | req/s | p50 ms | p99 ms | ratio to static file | SQL queries | ≤ 10 queries |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | :---: |",
    ]
    for database, rows in tables.items():
        for row in rows:
            mark = "" if row.signed_in else ("✓" if targets.PAGE_QUERIES.met(row.queries) else "✗")
            lines.append(
                f"| {database} | {row.label} | `{row.path}` | {row.load.requests_per_second:.0f} | "
                f"{row.load.p50_ms:.2f} | {row.load.p99_ms:.2f} | {row.ratio:.3f} | {row.queries} | {mark} |"
            )
    return lines


def _partial_report(tables: dict[str, list[PageLoad]], givings: list[dict]) -> list[str]:
    lines: list[str] = []
    if tables:
        lines += ["## Every page type, uncached", "", *_page_lines(tables), ""]
    if givings:
        lines += ["## Giving", "", *_giving_lines(givings), ""]
    return lines


def write_report(
    results: dict[str, dict[str, Load]],
    tables: dict[str, list[PageLoad]],
    audit: dict[str, float],
    searches: list[dict[str, float]],
    givings: list[dict],
    journals: list[dict],
    finders: list[dict],
) -> str:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    checks = targets.checks(_home_ratios(results), searches, givings, journals, finders, pages=_page_rows(tables))
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (bench/run.py); rerun it to refresh. Numbers from one machine are",
        "only comparable with each other: read the ratios against the static file, served by the",
        "same gunicorn in the same run, rather than the absolute figures.",
        "",
        f"- Date: {now}",
        f"- Machine: {_machine()}",
        f"- Server: gunicorn, {WORKERS} sync workers, production settings, WhiteNoise for static files",
        f"- Load: wrk, 2 threads, {WRK_CONNECTIONS} connections, {WRK_SECONDS} s per line, on the same machine",
        "",
        "## Targets",
        "",
        "Each figure that has a target, beside it (bench/targets.py); the sections below give the details.",
        "",
        *targets.lines(checks),
        "",
        "## Throughput and latency",
        "",
        *_table(results),
        "",
        f"The home page is loaded in {HOME_SLICES} turns, the static file for half as long before, between",
        "and after them; each line is the mean of its turns, the static file's the reference of the ratio.",
        "On PostgreSQL the freshly seeded database is vacuumed and analysed first (production's",
        "autovacuum has long done so).",
        "",
        "Targets: uncached home page ≥ 0.075 of the static file's rate; cached pages ≥ 0.50 of it.",
        "Where an uncached page's time goes (profile: middleware, Wagtail's routing, templates, SQL)",
        "and what it no longer recomputes: docs/decisions/0014-uncached-pages.md.",
        "",
        "## Every page type, uncached",
        "",
        "One page of each public type (each Wagtail page type, the first live English page of it;",
        "a personal fundraising page and a team page under the demo campaign with 20 gifts; the",
        "care finder, a finder search, search results and the letter for the doctor) and a",
        "signed-in parent's journal dashboard (a child with 180 days of records, the session cookie",
        f"sent by wrk), each loaded for {PAGE_SECONDS} s by the same uncached server as above, not",
        f"{WRK_SECONDS} s: the table stays within a few minutes. The reference is the static file's",
        "rate, measured just before and just after the table (their mean). SQL queries: counted",
        "in-process (bench/pagetypes.py) on a warm process with the page cache off, the second",
        "request of each page; public pages must stay within 10 (tests/pages/test_query_counts.py).",
        "",
        *_page_lines(tables),
        "",
        "## Lighthouse 12 (mobile, home page, page cache on, SQLite)",
        "",
        "| performance | accessibility | best practices | SEO | bytes (all) | bytes before images | JS bytes "
        "| requests |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {audit['performance']} | {audit['accessibility']} | {audit['best-practices']} | {audit['seo']} | "
        f"{audit['total_bytes']:.0f} | {audit['bytes_before_images']} | {audit['script_bytes']} | "
        f"{audit['requests']} |",
        "",
        "Targets: 100 in each category; ≤ 100 KB before images; ≤ 20 KB of JavaScript.",
        "",
        "## Search",
        "",
        "`search_pages()` end to end (query parsing, ranking, snippets, links), in-process, 140",
        "timed searches of 14 typical queries (synonyms and misspellings included) over the demo",
        "plus generated pages (bench/search.py). CPU is this process's own time per search; SQL is",
        "the queries a search runs and their time (docs/decisions/0003-search.md: where the time goes).",
        "",
        "| database | documents | p50 ms | p95 ms | CPU p95 ms | SQL queries | SQL p95 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        *[
            f"| {s['database']} | {s['documents']} | {s['p50_ms']} | {s['p95_ms']} | {s.get('cpu_p95_ms', '')} "
            f"| {s.get('sql_queries_max', '')} | {s.get('sql_p95_ms', '')} |"
            for s in searches
        ],
        "",
        "Target: p95 ≤ 50 ms on PostgreSQL, ≤ 100 ms on SQLite.",
        "",
        "## Giving: webhooks and the campaign page",
        "",
        "bench/giving.py: gunicorn (2 sync workers, production settings, database task queue) receives",
        "signed `checkout.session.completed` events from 8 threads and stores each one;",
        "2 `db_worker`s on the payments queue apply them in batches: each session re-fetched from the",
        "tests' fake Stripe (local HTTP), the gifts locked, completed, audited and their receipts put in",
        "the outbox in one transaction. Three runs of as many events each: the webhook alone (workers",
        "paused: how fast events are taken in), the workers alone (that backlog applied), and both at",
        "once, as in production (from the first event sent to the last gift succeeded). Then every",
        "event is sent again: a duplicate is one INSERT that inserts nothing. The load generator, the",
        "fake Stripe, PostgreSQL and the app share this machine's 2 cores. The ratio divides the",
        "together figure by the same server's /healthz rate (all the middleware, no database),",
        "measured just before and after it: this machine's speed changes from minute to minute.",
        "",
        *_giving_lines(givings),
        "",
        "The campaign page is timed in-process (server time, 200 requests, page cache off) with 100",
        "and with 10,000 gifts, then with those gifts on 1,000 personal fundraising pages in 100 teams",
        "(its leaderboards full, issue 13): the query count must not change. Targets: ≥ 150 events/s on",
        "PostgreSQL (webhook and workers together, on public APIs only: decision 0010); ≤ 10",
        "queries, constant.",
        "",
        "## Care journal: the dashboard and the visit report",
        "",
        "bench/journal.py, in-process (server time through Django's test client, no network):",
        f"{journals[0]['observations'] if journals else 0} daily parent observations (5 years),",
        f"{journals[0]['treatment_changes'] if journals else 0} treatment changes (courses, taper steps, infusions)",
        "and 100 events for one child; a second child has one year. 100 timed dashboard requests per",
        "line, after one warm-up; the SQL count is the same for one year and five.",
        "",
        *_journal_lines(journals),
        "",
        'The dashboard opens on the last 90 days; "all" draws five years as weekly averages. The report\'s',
        'default is the last 90 days. Targets: the "all" range of five years p95 ≤ 100 ms with a constant',
        "number of queries; the PDF of a year in ≤ 2 s.",
        "",
        "## Care finder: services by distance",
        "",
        "bench/carefinder.py, in-process (server time through Django's test client, no network): 2,000",
        "services at random real ZIP codes, searched from 14 places (ZIP codes and cities) with each",
        "distance and filter, 3 rounds. The whole page: the place found offline, a latitude/longitude",
        "box in SQL, exact miles in Python, the 10 nearest with languages and reported waits, the",
        "template. CPU is this process's own time; the last two columns show what the search and the",
        "page around it cost on their own at the same moment.",
        "",
        *_carefinder_lines(finders),
        "",
        "Target: p95 ≤ 50 ms on PostgreSQL.",
        "",
        "## SQL queries per public page",
        "",
        "At most 10 on a warm process with the page cache off, and the same count whatever the",
        "amount of content: asserted for every demo page in both languages by",
        "`tests/pages/test_query_counts.py` (a test, not a timing).",
        "",
    ]
    text = "\n".join(lines)
    (ROOT / "docs" / "benchmarks.md").write_text(text)
    return text


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--only",
        default=",".join(ALL_SECTIONS),
        help=f"comma-separated sections to run, of {', '.join(ALL_SECTIONS)}; a subset is printed, "
        "docs/benchmarks.md is written only when every section ran",
    )
    parser.add_argument("--sqlite-only", action="store_true", help="leave PostgreSQL out even when one answers")
    return parser.parse_args()


def main() -> int:
    global SECTIONS
    arguments = _arguments()
    SECTIONS = tuple(section.strip() for section in arguments.only.split(",") if section.strip())
    unknown = set(SECTIONS) - set(ALL_SECTIONS)
    if unknown:
        print(f"Unknown sections: {', '.join(sorted(unknown))}; choose from {', '.join(ALL_SECTIONS)}")
        return 2
    if "pages" in SECTIONS and not shutil.which("wrk"):
        print("wrk is missing: apt-get install wrk")
        return 1
    results: dict[str, dict[str, Load]] = {}
    tables: dict[str, list[PageLoad]] = {}
    audit: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="omshub-bench-") as tmp:
        var_dir = Path(tmp)
        _manage(_env(var_dir, None, 0, page_cache=False), "collectstatic", "--no-input")
        if "pages" in SECTIONS:
            results["SQLite"], tables["SQLite"] = bench_database("SQLite", None, var_dir)
            postgres = None if arguments.sqlite_only else _postgres_database("omshub_bench")
            if postgres:
                results["PostgreSQL"], tables["PostgreSQL"] = bench_database("PostgreSQL", postgres, var_dir)
        if "lighthouse" in SECTIONS:
            if "pages" not in SECTIONS:  # Lighthouse audits the demo on SQLite
                _manage(_env(var_dir, None, 0, page_cache=False), "migrate", "--no-input")
                _manage(_env(var_dir, None, 0, page_cache=False), "load_demo", "--no-admin")
            audit = lighthouse(var_dir)
    postgres_too = not arguments.sqlite_only
    searches = _section("search", "Search", lambda: search_timings(postgres_too))
    givings = _section("giving", "Giving", lambda: giving_timings(postgres_too))
    journals = _section("journal", "Care journal", lambda: journal_timings(postgres_too))
    finders = _section("carefinder", "Care finder", lambda: carefinder_timings(postgres_too))
    found = targets.checks(_home_ratios(results), searches, givings, journals, finders, pages=_page_rows(tables))
    print()
    if set(SECTIONS) == set(ALL_SECTIONS):
        print(write_report(results, tables, audit, searches, givings, journals, finders))
    else:
        print("\n".join(_partial_report(tables, givings)))
        print("\n(A subset of the sections ran: docs/benchmarks.md is left as it was.)")
    print("\n== Targets")
    for check in found:
        print(f"  {check.line()}")
    return 0


def _section(name: str, title: str, run: Callable[[], list[Any]]) -> list[Any]:
    if name not in SECTIONS:
        return []
    print(f"\n== {title}", flush=True)
    return run()


if __name__ == "__main__":
    sys.exit(main())
