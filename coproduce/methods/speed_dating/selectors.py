"""Reading a speed-dating session: its roles, plan, current round, labels, rounds and printable cards."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import cast

from django.db.models import Q

from coproduce.directory.models import Person, Role
from coproduce.methods.models import MethodSession, SpeedDatingMeeting
from coproduce.planning import RotationPlan

from .plan_store import plan_from_json

DEFAULT_ROLES = (Role.VCS_PROVIDER.value, Role.CC_MANAGER.value)
ROLE_LABELS = dict(Role.choices)


def roles_of(session: MethodSession) -> tuple[str, str]:
    """The two roles that meet: the first group's, then the second's."""
    roles = session.setup.get("roles") or DEFAULT_ROLES
    return roles[0], roles[1]


def role_noun(role: str, count: int = 1) -> str:
    """ "VCS providers", "children's-centre manager": a role's name inside a sentence."""
    label = str(ROLE_LABELS.get(role, role))  # type: ignore[call-overload]
    if len(label) > 1 and label[1].islower():
        label = label[0].lower() + label[1:]
    return label if count == 1 else f"{label}s"


def plan_of(session: MethodSession) -> RotationPlan | None:
    data = session.setup.get("plan")
    return plan_from_json(data) if data else None


def current_round(session: MethodSession) -> int:
    """The round being held now (0 before the first). At the rounds stage it is at least round 1."""
    number = int(session.setup.get("round", 0))
    if number == 0 and session.step == "rounds" and session.setup.get("plan"):
        return 1
    return number


def people_present(
    session: MethodSession, roles: tuple[str, str] | None = None
) -> tuple[list[Person], list[Person]]:
    """The event's attendees of each of the two roles (those who joined by code included), oldest first."""
    first, second = roles or roles_of(session)
    people = list(session.event.attendees.filter(role__in=(first, second)).order_by("pk"))
    return [p for p in people if p.role == first], [p for p in people if p.role == second]


def labels(session: MethodSession, plan: RotationPlan | None = None) -> dict[Hashable, str]:
    """Person id → how the plan names them: their name if they gave one, else "VCS provider 3" (their role
    and their place in their group, which late arrivals join at the end)."""
    plan = plan or plan_of(session)
    if plan is None:
        return {}
    first_role, second_role = roles_of(session)
    names: dict[Hashable, str] = dict(
        Person.objects.filter(pk__in=[cast(int, pk) for pk in (*plan.first, *plan.second)]).values_list(
            "pk", "name"
        )
    )
    found: dict[Hashable, str] = {}
    for group, role in ((plan.first, first_role), (plan.second, second_role)):
        for number, person in enumerate(group, start=1):
            found[person] = names.get(person) or f"{ROLE_LABELS.get(role, role)} {number}"
    return found


@dataclass
class MeetingLine:
    table: int
    first: str
    second: str
    missed: bool
    meeting: SpeedDatingMeeting
    notes: list = field(default_factory=list)  # the notes' comments


@dataclass
class RoundLines:
    number: int
    meetings: list[MeetingLine]
    missed: list[MeetingLine]
    sitting_out: list[str]


def rounds(session: MethodSession) -> list[RoundLines]:
    """Every round with its meetings by table, its missed meetings, who sat out, and the notes."""
    plan = plan_of(session)
    if plan is None:
        return []
    names = labels(session, plan)
    rows = session.meetings.prefetch_related("notes__comment").order_by("round", "table")
    by_round: dict[int, RoundLines] = {
        r.number: RoundLines(r.number, [], [], [names.get(p, "?") for p in r.sitting_out])
        for r in plan.rounds
    }
    for row in rows:
        line = MeetingLine(
            row.table,
            names.get(row.first_id, "?"),
            names.get(row.second_id, "?"),
            row.missed,
            row,
            [note.comment for note in row.notes.all()],
        )
        lines = by_round.setdefault(row.round, RoundLines(row.round, [], [], []))
        (lines.missed if row.missed else lines.meetings).append(line)
    return [by_round[number] for number in sorted(by_round)]


def meetings_of(session: MethodSession, person: Person) -> list[SpeedDatingMeeting]:
    """A person's meetings that were or will be held, in round order."""
    return list(session.meetings.filter(Q(first=person) | Q(second=person), missed=False).order_by("round"))


