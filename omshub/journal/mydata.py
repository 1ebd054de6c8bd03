"""A family's own copy of everything (a zip of JSON and CSV files), the activity log in words, and leaving.

The export holds decrypted values: it is the family's data, handed to them after they signed in again.
"""

import csv
import io
import json
import tempfile
import zipfile
from typing import IO, Any

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omshub.core.spreadsheet import spreadsheet_safe
from omshub.journal import selectors, services, video_files
from omshub.journal.audit import AuditContext, audit, browser_name
from omshub.journal.domains import SUM_NAME, domains, sum_note
from omshub.journal.models import AuditEntry, Child, EpisodeVideo, Membership
from omshub.journal.selectors import ChildExport

ACTIONS = {
    "view": gettext_lazy("Viewed"),
    "create": gettext_lazy("Added"),
    "update": gettext_lazy("Changed"),
    "delete": gettext_lazy("Deleted"),
    "export": gettext_lazy("Downloaded a copy of the data"),
    "report": gettext_lazy("Made a visit report"),
    "share": gettext_lazy("Created a share link"),
    "share.view": gettext_lazy("Opened a share link"),
    "revoke": gettext_lazy("Revoked"),
    "share.revoke": gettext_lazy("Revoked a share link"),
    "share.passcode_failed": gettext_lazy("A wrong passcode was tried on a share link"),
    "share.video": gettext_lazy("Watched through a share link:"),
    "invite": gettext_lazy("Sent an invitation"),
    "join": gettext_lazy("Joined the care circle"),
}
PAGES = {"dashboard": gettext_lazy("the dashboard"), "entries": gettext_lazy("the list of entries")}
# Their target would only repeat the words.
WHOLE_PHRASES = {"export", "report", "share", "share.view", "share.revoke", "share.passcode_failed", "invite", "join"}


def target_words(target: str, child: Child) -> str:
    """From "observation 12" to "parent observation 12", "child 3" to "Sofia's journal", in the reader's language."""
    if target in PAGES:
        return str(PAGES[target])
    name, _space, number = target.partition(" ")
    if name == "child":
        return _("%(name)s's journal") % {"name": child.name}
    try:
        model = apps.get_model("journal", name)
    except LookupError:
        return target
    return f"{model._meta.verbose_name} {number}".strip()


def activity_row(entry: AuditEntry, child: Child) -> dict[str, Any]:
    who = entry.user.email if entry.user else entry.actor or _("a former member")
    action = str(ACTIONS.get(entry.action, entry.action))
    with_target = entry.target and entry.action not in WHOLE_PHRASES
    what = f"{action} {target_words(entry.target, child)}" if with_target else action
    return {"who": who, "what": what, "at": entry.at, "ip": entry.ip or "",
            "browser": browser_name(entry.user_agent)}  # fmt: skip


def _who(user) -> str:
    return user.email if user else ""


CHILD_FIELDS = ["id", "name", "birth_year", "birth_month", "diagnosed_on", "tumour_found", "next_visit_on",
                "your_role", "created_at"]  # fmt: skip


def _child(item: ChildExport) -> dict[str, Any]:
    c = item.child
    return {
        "id": c.pk, "name": c.name, "birth_year": c.birth_year, "birth_month": c.birth_month,
        "diagnosed_on": c.diagnosed_on, "tumour_found": c.tumour_found, "next_visit_on": c.next_visit_on,
        "your_role": c.role, "created_at": c.created_at,
    }  # fmt: skip


def _records(item: ChildExport, user) -> dict[str, list[dict[str, Any]]]:
    def step(s) -> dict[str, Any]:
        return {"kind": s.kind, "starts_on": s.starts_on, "dose": s.dose, "notes": s.notes}

    def recorder(r) -> str:
        # Only an owner's copy names the other caregivers, as only the owner sees the circle.
        shown = item.child.role == Membership.Role.OWNER or r.recorded_by_id in (None, user.pk)
        return _who(r.recorded_by) if shown else _("another caregiver")

    def made(r) -> dict[str, Any]:
        return {"recorded_by": recorder(r), "created_at": r.created_at, "updated_at": r.updated_at}

    return {
        "observations": [{"observed_at": o.observed_at, "time_given": o.time_given, "scores": o.scores,
                          "total": o.total, "sleep_hours": o.sleep_hours, "night_wakings": o.night_wakings,
                          "rage_episodes": o.rage_episodes, "notes": o.notes, **made(o)} for o in item.observations],
        "clinic_scores": [{"scale": s.scale, "scored_on": s.scored_on, "total": s.total, "items": s.items,
                           "clinician": s.clinician, "notes": s.notes, **made(s)} for s in item.scores],
        "treatments": [{"id": t.pk, "medicine": t.medicine, "name": t.name, "dose": t.dose, "unit": t.unit,
                        "route": t.route, "frequency": t.frequency, "started_on": t.started_on,
                        "stopped_on": t.stopped_on, "notes": t.notes, **made(t),
                        "steps": [step(s) for s in t.steps.all()]} for t in item.treatments],
        "events": [{"kind": e.kind, "happened_on": e.happened_on, "ended_on": e.ended_on, "notes": e.notes, **made(e)}
                   for e in item.events],
        "share_links": [{"label": s.label, "records_from": s.data_from, "records_until": s.data_to,
                         "created_at": s.created_at, "expires_at": s.expires_at, "revoked_at": s.revoked_at,
                         "views": [v.viewed_at for v in s.views.all()]} for s in item.share_links],
        "videos": [{"id": v.pk, "filmed_on": v.filmed_on, "filmed_at": v.filmed_at, "format": v.format,
                    "size": v.size, "file": video_path(item.child, v),
                    "observation_at": v.observation.observed_at if v.observation else None,
                    "recorded_by": recorder(v), "created_at": v.created_at}
                   for v in item.videos],
        "activity": [activity_row(a, item.child) for a in item.activity],
    }  # fmt: skip


