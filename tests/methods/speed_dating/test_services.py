"""Speed dating: the plan in the fewest rounds, rounds that move on, arrivals and leavers absorbed without
undoing a round held or repeating a pair, cards, and notes as comments."""

import random

import pytest
from django.core.exceptions import ValidationError

from coproduce.directory.models import Role
from coproduce.engagement.models import Comment, MethodStep
from coproduce.methods.models import SpeedDatingMeeting
from coproduce.methods.speed_dating import services
from coproduce.methods.speed_dating.plan_store import plan_from_json, plan_to_json
from coproduce.methods.speed_dating.selectors import (
    arrival_labels,
    arrivals,
    cards,
    current_round,
    labels,
    meeting_now,
    plan_of,
    rounds,
)
from tests.factories import AttendanceFactory, PersonFactory

pytestmark = pytest.mark.django_db


def make_plan(session):
    return services.plan_make(session=session, first_role=Role.VCS_PROVIDER, second_role=Role.CC_MANAGER)


def pairs(session, **filters):
    return list(session.meetings.filter(**filters).values_list("first_id", "second_id"))


def test_the_plan_takes_as_many_rounds_as_the_larger_group(speed_dating, providers, managers):
    plan = make_plan(speed_dating)
    assert len(plan.rounds) == 5 == speed_dating.setup["lower_bound"]
    rows = list(speed_dating.meetings.values_list("round", "table", "first_id", "second_id"))
    assert sorted(rows) == sorted((r, m.table, m.first, m.second) for r, m in plan.meetings())
    # Every cross pair meets exactly once.
    assert sorted(pairs(speed_dating)) == sorted((p.pk, m.pk) for p in providers for m in managers)


def test_the_stored_plan_is_the_plan(speed_dating, providers, managers):
    plan = make_plan(speed_dating)
    assert plan_of(speed_dating) == plan == plan_from_json(plan_to_json(plan))


def test_only_people_of_the_two_roles_at_the_event_are_seated(speed_dating, event, providers, managers):
    AttendanceFactory(event=event, person__role=Role.PARENT_CARER)
    PersonFactory(area=event.area, role=Role.VCS_PROVIDER)  # in the area, not at this event
    plan = make_plan(speed_dating)
    assert set(plan.present) == {p.pk for p in providers + managers}


def test_a_plan_needs_both_groups(speed_dating, providers):
    with pytest.raises(ValidationError, match="Nobody at the event is a children's-centre manager"):
        make_plan(speed_dating)


def test_rounds_move_on_with_the_clock_until_the_last(speed_dating, providers, managers):
    make_plan(speed_dating)
    assert current_round(speed_dating) == 0
    assert services.round_next(session=speed_dating) == 1
    speed_dating.refresh_from_db()
    assert (speed_dating.step, current_round(speed_dating)) == ("rounds", 1)
    assert 235 <= speed_dating.seconds_left() <= 240
    for expected in (2, 3, 4, 5):
        assert services.round_next(session=speed_dating) == expected
    with pytest.raises(ValidationError, match="Round 5 was the last round"):
        services.round_next(session=speed_dating)


def test_the_plan_cannot_be_remade_once_rounds_have_started(speed_dating, providers, managers):
    make_plan(speed_dating)
    services.round_next(session=speed_dating)
    with pytest.raises(ValidationError, match="The rounds have started"):
        make_plan(speed_dating)


def test_a_leaver_s_meetings_to_come_are_missed_and_held_rounds_kept(speed_dating, providers, managers):
    make_plan(speed_dating)
    services.round_next(session=speed_dating)
    services.round_next(session=speed_dating)
    held_before = sorted(
        speed_dating.meetings.filter(round__lte=2).values_list("round", "table", "first_id", "second_id")
    )
    leaver = managers[0]
    change = services.attendance_change(session=speed_dating, left=[leaver])
    held_after = sorted(
        speed_dating.meetings.filter(round__lte=2).values_list("round", "table", "first_id", "second_id")
    )
    assert held_after == held_before
    missed = speed_dating.meetings.filter(missed=True)
    assert missed.count() == len(change.missed) == 3  # the manager had 3 providers still to meet
    assert all(m.round > 2 and leaver.pk in (m.first_id, m.second_id) for m in missed)
    assert not speed_dating.meetings.filter(round__gt=2, missed=False, second=leaver).exists()
    assert speed_dating.setup["changes"][-1]["missed"] == 3
    # The stored plan and the rows agree.
    planned = sorted((r, m.table, m.first, m.second) for r, m in plan_of(speed_dating).meetings())
    assert planned == sorted(
        speed_dating.meetings.filter(missed=False).values_list("round", "table", "first_id", "second_id")
    )


def test_an_arrival_meets_everyone_without_any_pair_meeting_twice(speed_dating, event, providers, managers):
    make_plan(speed_dating)
    services.round_next(session=speed_dating)
    services.round_next(session=speed_dating)
    late = AttendanceFactory(event=event, person__role=Role.CC_MANAGER).person
    assert arrivals(speed_dating) == [late]
    change = services.attendance_change(session=speed_dating, arrived=[late])
    all_pairs = pairs(speed_dating, missed=False)
    assert len(all_pairs) == len(set(all_pairs))
    assert {p.pk for p in providers} == {a for a, b in all_pairs if b == late.pk}
    assert sorted(all_pairs) == sorted((p.pk, m.pk) for p in providers for m in [*managers, late])
    # Rounds after the two held: the fewest possible for the pairs still unmet.
    assert change.extra_rounds == change.lower_bound
    assert len(plan_of(speed_dating).rounds) == 2 + change.extra_rounds
    assert arrivals(speed_dating) == []


