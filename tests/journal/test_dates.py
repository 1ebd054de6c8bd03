"""Dates and times as the family gave them: one date format, no invented time, no "today" for another day."""

import csv
import datetime
import importlib
import io
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.messages import get_messages
from django.utils import formats, timezone
from pypdf import PdfReader

from omshub.journal.models import Observation, ShareLink, token_digest
from tests.journal.conftest import add_child
from tests.journal.test_entries import ratings

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parents[2] / "omshub" / "journal" / "templates"
# The journal's one date format is the language's DATE_FORMAT; a moment adds its time. 'Y-m-d' is
# for machines only (links and date boxes), never read by a person.
FORMATS = {"DATE_FORMAT", "DATETIME_FORMAT", "YEAR_MONTH_FORMAT", "TIME_FORMAT", "Y-m-d"}
TODAY = timezone.localdate()


def test_every_journal_template_writes_dates_in_the_one_format() -> None:
    used = set()
    for template in TEMPLATES.rglob("*.html"):
        used |= set(re.findall(r"\|(?:date|time):[\"']([^\"']*)[\"']", template.read_text()))
    assert used and used <= FORMATS, used - FORMATS


def text_of(response) -> str:
    if response["Content-Type"] == "application/pdf":
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    return BeautifulSoup(response.content, "html.parser").get_text(" ")


def test_an_observation_without_a_time_shows_its_date_and_no_invented_time(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    base = f"/journal/children/{child.pk}"
    untimed, timed = TODAY - datetime.timedelta(days=3), TODAY - datetime.timedelta(days=2)
    parent.post(f"{base}/observations/new/", {"observed_on": untimed, **ratings(1)})
    parent.post(f"{base}/observations/new/", {"observed_on": timed, "observed_time": "07:35", **ratings(2)})
    first, second = Observation.objects.order_by("observed_at")
    assert not first.time_given and second.time_given
    edit = BeautifulSoup(parent.get(f"{base}/observations/{first.pk}/").content, "html.parser")
    time_box = edit.select_one("input[name=observed_time]")
    assert time_box is not None and time_box.get("value") is None, "an edit offers no time either"

    token = "dates-" + "e" * 40
    ShareLink.objects.create(
        child=child,
        token_hash=token_digest(token),
        data_from=TODAY - datetime.timedelta(days=7),
        data_to=TODAY,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    query = {
        "date_from": (TODAY - datetime.timedelta(days=7)).isoformat(),
        "date_to": TODAY.isoformat(),
        "sections": ["observations"],
    }
    noon = formats.time_format(datetime.time(12, 0))
    morning = formats.time_format(datetime.time(7, 35))
    for response in (parent.get(f"/shared/{token}/"), parent.get(f"{base}/report/", {**query, "format": "pdf"})):
        text = " ".join(text_of(response).split())
        assert formats.date_format(untimed) in text and formats.date_format(timed) in text
        assert morning in text and noon not in text and "12:00" not in text
    spreadsheet = parent.get(f"{base}/report/", {**query, "format": "csv"}).content.decode("utf-8-sig")
    days = [row["date"] for row in csv.DictReader(io.StringIO(spreadsheet)) if row["section"] == "observation"]
    assert days == [untimed.isoformat(), f"{timed.isoformat()} 07:35"]


def test_the_words_for_a_past_day_say_that_day_not_today(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    page = f"/journal/children/{child.pk}/observations/new/"
    past = TODAY - datetime.timedelta(days=4)
    data = {"observed_on": past.isoformat(), **ratings(1)}
    del data["score_speech"]
    refused = parent.post(page, data).content.decode()
    assert f"Choose how speech looked on {formats.date_format(past)}." in refused
    assert "Choose how speech looks today." in parent.post(page, {**data, "observed_on": TODAY}).content.decode()
    no_such_day = parent.post(page, {**data, "observed_on": "2026-02-31"})
    assert no_such_day.status_code == 400 and "Enter a valid date." in no_such_day.content.decode()
    form = BeautifulSoup(parent.get(page).content, "html.parser")
    assert "today" not in " ".join(label.get_text() for label in form.find_all("label")).lower()

    saved = parent.post(page, {**data, "score_speech": "1"}, follow=True)
    (message,) = [str(m) for m in get_messages(saved.wsgi_request)]
    assert message == f"Parent observation of {formats.date_format(past)} saved."
    observation = Observation.objects.get(child=child)
    changed = parent.post(f"/journal/children/{child.pk}/observations/{observation.pk}/", {**data, "score_speech": "2"})
    assert changed.status_code == 302
    later = parent.get(changed["Location"])
    assert f"Parent observation of {formats.date_format(past)} saved." in later.content.decode()


def test_observations_saved_before_at_exactly_noon_are_taken_as_without_a_time(family) -> None:
    """The migration that added time_given: the old form stored "no time" as 12:00 local time."""
    migration = importlib.import_module("omshub.journal.migrations.0004_observation_time_given")
    child = add_child(family("mum@example.com"))
    day = TODAY - datetime.timedelta(days=1)
    made = {
        clock: Observation.objects.create(
            child=child, observed_at=timezone.make_aware(datetime.datetime.combine(day, clock)), scores={}, total=0
        )
        for clock in (datetime.time(12, 0), datetime.time(12, 1), datetime.time(19, 0))
    }
    migration.noon_means_no_time(apps, None)
    given = {clock: Observation.objects.get(pk=o.pk).time_given for clock, o in made.items()}
    assert given == {datetime.time(12, 0): False, datetime.time(12, 1): True, datetime.time(19, 0): True}