def meeting_now(session: MethodSession, person: Person) -> SpeedDatingMeeting | None:
    number = current_round(session)
    return next((m for m in meetings_of(session, person) if m.round == number), None)


def arrivals(session: MethodSession) -> list[Person]:
    """People of the two roles at the event who are not in the room's plan: late arrivals, or returners."""
    plan = plan_of(session)
    first, second = people_present(session)
    present = plan.present if plan else frozenset()
    return [p for p in first + second if p.pk not in present]


def arrival_labels(session: MethodSession) -> dict[int, str]:
    """Person id → how the arrivals list names them: by the name the plan gives them once they are in it."""
    plan = plan_of(session)
    if plan is None:
        return {}
    names = labels(session, plan)
    first_role, _ = roles_of(session)
    next_number = {"first": len(plan.first) + 1, "second": len(plan.second) + 1}
    found: dict[int, str] = {}
    for person in arrivals(session):
        if person.pk in names:
            found[person.pk] = f"{names[person.pk]}, back again"
            continue
        side = "first" if person.role == first_role else "second"
        found[person.pk] = (
            f"{person.name or ROLE_LABELS[person.role]} {'' if person.name else next_number[side]}".strip()
        )
        found[person.pk] += ", just joined"
        next_number[side] += 1
    return found


def in_the_room(session: MethodSession) -> list[Person]:
    """The people the plan has in the room now, in plan order."""
    plan = plan_of(session)
    if plan is None:
        return []
    order = {pk: i for i, pk in enumerate([*plan.first, *plan.second])}
    people = Person.objects.filter(pk__in=[cast(int, pk) for pk in plan.present])
    return sorted(people, key=lambda p: order[p.pk])


@dataclass
class Card:
    label: str
    role: str
    lines: list[str]
    present: bool


def cards(session: MethodSession) -> list[Card]:
    """One printable card per person in the plan: where to sit and whom to meet, round by round."""
    plan = plan_of(session)
    if plan is None:
        return []
    names = labels(session, plan)
    first_role, second_role = roles_of(session)
    result = []
    for group, role in ((plan.first, first_role), (plan.second, second_role)):
        for person in group:
            result.append(
                Card(
                    label=names[person],
                    role=ROLE_LABELS.get(role, role),
                    lines=plan.instructions(person, name=lambda p: names.get(p, "?")),
                    present=person in plan.present,
                )
            )
    return result


@dataclass(frozen=True)
class MyRounds:
    """One participant's speed dating: whom they meet now and where, their whole card, and the meetings
    they may leave a note on."""

    me: str
    round: int
    rounds_total: int
    now: SpeedDatingMeeting | None
    partner: str  # whom they meet now
    card: list[dict]  # round, table and partner of each of their rounds
    held: list[SpeedDatingMeeting]  # the meetings a note can be left on
    partner_of: dict[int, str]  # meeting id → the other person's name
    in_plan: bool
    hide_meeting: bool  # during a round a note is on that round's meeting: no need to choose it
    can_note: bool


def my_rounds(session: MethodSession, person: Person) -> MyRounds:
    plan = plan_of(session)
    names = labels(session, plan)
    number = current_round(session)
    mine = meetings_of(session, person)
    now = next((m for m in mine if m.round == number), None) if session.step == "rounds" else None
    # Notes can be left on any meeting held so far; during a round, on that round's.
    held = [m for m in mine if m.round <= number or session.step == "notes"]
    partner_of = {m.pk: names.get(m.second_id if m.first_id == person.pk else m.first_id, "?") for m in mine}
    card = plan.card(person.pk) if plan is not None and person.pk in (*plan.first, *plan.second) else []
    return MyRounds(
        me=names.get(person.pk, ""),
        round=number,
        rounds_total=len(plan.rounds) if plan else 0,
        now=now,
        partner=partner_of.get(now.pk, "") if now else "",
        card=[
            {
                "round": line.round,
                "table": line.table,
                "partner": names.get(line.partner, "") if line.partner else "",
            }
            for line in card
        ],
        held=held,
        partner_of=partner_of,
        in_plan=bool(card),
        hide_meeting=session.step == "rounds" and now is not None,
        can_note=bool(held) and session.step in ("rounds", "notes"),
    )
