"""Writes of a force-field analysis: the change it is about, and the forces driving and restraining it.

A force's wording is one of the event's comments, with its direction as the method step ("driving" or
"restraining"). Deleting a force keeps its comment: what someone said is never lost.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from coproduce.directory.models import Person
from coproduce.engagement.models import Comment

from .. import services as method_services
from ..models import MethodSession
from ..models.force_field import Force, ForceDirection

CHANGE_MAX_LENGTH = 300
STRENGTHS = {1: "very weak", 2: "weak", 3: "moderate", 4: "strong", 5: "very strong"}
STRENGTH_PROBLEM = "Choose a strength from 1 (very weak) to 5 (very strong)"
DIRECTION_PROBLEM = "Choose whether the force drives the change or restrains it"


def check_strength(strength: object) -> int:
    """The strength as a whole number from 1 to 5, or a ValidationError saying what is allowed."""
    try:
        value = int(str(strength).strip())
    except (TypeError, ValueError):
        raise ValidationError({"strength": STRENGTH_PROBLEM}) from None
    if value not in STRENGTHS:
        raise ValidationError({"strength": STRENGTH_PROBLEM})
    return value


def check_direction(direction: str) -> str:
    if direction not in ForceDirection.values:
        raise ValidationError({"direction": DIRECTION_PROBLEM})
    return direction


def change_of(session: MethodSession) -> str:
    """The change being analysed: as the facilitator wrote it, or else the session's title."""
    return str(session.setup.get("change") or session.title or "")


def change_set(*, session: MethodSession, change: str) -> MethodSession:
    change = " ".join(change.split())
    if not change:
        raise ValidationError({"change": "Enter the change the room is analysing"})
    if len(change) > CHANGE_MAX_LENGTH:
        raise ValidationError({"change": f"Describe the change in {CHANGE_MAX_LENGTH} characters or fewer"})
    session.setup = {**session.setup, "change": change}
    session.save(update_fields=["setup"])
    return session


@transaction.atomic
def force_add(
    *, session: MethodSession, person: Person, direction: str, strength: object, text: str
) -> Force:
    """A participant adds a force from their phone."""
    direction, strength = check_direction(direction), check_strength(strength)
    comment = method_services.session_contribute(
        session=session, person=person, text=text, method_step=direction
    )
    # A resent POST gives back the comment already stored, and with it the force already made.
    force, _ = Force.objects.get_or_create(
        comment=comment, defaults={"session": session, "direction": direction, "strength": strength}
    )
    return force


@transaction.atomic
def force_capture(
    *, session: MethodSession, direction: str, strength: object, text: str, role: str, user
) -> Force:
    """A facilitator types in a force (from a flipchart, or said aloud)."""
    direction, strength = check_direction(direction), check_strength(strength)
    comment = method_services.facilitator_contribute(
        session=session, text=text, role=role, method_step=direction, user=user
    )
    return Force.objects.create(session=session, direction=direction, strength=strength, comment=comment)


@transaction.atomic
def force_raise(*, session: MethodSession, comment: Comment, direction: str, strength: object, user) -> Force:
    """Raise a force from a comment already made at the event: a new comment with the same words, author
    and role, recorded as a force of this session, pointing back at the comment it was raised from."""
    if comment.event_id != session.event_id:
        raise ValidationError({"comment": "That comment was made at another event"})
    if hasattr(comment, "force"):
        raise ValidationError({"comment": "That comment is already a force: change its strength instead"})
    direction, strength = check_direction(direction), check_strength(strength)
    raised = method_services.facilitator_contribute(
        session=session,
        text=comment.text,
        role=comment.author_role,
        method_step=direction,
        user=user,
        author=comment.author,
    )
    return Force.objects.create(
        session=session, direction=direction, strength=strength, comment=raised, raised_from=comment
    )


def force_set_strength(*, force: Force, strength: object) -> Force:
    """Change how strong a force is. Every change is kept in the force's history (who, when, from what)."""
    force.strength = check_strength(strength)
    force.save(update_fields=["strength"])
    return force


def force_delete(*, force: Force) -> Comment:
    """Take a force off the analysis. Its comment stays with the event (and in the theme analysis)."""
    comment = force.comment
    force.delete()
    return comment
