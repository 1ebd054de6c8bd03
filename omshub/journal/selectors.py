"""Every read of journal data, scoped to the requesting user's care circles.

Views never query journal models directly: a child someone may not see does not exist
for them (404), whatever its id. The same goes for an entry of a child they may see
that belongs to another child.
"""

import datetime
import functools
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from django.db import connection
from django.db.models import (
    Avg,
    Case,
    Count,
    DateField,
    F,
    FloatField,
    Func,
    Max,
    Min,
    Model,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import Combinable
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, TruncWeek
from django.utils import timezone

from omshub.core.dates import day_after
from omshub.journal.domains import domain_keys
from omshub.journal.kinds import KINDS
from omshub.journal.models import (
    AuditEntry,
    Child,
    ClinicScore,
    EpisodeVideo,
    Event,
    Invitation,
    Membership,
    Observation,
    ShareLink,
    Treatment,
    TreatmentStep,
)

Role = Membership.Role
MAY = {
    "view": {Role.OWNER, Role.EDITOR, Role.VIEWER},
    "edit": {Role.OWNER, Role.EDITOR},
    "own": {Role.OWNER},
}


class JournalNotFound(Exception):
    """Nothing this person may see: no such child, entry or clip, or not in their circle.

    The same for "does not exist" and "not yours", so nobody learns which. Views never catch it:
    journal/urls.py answers every journal view's JournalNotFound with a 404.
    """


def _by_name(children: Iterable[Child]) -> list[Child]:
    """Names are encrypted, so the database cannot order them: here, ignoring case and accents."""

    def key(child: Child) -> tuple[str, int]:
        letters = unicodedata.normalize("NFKD", child.name.casefold())
        return "".join(c for c in letters if not unicodedata.combining(c)), child.pk

    return sorted(children, key=key)


def _children_of(user) -> QuerySet[Child]:
    if not user.is_authenticated:
        return Child.objects.none()
    return Child.objects.filter(memberships__user=user)


def children_for(user) -> list[Child]:
    """The children in the user's circles, by name."""
    return _by_name(_children_of(user))


def child_for(user, child_id: int, *, may: str = "view") -> Child:
    """The child, if this user's role in its circle allows `may`; else JournalNotFound (a 404), never 403.

    The child carries `role`, the user's role in its circle.
    """
    if not user.is_authenticated:
        raise JournalNotFound
    child = (
        Child.objects.filter(pk=child_id, memberships__user=user, memberships__role__in=MAY[may])
        .annotate(circle_role=F("memberships__role"))
        .first()
    )
    if child is None:
        raise JournalNotFound
    return child


def circle_of(user, child_id: int) -> tuple[Child, list[Membership], list[Invitation]]:
    child = child_for(user, child_id, may="own")
    members = list(child.memberships.select_related("user").order_by("joined_at"))
    invitations = [i for i in child.invitations.order_by("-created_at") if i.open]
    return child, members, invitations


def record_for(user, child_id: int, kind: str, record_id: int, *, may: str = "edit") -> tuple[Child, Model]:
    """One entry of a child this user may `may`; 404 if it belongs to another child."""
    if kind not in KINDS:
        raise JournalNotFound
    child = child_for(user, child_id, may=may)
    record = KINDS[kind].model._default_manager.filter(pk=record_id, child=child).first()
    if record is None:
        raise JournalNotFound
    return child, record


def step_for(user, child_id: int, step_id: int) -> tuple[Child, TreatmentStep]:
    child = child_for(user, child_id, may="edit")
    step = TreatmentStep.objects.select_related("treatment").filter(pk=step_id, treatment__child=child).first()
    if step is None:
        raise JournalNotFound
    return child, step


def day_start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of a local day: ranges on a timestamp column that can use its index."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def latest_observation(child: Child, *, notes: bool = True) -> Observation | None:
    """The child's newest observation; without `notes` (the dashboard, which does not show them) none is decrypted."""
    latest = Observation.objects.filter(child=child).order_by("-observed_at", "-pk")
    return (latest if notes else latest.defer("notes")).first()


@dataclass(slots=True)
class ObservationPoint:
    """What a chart needs of an observation, read without building a model instance (years of them)."""

    pk: int
    observed_at: datetime.datetime
    scores: dict[str, int]
    total: int
    sleep_hours: Decimal | None = None  # not read for a chart
    night_wakings: int | None = None
    rage_episodes: int | None = None
    notes: str = ""
    time_given: bool = False


Observed = Observation | ObservationPoint
POINT_FIELDS = ["pk", "observed_at", "scores", "total"]


@dataclass(slots=True)
class WeekOfObservations:
    """A Monday-to-Sunday week of observations, summarised by the database: years of them cost a few hundred rows."""

    monday: datetime.date
    count: int
    total: float | None  # the average of the sums of ratings
    lowest: int | None  # the lowest and the highest sum of the week
    highest: int | None
    domains: list[float | None]  # the average of each domain's rating, in the data file's order


@dataclass
class Records:
    """A child's records over a period, each list in date order, read in a constant number of queries."""

    child: Child
    start: datetime.date
    end: datetime.date
    observations: list[Observation] | list[ObservationPoint] = field(default_factory=list)
    treatments: list[Treatment] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    scores: list[ClinicScore] = field(default_factory=list)
    videos: list[EpisodeVideo] = field(default_factory=list)
    weeks: list[WeekOfObservations] | None = None  # instead of `observations`, for a chart of a long period


def _observations_between(child: Child, start: datetime.date, end: datetime.date) -> QuerySet[Observation]:
    observations = Observation.objects.filter(child=child, observed_at__gte=day_start(start))
    after = day_after(end)  # None for the calendar's last day: no end
    return observations if after is None else observations.filter(observed_at__lt=day_start(after))


def _offsets(start: datetime.date, end: datetime.date) -> tuple[tuple[datetime.datetime, int], ...]:
    """The site's UTC offset in minutes from each moment it changes (daylight saving) over the period."""
    zone = timezone.get_current_timezone()
    return _offsets_in(zone, start, end)


@functools.lru_cache(maxsize=64)
def _offsets_in(
    zone: datetime.tzinfo, start: datetime.date, end: datetime.date
) -> tuple[tuple[datetime.datetime, int], ...]:
    """_offsets, remembered per zone and period: a dashboard asks for the same years on every reload.

    Each day is looked at (two changes may fall within a week somewhere), a quarter hour at a time
    only on the day the offset changed.
    """

    def minutes(moment: datetime.datetime) -> int:
        offset = moment.astimezone(zone).utcoffset()
        return int(offset.total_seconds() // 60) if offset else 0

    first = day_start(start - datetime.timedelta(days=1)).astimezone(datetime.UTC)
    found = [(first, minutes(first))]
    for n in range((end - start).days + 3):
        moment = first + datetime.timedelta(days=n + 1)
        if minutes(moment) != found[-1][1]:  # it changed that day: find the quarter hour
            moment -= datetime.timedelta(days=1)
            while minutes(moment) == found[-1][1]:
                moment += datetime.timedelta(minutes=15)
            found.append((moment, minutes(moment)))
    return tuple(found)


def _local_monday(start: datetime.date, end: datetime.date) -> Combinable:
    """The Monday of each observation's local week, as the database works it out.

    PostgreSQL truncates natively; Django's TruncWeek on SQLite calls Python for every row, so
    there the UTC offset of the moment (from the few daylight-saving changes of the period) is
    added with SQLite's own date(): back 6 days, then on to the next Monday.
    """
    if connection.vendor != "sqlite":
        return TruncWeek("observed_at", output_field=DateField())
    offsets = _offsets(start, end)
    shift = Case(
        *[
            When(observed_at__lt=moment, then=Value(f"{before:+d} minutes"))
            for (moment, _after), (_since, before) in zip(offsets[1:], offsets, strict=False)
        ],
        default=Value(f"{offsets[-1][1]:+d} minutes"),
    )
    return Func(
        F("observed_at"), shift, Value("-6 days"), Value("weekday 1"), function="date", output_field=DateField()
    )


def _rating(key: str) -> Combinable:
    """One domain's rating as a number, NULL when not rated: `scores ->> 'key'` as a float.

    On SQLite plain JSON_EXTRACT (an integer, or NULL): Django's KT there reads each key three
    times (JSON_TYPE twice, to tell JSON null from booleans, which ratings never are), which
    made the weekly GROUP BY over five years half as slow again.
    """
    if connection.vendor == "sqlite":
        return Func(F("scores"), Value(f'$."{key}"'), function="JSON_EXTRACT", output_field=FloatField())
    return Cast(KT(f"scores__{key}"), FloatField())


def weeks_of(child: Child, start: datetime.date, end: datetime.date) -> list[WeekOfObservations]:
    """The observations between two dates as weeks (Monday in the site's time zone), in one query.

    Averages, lowest and highest are worked out by the database from the clear ratings: no row
    is read one by one and nothing is decrypted.
    """
    keys = domain_keys()
    averages = {f"d{i}": Avg(_rating(key)) for i, key in enumerate(keys)}
    weeks = (
        _observations_between(child, start, end)
        .annotate(monday=_local_monday(start, end))
        .order_by()
        .values("monday")
        .annotate(count=Count("pk"), mean=Avg("total"), lowest=Min("total"), highest=Max("total"), **averages)
        .order_by("monday")
    )

    def tenth(value: float | None) -> float | None:
        return None if value is None else round(float(value), 1)

    def domain_averages(week: Mapping[str, object]) -> list[float | None]:
        return [tenth(cast(float | None, week[name])) for name in averages]

    return [
        WeekOfObservations(
            week["monday"],
            week["count"],
            tenth(week["mean"]),
            week["lowest"],
            week["highest"],
            domain_averages(week),
        )
        for week in weeks
    ]


def records_of(
    child: Child, start: datetime.date, end: datetime.date, *, notes: bool = True, by_week: bool = False
) -> Records:
    """Everything recorded for an already authorised child between two dates (inclusive).

    Without `notes` (a chart), free text and treatment steps are not read, and observations
    come as light points: years of them must not cost a model instance and a decryption each.
    With `by_week` too (a chart of a long period), observations come summarised per week
    (`Records.weeks`): the same number of queries for one year or ten.
    """
    observations = _observations_between(child, start, end).order_by("observed_at", "pk")
    weeks = weeks_of(child, start, end) if by_week and not notes else None
    read: list[Observation] | list[ObservationPoint] = []
    if notes:
        read = list(observations)
    elif weeks is None:
        read = [ObservationPoint(*row) for row in observations.values_list(*POINT_FIELDS)]
    treatments = (
        Treatment.objects.filter(child=child, started_on__lte=end)
        .filter(Q(stopped_on__isnull=True) | Q(stopped_on__gte=start))
        .order_by("started_on", "pk")
    )
    events = Event.objects.filter(child=child, happened_on__lte=end).filter(
        Q(happened_on__gte=start) | Q(ended_on__gte=start)
    )
    scores = ClinicScore.objects.filter(child=child, scored_on__gte=start, scored_on__lte=end)
    if notes:
        treatments = treatments.prefetch_related("steps")
    else:
        treatments = treatments.only("pk", "medicine", "medicine_other", "started_on", "stopped_on")
        events, scores = events.defer("notes"), scores.defer("notes", "items", "clinician")
    return Records(
        child=child,
        start=start,
        end=end,
        observations=read,
        treatments=list(treatments),
        events=list(events.order_by("happened_on", "pk")),
        scores=list(scores.order_by("scored_on", "pk")),
        videos=videos_between(child, start, end) if notes else [],
        weeks=weeks,
    )


def current_treatments(child: Child, today: datetime.date) -> list[Treatment]:
    return list(
        Treatment.objects.filter(child=child, started_on__lte=today)
        .filter(Q(stopped_on__isnull=True) | Q(stopped_on__gte=today))
        .defer("notes")
        .order_by("started_on", "pk")
    )


def history_of(
    child: Child, *, kind: str | None = None, before: datetime.date | None = None, limit: int = 60
) -> list[tuple[str, datetime.date, Model]]:
    """The newest entries (of one kind, or all), newest first, older than `before`: (kind, date, entry)."""
    rows: list[tuple[str, datetime.date, Model]] = []
    for slug, found in KINDS.items():
        if kind and slug != kind:
            continue
        records = found.model._default_manager.filter(child=child)
        if before is not None:
            limit_value = day_start(before) if found.date_field == "observed_at" else before
            records = records.filter(**{f"{found.date_field}__lt": limit_value})
        for record in records.order_by(f"-{found.date_field}", "-pk")[:limit]:
            rows.append((slug, found.date_of(record), record))
    rows.sort(key=lambda row: (row[1], row[2].pk), reverse=True)
    return rows[:limit]


def share_links_of(user, child_id: int) -> tuple[Child, list[ShareLink]]:
    child = child_for(user, child_id, may="own")
    links = list(ShareLink.objects.filter(child=child).prefetch_related("views").order_by("-created_at"))
    return child, links


def share_link_of(user, child_id: int, link_id: int) -> ShareLink:
    child = child_for(user, child_id, may="own")
    link = ShareLink.objects.filter(pk=link_id, child=child).first()
    if link is None:
        raise JournalNotFound
    return link


def activity_of(user, child_id: int, *, limit: int = 300) -> tuple[Child, list[AuditEntry]]:
    child = child_for(user, child_id, may="own")
    return child, list(AuditEntry.objects.filter(child=child).select_related("user")[:limit])


def first_record_day(child: Child) -> datetime.date | None:
    """The day of the child's earliest observation, treatment or event (for "all" ranges), in one query."""

    def first(model: type[Model], field: str) -> Subquery:
        return Subquery(model._default_manager.filter(child=child).order_by(field).values(field)[:1])

    firsts = (
        Child.objects.filter(pk=child.pk)
        .values_list(first(Observation, "observed_at"), first(Treatment, "started_on"), first(Event, "happened_on"))
        .first()
        or ()
    )
    days = [timezone.localdate(d) if isinstance(d, datetime.datetime) else d for d in firsts if d is not None]
    return min(days) if days else None


def children_with_role(user) -> list[Child]:
    """Every child in the user's circles, each carrying `role`, the user's role in its circle."""
    return _by_name(_children_of(user).annotate(circle_role=F("memberships__role")))


@dataclass
class ChildExport:
    """One child's part of a family's own copy of their data."""

    child: Child
    members: list[Membership]
    observations: list[Observation]
    scores: list[ClinicScore]
    treatments: list[Treatment]
    events: list[Event]
    share_links: list[ShareLink]
    activity: list[AuditEntry]
    videos: list[EpisodeVideo] = field(default_factory=list)


def export_data_of(user) -> list[ChildExport]:
    """Everything recorded about each child in the user's circles, in a few queries per child.

    What only an owner sees in the app (the whole circle, share links, everyone's activity) is
    exported only for the children they own; for the others: their own membership and activity.
    """
    found = []
    for child in children_with_role(user):
        owner = child.role == Role.OWNER
        members = Membership.objects.filter(child=child).select_related("user").order_by("joined_at")
        activity = AuditEntry.objects.filter(child=child).select_related("user")
        found.append(
            ChildExport(
                child=child,
                members=list(members if owner else members.filter(user=user)),
                observations=list(
                    Observation.objects.filter(child=child).select_related("recorded_by").order_by("observed_at", "pk")
                ),
                scores=list(
                    ClinicScore.objects.filter(child=child).select_related("recorded_by").order_by("scored_on", "pk")
                ),
                treatments=list(
                    Treatment.objects.filter(child=child)
                    .select_related("recorded_by")
                    .prefetch_related("steps")
                    .order_by("started_on", "pk")
                ),
                events=list(
                    Event.objects.filter(child=child).select_related("recorded_by").order_by("happened_on", "pk")
                ),
                share_links=list(ShareLink.objects.filter(child=child).prefetch_related("views").order_by("created_at"))
                if owner
                else [],
                activity=list(activity if owner else activity.filter(user=user)),
                videos=videos_of(child),
            )
        )
    return found


def _videos(child: Child) -> QuerySet[EpisodeVideo]:
    return EpisodeVideo.objects.filter(child=child).select_related("observation", "recorded_by")


def videos_of(child: Child) -> list[EpisodeVideo]:
    """Every clip of an already authorised child, oldest first."""
    return list(_videos(child).order_by("filmed_on", "filmed_at", "pk"))


def videos_between(child: Child, start: datetime.date, end: datetime.date) -> list[EpisodeVideo]:
    return list(
        _videos(child).filter(filmed_on__gte=start, filmed_on__lte=end).order_by("filmed_on", "filmed_at", "pk")
    )


def video_for(user, child_id: int, video_id: int, *, may: str = "view") -> tuple[Child, EpisodeVideo]:
    """One clip of a child this user may `may`; 404 if it is another child's (or for anyone signed out)."""
    child = child_for(user, child_id, may=may)
    video = _videos(child).filter(pk=video_id).first()
    if video is None:
        raise JournalNotFound
    return child, video


def shared_video(link: ShareLink, video_id: int) -> EpisodeVideo:
    """A clip an active link shows: its child's, filmed within the link's period; else 404."""
    if not link.active:
        raise JournalNotFound
    video = _videos(link.child).filter(pk=video_id, filmed_on__gte=link.data_from, filmed_on__lte=link.data_to).first()
    if video is None:
        raise JournalNotFound
    return video


def observations_to_link(child: Child, *, limit: int = 60) -> QuerySet[Observation]:
    """The child's latest observations, newest first: those a clip may be linked to."""
    recent = Observation.objects.filter(child=child).order_by("-observed_at", "-pk").values_list("pk", flat=True)
    chosen = Observation.objects.filter(pk__in=list(recent[:limit]))
    return chosen.only("pk", "observed_at", "time_given", "total").order_by("-observed_at", "-pk")
