import itertools
import random
from collections import Counter

import pytest

from coproduce.planning import Room, Schedule, Session, schedule_open_space
from coproduce.planning.open_space import slot_problem
from coproduce.planning.slots import FirstFitSlotAssigner


def clashes_by_person(schedule: Schedule, interest: dict) -> int:
    """Counted from scratch: for each person, the pairs of their sessions that share a slot."""
    slot_of = {p.session: p.slot for p in schedule.placements}
    total = 0
    for wanted in interest.values():
        for count in Counter(slot_of[s] for s in set(wanted)).values():
            total += count * (count - 1) // 2
    return total


def assert_valid(
    schedule: Schedule, sessions: list[Session], rooms: list[Room], slots: list, interest: dict
) -> None:
    assert sorted(p.session for p in schedule.placements) == sorted(s.id for s in sessions)
    assert all(p.room in {r.id for r in rooms} and p.slot in slots for p in schedule.placements)
    booked = Counter((p.room, p.slot) for p in schedule.placements)
    assert max(booked.values(), default=1) == 1  # no room holds two sessions at once
    convener = {s.id: s.convener for s in sessions}
    running = Counter((convener[p.session], p.slot) for p in schedule.placements)
    assert max(running.values(), default=1) == 1  # nobody convenes two sessions at once
    assert schedule.clashes == clashes_by_person(schedule, interest)
    assert schedule.lower_bound == max(schedule.solver_bound, schedule.cheap_bound) <= schedule.clashes
    assert schedule.clashes <= schedule.naive_clashes
    assert schedule.proven_optimal == (schedule.clashes == schedule.lower_bound)


