"""Care journal timings: a child's dashboard and the visit report PDF, with years of records.

Run by bench/run.py once per database (`python bench/journal.py [DATABASE_URL]`); prints one
JSON line. A generated child has one parent observation a day for 5 years, 300 treatment
changes (courses and their taper steps or infusions) and 100 events; a second child has one
year, to show that the dashboard's query count does not grow with the records. Timed
in-process (server time: Django's request cycle through the test client, no network).
"""

import datetime
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.inprocess import django_ready
from bench.run import _p95

DASHBOARD_REQUESTS = int(os.environ.get("BENCH_JOURNAL_REQUESTS", "100"))
PDF_REQUESTS = 5


def main() -> None:
    django_ready("journal")
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from omshub.journal.demo import demo_child_load
    from omshub.journal.models import Observation, Treatment, TreatmentStep

    user = get_user_model().objects.create_user("bench", "bench@example.org", "bench passphrase 42")
    started = time.perf_counter()
    years5 = demo_child_load(user, name="Five years", days=1826, treatment_changes=300, events=100)
    year1 = demo_child_load(user, name="One year", days=365, treatment_changes=60, events=20, seed=3)
    seconds_to_generate = time.perf_counter() - started
    client = Client()
    client.force_login(user)

    def timed(path: str, count: int) -> tuple[list[float], int, int]:
        response = client.get(path)  # warm: templates, URL resolver, key derivation
        assert response.status_code == 200, (path, response.status_code)
        durations = []
        for _ in range(count):
            start = time.perf_counter()
            response = client.get(path)
            durations.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        return durations, len(queries), len(response.content)

    dashboards = {}
    for child in (year1, years5):
        for chosen in ("90", "all"):
            durations, queries, size = timed(f"/journal/children/{child.pk}/?range={chosen}", DASHBOARD_REQUESTS)
            dashboards[f"{child.name}, {chosen if chosen == 'all' else chosen + ' days'}"] = {
                "p50_ms": round(statistics.median(durations), 2),
                "p95_ms": _p95(durations),
                "queries": queries,
                "kilobytes": round(size / 1024, 1),
            }
    today = timezone.localdate()
    sections = "&".join(f"sections={s}" for s in ("chart", "observations", "treatments", "events", "scores", "notes"))
    pdfs = {}
    for label, days in (("90 days", 90), ("1 year", 365)):
        start = today - datetime.timedelta(days=days - 1)
        path = f"/journal/children/{years5.pk}/report/?date_from={start}&date_to={today}&{sections}&format=pdf"
        durations, _queries, size = timed(path, PDF_REQUESTS)
        pdfs[label] = {"max_ms": round(max(durations), 1), "kilobytes": round(size / 1024, 1)}
    print(
        json.dumps(
            {
                "database": connection.vendor,
                "observations": Observation.objects.filter(child=years5).count(),
                "treatment_changes": Treatment.objects.filter(child=years5).count()
                + TreatmentStep.objects.filter(treatment__child=years5).count(),
                "seconds_to_generate": round(seconds_to_generate, 1),
                "dashboard": dashboards,
                "pdf": pdfs,
            }
        )
    )


if __name__ == "__main__":
    main()
