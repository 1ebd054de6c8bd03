"""Hostile values in every field of every form: a form error (400) or a refusal, never a server error.

The forms are read from each page's HTML (html_forms.py), so a field added to a template is
fuzzed the day it appears. Each field in turn gets the hostile values of its kind while the
rest of the form is filled in validly (so the values reach the code behind the validation),
then every field of a kind at once (a period whose two ends are both year 9999).
A guard crawls every page: a page with a form that is not listed here fails the suite.
"""

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve

from tests.fuzz import hostile
from tests.fuzz.html_forms import Field, Form, forms_of
from tests.fuzz.urlmap import routes
from tests.fuzz.world import PASSWORD, World
from tests.fuzz.world_features import FIXTURE_VIDEO, photo_bytes

TODAY = datetime.date.today()

# The page that shows a form (URL name, or "page:<key>" of world.pages), and what to type for
# the form to be valid besides what the page fills in (the first option of each choice is taken).
FORM_PAGES: dict[str, dict[str, Any]] = {
    "journal:child_add": {"name": "Leo", "birth_year": "2023"},
    "journal:child_edit": {},
    "journal:circle": {"email": "gran@example.org"},
    "journal:share": {"label": "Dr Rivera"},
    "journal:report": {"format": "csv"},  # a PDF costs a second: the CSV runs the same reads
    "journal:record_add": {"dose": "2", "scale": "OMS rating scale", "total": "3"},
    "journal:record_edit": {"dose": "2"},
    "journal:record_delete": {},
    "journal:child_delete": {},  # never the child's name: nothing is deleted by the baseline
    "journal:account_delete": {},
    "journal:invitation": {},
    "journal:shared": {"passcode": "not the passcode"},
    "journal:my_data": {},
    "donors:start": {"email": "donor@example.org"},
    "donors:home": {},
    "donors:open": {},
    "firststeps:letter": {"age_number": "3"},
    "search:search": {"q": "ataxia"},
    "account_login": {"login": "parent@example.org", "password": PASSWORD},
    "account_signup": {
        "email": "new@example.org",
        "password1": "a long new passphrase 42",
        "password2": "a long new passphrase 42",
    },
    "account_reset_password": {"email": "parent@example.org"},
    "account_reauthenticate": {"password": PASSWORD},
    "account_change_password": {
        "oldpassword": PASSWORD,
        "password1": "another passphrase 43",
        "password2": "another passphrase 43",
    },
    "account_email": {"email": "second@example.org"},
    "account_logout": {},
    "mfa_activate_totp": {"code": "123456"},
    "mfa_generate_recovery_codes": {},
    "giving_admin_offline_gift": {"amount": "25", "donor_name": "Ana Ruiz"},
    "giving_admin_refund": {"confirm": "on"},
    "giving_admin_wall": {},
    "giving_donations:index": {},
    "giving_donations:inspect": {"to": "donor@example.org", "note": "Called the donor"},
    "payment_events:index": {},
    "page:give": {"donor_name": "Ana Ruiz", "email": "ana@example.org"},
    "page:give-es": {"donor_name": "Ana Ruiz", "email": "ana@example.org", "other_amount": "25,50"},
    "page:help": {},
    "page:help-es": {},
    "journal:videos": {"filmed_on": TODAY.isoformat(), "filmed_at": "14:30"},
    "journal:video_delete": {},
    "carefinder:finder": {"place": "90027"},
    "carefinder:report_wait": {
        "referred_on": (TODAY - datetime.timedelta(days=60)).isoformat(),
        "first_visit_on": (TODAY - datetime.timedelta(days=5)).isoformat(),
    },
    "fundraising:start": {
        "owner_name": "Lucía Pérez",
        "story": "For my nephew Mateo.",
        "goal": "500",
        "photo_alt": "Mateo on a swing",
        "team_name": "Team Lucía",
        "team_goal": "2,000",
    },
    "fundraising:edit": {"owner_name": "Lucía Pérez", "story": "For Mateo.", "goal": "600", "photo_alt": "Mateo"},
    "fundraising:close": {},
    "fundraising:dashboard": {},
    "fundraising:give": {"donor_name": "Ana Ruiz", "email": "ana@example.org", "tribute_name": "Rosa"},
    "fundraising:report": {"details": "Not a real fundraiser", "email": "ana@example.org"},
    "fundraising:team_report": {},
    # A verified address (the world's parent may report a wait) opens these two for the family.
    "account_request_reauthentication_code": {},
    "mfa_add_webauthn": {"name": "My phone"},
    "care_services:index": {},
    "care_waits:index": {},
    "fundraising_pages:index": {},
    "fundraising_reports:index": {},
    "fundraising_teams:index": {},
    "match_allocations:index": {},
    "events:event": {"name": "Ana Ruiz", "email": "ana@example.org", "donation": "10"},
    "events_door:list": {"q": "Ana"},
    "events_door:ticket": {},
    "events_events:index": {},
    "events_registrations:index": {},
    "newsletter:signup": {"email": "reader@example.org"},
    "newsletter:confirm": {},
    "newsletter:preferences": {},
    "newsletter:unsubscribe": {},
    "newsletter_admin_send": {},
    "newsletter_issues:index": {},
    "newsletter_issues:edit": {},  # a draft's (a sent issue's screen sends staff back to the list)
    "newsletter_issues:delete": {},
    "newsletter_deliveries:index": {},
    "newsletter_subscribers:index": {},
    "email_suppressions:index": {},
}
# Forms that post to another address than their page's: that address, and the page that shows them.
POSTED_FROM = {
    "journal:share_revoke": "journal:share",
    "journal:step_delete": "journal:record_edit",
    "journal:export": "journal:my_data",
    "donors:monthly": "donors:home",
    "donors:sign_out": "donors:home",
    "giving_donations:index_results": "giving_donations:index",  # the list's filters
    "payment_events:index_results": "payment_events:index",
    "mfa_login_webauthn": "account_login",  # signing in with a passkey
    "giving_admin_note": "giving_donations:inspect",
    "giving_admin_receipt_resend": "giving_donations:inspect",
    "giving_admin_moderate": "giving_admin_wall",
    "fundraising:thank": "fundraising:dashboard",
    # The list screens' filters, as giving_donations' above.
    "care_services:index_results": "care_services:index",
    "care_waits:index_results": "care_waits:index",
    "fundraising_pages:index_results": "fundraising_pages:index",
    "fundraising_reports:index_results": "fundraising_reports:index",
    "fundraising_teams:index_results": "fundraising_teams:index",
    "match_allocations:index_results": "match_allocations:index",
    "events:ticket_cancel": "events:ticket",  # a confirmed ticket's "give my seat back"
    "events_events:index_results": "events_events:index",
    "events_registrations:index_results": "events_registrations:index",
    "newsletter_issues:index_results": "newsletter_issues:index",
    "newsletter_deliveries:index_results": "newsletter_deliveries:index",
    "newsletter_subscribers:index_results": "newsletter_subscribers:index",
    "email_suppressions:index_results": "email_suppressions:index",
}
# Forms every page carries (the site's search, signing out): fuzzed on their own pages above.
EVERYWHERE = {"search:search", "account_logout", "newsletter:signup"}  # the footer's newsletter form
SKIPPED_FIELDS = {"csrfmiddlewaretoken"}


