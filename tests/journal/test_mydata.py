"""My data: a full copy for the family, deleting a child or the account, and the owner's activity log."""

import csv
import datetime
import io
import json
import zipfile

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.utils import timezone

from omshub.journal.domains import domain_keys
from omshub.journal.models import (
    AuditEntry,
    Child,
    ClinicScore,
    Event,
    Invitation,
    Membership,
    Observation,
    ShareLink,
    ShareView,
    Treatment,
    TreatmentStep,
)
from tests.journal.conftest import FIXTURE_VIDEO, add_child, add_video

pytestmark = pytest.mark.django_db
PASSWORD = "a long family passphrase 42"
IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Version/17.4 Mobile Safari/604.1"
# Encrypted fields left blank have no default: the forms always give "", so must the ORM here.
BLANK_TREATMENT = {"medicine_other": "", "frequency": "", "notes": ""}


def reauthenticate(client: Client) -> None:
    """Sign in again through allauth's own page, as a parent would."""
    response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


def fill(child: Child, user) -> None:
    """One of everything, with secrets in the encrypted fields and a formula in a note."""
    when = timezone.now() - datetime.timedelta(days=2)
    scores = dict.fromkeys(domain_keys(), 1)
    Observation.objects.create(
        child=child, recorded_by=user, observed_at=when, scores=scores, total=len(scores), notes="wobbly on the stairs"
    )
    treatment = Treatment.objects.create(
        child=child, recorded_by=user, medicine="ivig", dose="2", unit="g/kg", route="drip", started_on=when.date(),
        **BLANK_TREATMENT,
    )  # fmt: skip
    TreatmentStep.objects.create(treatment=treatment, kind="infusion", starts_on=when.date(), dose="1 g/kg", notes="")
    Event.objects.create(child=child, kind="infection", happened_on=when.date(), notes='=HYPERLINK("http://evil")')
    ClinicScore.objects.create(
        child=child, scale="Mitchell-Pike", scored_on=when.date(), total=4, clinician="Dr Ruiz", items="", notes=""
    )
    link = ShareLink.objects.create(
        child=child,
        token_hash=f"{child.pk:064x}",
        label="Dr Ruiz",
        data_from=when.date(),
        data_to=when.date(),
        passcode_hash="pbkdf2_sha256$secret",
        created_by=user,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    ShareView.objects.create(link=link, ip="203.0.113.9")
    AuditEntry.objects.create(child=child, actor=f"share link {link.pk}", action="share.view", ip="203.0.113.9")


def export(client: Client) -> zipfile.ZipFile:
    response = client.post("/journal/my-data/export/")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="oms-hub-my-data-20')
    assert "no-store" in response["Cache-Control"]
    return zipfile.ZipFile(io.BytesIO(response.getvalue()))


def table(archive: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))


