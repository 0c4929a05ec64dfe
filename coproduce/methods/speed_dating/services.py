"""Running speed dating: make the rotation plan, move the room from round to round, absorb arrivals and
leavers, and keep each meeting's "what we could do together".

The plan comes from :func:`coproduce.planning.plan_rotation` and :func:`coproduce.planning.replan`; it is
stored whole in ``session.setup["plan"]`` (see :mod:`.plan_store`) and mirrored in SpeedDatingMeeting rows.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coproduce.directory.models import Person
from coproduce.engagement import services as engagement_services
from coproduce.engagement.models import MethodStep
from coproduce.methods import services as method_services
from coproduce.methods.models import MethodSession, SpeedDatingMeeting, SpeedDatingNote
from coproduce.planning import Replan, RotationPlan, plan_rotation, replan

from .plan_store import plan_to_json
from .selectors import current_round, people_present, plan_of, role_noun, roles_of


def _id(person: Hashable) -> int:
    """A person in a plan is their Person id."""
    return cast(int, person)


def _locked(session: MethodSession) -> MethodSession:
    return MethodSession.objects.select_for_update().get(pk=session.pk)


def _save_setup(session: MethodSession, **changes) -> None:
    locked = _locked(session)
    locked.setup = {**locked.setup, **changes}
    locked.save(update_fields=["setup"])
    session.setup = locked.setup


@transaction.atomic
def plan_make(*, session: MethodSession, first_role: str, second_role: str) -> RotationPlan:
    """Seat everyone present of the two roles so every cross pair meets once, in the fewest rounds."""
    if first_role == second_role:
        raise ValidationError("Choose two different roles: people meet the other group.")
    if current_round(_locked(session)) > 0:
        raise ValidationError(
            "The rounds have started, so the plan cannot be made again: record who has arrived or left instead."
        )
    first, second = people_present(session, (first_role, second_role))
    for group, role in ((first, first_role), (second, second_role)):
        if not group:
            raise ValidationError(
                f"Nobody at the event is a {role_noun(role)} yet: people join by code with their role, "
                "or add them on the event's page."
            )
    plan = plan_rotation([p.pk for p in first], [p.pk for p in second])
    session.meetings.all().delete()
    SpeedDatingMeeting.objects.bulk_create(
        [
            SpeedDatingMeeting(
                session=session, round=number, table=m.table, first_id=_id(m.first), second_id=_id(m.second)
            )
            for number, m in plan.meetings()
        ]
    )
    _save_setup(
        session,
        roles=[first_role, second_role],
        plan=plan_to_json(plan),
        round=0,
        lower_bound=len(plan.rounds),
        changes=[],
    )
    return plan


@transaction.atomic
def round_next(*, session: MethodSession) -> int:
    """Start the next round, and its clock; returns its number."""
    plan = plan_of(session)
    if plan is None:
        raise ValidationError("Make the plan first.")
    # At the rounds stage round 1 runs even before anyone pressed "next"; elsewhere the stored round counts.
    number = (current_round(session) if session.step == "rounds" else session.setup.get("round", 0)) + 1
    if number > len(plan.rounds):
        raise ValidationError(f"Round {len(plan.rounds)} was the last round. Go on to the last notes.")
    if session.step != "rounds":
        method_services.session_go_to(session=session, step="rounds")  # starts the clock
    else:
        session.step_started_at = timezone.now()
        session.save(update_fields=["step_started_at"])
    _save_setup(session, round=number)
    return number


@transaction.atomic
def attendance_change(
    *, session: MethodSession, arrived: Sequence[Person] = (), left: Sequence[Person] = ()
) -> Replan:
    """Absorb late arrivals and early leavers after the current round: the rounds held stay as they were,
    the leavers' meetings still to come are marked missed, and the pairs still unmet are planned afresh in
    the fewest rounds possible. Nobody meets anyone twice."""
    fresh = _locked(session)
    plan = plan_of(fresh)
    if plan is None:
        raise ValidationError("Make the plan first.")
    if not arrived and not left:
        raise ValidationError("Tick who has arrived or who has left.")
    first_role, _ = roles_of(fresh)
    held = current_round(fresh)
    arrived = sorted(arrived, key=lambda p: p.pk)  # numbered in the plan in the order they joined the event
    try:
        change = replan(
            plan,
            completed_rounds=held,
            arrived=[p.pk for p in arrived],
            left=[p.pk for p in left],
            group_of={p.pk: "first" if p.role == first_role else "second" for p in arrived},
        )
    except ValueError as error:
        raise ValidationError(f"The plan could not be changed: {error}.") from error
    _rewrite_rounds_after(session, held, change)
    changes = [
        *fresh.setup.get("changes", []),
        {
            "after_round": held,
            "arrived": [p.pk for p in arrived],
            "left": [p.pk for p in left],
            "extra_rounds": change.extra_rounds,
            "lower_bound": change.lower_bound,
            "missed": len(change.missed),
            "kept_printed_cards": change.kept_printed_cards,
        },
    ]
    _save_setup(session, plan=plan_to_json(change.plan), changes=changes)
    return change


def _rewrite_rounds_after(session: MethodSession, held: int, change: Replan) -> None:
    """The rows of the rounds after ``held`` become the new plan's; cancelled meetings stay, marked missed."""
    ahead = session.meetings.filter(round__gt=held, missed=False)
    # A missed meeting keeps its row and table: only meetings held or planned hold a table in a round.
    for first, second in change.missed:
        row = ahead.filter(first_id=_id(first), second_id=_id(second)).first()
        if row is None:
            continue
        row.missed = True
        row.save(update_fields=["missed"])
    session.meetings.filter(round__gt=held, missed=False).delete()
    cancelled = {(m.first_id, m.second_id): m for m in session.meetings.filter(missed=True)}
    new_rows = []
    for number, meeting in change.plan.meetings():
        if number <= held:
            continue
        again = cancelled.get((_id(meeting.first), _id(meeting.second)))
        if again is not None:
            # Someone who left has come back: the meeting they missed is planned again.
            again.round, again.table, again.missed = number, meeting.table, False
            again.save(update_fields=["round", "table", "missed"])
        else:
            new_rows.append(
                SpeedDatingMeeting(
                    session=session,
                    round=number,
                    table=meeting.table,
                    first_id=_id(meeting.first),
                    second_id=_id(meeting.second),
                )
            )
    SpeedDatingMeeting.objects.bulk_create(new_rows)


