"""Every journal page a family or a clinician can open, checked as a whole: no id used twice.

A repeated id ties a label to the wrong field (a tap on "Dose" focuses another form's box)
and leaves a screen reader with no name for the other one. The list of pages is built
from the URL resolver, so a new page without a line here fails the first test.
"""

import collections
import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django.utils import timezone

from omshub.journal.demo import demo_child_load
from omshub.journal.kinds import KINDS
from omshub.journal.models import ShareLink, Treatment, token_digest
from tests.journal.conftest import add_video
from tests.journal.test_access import journal_url_names
from tests.journal.test_mydata import reauthenticate

pytestmark = pytest.mark.django_db

# Pages that are not pages: a POST that redirects, or a download.
NOT_PAGES = {"step_delete", "share_revoke", "export"}
# A clip and its poster are files, not pages: test_videos.py and test_access.py try them.
NOT_PAGES |= {"video_file", "video_poster", "shared_video", "shared_poster"}
OPEN, LOCKED = "open-" + "a" * 40, "locked-" + "b" * 40


@pytest.fixture
def journal(family):
    parent = family("mum@example.com")
    child = demo_child_load(parent.user, name="Ana", days=60, treatment_changes=8, events=3)
    for token, passcode in ((OPEN, ""), (LOCKED, "secret-42")):
        ShareLink.objects.create(
            child=child,
            token_hash=token_digest(token),
            data_from=timezone.localdate() - datetime.timedelta(days=30),
            data_to=timezone.localdate(),
            passcode_hash=make_password(passcode) if passcode else "",
            expires_at=timezone.now() + datetime.timedelta(days=7),
        )
    return parent, child


def pages(child) -> dict[str, list[str]]:
    """Every GET page of the journal, by its URL name."""
    found: dict[str, list[str]] = collections.defaultdict(list)
    for name in ("home", "child_add", "my_data", "account_delete"):
        found[name].append(reverse(f"journal:{name}"))
    for name in ("child", "entries", "report", "share", "circle", "activity", "child_edit", "child_delete"):
        found[name].append(reverse(f"journal:{name}", args=[child.pk]))
    for slug, kind in KINDS.items():
        record = kind.model._default_manager.filter(child=child).first()
        assert record is not None, slug
        found["record_add"].append(reverse("journal:record_add", args=[child.pk, slug]))
        found["record_edit"].append(reverse("journal:record_edit", args=[child.pk, slug, record.pk]))
        found["record_delete"].append(reverse("journal:record_delete", args=[child.pk, slug, record.pk]))
    found["shared"] += [reverse("journal:shared", args=[token]) for token in (OPEN, LOCKED)]
    video = add_video(child)
    found["videos"].append(reverse("journal:videos", args=[child.pk]))
    found["video_delete"].append(reverse("journal:video_delete", args=[child.pk, video.pk]))
    found["invitation"].append(reverse("journal:invitation", args=["no-such-invitation"]))
    return found


def repeated_ids(html: str) -> list[str]:
    ids = collections.Counter(str(tag["id"]) for tag in BeautifulSoup(html, "html.parser").find_all(id=True))
    return sorted(name for name, count in ids.items() if count > 1)


def test_the_list_names_every_journal_page(journal) -> None:
    _parent, child = journal
    assert set(pages(child)) == journal_url_names() - NOT_PAGES


def test_no_id_repeats_on_any_journal_page(journal) -> None:
    parent, child = journal
    reauthenticate(parent)  # deleting the account asks for the password again first
    for paths in pages(child).values():
        for path in paths:
            response = parent.get(path)
            assert response.status_code in (200, 404), path  # 404: the unknown invitation's own page
            assert repeated_ids(response.content.decode()) == [], path


def test_the_treatment_page_gives_each_form_its_own_ids_even_after_an_error(journal) -> None:
    parent, child = journal
    treatment = Treatment.objects.filter(child=child).first()
    assert treatment is not None
    page = reverse("journal:record_edit", args=[child.pk, "treatments", treatment.pk])
    response = parent.post(page, {"add_step": "1", "kind": "infusion", "dose": "2 g/kg"})
    assert response.status_code == 400
    html = response.content.decode()
    assert repeated_ids(html) == []
    soup = BeautifulSoup(html, "html.parser")
    for name in ("dose", "notes"):
        boxes = soup.select(f"[name={name}]")
        assert len(boxes) == 2, name
        for box in boxes:
            (label,) = soup.select(f"label[for={box['id']}]")
            assert label.get_text(strip=True), name
    summary_link = soup.select_one(".error-summary a")
    assert summary_link is not None
    target = soup.select_one(str(summary_link["href"]))
    assert target is not None and target["name"] == "starts_on"
