"""Running an Open Space: topics proposed, interest shown, the agenda scheduled and adjusted, notes kept.

The schedule itself comes from :func:`coproduce.planning.schedule_open_space`; this module turns the
session's topics and interest into its input and its answer into placements and figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coproduce.directory.models import Person
from coproduce.engagement.models import MethodStep
from coproduce.methods import services as method_services
from coproduce.methods.models import (
    MethodSession,
    OpenSpaceInterest,
    OpenSpaceNote,
    OpenSpacePlacement,
    OpenSpaceTopic,
)
from coproduce.planning import Room, Schedule, Session, schedule_open_space

from .agenda import MAX_TIME_LIMIT, RoomSpec, rooms_of, slots_of, time_limit_of
from .selectors import clashes_now, interest_by_person, interest_signature


def _locked(session: MethodSession) -> MethodSession:
    """The session row, locked until the transaction ends, so two writers of ``setup`` do not lose a change."""
    return MethodSession.objects.select_for_update().get(pk=session.pk)


def topic_propose(*, session: MethodSession, title: str, convener: Person | None = None) -> OpenSpaceTopic:
    """A topic for the marketplace: proposed by a participant (its convener) or added by a facilitator."""
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": "Write the topic you want to talk about."})
    return OpenSpaceTopic.objects.create(session=session, title=title[:200], convener=convener)


@transaction.atomic
def interest_set(*, session: MethodSession, person: Person, topics: Iterable[OpenSpaceTopic]) -> int:
    """The topics a person wants to join are exactly ``topics`` from now on; returns how many."""
    chosen = {t.pk for t in topics if t.session_id == session.pk}
    OpenSpaceInterest.objects.filter(topic__session=session, person=person).exclude(
        topic_id__in=chosen
    ).delete()
    have = set(
        OpenSpaceInterest.objects.filter(topic__session=session, person=person).values_list(
            "topic_id", flat=True
        )
    )
    OpenSpaceInterest.objects.bulk_create(
        [OpenSpaceInterest(topic_id=pk, person=person) for pk in sorted(chosen - have)]
    )
    return len(chosen)


@transaction.atomic
def agenda_setup_set(
    *, session: MethodSession, rooms: list[RoomSpec], slots: list[str], time_limit: int
) -> MethodSession:
    if not 1 <= time_limit <= MAX_TIME_LIMIT:
        raise ValidationError({"time_limit": f"Give the scheduler between 1 and {MAX_TIME_LIMIT} seconds."})
    locked = _locked(session)
    locked.setup = {
        **locked.setup,
        "rooms": [{"name": r.name, "capacity": r.capacity} for r in rooms],
        "slots": list(slots),
        "time_limit": time_limit,
    }
    locked.save(update_fields=["setup"])
    session.setup = locked.setup
    return session


def _convener_key(topic: OpenSpaceTopic) -> object:
    # A topic a facilitator added has no convener: it must not stop any other topic sharing its slot.
    return topic.convener_id if topic.convener_id is not None else ("topic", topic.pk)


def _check_fits(topics: list[OpenSpaceTopic], rooms: list[RoomSpec], slots: list[str]) -> None:
    """The scheduler's own checks, said in the room's words before it is asked."""
    if not topics:
        raise ValidationError("There are no topics to schedule yet.")
    if not rooms or not slots:
        raise ValidationError("Set the rooms and the time slots first.")
    places = len(rooms) * len(slots)
    if len(topics) > places:
        raise ValidationError(
            f"{len(topics)} topics cannot fit into {places} places ({len(rooms)} rooms × {len(slots)} time "
            "slots): add a room or a time slot, or merge topics."
        )
    busy = Counter(t.convener_id for t in topics if t.convener_id is not None)
    over = [pk for pk, count in busy.items() if count > len(slots)]
    if over:
        titles = "; ".join(f"“{t.title}”" for t in topics if t.convener_id in over)
        raise ValidationError(
            f"One person convenes more topics than there are time slots ({titles}): "
            "add a time slot or merge their topics."
        )


def agenda_schedule(*, session: MethodSession) -> Schedule:
    """Schedule every topic into a room and a time slot with the fewest clashes the solver can find within
    the session's time limit, replacing any agenda there was, and keep the figures to show."""
    topics = list(session.topics.all())
    rooms, slots = rooms_of(session), slots_of(session)
    _check_fits(topics, rooms, slots)
    time_limit = time_limit_of(session)
    # The solver runs before the transaction: it can take seconds and needs no lock.
    try:
        schedule = schedule_open_space(
            [Session(t.pk, _convener_key(t)) for t in topics],
            [Room(r.name, r.capacity) for r in rooms],
            slots,
            {person: sorted(wanted) for person, wanted in interest_by_person(session).items()},
            time_limit=float(time_limit),
        )
    except ValueError as error:
        raise ValidationError(str(error)) from error
    with transaction.atomic():
        OpenSpacePlacement.objects.filter(topic__session=session).delete()
        OpenSpacePlacement.objects.bulk_create(
            [
                OpenSpacePlacement(topic_id=cast(int, p.session), room=str(p.room), slot=str(p.slot))
                for p in schedule.placements
            ]
        )
        locked = _locked(session)
        locked.setup = {
            **locked.setup,
            "schedule": {
                "clashes": schedule.clashes,
                "lower_bound": schedule.lower_bound,
                "proven_optimal": schedule.proven_optimal,
                "naive_clashes": schedule.naive_clashes,
                "overflow": {str(k): v for k, v in schedule.overflow.items()},
                "status": schedule.status,
                "time_limit": time_limit,
                "signature": interest_signature(session),
                "scheduled_at": timezone.now().isoformat(timespec="seconds"),
            },
        }
        locked.save(update_fields=["setup"])
        session.setup = locked.setup
    return schedule


