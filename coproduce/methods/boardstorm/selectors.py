"""Reading a boardstorm: the board, heading by heading, with "No heading" last."""

from __future__ import annotations

from dataclasses import dataclass

from coproduce.engagement.models import Comment, CommentStatus, MethodStep

from ..models import MethodSession
from ..models.boardstorm import BoardHeading

NO_HEADING = "No heading"


@dataclass(frozen=True)
class BoardColumn:
    heading: BoardHeading | None  # None: the ideas under no heading
    title: str
    ideas: list[Comment]

    @property
    def key(self) -> str:
        return str(self.heading.pk) if self.heading else "none"


def board_ideas(session: MethodSession, *, include_held: bool = False) -> list[Comment]:
    """The board's ideas in the order they came: every boardstorm comment of the session, including those
    typed in through the session's capture form (they have no BoardIdea yet, so no heading)."""
    ideas = session.comments.filter(method_step=MethodStep.BOARDSTORM).select_related("board_idea")
    if not include_held:
        ideas = ideas.filter(status=CommentStatus.ACCEPTED)
    return list(ideas.order_by("created_at", "pk"))


def heading_of(comment: Comment) -> int | None:
    idea = getattr(comment, "board_idea", None)
    return idea.heading_id if idea is not None else None


def board(session: MethodSession, *, include_held: bool = False) -> list[BoardColumn]:
    """The headings in order, each with its ideas; then "No heading" when any idea has none (or when
    there are no headings at all, so the board is never empty of places)."""
    headings = list(session.headings.all())
    ideas = board_ideas(session, include_held=include_held)
    known = {h.pk for h in headings}
    columns = [BoardColumn(h, h.title, [c for c in ideas if heading_of(c) == h.pk]) for h in headings]
    loose = [c for c in ideas if heading_of(c) not in known]
    if loose or not headings:
        columns.append(BoardColumn(None, NO_HEADING, loose))
    return columns


def idea_count(columns: list[BoardColumn]) -> int:
    return sum(len(column.ideas) for column in columns)
