"""Writes of a boardstorm: the board's headings, and the ideas put under them.

Every idea is first of all one of the event's comments (method step "boardstorm"); a BoardIdea only says
which heading it sits under. Deleting a heading never deletes an idea: its ideas go to "No heading".
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from coproduce.directory.models import Person
from coproduce.engagement.models import Comment, MethodStep

from .. import services as method_services
from ..models import MethodSession
from ..models.boardstorm import BoardHeading, BoardIdea

HEADING_MAX_LENGTH = 120


def _clean_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": "Enter the heading"})
    if len(title) > HEADING_MAX_LENGTH:
        raise ValidationError({"title": f"A heading is {HEADING_MAX_LENGTH} characters or fewer"})
    return title


def _check_heading(session: MethodSession, heading: BoardHeading | None) -> None:
    if heading is not None and heading.session_id != session.pk:
        raise ValidationError({"heading": "That heading is on another board"})


def _renumber(headings: list[BoardHeading]) -> None:
    """Number the headings 1, 2, 3 … in the order given, saving only those whose number changes."""
    for number, heading in enumerate(headings, start=1):
        if heading.number != number:
            heading.number = number
            heading.save(update_fields=["number"])


@transaction.atomic
def heading_add(*, session: MethodSession, title: str) -> BoardHeading:
    last = session.headings.aggregate(last=Max("number"))["last"] or 0
    return BoardHeading.objects.create(session=session, number=last + 1, title=_clean_title(title))


@transaction.atomic
def heading_change(*, heading: BoardHeading, title: str, number: int | None = None) -> BoardHeading:
    """Rename a heading and, when ``number`` is given, move it to that place on the board (1 is first);
    the other headings close up around it."""
    heading.title = _clean_title(title)
    heading.save(update_fields=["title"])
    if number is not None:
        headings = [h for h in heading.session.headings.select_for_update() if h.pk != heading.pk]
        place = min(max(number, 1), len(headings) + 1)
        headings.insert(place - 1, heading)
        _renumber(headings)
    heading.refresh_from_db()
    return heading


@transaction.atomic
def heading_delete(*, heading: BoardHeading) -> int:
    """Delete a heading; its ideas stay on the board under "No heading". Returns how many there were."""
    session = heading.session
    moved = heading.ideas.count()
    heading.delete()  # BoardIdea.heading is SET_NULL: the ideas stay
    _renumber(list(session.headings.all()))
    return moved


@transaction.atomic
def idea_add(*, session: MethodSession, person: Person, text: str, heading: BoardHeading | None) -> BoardIdea:
    """A participant puts an idea on the board."""
    _check_heading(session, heading)
    comment = method_services.session_contribute(
        session=session, person=person, text=text, method_step=MethodStep.BOARDSTORM
    )
    # A resent POST gives back the comment already stored, and with it the idea already on the board.
    idea, _ = BoardIdea.objects.get_or_create(comment=comment, defaults={"heading": heading})
    return idea


@transaction.atomic
def idea_capture(
    *, session: MethodSession, text: str, role: str, heading: BoardHeading | None, user
) -> BoardIdea:
    """A facilitator types in an idea from a sticky note."""
    _check_heading(session, heading)
    comment = method_services.facilitator_contribute(
        session=session, text=text, role=role, method_step=MethodStep.BOARDSTORM, user=user
    )
    return BoardIdea.objects.create(comment=comment, heading=heading)


@transaction.atomic
def idea_move(*, session: MethodSession, comment: Comment, heading: BoardHeading | None) -> BoardIdea:
    """Put an idea under another heading (or under none). An idea typed in through the session's own
    capture form has no place on the board yet: it gets one now."""
    _check_heading(session, heading)
    if comment.method_session_id != session.pk or comment.method_step != MethodStep.BOARDSTORM:
        raise ValidationError({"idea": "That idea is not on this board"})
    idea, _ = BoardIdea.objects.update_or_create(comment=comment, defaults={"heading": heading})
    return idea