@transaction.atomic
def topic_move(*, session: MethodSession, topic: OpenSpaceTopic, room: str, slot: str) -> int:
    """Put a topic in another room or time slot by hand; returns the agenda's clashes afterwards.

    Refused, in words, when the room is taken at that time or the topic's convener runs another session then.
    """
    if topic.session_id != session.pk:
        raise ValidationError({"topic": "Choose one of this session's topics."})
    if room not in {r.name for r in rooms_of(session)}:
        raise ValidationError({"room": "Choose one of the rooms."})
    if slot not in slots_of(session):
        raise ValidationError({"slot": "Choose one of the time slots."})
    others = OpenSpacePlacement.objects.filter(topic__session=session, slot=slot).exclude(topic=topic)
    taken = others.filter(room=room).select_related("topic").first()
    if taken is not None:
        raise ValidationError(
            f"{room} is already taken at {slot} by “{taken.topic.title}”. "
            "Move that topic first, or choose another room or time."
        )
    if topic.convener_id is not None:
        own = others.filter(topic__convener_id=topic.convener_id).select_related("topic").first()
        if own is not None:
            raise ValidationError(
                f"Whoever proposed “{topic.title}” also runs “{own.topic.title}” at {slot}: "
                "nobody can run two sessions at once. Choose another time."
            )
    OpenSpacePlacement.objects.update_or_create(topic=topic, defaults={"room": room, "slot": slot})
    return clashes_now(session)


def note_add(
    *,
    session: MethodSession,
    topic: OpenSpaceTopic,
    text: str,
    person: Person | None = None,
    user=None,
    role: str = "",
) -> OpenSpaceNote:
    """A note from a topic's session: one of the event's comments (method step "open_space"), tied to the
    topic. From a participant (``person``) or typed in by a facilitator (``user`` and the writer's ``role``)."""
    if topic.session_id != session.pk:
        raise ValidationError({"topic": "Choose one of this session's topics."})
    with transaction.atomic():
        comment = method_services.contribute(
            session=session, text=text, method_step=MethodStep.OPEN_SPACE, person=person, user=user, role=role
        )
        # A resent POST gives back the comment already stored, and with it the note already made.
        note, _ = OpenSpaceNote.objects.get_or_create(comment=comment, defaults={"topic": topic})
        return note
