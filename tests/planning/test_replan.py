import random
from collections import Counter

import pytest

from coproduce.planning import Meeting, RotationPlan, Round, plan_rotation, replan


def meetings_of(plan: RotationPlan) -> list[tuple[object, object]]:
    return [(m.first, m.second) for r in plan.rounds for m in r.meetings]


def most_unmet(held: tuple[Round, ...], first: list, second: list, present: set) -> int:
    """The lower bound, counted independently: the most unmet partners any present person has."""
    met = {(m.first, m.second) for r in held for m in r.meetings}
    unmet: Counter = Counter()
    for a in (p for p in first if p in present):
        for b in (p for p in second if p in present):
            if (a, b) not in met:
                unmet[a] += 1
                unmet[b] += 1
    return max(unmet.values(), default=0)


def simulate(rng: random.Random, a: int, b: int) -> None:
    """Random late arrivals and early leavers at random rounds, checking each change and the end result."""
    first, second = [f"f{i}" for i in range(a)], [f"s{j}" for j in range(b)]
    plan = plan_rotation(first, second)
    present = set(first) | set(second)
    presence: list[tuple[int, set]] = [(0, set(present))]  # (from after round, who is present)
    newcomers = 0
    completed = 0
    for _ in range(rng.randint(1, 4)):
        completed = rng.randint(completed, len(plan.rounds))
        left = rng.sample(sorted(present), rng.randint(0, min(3, len(present))))
        absent = sorted((set(plan.first) | set(plan.second)) - present)
        returning = rng.sample(absent, rng.randint(0, min(1, len(absent))))
        new = [f"n{newcomers + k}" for k in range(rng.randint(0, 3))]
        newcomers += len(new)
        group_of = {p: rng.choice(["first", "second"]) for p in new}
        first_now = [*plan.first, *(p for p in new if group_of[p] == "first")]
        second_now = [*plan.second, *(p for p in new if group_of[p] == "second")]
        here = (present - set(left)) | set(returning) | set(new)
        bound = most_unmet(plan.rounds[:completed], first_now, second_now, here)
        change = replan(
            plan, completed_rounds=completed, arrived=[*returning, *new], left=left, group_of=group_of
        )
        assert change.plan.rounds[:completed] == plan.rounds[:completed]  # history is not rewritten
        leavers = set(left)
        assert change.missed == tuple(
            (m.first, m.second)
            for r in plan.rounds[completed:]
            for m in r.meetings
            if {m.first, m.second} & leavers
        )
        assert change.lower_bound == bound
        assert change.extra_rounds == bound == len(change.plan.rounds) - completed
        plan = change.plan
        present = (present - leavers) | set(returning) | set(new)
        presence.append((completed, set(present)))

    pairs = meetings_of(plan)
    assert len(pairs) == len(set(pairs))  # no pair meets twice
    met = set(pairs)
    # everyone here at the end has been here since their last arrival, so must meet everyone else here
    assert {(x, y) for x in plan.first if x in present for y in plan.second if y in present} <= met
    for round_ in plan.rounds:
        here = next(people for after, people in reversed(presence) if after < round_.number)
        seated = [p for m in round_.meetings for p in (m.first, m.second)]
        assert len(seated) == len(set(seated))
        assert len({m.table for m in round_.meetings}) == len(round_.meetings)
        assert set(seated) | set(round_.sitting_out) == here  # only people who are here, all of them
        if (
            round_.number > plan.fixed_rounds
        ):  # who stays keeps a table (one they may have had to give up before)
            stayer = (m.first if plan.staying == "first" else m.second for m in round_.meetings)
            assert [plan.tables[p] for p in stayer] == [m.table for m in round_.meetings]


def test_random_arrivals_and_departures_keep_history_never_repeat_and_take_the_fewest_rounds():
    rng = random.Random(2024)
    for a in range(1, 13):
        for b in range(1, 13):
            for _ in range(3):
                simulate(rng, a, b)


def test_random_arrivals_and_departures_in_large_groups():
    rng = random.Random(7)
    for _ in range(20):
        simulate(rng, rng.randint(10, 40), rng.randint(10, 60))


def test_a_late_provider_meets_every_manager_in_the_fewest_extra_rounds():
    plan = plan_rotation(["Ann", "Bo"], ["x", "y", "z"])
    change = replan(plan, completed_rounds=2, arrived=["w"], group_of={"w": "second"})
    # Ann and Bo each still have one of x, y, z to meet, plus w: two rounds at least, and two it takes.
    assert change.lower_bound == change.extra_rounds == 2
    assert change.plan.rounds[:2] == plan.rounds[:2]
    later = {(m.first, m.second) for r in change.plan.rounds[2:] for m in r.meetings}
    assert later == {("Ann", "z"), ("Bo", "x"), ("Ann", "w"), ("Bo", "w")}
    assert change.missed == ()