def random_instance(rng: random.Random, n_sessions: int, n_rooms: int, n_slots: int, n_people: int):
    conveners = [f"c{k}" for k in range(max(1, n_sessions // 2))]
    sessions = [Session(f"s{i}", rng.choice(conveners)) for i in range(n_sessions)]
    # keep every convener within the slots, as validation requires
    per_convener = Counter(s.convener for s in sessions)
    sessions = [
        s if per_convener[s.convener] <= n_slots else Session(s.id, f"solo{i}")
        for i, s in enumerate(sessions)
    ]
    rooms = [Room(f"r{j}", rng.choice([None, 8, 12, 20])) for j in range(n_rooms)]
    slots = [f"t{k}" for k in range(n_slots)]
    popularity = [rng.random() ** 2 + 0.05 for _ in sessions]
    interest = {
        f"p{i}": set(rng.choices([s.id for s in sessions], weights=popularity, k=rng.randint(1, 6)))
        for i in range(n_people)
    }
    return sessions, rooms, slots, interest


def brute_force_optimum(sessions, rooms, slots, interest) -> int:
    problem = slot_problem(sessions, rooms, slots, interest)
    return min(
        problem.clashes(slot_of)
        for slot_of in itertools.product(range(len(slots)), repeat=len(sessions))
        if problem.is_feasible(slot_of)
    )


def test_random_schedules_never_double_book_and_report_their_clashes_truthfully():
    rng = random.Random(11)
    for _ in range(30):
        n_rooms, n_slots = rng.randint(1, 4), rng.randint(1, 4)
        instance = random_instance(
            rng, rng.randint(1, n_rooms * n_slots), n_rooms, n_slots, rng.randint(0, 25)
        )
        assert_valid(schedule_open_space(*instance, time_limit=2), *instance)


def test_small_random_schedules_are_optimal_and_proven_so():
    rng = random.Random(5)
    for _ in range(12):
        n_rooms, n_slots = rng.randint(1, 3), rng.randint(2, 3)
        instance = random_instance(rng, rng.randint(2, min(7, n_rooms * n_slots)), n_rooms, n_slots, 15)
        schedule = schedule_open_space(*instance, time_limit=5)
        assert_valid(schedule, *instance)
        optimum = brute_force_optimum(*instance)
        assert schedule.clashes == optimum
        assert schedule.proven_optimal
        assert schedule.cheap_bound <= optimum


def four_sessions(interest: dict) -> tuple:
    sessions = [Session(s, f"convener {s}") for s in "ABCD"]
    return sessions, [Room("hall"), Room("library")], ["10:00", "11:00"], interest


def test_sessions_nobody_wants_together_are_kept_apart():
    instance = four_sessions({"Pat": {"A", "B"}, "Sam": {"C", "D"}, "Kim": {"A", "D"}})
    schedule = schedule_open_space(*instance)
    assert_valid(schedule, *instance)
    assert schedule.clashes == 0 and schedule.proven_optimal
    assert {frozenset(schedule.sessions_in(slot)) for slot in ["10:00", "11:00"]} == {
        frozenset("AC"),
        frozenset("BD"),
    }


def test_when_one_clash_is_unavoidable_it_is_the_best_found_and_proven():
    # Four sessions in two slots of two rooms: two pairs share a slot. Every pairing but {A, B} + {C, D}
    # costs two; that one costs one (only Pat wants both A and B).
    interest = {"Pat": {"A", "B"}, "Sam": {"A", "C"}, "Kim": {"B", "D"}, "Lee": {"A", "D"}, "Jo": {"B", "C"}}
    instance = four_sessions(interest)
    schedule = schedule_open_space(*instance)
    assert_valid(schedule, *instance)
    assert schedule.clashes == 1 and schedule.lower_bound == 1 and schedule.proven_optimal
    assert (
        schedule.cheap_bound == 1
    )  # pigeonhole alone proves it: two pairs must share, the cheapest cost 0 + 1
    assert schedule.placement_of("A").slot == schedule.placement_of("B").slot


def test_a_convener_never_runs_two_sessions_at_once_even_when_it_costs_clashes():
    sessions = [Session("A", "Ola"), Session("B", "Ola"), Session("C", "Ben"), Session("D", "Ben")]
    interest = {"Pat": {"A", "C"}, "Sam": {"B", "D"}}  # A with B and C with D would be free of clashes
    schedule = schedule_open_space(sessions, [Room("hall"), Room("library")], ["10:00", "11:00"], interest)
    assert_valid(schedule, sessions, [Room("hall"), Room("library")], ["10:00", "11:00"], interest)
    assert schedule.placement_of("A").slot != schedule.placement_of("B").slot
    assert schedule.clashes == 0  # A with D and B with C: Ola and Ben can both run theirs, still no clash


def test_popular_sessions_get_the_big_room_when_the_clashes_allow_it():
    sessions = [Session(s, f"convener {s}") for s in ["big", "bigger", "small", "smaller"]]
    counts = {"big": 20, "bigger": 25, "small": 5, "smaller": 4}
    interest = {f"{s}-{i}": {s} for s, n in counts.items() for i in range(n)}  # nobody wants two: no clashes
    rooms = [Room("hall", 30), Room("library", 10)]
    schedule = schedule_open_space(sessions, rooms, ["10:00", "11:00"], interest)
    assert_valid(schedule, sessions, rooms, ["10:00", "11:00"], interest)
    assert schedule.placement_of("big").room == schedule.placement_of("bigger").room == "hall"
    assert schedule.overflow == {}
    assert schedule.interest == counts


def test_when_rooms_are_too_small_the_schedule_still_comes_with_the_people_left_standing():
    sessions = [Session(s, f"convener {s}") for s in ["a", "b", "c"]]
    counts = {"a": 25, "b": 20, "c": 18}
    interest = {f"{s}-{i}": {s} for s, n in counts.items() for i in range(n)}
    rooms = [Room("hall", 30), Room("library", 10)]
    schedule = schedule_open_space(sessions, rooms, ["10:00", "11:00"], interest)
    # two of the three share a slot and one of those gets the library: the smaller one, to seat the most
    assert list(schedule.overflow.values()) in ([10], [8])
    (crowded,) = schedule.overflow
    assert schedule.placement_of(crowded).room == "library"


def test_a_swapped_in_slot_assigner_is_used_and_the_bound_still_holds():
    instance = four_sessions({"Pat": {"A", "B"}, "Sam": {"A", "B"}, "Kim": {"C", "D"}})
    schedule = schedule_open_space(*instance, assigner=FirstFitSlotAssigner())
    assert_valid(schedule, *instance)
    assert schedule.solver_bound == 0
    assert schedule.clashes == schedule.naive_clashes == 3  # A and B, then C and D, in the first slot


def test_nothing_to_schedule_is_an_empty_schedule():
    schedule = schedule_open_space([], [Room("hall")], ["10:00"], {})
    assert schedule.placements == () and schedule.clashes == 0 and schedule.proven_optimal


@pytest.mark.parametrize(
    ("n_sessions", "conveners", "votes", "message"),
    [
        (5, None, {}, r"5 sessions cannot fit into 4 places \(2 rooms × 2 slots\)"),
        (3, ["Ola", "Ola", "Ola"], {}, r"too many sessions for: 'Ola' \(3\)"),
        (2, None, {"Pat": {"s0", "nope"}}, "votes for sessions that are not on the list: 'nope'"),
        (2, ["Ola", "Ola"], {}, None),
    ],
)
def test_impossible_requests_are_refused_with_a_reason(n_sessions, conveners, votes, message):
    conveners = conveners or [f"c{i}" for i in range(n_sessions)]
    sessions = [Session(f"s{i}", conveners[i]) for i in range(n_sessions)]
    rooms, slots = [Room("hall"), Room("library")], ["10:00", "11:00"]
    if message is None:
        assert_valid(schedule_open_space(sessions, rooms, slots, votes), sessions, rooms, slots, votes)
        return
    with pytest.raises(ValueError, match=message):
        schedule_open_space(sessions, rooms, slots, votes)


@pytest.mark.parametrize(
    ("sessions", "rooms", "slots", "message"),
    [
        (
            [Session("a", "x"), Session("a", "y")],
            [Room("hall")],
            ["10:00", "11:00"],
            "each session must appear once",
        ),
        ([Session("a", "x")], [Room("hall"), Room("hall")], ["10:00"], "each room must appear once"),
        ([Session("a", "x")], [Room("hall")], ["10:00", "10:00"], "each slot must appear once"),
        ([Session("a", "x")], [], ["10:00"], "no rooms or no time slots"),
        ([Session("a", "x")], [Room("hall", -1)], ["10:00"], "capacity cannot be negative"),
    ],
)
def test_malformed_input_is_refused_with_a_reason(sessions, rooms, slots, message):
    with pytest.raises(ValueError, match=message):
        schedule_open_space(sessions, rooms, slots, {})


@pytest.mark.slow
def test_a_full_marketplace_is_scheduled_within_the_time_limit_and_reports_its_gap():
    rng = random.Random(1)
    sessions, rooms, slots, interest = random_instance(rng, 30, 5, 6, 80)
    schedule = schedule_open_space(sessions, rooms, slots, interest, time_limit=3)
    assert_valid(schedule, sessions, rooms, slots, interest)
    assert schedule.clashes < schedule.naive_clashes
    assert schedule.gap == schedule.clashes - schedule.lower_bound >= 0
    assert schedule.proven_optimal == (schedule.gap == 0)
    assert schedule.status