def test_the_export_holds_everything_decrypted_and_only_the_familys_children(family) -> None:
    parent, gran, stranger = family("mum@example.com"), family("gran@example.com"), family("x@example.com")
    child = add_child(parent)
    Membership.objects.create(child=child, user=gran.user, role="viewer")
    fill(child, parent.user)
    leo = add_child(stranger, "Leo")
    fill(leo, stranger.user)
    video = add_video(child, parent.user)
    add_video(leo, stranger.user)
    reauthenticate(parent)
    archive = export(parent)
    clip = f"videos/child-{child.pk}/{video.filmed_on.isoformat()}-video-{video.pk}.webm"
    assert set(archive.namelist()) == {
        "README.txt", "data.json", "children.csv", "observations.csv", "treatments.csv", "treatment_steps.csv",
        "events.csv", "clinic_scores.csv", "videos.csv", "activity.csv", clip,
    }  # fmt: skip
    assert archive.read(clip) == FIXTURE_VIDEO.read_bytes()  # in clear, as filmed
    videos_csv = archive.read("videos.csv").decode("utf-8-sig")
    assert clip in videos_csv and video.filmed_on.isoformat() in videos_csv
    data = json.loads(archive.read("data.json"))
    assert data["account"]["email"] == "mum@example.com" and data["account"]["date_joined"].startswith("20")
    (sofia,) = data["children"]
    assert sofia["name"] == "Sofia" and sofia["your_role"] == "owner"
    assert [(v["file"], v["format"], v["size"]) for v in sofia["videos"]] == [(clip, "webm", video.size)]
    assert {(m["email"], m["role"]) for m in sofia["circle"]} == {
        ("mum@example.com", "owner"),
        ("gran@example.com", "viewer"),
    }
    assert sofia["observations"][0]["notes"] == "wobbly on the stairs"
    assert sofia["observations"][0]["recorded_by"] == "mum@example.com"
    (ivig,) = sofia["treatments"]
    assert (ivig["dose"], ivig["unit"], ivig["steps"][0]["dose"]) == ("2", "g/kg", "1 g/kg")
    assert sofia["clinic_scores"][0]["clinician"] == "Dr Ruiz"
    (link,) = sofia["share_links"]
    assert link["label"] == "Dr Ruiz" and len(link["views"]) == 1 and "token_hash" not in link
    assert any(row["who"].startswith("share link") for row in sofia["activity"])
    texts = [name for name in archive.namelist() if not name.startswith("videos/")]
    everything = b"".join(archive.read(name) for name in texts).decode()
    assert "Leo" not in everything and "x@example.com" not in everything, "a stranger's child is not in it"
    assert f"{child.pk:064x}" not in everything and "pbkdf2" not in everything, "no secrets of share links"
    observations = table(archive, "observations.csv")
    assert [k for k in domain_keys() if k in observations[0]] == domain_keys()
    assert observations[0]["notes"] == "wobbly on the stairs" and observations[0]["child"] == "Sofia"
    assert table(archive, "events.csv")[0]["notes"] == '\'=HYPERLINK("http://evil")', "a formula stays text"
    assert table(archive, "treatment_steps.csv")[0]["kind"] == "infusion"
    assert table(archive, "children.csv")[0]["your_role"] == "owner"
    assert "observations.csv" in archive.read("README.txt").decode()
    assert AuditEntry.objects.filter(child=child, action="export", user=parent.user).count() == 1


def test_a_viewer_gets_the_records_but_not_the_circle_or_links(family) -> None:
    parent, gran = family("mum@example.com"), family("gran@example.com")
    child = add_child(parent)
    Membership.objects.create(child=child, user=gran.user, role="viewer")
    fill(child, parent.user)
    reauthenticate(gran)
    (sofia,) = json.loads(export(gran).read("data.json"))["children"]
    assert sofia["observations"][0]["notes"] == "wobbly on the stairs"
    assert sofia["circle"] == [
        {"email": "gran@example.com", "role": "viewer", "joined_at": sofia["circle"][0]["joined_at"]}
    ]
    assert sofia["share_links"] == [] and sofia["activity"] == []


