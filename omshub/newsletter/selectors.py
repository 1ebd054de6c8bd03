"""Reads for the newsletter: who an issue goes to, and what happened to its messages."""

from django.db.models import Count

from omshub.newsletter.models import Delivery, Issue, Subscriber


def recipients(issue: Issue) -> list[Subscriber]:
    """Who would receive the issue now: confirmed, reading its language, wanting its topic."""
    subscribers = Subscriber.objects.filter(
        status=Subscriber.Status.SUBSCRIBED, confirmed_at__isnull=False, language=issue.language
    )
    # JSON "contains" is not on SQLite: the topic lists are short, so filter them here.
    return [s for s in subscribers.only("pk", "email", "topics") if issue.topic in s.topics]


def delivery_counts(issue: Issue) -> dict[str, int]:
    rows = Delivery.objects.filter(issue=issue).values("state").annotate(n=Count("pk"))
    return {row["state"]: row["n"] for row in rows}