def person_add(*, session: MethodSession, role: str) -> tuple[Person, Replan]:
    """Someone without a phone arrives: they attend the event in their role and join the plan."""
    if role not in roles_of(session):
        raise ValidationError("Choose one of the two roles that are meeting.")
    with transaction.atomic():
        person = engagement_services.participant_join(event=session.event, role=role)
        return person, attendance_change(session=session, arrived=[person])


def note_add(
    *,
    session: MethodSession,
    meeting: SpeedDatingMeeting,
    text: str,
    person: Person | None = None,
    user=None,
    role: str = "",
) -> SpeedDatingNote:
    """ "What we could do together": one of the event's comments (method step "speed_dating") on a meeting."""
    if meeting.session_id != session.pk:
        raise ValidationError({"meeting": "Choose one of this session's meetings."})
    if person is not None and person.pk not in (meeting.first_id, meeting.second_id):
        raise ValidationError({"meeting": "Choose one of your own meetings."})
    with transaction.atomic():
        comment = method_services.contribute(
            session=session,
            text=text,
            method_step=MethodStep.SPEED_DATING,
            person=person,
            user=user,
            role=role,
        )
        # A resent POST gives back the comment already stored, and with it the note already made.
        note, _ = SpeedDatingNote.objects.get_or_create(comment=comment, defaults={"meeting": meeting})
        return note
