"""The slot stage of Open Space scheduling: which sessions run at the same time.

Sessions in one slot clash for everyone who wants two of them, so the stage minimises clashes: the sum,
over pairs of sessions sharing a slot, of the number of people who voted for both. It works on numbered
sessions (:class:`SlotProblem`); :mod:`~coproduce.planning.open_space` translates ids and puts the
sessions of each slot into rooms afterwards. Slots are interchangeable here (every slot has the same
rooms), which is what lets rooms wait until after: a slot's sessions fit its rooms whenever there are no
more of them than rooms and, for each room size, no more sessions too big for it than larger rooms.

Assigners are swappable (:class:`SlotAssigner`): :class:`FirstFitSlotAssigner` is the naive schedule a
facilitator would make by hand, the MILP one (:mod:`~coproduce.planning.slots_milp`) the real one.
:func:`cheap_lower_bound` is a bound any schedule must meet, computed without a solver.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np


@dataclass(frozen=True)
class CapacityLevel:
    """At most ``rooms`` of ``sessions`` fit one slot: they need more seats than the rest of the rooms have."""

    sessions: tuple[int, ...]
    rooms: int


@dataclass(frozen=True)
class SlotProblem:
    n_sessions: int
    n_slots: int
    n_rooms: int
    wanted: tuple[tuple[int, ...], ...]  # per participant, the sessions they voted for (sorted, distinct)
    conveners: tuple[
        tuple[int, ...], ...
    ]  # sessions that share a convener, for each convener with two or more
    capacity_levels: tuple[CapacityLevel, ...] = ()
    weights: dict[tuple[int, int], int] = field(init=False)  # (s, t) with s < t -> people wanting both

    def __post_init__(self) -> None:
        weights: dict[tuple[int, int], int] = {}
        for sessions in self.wanted:
            for i, s in enumerate(sessions):
                for t in sessions[i + 1 :]:
                    weights[(s, t)] = weights.get((s, t), 0) + 1
        object.__setattr__(self, "weights", weights)

    def clashes(self, slot_of: Sequence[int]) -> int:
        return sum(w for (s, t), w in self.weights.items() if slot_of[s] == slot_of[t])

    def interest(self) -> list[int]:
        """How many people voted for each session."""
        counts = [0] * self.n_sessions
        for sessions in self.wanted:
            for s in sessions:
                counts[s] += 1
        return counts

    def is_feasible(self, slot_of: Sequence[int]) -> bool:
        """Every session in a slot that exists, no slot over its rooms, no convener twice in one slot."""
        if len(slot_of) != self.n_sessions or any(not 0 <= p < self.n_slots for p in slot_of):
            return False
        if any(count > self.n_rooms for count in np.bincount(slot_of, minlength=self.n_slots)):
            return False
        return all(len({slot_of[s] for s in group}) == len(group) for group in self.conveners)


@dataclass(frozen=True)
class SlotAssignment:
    slot_of: tuple[int, ...]  # per session
    bound: int  # a lower bound on clashes that this assigner proved (0 when it proves nothing)
    status: str  # in words, how the assigner finished


class SlotAssigner(Protocol):
    def assign(self, problem: SlotProblem) -> SlotAssignment: ...


class FirstFitSlotAssigner:
    """The schedule made by hand: most popular session first, each into the first slot with room for it.

    It puts popular sessions together, which is the clash a scheduler is for; it is kept as the
    comparison and as a fallback. When first fit paints itself into a corner (a convener's last session
    with only their own slots left), it deals sessions round-robin grouped by convener, which always fits.
    """

    def assign(self, problem: SlotProblem) -> SlotAssignment:
        interest = problem.interest()
        order = sorted(range(problem.n_sessions), key=lambda s: (-interest[s], s))
        convener_of = {s: c for c, group in enumerate(problem.conveners) for s in group}
        used = [0] * problem.n_slots
        conveners_in: list[set[int]] = [set() for _ in range(problem.n_slots)]
        slot_of = [-1] * problem.n_sessions
        for s in order:
            convener = convener_of.get(s)
            for p in range(problem.n_slots):
                if used[p] < problem.n_rooms and (convener is None or convener not in conveners_in[p]):
                    slot_of[s] = p
                    used[p] += 1
                    if convener is not None:
                        conveners_in[p].add(convener)
                    break
            else:
                return SlotAssignment(round_robin(problem), 0, "first fit got stuck; dealt round-robin")
        return SlotAssignment(tuple(slot_of), 0, "first fit, most popular first")


def round_robin(problem: SlotProblem) -> tuple[int, ...]:
    """Sessions dealt to slots in turn, each convener's sessions consecutively: always feasible.

    A convener's sessions (no more than the slots) land in different slots, and no slot gets more than
    ⌈sessions / slots⌉ ≤ rooms.
    """
    grouped = [s for group in problem.conveners for s in group]
    seen = set(grouped)
    order = grouped + [s for s in range(problem.n_sessions) if s not in seen]
    slot_of = [0] * problem.n_sessions
    for k, s in enumerate(order):
        slot_of[s] = k % problem.n_slots
    return tuple(slot_of)


def forced_pairs(k: int, n_slots: int) -> int:
    """The fewest pairs that share a slot when k sessions go into n_slots: spread them as evenly as possible."""
    size, extra = divmod(k, n_slots)
    return extra * (size + 1) * size // 2 + (n_slots - extra) * size * (size - 1) // 2


def cheap_lower_bound(problem: SlotProblem) -> int:
    """A bound on clashes every schedule meets, by pigeonhole, without a solver.

    Two arguments, the larger wins: (1) a person who wants q sessions spread over P slots has at least
    ``forced_pairs(q, P)`` clashes, whatever else happens; (2) for any set K of sessions, at least
    ``forced_pairs(|K|, P)`` pairs within K share a slot, so the clashes are at least the sum of that many
    smallest co-interest weights in K (K is grown greedily from the most wanted sessions).
    """
    per_person = sum(forced_pairs(len(sessions), problem.n_slots) for sessions in problem.wanted)
    return max(per_person, _subset_bound(problem))


def _subset_bound(problem: SlotProblem, starts: int = 10) -> int:
    n, slots = problem.n_sessions, problem.n_slots
    if n <= slots:
        return 0
    weight = np.zeros((n, n), dtype=np.int64)
    for (s, t), w in problem.weights.items():
        weight[s, t] = weight[t, s] = w
    best = 0
    for start in np.argsort(-weight.sum(axis=1), kind="stable")[:starts]:
        members = [int(start)]
        outside = np.ones(n, dtype=bool)
        outside[start] = False
        while outside.any():
            # add the session whose weakest tie to the set is strongest, to keep every pair costly
            candidates = np.flatnonzero(outside)
            weakest = weight[candidates][:, members].min(axis=1)
            chosen = int(candidates[np.argmax(weakest)])
            members.append(chosen)
            outside[chosen] = False
            forced = forced_pairs(len(members), slots)
            if forced:
                inner = weight[members][:, members][np.triu_indices(len(members), 1)]
                best = max(best, int(np.sort(inner)[:forced].sum()))
    return best
