"""Speed-dating rotations: every person of one group meets every person of the other exactly once.

At a commissioning workshop the voluntary-sector providers and the children's-centre managers (say) meet
in short one-to-one conversations. With groups of sizes m ≤ n, a person of the smaller group has n people
to meet and can meet only one per round, so no plan has fewer than n rounds; :func:`plan_rotation` always
takes exactly n. It is a cyclic Latin rectangle: table i holds the i-th person of the smaller group, who
stays all session, while the larger group moves one table along each round (and, when the groups differ
in size, n − m of them sit a round out).

People arrive late and leave early. :func:`replan` keeps the rounds already held, drops leavers from the
rest (their meetings not yet held are reported as missed), and plans the pairs still unmet among the
people present in the fewest rounds possible (see :mod:`~coproduce.planning.edge_colouring`).
People are opaque hashable ids; the plan never needs to know who they are.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from coproduce.planning.edge_colouring import colour_bipartite_edges, max_degree

Person = Hashable
Side = Literal["first", "second"]
Pair = tuple[Person, Person]  # (first-group person, second-group person)


class Meeting(NamedTuple):
    # A NamedTuple rather than a dataclass: a large workshop has thousands of meetings and
    # tuples are several times cheaper to build and compare.
    table: int  # numbered from 1
    first: Person  # from the first group
    second: Person  # from the second group


@dataclass(frozen=True)
class Round:
    number: int  # numbered from 1
    meetings: tuple[Meeting, ...]  # in table order
    sitting_out: tuple[Person, ...]  # present this round but with nobody to meet


class CardLine(NamedTuple):
    round: int
    table: int | None  # None when sitting out
    partner: Person | None  # None when sitting out, or when a person who stays has nobody this round


@dataclass(frozen=True)
class RotationPlan:
    first: tuple[Person, ...]  # everyone ever in the first group, in the order given, late arrivals last
    second: tuple[Person, ...]
    staying: Side  # the group whose people keep one table all session
    tables: Mapping[Person, int]  # the table of each person in the staying group
    rounds: tuple[Round, ...]
    present: frozenset[Person]  # who is in the room after the last replan (everyone, before any)
    fixed_rounds: int = 0  # rounds already held when the plan was last rebuilt; a replan cannot undo them
    missed: tuple[Pair, ...] = ()  # planned meetings that did not happen because someone left

    def side_of(self, person: Person) -> Side:
        if person in self.first:
            return "first"
        if person in self.second:
            return "second"
        raise KeyError(f"{person!r} is in neither group")

    def card(self, person: Person) -> list[CardLine]:
        """One line per round the person is present for: where to sit and whom they meet."""
        side = self.side_of(person)
        lines: list[CardLine] = []
        for round_ in self.rounds:
            for meeting in round_.meetings:
                if person == (meeting.first if side == "first" else meeting.second):
                    partner = meeting.second if side == "first" else meeting.first
                    lines.append(CardLine(round_.number, meeting.table, partner))
                    break
            else:
                if person in round_.sitting_out:
                    # A person who stays keeps their table even with nobody to meet this round.
                    table = self.tables.get(person) if side == self.staying else None
                    lines.append(CardLine(round_.number, table, None))
        return lines

    def instructions(self, person: Person, *, name: Callable[[Person], str] = str) -> list[str]:
        """The card in words, for printing: "Round 2: move to table 5 and meet Sam"."""
        words: list[str] = []
        previous: int | None = None
        for line in self.card(person):
            if line.table is None:
                words.append(f"Round {line.round}: sit this round out")
            else:
                verb = "go to" if previous is None else "stay at" if line.table == previous else "move to"
                meet = f" and meet {name(line.partner)}" if line.partner is not None else " (nobody to meet)"
                words.append(f"Round {line.round}: {verb} table {line.table}{meet}")
            previous = line.table
        return words

    def meetings(self) -> list[tuple[int, Meeting]]:
        """Every meeting with its round number, in round then table order."""
        return [(round_.number, meeting) for round_ in self.rounds for meeting in round_.meetings]


@dataclass(frozen=True)
class Replan:
    plan: RotationPlan
    lower_bound: int  # fewest rounds that can hold the unmet pairs: the most any one present person has
    extra_rounds: int  # rounds planned after the completed ones; equals lower_bound
    missed: tuple[Pair, ...]  # meetings this change cancelled, because one of the two left
    kept_printed_cards: bool  # True when the rounds ahead were kept (only leavers, and no round saved)


def plan_rotation(first: Sequence[Person], second: Sequence[Person]) -> RotationPlan:
    """The cyclic rotation: max(len(first), len(second)) rounds, every cross pair meeting once.

    The smaller group stays (the first group when the two are the same size): its i-th person keeps
    table i + 1. In round r (from 0) the person at table i + 1 meets the ((i + r) mod n)-th person of the
    larger group, so each pair (i, j) meets in exactly one round, r = (j − i) mod n.
    """
    _check_groups(first, second)
    staying: Side = "first" if len(first) <= len(second) else "second"
    stayers, movers = (first, second) if staying == "first" else (second, first)
    m, n = len(stayers), len(movers)
    table_numbers = range(1, m + 1)
    rounds = []
    for r in range(n):
        rotated = (*movers[r:], *movers[:r])  # the mover at position i is at table i + 1 this round
        if staying == "first":
            meetings = tuple(map(Meeting, table_numbers, stayers, rotated))
        else:
            meetings = tuple(map(Meeting, table_numbers, rotated, stayers))
        rounds.append(Round(r + 1, meetings, rotated[m:]))
    return RotationPlan(
        first=tuple(first),
        second=tuple(second),
        staying=staying,
        tables={person: i + 1 for i, person in enumerate(stayers)},
        rounds=tuple(rounds),
        present=frozenset(first) | frozenset(second),
    )


def replan(
    plan: RotationPlan,
    *,
    completed_rounds: int,
    arrived: Collection[Person] = (),
    left: Collection[Person] = (),
    group_of: Mapping[Person, Side] | None = None,
) -> Replan:
    """Absorb late arrivals and early leavers after ``completed_rounds`` rounds have been held.

    The completed rounds are kept as they were. Leavers drop out of everything after them. Every pair of
    people present from now on who have not met yet is planned, and no pair that has met meets again.
    ``group_of`` says which group each newcomer belongs to (not needed for someone returning).
    When only people left and the rounds ahead, less the leavers' meetings, already take the fewest rounds
    possible, they are kept so the printed cards stay right; otherwise the rest is planned afresh.
    """
    group_of = group_of or {}
    arrived, left = list(arrived), list(left)
    _check_change(plan, completed_rounds, arrived, left, group_of)
    first, second = list(plan.first), list(plan.second)
    for person in arrived:
        if person not in plan.first and person not in plan.second:
            (first if group_of[person] == "first" else second).append(person)
    leavers = set(left)
    present = (plan.present - leavers) | set(arrived)

    held = plan.rounds[:completed_rounds]
    ahead = plan.rounds[completed_rounds:]
    met = {(m.first, m.second) for round_ in held for m in round_.meetings}
    missed = tuple(
        (m.first, m.second) for round_ in ahead for m in round_.meetings if {m.first, m.second} & leavers
    )
    unmet = [(a, b) for a in first if a in present for b in second if b in present and (a, b) not in met]
    bound = max_degree(_numbered(unmet))
    tables = _seat_newcomers(plan, arrived, present, first if plan.staying == "first" else second)

    order = {person: i for i, person in enumerate([*first, *second])}
    kept = _meetings_without(ahead, leavers) if not arrived else []
    keep_cards = not arrived and len(kept) == bound
    if not keep_cards:
        kept = _colour_meetings(unmet, plan.staying, tables)
    new_rounds = [_round(completed_rounds + i + 1, ms, present, order) for i, ms in enumerate(kept)]
    rounds = (*held, *new_rounds)
    new_plan = RotationPlan(
        first=tuple(first),
        second=tuple(second),
        staying=plan.staying,
        tables=tables,
        rounds=rounds,
        present=frozenset(present),
        fixed_rounds=completed_rounds,
        missed=(*plan.missed, *missed),
    )
    return Replan(new_plan, bound, len(new_rounds), missed, keep_cards)


def _seat_newcomers(
    plan: RotationPlan,
    arrived: Sequence[Person],
    present: Collection[Person],
    staying_group: Sequence[Person],
) -> dict[Person, int]:
    """Tables for the staying group: everyone keeps theirs; a newcomer takes a table someone left, or a new one."""
    tables = dict(plan.tables)
    arriving = set(arrived)
    occupied = {tables[p] for p in staying_group if p in present and p in tables and p not in arriving}
    freed = sorted(set(tables.values()) - occupied)
    next_table = max(tables.values(), default=0) + 1
    for person in arrived:
        if person in tables and tables[person] not in occupied:
            occupied.add(tables[person])  # someone returning gets their own table back if it is free
            freed.remove(tables[person])
            continue
        if person not in staying_group:
            continue
        if freed:
            tables[person] = freed.pop(0)
        else:
            tables[person] = next_table
            next_table += 1
        occupied.add(tables[person])
    return tables


def _meetings_without(rounds: Sequence[Round], leavers: set[Person]) -> list[list[Meeting]]:
    """The meetings of each round ahead that do not involve a leaver; rounds left empty are dropped."""
    kept = []
    for round_ in rounds:
        meetings = [m for m in round_.meetings if m.first not in leavers and m.second not in leavers]
        if meetings:
            kept.append(meetings)
    return kept


def _colour_meetings(
    unmet: Sequence[Pair], staying: Side, tables: Mapping[Person, int]
) -> list[list[Meeting]]:
    """The unmet pairs in as few rounds as the busiest person needs; each round a bipartite matching."""
    colours = colour_bipartite_edges(_numbered(unmet))
    by_colour: dict[int, list[Meeting]] = {}
    for (a, b), colour in zip(unmet, colours, strict=True):
        table = tables[a if staying == "first" else b]  # a meeting is at the table of whoever stays
        by_colour.setdefault(colour, []).append(Meeting(table, a, b))
    return [by_colour[c] for c in sorted(by_colour)]


def _numbered(pairs: Sequence[Pair]) -> list[tuple[int, int]]:
    first_index: dict[Person, int] = {}
    second_index: dict[Person, int] = {}
    return [
        (first_index.setdefault(a, len(first_index)), second_index.setdefault(b, len(second_index)))
        for a, b in pairs
    ]


def _round(
    number: int, meetings: list[Meeting], present: Collection[Person], order: Mapping[Person, int]
) -> Round:
    meetings = sorted(meetings, key=lambda m: m.table)
    seated = {m.first for m in meetings} | {m.second for m in meetings}
    sitting_out = sorted((p for p in present if p not in seated), key=order.__getitem__)
    return Round(number, tuple(meetings), tuple(sitting_out))


def _check_groups(first: Sequence[Person], second: Sequence[Person]) -> None:
    for name, group in (("first", first), ("second", second)):
        if not group:
            raise ValueError(f"the {name} group is empty: a rotation needs people on both sides")
        repeated = _repeated(group)
        if repeated:
            raise ValueError(f"the {name} group lists someone more than once: {_listing(repeated)}")
    in_second = set(second)
    both = [p for p in first if p in in_second]
    if both:
        raise ValueError(f"a person can be in only one group, but these are in both: {_listing(both)}")


def _check_change(
    plan: RotationPlan,
    completed_rounds: int,
    arrived: Sequence[Person],
    left: Sequence[Person],
    group_of: Mapping[Person, Side],
) -> None:
    if not plan.fixed_rounds <= completed_rounds <= len(plan.rounds):
        raise ValueError(
            f"completed_rounds must be between {plan.fixed_rounds} (already held at the last change) "
            f"and {len(plan.rounds)} (the rounds planned), not {completed_rounds}"
        )
    for name, people in (("arrived", arrived), ("left", left)):
        repeated = _repeated(people)
        if repeated:
            raise ValueError(f"{name} lists someone more than once: {_listing(repeated)}")
    leaving = set(left)
    both = [p for p in arrived if p in leaving]
    if both:
        raise ValueError(f"nobody can both arrive and leave at one change: {_listing(both)}")
    already = [p for p in arrived if p in plan.present]
    if already:
        raise ValueError(f"already here, so they cannot arrive: {_listing(already)}")
    absent = [p for p in left if p not in plan.present]
    if absent:
        raise ValueError(f"not here, so they cannot leave: {_listing(absent)}")
    for person in arrived:
        known: Side | None = "first" if person in plan.first else "second" if person in plan.second else None
        said = group_of.get(person)
        if known is None and said is None:
            raise ValueError(
                f"say which group {person!r} joins: group_of={{{person!r}: 'first' or 'second'}}"
            )
        if said is not None and said not in ("first", "second"):
            raise ValueError(f"group_of[{person!r}] must be 'first' or 'second', not {said!r}")
        if known is not None and said is not None and said != known:
            raise ValueError(f"{person!r} was in the {known} group before, so cannot join the {said} group")


def _repeated(people: Sequence[Person]) -> list[Person]:
    seen: set[Person] = set()
    repeated: list[Person] = []
    for person in people:
        if person in seen and person not in repeated:
            repeated.append(person)
        seen.add(person)
    return repeated


def _listing(people: Sequence[Person]) -> str:
    names = ", ".join(repr(p) for p in people[:5])
    return names + (f" and {len(people) - 5} more" if len(people) > 5 else "")
