import gc

import numpy as np
import pytest

from coproduce.planning import Meeting, RotationPlan, plan_rotation
from coproduce.planning.rotation import CardLine


def assert_valid_rotation(plan: RotationPlan, first: range, second: range) -> None:
    """Checks for plans whose people are the ints of two disjoint ranges; in numpy, as there are millions."""
    meetings = [m for round_ in plan.rounds for m in round_.meetings]
    tables, firsts, seconds = (
        np.fromiter(column, np.int64, len(meetings)) for column in zip(*meetings, strict=True)
    )
    round_of = np.repeat(np.arange(len(plan.rounds)), [len(r.meetings) for r in plan.rounds])
    assert first.start <= firsts.min() and firsts.max() < first.stop
    assert second.start <= seconds.min() and seconds.max() < second.stop
    pair = (firsts - first.start) * len(second) + (seconds - second.start)
    assert (
        np.bincount(pair, minlength=len(first) * len(second)) == 1
    ).all()  # every cross pair, exactly once
    span = max(first.stop, second.stop)
    for column in (firsts, seconds, tables):  # nobody at two tables, no table with two meetings, per round
        assert np.bincount(round_of * span + column).max() == 1
    sitting_out = sum(len(r.sitting_out) for r in plan.rounds)
    assert 2 * len(meetings) + sitting_out == len(plan.rounds) * (len(first) + len(second))


@pytest.fixture
def _no_cyclic_gc():
    # Millions of short-lived tuples set off the cycle collector over and over; there are no cycles here,
    # and with it the sweep below takes three times as long.
    gc.disable()
    yield
    gc.enable()


@pytest.mark.usefixtures("_no_cyclic_gc")
@pytest.mark.slow
def test_every_pair_meets_once_in_the_fewest_rounds_for_all_sizes_up_to_40_by_60():
    for a in range(2, 41):
        for b in range(2, 61):
            first, second = range(a), range(100, 100 + b)
            for x, y in ((first, second), (second, first)):
                plan = plan_rotation(x, y)
                assert len(plan.rounds) == max(
                    a, b
                )  # the bound: someone in the smaller group meets max(a, b)
                assert_valid_rotation(plan, x, y)


def test_two_managers_and_three_providers_rotate_like_this():
    plan = plan_rotation(["Ann", "Bo"], ["x", "y", "z"])
    assert [(r.number, list(r.meetings), r.sitting_out) for r in plan.rounds] == [
        (1, [Meeting(1, "Ann", "x"), Meeting(2, "Bo", "y")], ("z",)),
        (2, [Meeting(1, "Ann", "y"), Meeting(2, "Bo", "z")], ("x",)),
        (3, [Meeting(1, "Ann", "z"), Meeting(2, "Bo", "x")], ("y",)),
    ]
    assert plan.staying == "first"
    assert plan.tables == {"Ann": 1, "Bo": 2}


def test_the_smaller_group_stays_even_when_it_is_given_second():
    plan = plan_rotation(["x", "y", "z"], ["Ann", "Bo"])
    assert plan.staying == "second"
    assert list(plan.rounds[0].meetings) == [Meeting(1, "x", "Ann"), Meeting(2, "y", "Bo")]
    assert {m.second: m.table for r in plan.rounds for m in r.meetings} == {"Ann": 1, "Bo": 2}


def test_a_card_says_where_to_sit_and_whom_to_meet_each_round():
    plan = plan_rotation(["Ann", "Bo"], ["x", "y", "z"])
    assert plan.card("Ann") == [CardLine(1, 1, "x"), CardLine(2, 1, "y"), CardLine(3, 1, "z")]
    assert plan.card("z") == [CardLine(1, None, None), CardLine(2, 2, "Bo"), CardLine(3, 1, "Ann")]
    assert plan.instructions("Ann") == [
        "Round 1: go to table 1 and meet x",
        "Round 2: stay at table 1 and meet y",
        "Round 3: stay at table 1 and meet z",
    ]
    assert plan.instructions("z", name=str.upper) == [
        "Round 1: sit this round out",
        "Round 2: go to table 2 and meet BO",
        "Round 3: move to table 1 and meet ANN",
    ]


def test_a_card_for_a_stranger_is_an_error():
    with pytest.raises(KeyError, match="neither group"):
        plan_rotation(["Ann"], ["x"]).card("nobody")


def test_one_person_in_each_group_meets_in_one_round():
    plan = plan_rotation(["Ann"], ["x"])
    assert [list(r.meetings) for r in plan.rounds] == [[Meeting(1, "Ann", "x")]]


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ([], ["x"], "the first group is empty"),
        (["Ann"], [], "the second group is empty"),
        (["Ann", "Bo", "Ann"], ["x"], "the first group lists someone more than once: 'Ann'"),
        (["Ann"], ["x", "x"], "the second group lists someone more than once: 'x'"),
        (["Ann", "x"], ["x", "y"], "these are in both: 'x'"),
    ],
)
def test_groups_that_cannot_rotate_are_refused_with_a_reason(first, second, message):
    with pytest.raises(ValueError, match=message):
        plan_rotation(first, second)
