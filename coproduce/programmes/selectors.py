"""Read-side queries for an area's dashboard and the programme overview."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet

from coproduce.directory.models import Person, Role
from coproduce.engagement.models import Comment, CommentStatus, Event, RegisterEntry
from coproduce.programmes.models import Area
from coproduce.proposals.models import Action, ActionStatus, Proposal, ProposalStatus


def participants_in(area: Area) -> QuerySet[Person]:
    """People who attended at least one of the area's events, each counted once however often they came."""
    return Person.objects.filter(attendances__event__area=area).distinct()


def participants_by_role(area: Area) -> list[tuple[str, str, int]]:
    """People taking part in the area, by role: the participants recorded at its events (joining by code
    records someone only when they contribute; a ticked register entry records its participant) and the
    names on its registers that are nobody's participant, each counted once. Every people figure of the
    area (public page, dashboard, programme view, report) is this count."""
    # Count over the distinct people, not over distinct roles: values_list() after distinct() would
    # collapse everyone sharing a role into one row.
    people = Person.objects.filter(pk__in=participants_in(area).values("pk"))
    counts = Counter(
        {row["role"]: row["n"] for row in people.values("role").annotate(n=Count("pk")).order_by()}
    )
    names = RegisterEntry.objects.filter(event__area=area, person__isnull=True)
    counts.update({row["role"]: row["n"] for row in names.values("role").annotate(n=Count("pk")).order_by()})
    return [(code, label, counts.get(code, 0)) for code, label in Role.choices]


def people_taking_part(area: Area) -> int:
    """How many people have taken part in the area, each once (see participants_by_role)."""
    return sum(n for _, _, n in participants_by_role(area))


def people_at(event: Event) -> int:
    """How many people took part in one event, counted as with_people does."""
    return event.attendances.count() + event.register.filter(person__isnull=True).count()


def with_people(events: QuerySet[Event]) -> QuerySet[Event]:
    """Events annotated with ``people``: recorded participants and unlinked register names, each once."""
    return events.annotate(
        people=Count("attendances", distinct=True)
        + Count("register", filter=Q(register__person__isnull=True), distinct=True)
    )


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


__all__ = [
    "Proposal",
    "actions_by_status",
    "area_summaries",
    "comments_by_event_and_role",
    "events_by_month",
    "overdue_actions",
    "participants_by_role",
    "participants_in",
    "people_at",
    "people_taking_part",
    "proposals_by_status",
    "with_people",
]