def test_a_late_manager_gets_a_new_table_and_a_leavers_table_is_reused():
    plan = plan_rotation(["Ann", "Bo"], ["x", "y", "z"])
    change = replan(plan, completed_rounds=1, arrived=["Cy"], group_of={"Cy": "first"})
    assert change.plan.tables["Cy"] == 3
    again = replan(change.plan, completed_rounds=2, left=["Ann"], arrived=["Di"], group_of={"Di": "first"})
    assert again.plan.tables["Di"] == 1  # Ann's table, free now
    assert {"Ann"} & {p for r in again.plan.rounds[2:] for m in r.meetings for p in m} == set()


def test_leavers_miss_their_meetings_and_the_cards_stay_when_no_round_can_be_saved():
    plan = plan_rotation(["Ann", "Bo", "Cy"], ["v", "w", "x", "y", "z"])
    change = replan(plan, completed_rounds=1, left=["Cy"])
    assert change.kept_printed_cards
    assert change.missed == (("Cy", "y"), ("Cy", "z"), ("Cy", "v"), ("Cy", "w"))
    assert change.plan.missed == change.missed
    assert [list(r.meetings) for r in change.plan.rounds[1:]] == [
        [m for m in r.meetings if m.first != "Cy"] for r in plan.rounds[1:]
    ]


def test_when_people_leave_the_rest_is_replanned_in_fewer_rounds_if_it_can_be():
    plan = plan_rotation(["Ann", "Bo"], ["v", "w", "x", "y", "z"])
    change = replan(plan, completed_rounds=1, left=["y", "z"])
    # Ann met v and Bo met w in round 1; what is left is Ann–w, Ann–x, Bo–v, Bo–x: two rounds, not four.
    assert change.lower_bound == change.extra_rounds == 2
    assert not change.kept_printed_cards
    assert {(m.first, m.second) for r in change.plan.rounds[1:] for m in r.meetings} == {
        ("Ann", "w"),
        ("Ann", "x"),
        ("Bo", "v"),
        ("Bo", "x"),
    }


def test_someone_who_left_and_came_back_meets_only_whom_they_missed():
    plan = plan_rotation(["Ann", "Bo"], ["x", "y"])
    gone = replan(plan, completed_rounds=1, left=["x"]).plan
    back = replan(gone, completed_rounds=1, arrived=["x"]).plan
    pairs = meetings_of(back)
    assert sorted(pairs) == sorted({("Ann", "x"), ("Ann", "y"), ("Bo", "x"), ("Bo", "y")})


def test_someone_who_comes_back_gets_their_table_back_if_it_is_free():
    plan = plan_rotation(["Ann", "Bo", "Cy"], ["x", "y", "z"])
    gone = replan(plan, completed_rounds=1, left=["Bo"]).plan
    back = replan(gone, completed_rounds=2, arrived=["Bo"]).plan
    assert back.tables["Bo"] == 2
    taken = replan(gone, completed_rounds=2, arrived=["Di"], group_of={"Di": "first"}).plan
    assert taken.tables["Di"] == 2
    assert replan(taken, completed_rounds=2, arrived=["Bo"]).plan.tables["Bo"] == 4


def test_a_finished_plan_can_take_a_latecomer():
    plan = plan_rotation(["Ann"], ["x", "y"])
    change = replan(plan, completed_rounds=2, arrived=["z"], group_of={"z": "second"})
    assert [list(r.meetings) for r in change.plan.rounds[2:]] == [[Meeting(1, "Ann", "z")]]
    assert change.plan.rounds[2].sitting_out == ("x", "y")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"completed_rounds": 4}, "completed_rounds must be between 0"),
        ({"completed_rounds": 1, "arrived": ["w"]}, "say which group 'w' joins"),
        (
            {"completed_rounds": 1, "arrived": ["w"], "group_of": {"w": "third"}},
            "must be 'first' or 'second'",
        ),
        ({"completed_rounds": 1, "arrived": ["x"]}, "already here"),
        ({"completed_rounds": 1, "left": ["nobody"]}, "not here"),
        ({"completed_rounds": 1, "left": ["x", "x"]}, "left lists someone more than once"),
    ],
)
def test_changes_that_make_no_sense_are_refused_with_a_reason(kwargs, message):
    plan = plan_rotation(["Ann", "Bo"], ["x", "y", "z"])
    with pytest.raises(ValueError, match=message):
        replan(plan, **kwargs)


def test_a_replan_cannot_undo_rounds_fixed_by_an_earlier_one():
    plan = replan(plan_rotation(["Ann", "Bo"], ["x", "y", "z"]), completed_rounds=2, left=["z"]).plan
    with pytest.raises(ValueError, match="between 2"):
        replan(plan, completed_rounds=1, left=["y"])


def test_someone_who_returns_cannot_change_group():
    plan = replan(plan_rotation(["Ann", "Bo"], ["x", "y", "z"]), completed_rounds=1, left=["z"]).plan
    with pytest.raises(ValueError, match="was in the second group"):
        replan(plan, completed_rounds=1, arrived=["z"], group_of={"z": "first"})