def test_someone_who_left_and_came_back_meets_whom_they_missed(speed_dating, providers, managers):
    make_plan(speed_dating)
    services.round_next(session=speed_dating)
    services.attendance_change(session=speed_dating, left=[providers[0]])
    services.round_next(session=speed_dating)
    services.attendance_change(session=speed_dating, arrived=[providers[0]])
    all_pairs = pairs(speed_dating)
    assert len(all_pairs) == len(set(all_pairs))
    assert not speed_dating.meetings.filter(missed=True).exists()
    assert sorted(pairs(speed_dating)) == sorted((p.pk, m.pk) for p in providers for m in managers)


def test_a_person_added_by_role_joins_the_event_and_the_plan(speed_dating, event, providers, managers):
    make_plan(speed_dating)
    person, change = services.person_add(session=speed_dating, role=Role.CC_MANAGER)
    assert event.attendances.filter(person=person).exists()
    assert person.pk in plan_of(speed_dating).present
    assert speed_dating.meetings.filter(second=person).count() == 5
    with pytest.raises(ValidationError, match="one of the two roles"):
        services.person_add(session=speed_dating, role=Role.PARENT_CARER)


def test_the_participant_finds_their_meeting_now(speed_dating, providers, managers):
    make_plan(speed_dating)
    services.round_next(session=speed_dating)
    meeting = meeting_now(speed_dating, managers[1])
    assert meeting.round == 1 and managers[1].pk == meeting.second_id
    sitting_out = [p for p in providers if meeting_now(speed_dating, p) is None]
    assert len(sitting_out) == 2  # five providers, three tables


def test_cards_name_nobody_anonymous(speed_dating, providers, managers):
    managers[0].name = "Sam Okafor"
    managers[0].save()
    make_plan(speed_dating)
    names = labels(speed_dating)
    assert names[providers[2].pk] == "VCS provider 3"
    assert names[managers[0].pk] == "Sam Okafor"
    printed = cards(speed_dating)
    assert len(printed) == 8
    card = next(c for c in printed if c.label == "VCS provider 1")
    assert len(card.lines) == 5
    assert card.lines[0].startswith("Round 1: go to table 1 and meet ")
    assert all("Anonymous" not in line for c in printed for line in c.lines)


def test_a_meeting_s_note_is_a_comment_of_the_event(speed_dating, providers, managers):
    make_plan(speed_dating)
    services.round_next(session=speed_dating)
    meeting = meeting_now(speed_dating, managers[0])
    note = services.note_add(
        session=speed_dating, meeting=meeting, text="Run a joint stay-and-play", person=managers[0]
    )
    comment = Comment.objects.get()
    assert note.comment == comment and comment.method_step == MethodStep.SPEED_DATING
    assert comment.method_session == speed_dating
    other = SpeedDatingMeeting.objects.exclude(first=managers[0]).exclude(second=managers[0]).first()
    with pytest.raises(ValidationError):
        services.note_add(session=speed_dating, meeting=other, text="Not mine", person=managers[0])
    assert [line.notes for r in rounds(speed_dating) for line in r.meetings if line.meeting == meeting] == [
        [comment]
    ]


@pytest.mark.parametrize("seed", range(4))
def test_many_changes_never_undo_a_round_held_nor_repeat_a_pair(
    speed_dating, event, providers, managers, seed
):
    rng = random.Random(seed)
    make_plan(speed_dating)
    held: list = []
    for _ in range(4):
        plan = plan_of(speed_dating)
        if current_round(speed_dating) >= len(plan.rounds):
            break
        services.round_next(session=speed_dating)
        number = current_round(speed_dating)
        held.extend(
            sorted(
                speed_dating.meetings.filter(round=number, missed=False).values_list("first_id", "second_id")
            )
        )
        room = [p for p in providers + managers if p.pk in plan_of(speed_dating).present]
        left = rng.sample(room, k=rng.choice([0, 1]))
        role = rng.choice([Role.VCS_PROVIDER, Role.CC_MANAGER])
        arrived = [AttendanceFactory(event=event, person__role=role).person] if rng.random() < 0.6 else []
        if left or arrived:
            services.attendance_change(session=speed_dating, left=left, arrived=arrived)
        still = sorted(
            speed_dating.meetings.filter(round__lte=number, missed=False).values_list("first_id", "second_id")
        )
        assert still == sorted(held)
        all_pairs = pairs(speed_dating, missed=False)
        assert len(all_pairs) == len(set(all_pairs))


def test_arrivals_are_named_as_the_plan_will_name_them(speed_dating, event, providers, managers):
    make_plan(speed_dating)
    services.round_next(session=speed_dating)
    services.attendance_change(session=speed_dating, left=[providers[1]])
    late = AttendanceFactory(event=event, person__role=Role.VCS_PROVIDER).person
    assert arrival_labels(speed_dating) == {
        providers[1].pk: "VCS provider 2, back again",
        late.pk: "VCS provider 6, just joined",
    }
    services.attendance_change(session=speed_dating, arrived=[late, providers[1]])
    assert labels(speed_dating)[late.pk] == "VCS provider 6"
