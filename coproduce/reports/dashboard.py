"""The read model of an area's dashboard and the programme overview: events, comments, proposals and
actions counted together.

It combines engagement and proposals, so it lives in reports, which may import every other app; it was in
programmes/selectors.py, but programmes is the lowest app and imports none. The people counts it shows
are engagement's (``coproduce.engagement.selectors``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet

from coproduce.directory.models import Role
from coproduce.engagement.models import Comment, CommentStatus, Event
from coproduce.programmes.models import Area
from coproduce.proposals.models import Action, ActionStatus, ProposalStatus


def events_by_month(area: Area) -> list[tuple[str, int]]:
    counts: Counter[date] = Counter(d.replace(day=1) for d in area.events.values_list("date", flat=True))
    return [(month.strftime("%B %Y"), counts[month]) for month in sorted(counts)]


@dataclass
class CommentMatrix:
    """Accepted comments by event (rows) and author role (columns), with totals."""

    roles: list[tuple[str, str]]
    rows: list[tuple[Event, list[int], int]] = field(default_factory=list)
    role_totals: list[int] = field(default_factory=list)
    total: int = 0


def comments_by_event_and_role(area: Area) -> CommentMatrix:
    counts = Counter(
        (row["event_id"], row["author_role"])
        for row in Comment.objects.filter(event__area=area, status=CommentStatus.ACCEPTED).values(
            "event_id", "author_role"
        )
    )
    roles = list(Role.choices)
    matrix = CommentMatrix(roles=roles)
    for event in area.events.all():
        cells = [counts.get((event.pk, code), 0) for code, _ in roles]
        matrix.rows.append((event, cells, sum(cells)))
    matrix.role_totals = [sum(row[1][i] for row in matrix.rows) for i in range(len(roles))]
    matrix.total = sum(matrix.role_totals)
    return matrix


def proposals_by_status(area: Area) -> list[tuple[str, int]]:
    counts = Counter(area.proposals.values_list("status", flat=True))
    return [(label, counts.get(code, 0)) for code, label in ProposalStatus.choices]


def actions_by_status(area: Area) -> list[tuple[str, int]]:
    counts = Counter(Action.objects.filter(proposal__area=area).values_list("status", flat=True))
    return [(label, counts.get(code, 0)) for code, label in ActionStatus.choices]


def overdue_actions(area: Area) -> QuerySet[Action]:
    return Action.objects.filter(proposal__area=area).overdue().select_related("proposal", "owner")


def area_summaries(areas: QuerySet[Area]) -> QuerySet[Area]:
    """The programme view: each area with its headline counts."""
    return areas.annotate(
        event_count=Count("events", distinct=True),
        people_count=Count("events__attendances__person", distinct=True)
        + Count("events__register", filter=Q(events__register__person__isnull=True), distinct=True),
        comment_count=Count(
            "events__comments", filter=Q(events__comments__status=CommentStatus.ACCEPTED), distinct=True
        ),
        proposal_count=Count("proposals", distinct=True),
    ).select_related("programme")
