"""Writes of the KJ method: notes, their placement on the board, the groups, and the dots on them.

Several facilitators move notes at once. A move locks the note's placement row, so moves of different notes
never wait on each other and moves of the same note are applied one after the other (the last one wins).
Every move is kept as a KJMove; one sent again with the same request id records nothing new.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from coproduce.directory.models import Person
from coproduce.engagement.models import Comment, MethodStep

from .. import services as method_services
from ..models import KJDot, KJGroup, KJMove, KJPlacement, MethodSession, SessionStatus

GROUP_NAME_MAX = 120
DEFAULT_DOTS = 3


def dots_per_person(session: MethodSession) -> int:
    try:
        return max(1, int(session.setup.get("dots", DEFAULT_DOTS)))
    except (TypeError, ValueError):
        return DEFAULT_DOTS


def note_write(*, session: MethodSession, person: Person, text: str, seen_step: str | None = None) -> Comment:
    """A participant's note: one of the event's comments (method step "KJ: note"), ungrouped on the board.
    ``seen_step`` is the stage their page showed: a note sent after the room moved on is flagged late."""
    comment = method_services.session_contribute(
        session=session, person=person, text=text, method_step=MethodStep.KJ_NOTE, seen_step=seen_step
    )
    KJPlacement.objects.get_or_create(comment=comment, defaults={"session": session})
    return comment


def placements_ensure(session: MethodSession) -> int:
    """Give every note of the session a placement (notes typed in by a facilitator have none yet).
    Returns how many were made."""
    missing = session.comments.filter(method_step=MethodStep.KJ_NOTE, kj_placement__isnull=True)
    made = 0
    for comment in missing:
        _, created = KJPlacement.objects.get_or_create(comment=comment, defaults={"session": session})
        made += created
    return made


@dataclass(frozen=True)
class MoveOutcome:
    placement: KJPlacement
    move: KJMove
    repeated: bool  # the same request was sent before: nothing new was recorded
    stale: bool  # the note had moved since the mover saw it; their move was applied on top


def _check_note(session: MethodSession, comment: Comment) -> None:
    if comment.method_session_id != session.pk or comment.method_step != MethodStep.KJ_NOTE:
        raise ValidationError({"note": "That note is not on this board."})


def _check_group(session: MethodSession, group: KJGroup | None) -> None:
    if group is not None and group.session_id != session.pk:
        raise ValidationError({"group": "That group is not on this board."})


def note_move(
    *,
    session: MethodSession,
    comment: Comment,
    group: KJGroup | None,
    user,
    request_id: str = "",
    expected_version: int | None = None,
) -> MoveOutcome:
    """Move a note to ``group`` (None: back to the ungrouped notes), once per ``request_id``.

    ``expected_version`` is the placement's version the mover saw. When someone moved the note since,
    the move still applies (the last writer wins) and is recorded; the outcome says it was stale.
    """
    _check_note(session, comment)
    _check_group(session, group)
    request_id = request_id.strip()[:64]
    KJPlacement.objects.get_or_create(comment=comment, defaults={"session": session})
    with transaction.atomic():
        placement = KJPlacement.objects.select_for_update().get(comment=comment)
        # Looked for after taking the lock: a retry of the same request waits for the first, then sees it.
        earlier = (
            KJMove.objects.filter(session=session, request_id=request_id).first() if request_id else None
        )
        if earlier is not None:
            return MoveOutcome(placement, earlier, repeated=True, stale=False)
        stale = expected_version is not None and expected_version != placement.version
        try:
            with transaction.atomic():
                move = KJMove.objects.create(
                    session=session,
                    comment=comment,
                    from_group_id=placement.group_id,
                    to_group=group,
                    moved_by=user,
                    request_id=request_id,
                )
        except IntegrityError:
            # The same request id was just recorded for another note: still only once.
            return MoveOutcome(
                placement, KJMove.objects.get(session=session, request_id=request_id), True, False
            )
        placement.group = group
        placement.version += 1
        placement.save(update_fields=["group", "version", "updated_at"])
    return MoveOutcome(placement, move, repeated=False, stale=stale)


def _next_number(session: MethodSession) -> int:
    return (session.kj_groups.aggregate(top=Max("number"))["top"] or 0) + 1


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if len(name) > GROUP_NAME_MAX:
        raise ValidationError({"name": f"A group's name must be {GROUP_NAME_MAX} characters or fewer."})
    return name


@transaction.atomic
def group_create(*, session: MethodSession, name: str = "", user=None, suggested: bool = False) -> KJGroup:
    # Lock the session so two facilitators adding groups at once get different numbers.
    MethodSession.objects.select_for_update().filter(pk=session.pk).first()
    return KJGroup.objects.create(
        session=session,
        number=_next_number(session),
        name=_clean_name(name),
        suggested=suggested,
        created_by=user,
    )


def group_rename(*, group: KJGroup, name: str, user=None) -> KJGroup:
    """Name a group. Naming a suggested group takes it on: it is no longer just the engine's suggestion."""
    name = _clean_name(name)
    if not name:
        raise ValidationError({"name": "Enter the group's name."})
    group.name = name
    group.suggested = False
    group.save(update_fields=["name", "suggested"])
    return group


def group_accept(*, group: KJGroup) -> KJGroup:
    group.suggested = False
    group.save(update_fields=["suggested"])
    return group


def suggestions_accept(*, session: MethodSession) -> int:
    groups = list(session.kj_groups.filter(suggested=True))
    for group in groups:
        group_accept(group=group)
    return len(groups)


@transaction.atomic
def group_delete(*, group: KJGroup, user=None) -> int:
    """Delete a group; its notes go back to the ungrouped notes (each return recorded as a move).
    Returns how many notes went back."""
    placements = list(KJPlacement.objects.select_for_update().filter(group=group))
    for placement in placements:
        KJMove.objects.create(
            session=group.session,
            comment_id=placement.comment_id,
            from_group=group,
            to_group=None,
            moved_by=user,
        )
        placement.group = None
        placement.version += 1
        placement.save(update_fields=["group", "version", "updated_at"])
    group.delete()
    return len(placements)


def voting_open(session: MethodSession) -> bool:
    return session.status == SessionStatus.RUNNING and session.step == "vote"


def dots_used(session: MethodSession, person: Person) -> int:
    return KJDot.objects.filter(group__session=session, person=person).count()


@transaction.atomic
def dot_add(*, session: MethodSession, group: KJGroup, person: Person) -> KJDot:
    """Put one of ``person``'s dots on ``group``; they have ``setup["dots"]`` in all (3 unless set)."""
    _check_group(session, group)
    if not voting_open(session):
        raise ValidationError("Dot voting is not open at the moment.")
    # One person's dots are placed one at a time, so two quick taps cannot go over the limit.
    Person.objects.select_for_update().filter(pk=person.pk).first()
    allowed = dots_per_person(session)
    if dots_used(session, person) >= allowed:
        raise ValidationError(
            f"You have used all your {allowed} dots. Take a dot off a group to put it somewhere else."
        )
    return KJDot.objects.create(group=group, person=person)


@transaction.atomic
def dot_remove(*, session: MethodSession, group: KJGroup, person: Person) -> bool:
    """Take one of ``person``'s dots off ``group``. Returns False when they had none there."""
    _check_group(session, group)
    if not voting_open(session):
        raise ValidationError("Dot voting is not open at the moment.")
    Person.objects.select_for_update().filter(pk=person.pk).first()
    dot = KJDot.objects.filter(group=group, person=person).order_by("-pk").first()
    if dot is None:
        return False
    dot.delete()
    return True
