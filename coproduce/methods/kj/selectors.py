"""Reading the KJ board: the groups in order with their notes, the ungrouped notes, and the dot totals."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db.models import Count

from coproduce.directory.models import Person
from coproduce.engagement.models import Comment, CommentStatus, MethodStep

from ..models import KJDot, KJGroup, KJPlacement, MethodSession
from .services import dots_per_person, dots_used


@dataclass
class BoardNote:
    comment: Comment
    version: int  # the placement's version, sent back with a move to tell a stale move apart

    @property
    def pk(self) -> int:
        return self.comment.pk

    @property
    def request_id(self) -> str:
        """A fresh id for the move form: sending that form twice records one move."""
        return uuid.uuid4().hex


@dataclass
class BoardColumn:
    group: KJGroup | None  # None: the ungrouped notes
    notes: list[BoardNote] = field(default_factory=list)
    dots: int = 0
    rank: int = 0

    @property
    def key(self) -> str:
        return str(self.group.pk) if self.group else ""

    @property
    def title(self) -> str:
        return str(self.group) if self.group else "Ungrouped"


@dataclass
class Board:
    ungrouped: BoardColumn
    groups: list[BoardColumn]  # in the board's order
    held: int  # notes sent after the event closed, waiting for a facilitator on the event page

    @property
    def columns(self) -> list[BoardColumn]:
        return [self.ungrouped, *self.groups]

    @property
    def notes(self) -> int:
        return sum(len(c.notes) for c in self.columns)

    @property
    def dots(self) -> int:
        return sum(c.dots for c in self.groups)

    @property
    def ranked(self) -> list[BoardColumn]:
        """Groups by dots, most first (ties in board order)."""
        return sorted(self.groups, key=lambda c: (-c.dots, c.group.number if c.group else 0))

    @property
    def suggested(self) -> int:
        return sum(1 for c in self.groups if c.group and c.group.suggested)


def notes_of(session: MethodSession):
    return session.comments.filter(method_step=MethodStep.KJ_NOTE)


def board_of(session: MethodSession) -> Board:
    """The board as it stands. A note with no placement yet (typed in by a facilitator) is ungrouped."""
    groups = list(session.kj_groups.annotate(dot_count=Count("dots")).order_by("number", "pk"))
    columns = {g.pk: BoardColumn(group=g, dots=g.dot_count) for g in groups}
    ungrouped = BoardColumn(group=None)
    placements = {
        p.comment_id: p
        for p in KJPlacement.objects.filter(session=session).only("comment_id", "group_id", "version")
    }
    comments = (
        notes_of(session)
        .filter(status=CommentStatus.ACCEPTED)
        .select_related("late_answer__session")
        .order_by("created_at", "pk")
    )
    for comment in comments:
        placement = placements.get(comment.pk)
        column = columns.get(placement.group_id) if placement and placement.group_id else None
        (column or ungrouped).notes.append(BoardNote(comment, placement.version if placement else 0))
    ranked = sorted(columns.values(), key=lambda c: -c.dots)
    for position, column in enumerate(ranked, start=1):
        # Equal dots share a rank (1, 2, 2, 4).
        column.rank = (
            position
            if position == 1 or column.dots != ranked[position - 2].dots
            else ranked[position - 2].rank
        )
    held = notes_of(session).filter(status=CommentStatus.HELD).count()
    return Board(ungrouped=ungrouped, groups=[columns[g.pk] for g in groups], held=held)


@dataclass(frozen=True)
class Dots:
    allowed: int
    used: int
    on_group: dict[int, int]  # group pk → this person's dots on it

    @property
    def left(self) -> int:
        return max(0, self.allowed - self.used)


def dots_of(session: MethodSession, person: Person) -> Dots:
    on_group: dict[int, int] = {}
    for row in (
        KJDot.objects.filter(group__session=session, person=person).values("group").annotate(n=Count("pk"))
    ):
        on_group[row["group"]] = row["n"]
    return Dots(allowed=dots_per_person(session), used=dots_used(session, person), on_group=on_group)


def notes_sent(session: MethodSession, person: Person) -> int:
    return notes_of(session).filter(author=person).count()
