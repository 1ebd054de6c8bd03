"""Care finder timings: the finder page with 2,000 services spread over the United States.

Run by bench/run.py once per database (`python bench/carefinder.py [DATABASE_URL]`); prints one
JSON line. Services sit at real ZIP codes drawn at random (a fixed seed), a third of them speak
Spanish, some offer telehealth or take families without a referral, and a few have approved
waits. Each timed request is the whole finder page (place lookup, the SQL box, exact miles in
Python, the 20 nearest with their languages and waits, the template) through Django's test
client: server time, no network. Searches come from 14 places, with each distance and filter.
"""

import datetime
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.inprocess import django_ready
from bench.run import _p95

SERVICES = int(os.environ.get("BENCH_CARE_SERVICES", "2000"))
PLACES = ["90027", "10001", "60614", "77030", "98105", "33136", "80218", "02115", "30322", "85016",
          "Los Angeles, CA", "Fresno", "Austin TX", "55455"]  # fmt: skip
SEARCHES = [
    {"miles": "250"},
    {"miles": "100", "spanish": "on"},
    {"miles": "500", "telehealth": "on"},
    {"miles": "any"},
    {"miles": "50", "self_referral": "on"},
]
ROUNDS = int(os.environ.get("BENCH_CARE_ROUNDS", "3"))


def main() -> None:
    django_ready("carefinder")
    import zipcodes
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from omshub.carefinder.geo import find_place
    from omshub.carefinder.models import CareService, SpokenLanguage, WaitReport
    from omshub.carefinder.selectors import Filters, services_near
    from omshub.journal.models import Child
    from omshub.pages.demo import demo_foundation_load

    demo_foundation_load()  # the site's header and footer, as a family sees them
    rng = random.Random(2000)
    places = [z for z in zipcodes.list_all() if z.get("lat") and z["zip_code_type"] == "STANDARD"]
    spanish, english = SpokenLanguage.objects.get_or_create(code="es")[0], SpokenLanguage.objects.get(code="en")
    rows = []
    for number in range(SERVICES):
        place = rng.choice(places)
        rows.append(
            CareService(
                name=f"Generated pediatric neurology {number}",
                street_address=f"{number} Main St",
                city=place["city"],
                state=place["state"],
                zip_code=place["zip_code"],
                latitude=float(place["lat"]),
                longitude=float(place["long"]),
                phone="(555) 010-0000",
                telehealth=rng.random() < 0.4,
                referral_only=rng.random() < 0.8,
            )
        )
    created = CareService.objects.bulk_create(rows, batch_size=500)
    link = CareService.languages.through
    links = [link(careservice_id=s.pk, spokenlanguage_id=english.pk) for s in created]
    links += [link(careservice_id=s.pk, spokenlanguage_id=spanish.pk) for s in created if rng.random() < 0.33]
    link.objects.bulk_create(links, batch_size=1000)
    user = get_user_model().objects.create_user("bench", "bench@example.org", "bench passphrase 42")
    children = Child.objects.bulk_create([Child(name=f"C{n}", birth_year=2023, birth_month=1) for n in range(60)])
    visit = datetime.date(2026, 6, 1)
    WaitReport.objects.bulk_create(
        [
            WaitReport(
                service=service,
                child=child,
                reported_by=user,
                referred_on=visit - datetime.timedelta(days=d),
                first_visit_on=visit,
                waited_days=d,
                status=WaitReport.Status.APPROVED,
            )
            for service in created[:20]
            for child, d in zip(rng.sample(children, 3), (40, 70, 120), strict=True)
        ]
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE carefinder_careservice")
    client = Client()
    queries = set()
    for place in PLACES:  # warm: the ZIP table and city index load once per process
        assert client.get("/find-care/", {"place": place}).status_code == 200
    timings, cpu, selector, bare, shown = [], [], [], [], []
    for _ in range(ROUNDS):
        for place in PLACES:
            for search in SEARCHES:
                with CaptureQueriesContext(connection) as captured:
                    started, started_cpu = time.perf_counter(), time.process_time()
                    response = client.get("/find-care/", {"place": place, **search})
                    timings.append((time.perf_counter() - started) * 1000)
                    cpu.append((time.process_time() - started_cpu) * 1000)
                assert response.status_code == 200 and "service-card" in response.content.decode()
                queries.add(len(captured))
                shown.append(response.content.decode().count('class="card service-card"'))
                # The distance search alone, and the same page with no search to run (a typing
                # slip): what the page costs around the search on this machine at this moment.
                miles = None if search["miles"] == "any" else int(search["miles"])
                filters = Filters(**{key: True for key in ("spanish", "telehealth", "self_referral") if key in search})
                started = time.perf_counter()
                services_near(find_place(place).point, miles=miles, filters=filters, limit=10)
                selector.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                client.get("/find-care/", {"place": "0000"})
                bare.append((time.perf_counter() - started) * 1000)
    print(
        json.dumps(
            {
                "database": connection.vendor,
                "services": CareService.objects.count(),
                "requests": len(timings),
                "p50_ms": round(statistics.median(timings), 2),
                "p95_ms": round(_p95(timings), 2),
                "cpu_p95_ms": round(_p95(cpu), 2),
                "search_only_p95_ms": round(_p95(selector), 2),
                "page_without_search_p95_ms": round(_p95(bare), 2),
                "queries": sorted(queries),
                "mean_services_shown": round(statistics.mean(shown), 1),
            }
        )
    )


if __name__ == "__main__":
    main()