@dataclass(frozen=True)
class Upload:
    """A file to send: made afresh for each request (the test client reads a file to its end)."""

    name: str
    content: bytes
    content_type: str = "application/octet-stream"

    def file(self) -> SimpleUploadedFile:
        return SimpleUploadedFile(self.name, self.content, content_type=self.content_type)


# A valid file for each file input, by its name; then the hostile ones every file input meets.
UPLOADS = {
    "photo": ("holiday.png", "image/png", photo_bytes),
    "clip": ("episode.webm", "video/webm", FIXTURE_VIDEO.read_bytes),
}
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"


def _valid_upload(name: str) -> Upload:
    filename, content_type, content = UPLOADS[name]
    return Upload(filename, content(), content_type)


def _hostile_uploads(valid: Upload) -> list[Upload | str]:
    suffix = valid.name.rsplit(".", 1)[-1]
    return [
        Upload(f"empty.{suffix}", b"", valid.content_type),
        Upload("a" * 3000 + f".{suffix}", valid.content, valid.content_type),  # a name past any column
        Upload(f"ñandú \u202eevil 🐛.{suffix}", valid.content, valid.content_type),
        Upload(f"document.{suffix}", PDF, valid.content_type),  # another type's bytes under the right name
        Upload(valid.name, valid.content[:48], valid.content_type),  # cut off after its header
        "not a file at all",  # the field sent as text
    ]


# The Spanish donation form is the English one but for how amounts are read: those fields only, one by one.
ONLY = {"page:give-es": {"other_amount", "confirm_cents", "switch"}}


