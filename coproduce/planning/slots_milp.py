"""Assign Open Space sessions to slots by mixed-integer programming (scipy's ``milp``, i.e. HiGHS).

Variables: x[s, p] = 1 when session s runs in slot p; y[s, t] ≥ x[s, p] + x[t, p] − 1 for every slot p,
so y[s, t] is 1 exactly when s and t share a slot (it is minimised with a positive weight, so never
higher than it must be). Only pairs that somebody wants both of get a y, which keeps the model small.
The objective is the clash count Σ weight[s, t]·y[s, t].

Constraints: one slot per session; no more sessions in a slot than rooms; a convener's sessions in
different slots. Two families make the solver's bound stronger without changing the optimum: a person who
wants q > P sessions clashes at least ``forced_pairs(q, P)`` times (a cut on their y's), and since the
slots are interchangeable the k-th most popular session may only use the first k slots (symmetry breaking).

Room sizes enter softly: for each room size, the sessions too popular for it should not outnumber the
larger rooms in any slot. Slack there costs a small ε, with ε·(largest possible slack) ≤ ½, so it only
breaks ties between schedules with the same clashes; the clash bound is the solver's bound less that ½,
rounded up (clashes are whole numbers).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from coproduce.planning.slots import SlotAssignment, SlotProblem, forced_pairs

_TIE_BREAK_SHARE = 0.5  # the most the room-size penalty can add to the objective, in clashes


@dataclass(frozen=True)
class MilpSlotAssigner:
    time_limit: float = 10.0  # seconds; the best schedule found by then is returned with its bound

    def assign(self, problem: SlotProblem) -> SlotAssignment:
        model = _Model(problem)
        result = milp(
            model.objective,
            integrality=model.integrality,
            bounds=Bounds(model.lower, model.upper),
            constraints=model.constraints(),
            options={"time_limit": self.time_limit, "mip_rel_gap": 0.0},
        )
        bound = _clash_bound(result.get("mip_dual_bound"), model.tie_break_room)
        if result.x is None:
            return SlotAssignment((), bound, f"no schedule found: {result.message}")
        slot_of = tuple(
            int(p) for p in np.argmax(result.x[: model.n_x].reshape(problem.n_sessions, -1), axis=1)
        )
        return SlotAssignment(slot_of, bound, str(result.message))


def _clash_bound(dual_bound: float | None, tie_break_room: float) -> int:
    if dual_bound is None or not math.isfinite(dual_bound):
        return 0
    # 1e-6 absorbs the solver's tolerances so that a bound of 2.9999999 still proves 3
    return max(0, math.ceil(dual_bound - tie_break_room - 1e-6))


class _Model:
    """Columns: x (sessions × slots, row-major), then y (one per co-wanted pair), then capacity slack."""

    def __init__(self, problem: SlotProblem) -> None:
        self.problem = problem
        n, slots = problem.n_sessions, problem.n_slots
        self.n_x = n * slots
        self.pairs = sorted(problem.weights)
        self.n_y = len(self.pairs)
        self.levels = problem.capacity_levels
        self.n_u = len(self.levels) * slots
        most_slack = sum(len(level.sessions) for level in self.levels) * slots
        epsilon = _TIE_BREAK_SHARE / most_slack if most_slack else 0.0
        self.tie_break_room = _TIE_BREAK_SHARE if most_slack else 0.0
        self.objective = np.concatenate(
            [np.zeros(self.n_x), [problem.weights[pair] for pair in self.pairs], np.full(self.n_u, epsilon)]
        )
        size = self.n_x + self.n_y + self.n_u
        self.integrality = np.concatenate([np.ones(self.n_x), np.zeros(self.n_y + self.n_u)])
        self.lower = np.zeros(size)
        self.upper = np.concatenate([np.ones(self.n_x + self.n_y), np.full(self.n_u, np.inf)])
        interest = problem.interest()
        for rank, s in enumerate(sorted(range(n), key=lambda s: (-interest[s], s))):
            self.upper[s * slots + rank + 1 : (s + 1) * slots] = 0  # symmetry breaking

    def x(self, s: int, p: int) -> int:
        return s * self.problem.n_slots + p

    def constraints(self) -> list[LinearConstraint]:
        problem, slots = self.problem, self.problem.n_slots
        rows: list[dict[int, float]] = []
        lower: list[float] = []
        upper: list[float] = []

        def add(row: dict[int, float], lo: float, hi: float) -> None:
            rows.append(row)
            lower.append(lo)
            upper.append(hi)

        for s in range(problem.n_sessions):
            add({self.x(s, p): 1.0 for p in range(slots)}, 1, 1)
        for p in range(slots):
            add({self.x(s, p): 1.0 for s in range(problem.n_sessions)}, 0, problem.n_rooms)
            for group in problem.conveners:
                add({self.x(s, p): 1.0 for s in group}, 0, 1)
        column_of_pair = {pair: self.n_x + k for k, pair in enumerate(self.pairs)}
        for (s, t), column in column_of_pair.items():
            for p in range(slots):
                add({self.x(s, p): 1.0, self.x(t, p): 1.0, column: -1.0}, -np.inf, 1)
        for sessions in sorted(set(problem.wanted)):
            need = forced_pairs(len(sessions), slots)
            if need:
                pairs = [(s, t) for i, s in enumerate(sessions) for t in sessions[i + 1 :]]
                add({column_of_pair[pair]: 1.0 for pair in pairs}, need, np.inf)
        for k, level in enumerate(self.levels):
            for p in range(slots):
                row = {self.x(s, p): 1.0 for s in level.sessions}
                row[self.n_x + self.n_y + k * slots + p] = -1.0
                add(row, -np.inf, level.rooms)
        return [LinearConstraint(_sparse(rows, self.n_x + self.n_y + self.n_u), lower, upper)]


def _sparse(rows: list[dict[int, float]], n_columns: int) -> coo_array:
    row_index = [r for r, row in enumerate(rows) for _ in row]
    column_index = [c for row in rows for c in row]
    values = [v for row in rows for v in row.values()]
    return coo_array((values, (row_index, column_index)), shape=(len(rows), n_columns))
