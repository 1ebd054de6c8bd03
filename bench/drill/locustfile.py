"""Campaign day, replayed by locust for the drill (bench/drill/run.py starts it; it imports nothing
of the site). Readers read pages (cached, and uncached with a query string), search and use the
red-flag checklist; donors give on the campaign and on fundraising pages: the form, Stripe's
checkout (the drill's stand-in pays there and Stripe's webhook follows), the thank-you page.

Three shapes in one run: a steady drip, a sudden slam, then a ramp that adds people until the
site's p95 passes BREAKING_MS, where it stops, writes that point down and holds a little below.

Every answer is sorted into a kind for the drill's table: a 503 that is the site's own "back in
a moment" page (Retry-After; the database is away) is told apart from any other 5xx.
"""

import json
import os
import random
import re
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import urllib3
from locust import HttpUser, LoadTestShape, between, task

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.drill.accounting import phases

TARGETS: dict[str, Any] = json.loads(Path(os.environ["DRILL_TARGETS"]).read_text(encoding="utf-8"))
SECONDS = float(os.environ.get("DRILL_SECONDS", "360"))
DRIP_USERS = int(os.environ.get("DRILL_DRIP_USERS", "6"))
SLAM_USERS = int(os.environ.get("DRILL_SLAM_USERS", "30"))
RAMP_MAX_USERS = int(os.environ.get("DRILL_RAMP_MAX_USERS", "80"))
BREAKING_MS = 2000
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)  # the balancer's certificate is the drill's own


class Visitor(HttpUser):
    abstract = True
    network_timeout = 60.0

    def on_start(self) -> None:
        self.client.verify = False


def judge(response: Any) -> None:
    """Mark an answer a success, or a failure of a kind the drill's table counts."""
    status = response.status_code
    if 200 <= status < 400:
        response.success()
    elif status == 503 and response.headers.get("Retry-After"):  # the site's own page, in any language
        response.failure("503 database away (the friendly page)")
    elif status == 0:  # no answer at all: refused, reset, or timed out
        response.failure(f"connection error ({type(response.error).__name__})")
    else:
        response.failure(f"{status} {'server error' if status >= 500 else 'refused'}")


class Reader(Visitor):
    weight = 6
    wait_time = between(1, 3)

    def _get(self, url: str, name: str) -> None:
        with self.client.get(url, name=name, catch_response=True) as response:
            judge(response)

    @task(5)
    def cached_page(self) -> None:
        self._get(random.choice(TARGETS["pages"]), "page (cached)")

    @task(2)
    def uncached_page(self) -> None:
        self._get(f"{random.choice(TARGETS['pages'])}?drill={uuid.uuid4().hex[:8]}", "page (uncached)")

    @task(2)
    def search(self) -> None:
        self._get(f"{TARGETS['search']}?q={random.choice(TARGETS['search_terms'])}", "search")

    @task(2)
    def checklist(self) -> None:
        signs = "&".join(f"signs={key}" for key in random.sample(TARGETS["signs"], k=min(3, len(TARGETS["signs"]))))
        self._get(f"{TARGETS['checklist']}?{signs}", "checklist")

    @task(1)
    def fundraising_page(self) -> None:
        self._get(random.choice(TARGETS["fundraisers"]), "fundraising page")


class Donor(Visitor):
    weight = 2
    wait_time = between(2, 5)

    @task(3)
    def give_to_campaign(self) -> None:
        self._give(TARGETS["donate"], "gift")

    @task(1)
    def give_on_fundraising_page(self) -> None:
        self._give(random.choice(TARGETS["fundraiser_gives"]), "fundraising gift")

    def _give(self, form_url: str, kind: str) -> None:
        with self.client.get(form_url, name=f"{kind}: form", catch_response=True) as response:
            judge(response)
            token = TOKEN.search(response.text or "")
        if token is None:
            return
        data = {
            "csrfmiddlewaretoken": token.group(1),
            "frequency": "once",
            "amount": "5000",
            "donor_name": "Drill Donor",
            "email": f"drill-{uuid.uuid4().hex[:12]}@example.com",
        }
        # As a browser sends it: Django checks the origin of a form sent over HTTPS.
        headers = {"Origin": self.host, "Referer": f"{self.host}{form_url}"}
        with self.client.post(
            form_url, data=data, headers=headers, name=f"{kind}: send", allow_redirects=False, catch_response=True
        ) as response:
            judge(response)
            location = response.headers.get("Location", "")
        if response.status_code != 303 or "/c/pay/" not in location:
            return
        time.sleep(random.uniform(1, 3))  # typing a card number
        session_id = location.rsplit("/", 1)[-1]
        with self.client.post(
            f"{TARGETS['checkout']}/pay/{session_id}", name="Stripe checkout (stand-in)", catch_response=True
        ) as response:
            judge(response)
            back = response.json().get("success_url", "") if response.status_code == 200 else ""
        if back:
            with self.client.get(back, name=f"{kind}: thank-you page", catch_response=True) as response:
                judge(response)


class CampaignDay(LoadTestShape):
    """Drip, slam, then a ramp to the breaking point (p95 over BREAKING_MS), held just below it."""

    broken_at: int | None = None

    def tick(self) -> tuple[int, float] | None:
        elapsed = self.get_run_time()
        (_, _, drip_end), (_, _, slam_end), (_, _, end) = phases(SECONDS)
        if elapsed >= end:
            return None
        if elapsed < drip_end:
            return DRIP_USERS, DRIP_USERS
        if elapsed < slam_end:
            return SLAM_USERS, SLAM_USERS  # all at once
        if self.broken_at is not None:
            return max(SLAM_USERS, int(self.broken_at * 0.8)), 2
        # From where the slam left, up: nobody is sent away mid-request.
        users = SLAM_USERS + int((RAMP_MAX_USERS - SLAM_USERS) * (elapsed - slam_end) / (end - slam_end))
        p95 = self.runner.stats.total.get_current_response_time_percentile(0.95) if self.runner else None
        if elapsed - slam_end > 15 and p95 is not None and p95 > BREAKING_MS:
            self.broken_at = self.runner.user_count if self.runner else users
            report = Path(os.environ.get("DRILL_BREAKING_POINT", "breaking-point.json"))
            report.write_text(json.dumps({"users": self.broken_at, "p95_ms": p95, "at_second": round(elapsed)}))
        return users, 2