def _target(world: World, name: str) -> list[tuple[str, Any]]:
    """(path, client) of each page that shows this form."""
    if name.startswith("page:"):
        return [(world.pages[name.removeprefix("page:")], world.anonymous)]
    (route,) = [r for r in routes() if r.name == name]
    samples = world.samples(route.sample_key())
    if name == "journal:record_edit":  # the same forms as record_add's, but a treatment's adds its steps'
        samples = [s for s in samples if s["kind"] == "treatments"]
    paths = [route.path(sample) for sample in samples]
    return [(path, world.client_for(name, path)) for path in paths]


def _baseline(form: Form, valid: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = form.data()
    for f in form.fields.values():
        if f.button or f.name in SKIPPED_FIELDS:
            continue
        options = [o for o in f.options if o]
        if f.multiple and not f.checked and options:
            data[f.name] = [options[0]]
        elif f.kind == "choice" and not f.value and options:
            data[f.name] = options[0]
    return data | {k: v for k, v in valid.items() if k in form.fields} | {n: _valid_upload(n) for n in form.files}


def _values(f: Field) -> list[str]:
    if f.button:
        return [*f.options, hostile.NUL, hostile.LONG]
    return hostile.FEW[f.kind]


def _send(probe, client, form: Form, data: dict[str, Any]) -> None:
    data = {k: v.file() if isinstance(v, Upload) else v for k, v in data.items()}
    if form.method == "get":
        probe(client, "get", form.path, data)
    else:
        probe(client, "post", form.action, data)
    probe.rate_limits_reset()


def _fuzz(probe, client, form: Form, valid: dict[str, Any], only: set[str]) -> None:
    base = _baseline(form, valid)
    _send(probe, client, form, base)
    fields = [f for f in form.fields.values() if f.name not in SKIPPED_FIELDS]
    # Choices and boxes are checked against their options by Django: all of a kind at once (below)
    # finds what one at a time would. Typed fields (text, numbers, dates, addresses) go one by one.
    for f in fields if not only else [f for f in fields if f.name in only]:
        if f.kind in ("choice", "bool") and not f.button:
            continue
        for value in _values(f):
            _send(probe, client, form, base | {f.name: [value] if f.multiple else value})
    for name in form.files:
        for upload in _hostile_uploads(_valid_upload(name)):
            _send(probe, client, form, base | {name: upload})
    for kind in hostile.KINDS:  # the whole table, into every field of the kind at once
        same = [f for f in fields if f.kind == kind and not f.button]
        if same:
            for value in hostile.FOR_KIND[kind]:
                _send(probe, client, form, base | {f.name: value for f in same})


def _forms_here(html: str, path: str, name: str) -> list[Form]:
    """The page's own forms, and those it shows for another address (POSTED_FROM)."""
    elsewhere = {action for action, page in POSTED_FROM.items() if page == name}
    return [form for form in forms_of(html, path) if form.path == path or _route_name(form.path) in elsewhere]


@pytest.mark.parametrize("name", sorted(FORM_PAGES))
def test_hostile_form_fields(name, world, probe):
    fuzzed = 0
    for path, client in _target(world, name):
        page = client.get(path)
        assert page.status_code < 500, path
        for form in _forms_here(page.content.decode(errors="replace"), path, name):
            _fuzz(probe, client, form, FORM_PAGES[name], ONLY.get(name, set()))
            fuzzed += 1
    assert fuzzed, f"no form found on {name}: take it out of FORM_PAGES, or find where it went"
    assert not probe.failures, "\n".join(probe.failures)


def _route_name(path: str) -> str:
    try:
        match = resolve(path)
    except Resolver404:
        return ""
    return match.view_name


def test_every_page_with_a_form_is_fuzzed(world):
    """Crawl every page: each form that posts back to its page must be in FORM_PAGES."""
    missing = set()
    listed = set(FORM_PAGES) | EVERYWHERE | set(POSTED_FROM)
    for route in routes():
        if route.name == "wagtail_serve":
            continue
        for sample in world.samples(route.sample_key())[:1]:
            path = route.path(sample)
            response = world.client_for(route.name, path).get(path)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for form in forms_of(response.content.decode(errors="replace"), path):
                name = _route_name(form.path)
                if form.path == path and route.name not in listed:
                    missing.add(route.name)
                elif name and name not in listed and name != "wagtail_serve":
                    missing.add(f"{name} (posted from {route.name})")
    assert not missing, f"forms not fuzzed: add them to FORM_PAGES: {sorted(missing)}"