def video_path(child: Child, video: EpisodeVideo) -> str:
    """Where a clip is in the zip, in clear."""
    return f"videos/child-{child.pk}/{video.filmed_on:%Y-%m-%d}-video-{video.pk}.{video_files.EXTENSIONS[video.format]}"


def document(user, data: list[ChildExport]) -> dict[str, Any]:
    return {
        "exported_at": timezone.now(),
        "account": {"email": user.email, "date_joined": user.date_joined},
        "children": [
            {**_child(item), "circle": [{"email": m.user.email, "role": m.role, "joined_at": m.joined_at}
                                        for m in item.members], **_records(item, user)}
            for item in data
        ],
    }  # fmt: skip


def _csv(rows: list[dict[str, Any]], header: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: spreadsheet_safe(v) if isinstance(v, str) else _plain(v) for k, v in row.items()})
    return out.getvalue().encode("utf-8-sig")  # the mark tells spreadsheets it is UTF-8 (accents, ñ)


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder)) if value is not None else ""


def csv_files(doc: dict[str, Any]) -> dict[str, bytes]:
    keys = [d.key for d in domains()]
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in
        ("observations", "clinic_scores", "treatments", "treatment_steps", "events", "videos", "activity")}  # fmt: skip
    for child in doc["children"]:
        mark = {"child_id": child["id"], "child": child["name"]}
        tables["observations"] += [
            {**mark, **o, **{k: o["scores"].get(k, "") for k in keys}} for o in child["observations"]
        ]
        for name in ("clinic_scores", "events", "videos", "activity"):
            tables[name] += [{**mark, **row} for row in child[name]]
        for t in child["treatments"]:
            tables["treatments"].append({**mark, **t})
            tables["treatment_steps"] += [
                {**mark, "treatment_id": t["id"], "treatment": t["name"], **s} for s in t["steps"]
            ]
    made = ["recorded_by", "created_at", "updated_at"]
    headers = {
        "observations": ["observed_at", "time_given", *keys, "total", "sleep_hours", "night_wakings",
                         "rage_episodes", "notes", *made],
        "clinic_scores": ["scale", "scored_on", "total", "items", "clinician", "notes", *made],
        "treatments": ["id", "medicine", "name", "dose", "unit", "route", "frequency", "started_on", "stopped_on",
                       "notes", *made],
        "treatment_steps": ["treatment_id", "treatment", "kind", "starts_on", "dose", "notes"],
        "events": ["kind", "happened_on", "ended_on", "notes", *made],
        "videos": ["id", "filmed_on", "filmed_at", "observation_at", "format", "size", "file", "recorded_by",
                   "created_at"],
        "activity": ["at", "who", "what", "ip", "browser"],
    }  # fmt: skip
    children = [{k: v for k, v in c.items() if not isinstance(v, list)} for c in doc["children"]]
    files = {"children.csv": _csv(children, CHILD_FIELDS)}
    for name, rows in tables.items():
        files[f"{name}.csv"] = _csv(rows, ["child_id", "child", *headers[name]])
    return files


def export_zip(*, context: AuditContext, user) -> tuple[str, IO[bytes]]:
    """The file name and the zip, in a temporary file (videos can be large) read from its start;
    each child's activity log records the download. Videos go in clear, as they were filmed."""
    data = selectors.export_data_of(user)
    doc = document(user, data)
    buffer = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the response, which closes it
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "README.txt",
            render_to_string(
                "journal/export_readme.txt", {"domains": domains(), "sum_name": SUM_NAME, "sum_note": sum_note()}
            ),
        )
        archive.writestr("data.json", json.dumps(doc, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
        for name, content in csv_files(doc).items():
            archive.writestr(name, content)
        for item in data:
            for video in item.videos:
                _add_video(archive, video_path(item.child, video), video)
    for item in data:
        audit(context, "export", child=item.child)
    buffer.seek(0)
    return f"oms-hub-my-data-{timezone.localdate().isoformat()}.zip", buffer


def _add_video(archive: zipfile.ZipFile, path: str, video: EpisodeVideo) -> None:
    """One clip, decrypted piece by piece into the zip (stored as is: a video does not compress)."""
    info = zipfile.ZipInfo(path, date_time=(*video.filmed_on.timetuple()[:3], 12, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    with archive.open(info, "w", force_zip64=True) as out:
        if video.size:
            for piece in video_files.read_range(video.file, video.size, 0, video.size - 1, encrypted=video.encrypted):
                out.write(piece)


@transaction.atomic
def account_delete(*, context: AuditContext, user) -> None:
    """Children the user owns go with all their data; in other circles only their membership goes."""
    for child in selectors.children_with_role(user):
        if child.role == Membership.Role.OWNER:
            services.child_delete(actor=user, context=context, child=child)
    user.delete()  # cascades to their memberships, email addresses and two-factor authenticators