def test_export_and_deletion_ask_to_sign_in_again(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    assert parent.get("/journal/my-data/export/").status_code == 405
    for path in (
        "/journal/my-data/export/",
        "/journal/my-data/delete-account/",
        f"/journal/children/{child.pk}/delete/",
    ):
        response = parent.post(path, {"confirm": "DELETE"})
        assert response.status_code == 302 and response["Location"].startswith("/accounts/reauthenticate/"), path
    assert (
        Child.objects.filter(pk=child.pk).exists() and parent.user.__class__.objects.filter(pk=parent.user.pk).exists()
    )
    parent.post("/journal/my-data/export/")
    resumed = parent.post("/accounts/reauthenticate/?next=/journal/my-data/export/", {"password": PASSWORD})
    assert resumed["Content-Type"] == "application/zip", "the export goes on after signing in again"


def test_only_the_owner_deletes_a_child_and_only_with_its_name(family) -> None:
    parent, editor, stranger = family("mum@example.com"), family("dad@example.com"), family("x@example.com")
    child, other = add_child(parent), add_child(stranger, "Leo")
    Membership.objects.create(child=child, user=editor.user, role="editor")
    fill(child, parent.user)
    fill(other, stranger.user)
    Invitation.objects.create(
        child=child, email="nan@example.com", role="viewer", token_hash="a" * 64, invited_by=parent.user,
        expires_at=timezone.now() + datetime.timedelta(days=3),
    )  # fmt: skip
    path = f"/journal/children/{child.pk}/delete/"
    for client in (editor, stranger):
        assert client.get(path).status_code == 404, "not a sign-in prompt: the child does not exist for them"
        reauthenticate(client)
        assert client.get(path).status_code == 404
        assert client.post(path, {"confirm": "Sofia"}).status_code == 404
    anonymous = Client().get(path)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    reauthenticate(parent)
    assert "every share link" in parent.get(path).content.decode()
    wrong = parent.post(path, {"confirm": "Sophie"})
    assert wrong.status_code == 400 and "Type the name as it is shown here: Sofia" in wrong.content.decode()
    assert Child.objects.filter(pk=child.pk).exists()
    done = parent.post(path, {"confirm": " sofia "})
    assert done.status_code == 302 and done["Location"] == "/journal/"
    assert not Child.objects.filter(pk=child.pk).exists()
    for model in (Observation, Treatment, Event, ClinicScore, ShareLink, Membership, Invitation):
        assert not model.objects.filter(child_id=child.pk).exists(), model
    assert not TreatmentStep.objects.filter(treatment__child_id=child.pk).exists()
    assert not ShareView.objects.filter(link__child_id=child.pk).exists()
    assert not AuditEntry.objects.filter(child_id=child.pk).exists()
    assert Observation.objects.filter(child=other).count() == 1 and TreatmentStep.objects.count() == 1
    assert AuditEntry.objects.filter(child=other).exists()


def test_deleting_the_account_deletes_owned_children_and_leaves_other_circles(family) -> None:
    parent, friend = family("mum@example.com"), family("friend@example.com")
    EmailAddress.objects.create(user=parent.user, email="mum@example.com", verified=True, primary=True)
    mine, theirs = add_child(parent), add_child(friend, "Leo")
    Membership.objects.create(child=theirs, user=parent.user, role="editor")
    fill(mine, parent.user)
    fill(theirs, parent.user)
    reauthenticate(parent)
    page = parent.get("/journal/my-data/delete-account/").content.decode()
    assert "Sofia" in page and "Leo" in page
    assert parent.post("/journal/my-data/delete-account/", {"confirm": "please"}).status_code == 400
    assert Child.objects.filter(pk=mine.pk).exists()
    done = parent.post("/journal/my-data/delete-account/", {"confirm": "DELETE"})
    assert done.status_code == 302 and done["Location"] == "/"
    assert not parent.user.__class__.objects.filter(email="mum@example.com").exists()
    assert not EmailAddress.objects.filter(email="mum@example.com").exists()
    assert not Child.objects.filter(pk=mine.pk).exists() and not Observation.objects.filter(child_id=mine.pk).exists()
    assert Child.objects.filter(pk=theirs.pk).exists()
    assert list(Membership.objects.filter(child=theirs).values_list("role", flat=True)) == ["owner"]
    assert Observation.objects.get(child=theirs).recorded_by is None, "their records stay, without the author"
    assert parent.get("/journal/").status_code == 302, "signed out"


def test_the_activity_log_is_the_owners_alone(family) -> None:
    parent, editor, viewer, stranger = (family(f"{n}@example.com") for n in ("mum", "dad", "gran", "x"))
    child = add_child(parent)
    Membership.objects.create(child=child, user=editor.user, role="editor")
    Membership.objects.create(child=child, user=viewer.user, role="viewer")
    fill(child, parent.user)
    AuditEntry.objects.create(
        child=child, user=editor.user, action="create", target="observation 7", ip="198.51.100.4", user_agent=IPHONE
    )
    path = f"/journal/children/{child.pk}/activity/"
    html = parent.get(path).content.decode()
    assert "dad@example.com" in html and "Added parent observation 7" in html and "198.51.100.4" in html
    assert "Safari on iPhone" in html and "Opened a share link" in html
    for client in (editor, viewer, stranger):
        assert client.get(path).status_code == 404
    anonymous = Client().get(path)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")


def test_a_long_activity_log_shows_the_newest_300(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    AuditEntry.objects.bulk_create(AuditEntry(child=child, user=parent.user, action="view") for _ in range(305))
    html = parent.get(f"/journal/children/{child.pk}/activity/").content.decode()
    assert html.count("<tr>") == 301 and "Showing the newest 300 entries" in html
