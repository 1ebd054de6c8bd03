"""The sum of a parent's six ratings is never shown as a score.

The diary's six areas, rated 0 to 3, are those of the Mitchell-Pike clinic scale, so "9 of 18"
reads as that scale's score. Wherever the sum appears (dashboard, list of entries, chart,
visit report PDF and CSV, the clinician's shared page) it is named "sum of parent ratings",
said not to be comparable with any clinic score, and kept apart from clinic totals.
"""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from omshub.journal.domains import domain_keys
from omshub.journal.models import ClinicScore, Observation, ShareLink, token_digest
from omshub.journal.report import SUM_COLUMN
from tests.journal.conftest import add_child

pytestmark = pytest.mark.django_db
TOKEN = "parent-sum-" + "d" * 40
NAME = {"en": "sum of parent ratings", "es": "suma de las calificaciones de los padres"}
NOTE = {
    "en": "cannot be compared with any clinic score",
    "es": "no se puede comparar con ninguna puntuación de la clínica",
}
TOTAL = {"en": "Total", "es": "Total"}


@pytest.fixture
def journal(family):
    parent = family("mum@example.com")
    child = add_child(parent)
    today = timezone.localdate()
    scores = dict.fromkeys(domain_keys(), 2)
    for days in (9, 2):
        moment = timezone.make_aware(datetime.datetime.combine(today - datetime.timedelta(days=days), datetime.time(8)))
        Observation.objects.create(child=child, observed_at=moment, scores=scores, total=12)
    ClinicScore.objects.create(child=child, scale="Mitchell-Pike", scored_on=today, total=7)
    ShareLink.objects.create(
        child=child,
        token_hash=token_digest(TOKEN),
        data_from=today - datetime.timedelta(days=30),
        data_to=today,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    return parent, child, today


def pages(parent, child, today, language: str) -> dict[str, str]:
    query = {
        "date_from": (today - datetime.timedelta(days=30)).isoformat(),
        "date_to": today.isoformat(),
        "sections": ["chart", "observations", "treatments", "events", "scores", "notes"],
    }
    with translation.override(language):
        urls = {
            "dashboard": reverse("journal:child", args=[child.pk]),
            "entries": reverse("journal:entries", args=[child.pk]),
            "shared": reverse("journal:shared", args=[TOKEN]),
            "report": reverse("journal:report", args=[child.pk]),
        }
    found = {name: parent.get(url).content.decode() for name, url in urls.items() if name != "report"}
    pdf = parent.get(urls["report"], {**query, "format": "pdf"}).content
    found["report PDF"] = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    found["CSV"] = parent.get(urls["report"], {**query, "format": "csv"}).content.decode("utf-8-sig")
    return found


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_sum_is_named_and_never_passed_off_as_a_clinic_score(journal, language) -> None:
    parent, child, today = journal
    for name, content in pages(parent, child, today, language).items():
        text = " ".join(BeautifulSoup(content, "html.parser").get_text(" ").split()).lower()
        assert "of 18" not in text and "de 18" not in text, name
        if name == "CSV":
            continue
        assert NAME[language] in text, name
        if name != "entries":  # a list of one line per entry; its page links to the dashboard that explains
            assert NOTE[language] in text, name


def test_no_parent_sum_sits_in_a_column_called_total(journal) -> None:
    parent, child, today = journal
    found = pages(parent, child, today, "en")
    for name in ("dashboard", "shared"):
        soup = BeautifulSoup(found[name], "html.parser")
        for header in soup.find_all("th", string="Total"):
            section = header.find_parent("section")
            heading = section.find("h2") if section else None
            assert heading is not None and heading.get_text() == "Clinic scores", name
        assert soup.find("th", string="Sum of parent ratings") is not None, name
    rows = list(csv.DictReader(io.StringIO(found["CSV"])))
    assert "total" not in rows[0]
    observations = [row for row in rows if row["section"] == "observation"]
    clinic = [row for row in rows if row["section"] == "clinic_score"]
    assert [row[SUM_COLUMN] for row in observations] == ["12", "12"]
    assert all(row["clinic_score_total"] == "" for row in observations)
    assert [(row["clinic_score_total"], row[SUM_COLUMN]) for row in clinic] == [("7.0", "")]
