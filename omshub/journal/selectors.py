"""Every read of journal data, scoped to the requesting user's care circles.

Views never query journal models directly: a child someone may not see does not exist
for them (404), whatever its id.
"""

from django.db.models import QuerySet
from django.http import Http404

from omshub.journal.models import Child, Invitation, Membership

Role = Membership.Role
MAY = {
    "view": {Role.OWNER, Role.EDITOR, Role.VIEWER},
    "edit": {Role.OWNER, Role.EDITOR},
    "own": {Role.OWNER},
}


def children_for(user) -> QuerySet[Child]:
    if not user.is_authenticated:
        return Child.objects.none()
    return Child.objects.filter(memberships__user=user).order_by("name")


def child_for(user, child_id: int, *, may: str = "view") -> Child:
    """The child, if this user's role in its circle allows `may`; else 404, never 403."""
    if not user.is_authenticated:
        raise Http404
    child = Child.objects.filter(pk=child_id, memberships__user=user, memberships__role__in=MAY[may]).first()
    if child is None:
        raise Http404
    return child


def role_of(user, child: Child) -> str:
    return Membership.objects.filter(child=child, user=user).values_list("role", flat=True).first() or ""


def circle_of(user, child_id: int) -> tuple[Child, list[Membership], list[Invitation]]:
    child = child_for(user, child_id, may="own")
    members = list(child.memberships.select_related("user").order_by("joined_at"))
    invitations = [i for i in child.invitations.order_by("-created_at") if i.open]
    return child, members, invitations
