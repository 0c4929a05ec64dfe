"""Open Space scheduling: put the sessions pitched at the marketplace into rooms and time slots.

People vote for the sessions they want to join; two wanted sessions at the same time is a clash. The
schedule minimises clashes (summed over people, i.e. over pairs of sessions sharing a slot, the number of
people wanting both) subject to: no room holds two sessions in a slot, no convener runs two sessions at
once. It says how good it is: the clashes, the best lower bound proved (by the solver, or by pigeonhole
without one), whether that makes it optimal, and the clashes of the naive schedule it replaces.

Two steps (see :mod:`~coproduce.planning.slots`): sessions to slots, then, within each slot, the most
wanted session to the largest room. Rooms differ only in size, so the second step loses nothing, and it
is what keeps the model small (no room variables, no symmetric copies of rooms). Room size is SOFT: a
schedule never fails because a session is more popular than the rooms allow. It is a tie-breaker in the
slot step (among schedules with the fewest clashes, prefer ones where each slot's sessions fit its rooms)
and the room step seats as many people as possible; whoever is left standing is reported in
``Schedule.overflow``. A room without a capacity is taken to be big enough for anything.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass

from coproduce.planning.slots import (
    CapacityLevel,
    FirstFitSlotAssigner,
    SlotAssigner,
    SlotProblem,
    cheap_lower_bound,
)
from coproduce.planning.slots_milp import MilpSlotAssigner

SessionId = Hashable
RoomId = Hashable
Slot = Hashable
Participant = Hashable


@dataclass(frozen=True)
class Session:
    id: SessionId
    convener: Participant


@dataclass(frozen=True)
class Room:
    id: RoomId
    capacity: int | None = None  # seats; None when unknown or unlimited


@dataclass(frozen=True)
class Placement:
    session: SessionId
    room: RoomId
    slot: Slot


@dataclass(frozen=True)
class Schedule:
    placements: tuple[Placement, ...]  # in slot order, then largest room first
    clashes: int  # over people: pairs of sessions they want that run at the same time
    lower_bound: int  # max(solver_bound, cheap_bound): no schedule has fewer clashes
    solver_bound: int  # what the solver proved (0 when it proved nothing)
    cheap_bound: int  # what pigeonhole proves without a solver
    proven_optimal: bool  # clashes == lower_bound
    naive_clashes: int  # the schedule made by hand: most popular session first, first free slot
    interest: Mapping[SessionId, int]  # how many people voted for each session
    overflow: Mapping[SessionId, int]  # people beyond the room's capacity, for sessions in too small a room
    status: str  # how the solver finished, in its words

    @property
    def gap(self) -> int:
        """Clashes the schedule might still have to spare; 0 when proven optimal."""
        return self.clashes - self.lower_bound

    def placement_of(self, session: SessionId) -> Placement:
        for placement in self.placements:
            if placement.session == session:
                return placement
        raise KeyError(f"no session {session!r} in this schedule")

    def sessions_in(self, slot: Slot) -> list[SessionId]:
        return [p.session for p in self.placements if p.slot == slot]


def schedule_open_space(
    sessions: Sequence[Session],
    rooms: Sequence[Room],
    slots: Sequence[Slot],
    interest: Mapping[Participant, Collection[SessionId]],
    *,
    time_limit: float = 10.0,
    assigner: SlotAssigner | None = None,
) -> Schedule:
    """The schedule with the fewest clashes the solver finds within ``time_limit`` seconds.

    Raises ValueError when there are more sessions than places (rooms × slots), when a convener has more
    sessions than there are slots, or on duplicate or unknown ids.
    """
    _check(sessions, rooms, slots, interest)
    if not sessions:
        return Schedule((), 0, 0, 0, 0, True, 0, {}, {}, "nothing to schedule")
    problem = slot_problem(sessions, rooms, slots, interest)
    counts = problem.interest()
    naive = FirstFitSlotAssigner().assign(problem)
    solved = (assigner or MilpSlotAssigner(time_limit=time_limit)).assign(problem)
    slot_of = solved.slot_of
    if not problem.is_feasible(slot_of) or problem.clashes(naive.slot_of) < problem.clashes(slot_of):
        slot_of = naive.slot_of  # a solver stopped early may have nothing better; never do worse than by hand
    clashes = problem.clashes(slot_of)
    cheap = cheap_lower_bound(problem)
    bound = max(solved.bound, cheap)
    placements, overflow = _rooms_within_slots(sessions, rooms, slots, slot_of, counts)
    return Schedule(
        placements=placements,
        clashes=clashes,
        lower_bound=bound,
        solver_bound=solved.bound,
        cheap_bound=cheap,
        proven_optimal=clashes == bound,
        naive_clashes=problem.clashes(naive.slot_of),
        interest={session.id: counts[i] for i, session in enumerate(sessions)},
        overflow=overflow,
        status=solved.status,
    )


def slot_problem(
    sessions: Sequence[Session],
    rooms: Sequence[Room],
    slots: Sequence[Slot],
    interest: Mapping[Participant, Collection[SessionId]],
) -> SlotProblem:
    """The numbered problem the slot stage solves; sessions are numbered in the order given."""
    index = {session.id: i for i, session in enumerate(sessions)}
    wanted = tuple(tuple(sorted({index[s] for s in chosen})) for chosen in interest.values())
    by_convener: dict[Participant, list[int]] = {}
    for i, session in enumerate(sessions):
        by_convener.setdefault(session.convener, []).append(i)
    conveners = tuple(tuple(group) for group in by_convener.values() if len(group) > 1)
    counts = [0] * len(sessions)
    for chosen in wanted:
        for s in chosen:
            counts[s] += 1
    return SlotProblem(
        n_sessions=len(sessions),
        n_slots=len(slots),
        n_rooms=len(rooms),
        wanted=wanted,
        conveners=conveners,
        capacity_levels=capacity_levels(rooms, counts),
    )


def capacity_levels(rooms: Sequence[Room], interest: Sequence[int]) -> tuple[CapacityLevel, ...]:
    """For each room size c: the sessions that need more than c seats may fill only the rooms bigger than c.

    A session wanted by more people than the largest room holds needs only the largest room: it cannot do
    better, so it should not crowd others out of it. These are the only counts that matter: a slot's
    sessions fit its rooms exactly when every level holds (largest session to largest room then works).
    """
    sizes = [_seats(room) for room in rooms]
    largest = max(sizes, default=0.0)
    levels = []
    for size in sorted(set(sizes)):
        if size >= largest:
            continue
        needing_more = tuple(s for s, count in enumerate(interest) if min(count, largest) > size)
        bigger = sum(1 for other in sizes if other > size)
        if len(needing_more) > bigger:
            levels.append(CapacityLevel(needing_more, bigger))
    return tuple(levels)


def _rooms_within_slots(
    sessions: Sequence[Session],
    rooms: Sequence[Room],
    slots: Sequence[Slot],
    slot_of: Sequence[int],
    counts: Sequence[int],
) -> tuple[tuple[Placement, ...], dict[SessionId, int]]:
    """Most wanted session to the largest room, slot by slot.

    Pairing sorted with sorted minimises the people left standing (Σ max(0, interest − seats) is a convex
    function of the difference, for which the sorted pairing is optimal), and seats everyone whenever any
    pairing does.
    """
    by_size = sorted(range(len(rooms)), key=lambda r: -_seats(rooms[r]))  # stable: ties keep the given order
    placements: list[Placement] = []
    overflow: dict[SessionId, int] = {}
    for p, slot in enumerate(slots):
        here = sorted((s for s in range(len(sessions)) if slot_of[s] == p), key=lambda s: -counts[s])
        for s, r in zip(here, by_size, strict=False):
            room = rooms[r]
            placements.append(Placement(sessions[s].id, room.id, slot))
            if room.capacity is not None and counts[s] > room.capacity:
                overflow[sessions[s].id] = counts[s] - room.capacity
    return tuple(placements), overflow


def _seats(room: Room) -> float:
    return float("inf") if room.capacity is None else float(room.capacity)


def _check(
    sessions: Sequence[Session],
    rooms: Sequence[Room],
    slots: Sequence[Slot],
    interest: Mapping[Participant, Collection[SessionId]],
) -> None:
    for name, ids in (
        ("session", [s.id for s in sessions]),
        ("room", [r.id for r in rooms]),
        ("slot", list(slots)),
    ):
        repeated = sorted({repr(i) for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(
                f"each {name} must appear once, but these appear more than once: {', '.join(repeated)}"
            )
    if sessions and (not rooms or not slots):
        raise ValueError("there are sessions to schedule but no rooms or no time slots")
    places = len(rooms) * len(slots)
    if len(sessions) > places:
        raise ValueError(
            f"{len(sessions)} sessions cannot fit into {places} places "
            f"({len(rooms)} rooms × {len(slots)} slots): add a room or a slot, or merge sessions"
        )
    negative = [repr(r.id) for r in rooms if r.capacity is not None and r.capacity < 0]
    if negative:
        raise ValueError(f"a room's capacity cannot be negative: {', '.join(negative)}")
    by_convener: dict[Participant, int] = {}
    for session in sessions:
        by_convener[session.convener] = by_convener.get(session.convener, 0) + 1
    busy = [f"{convener!r} ({count})" for convener, count in by_convener.items() if count > len(slots)]
    if busy:
        raise ValueError(
            f"a convener cannot run two sessions at once, and there are only {len(slots)} slots; "
            f"too many sessions for: {', '.join(busy)}"
        )
    known = {s.id for s in sessions}
    unknown = sorted({repr(s) for chosen in interest.values() for s in chosen if s not in known})
    if unknown:
        raise ValueError(f"votes for sessions that are not on the list: {', '.join(unknown)}")
