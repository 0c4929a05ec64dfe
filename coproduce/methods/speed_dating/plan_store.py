"""The rotation plan kept in ``session.setup["plan"]``, as JSON, so a replan starts from the exact plan.

The plan object (:class:`coproduce.planning.RotationPlan`) knows things the meeting rows do not: who sat
out each round, which tables belong to whom, who is in the room, which rounds are fixed. Rebuilding it
from the rows would have to guess those, so the plan is stored whole; the SpeedDatingMeeting rows mirror
its meetings (plus the missed ones) for notes, pages and exports. People are Person ids.
"""

from __future__ import annotations

from coproduce.planning import Meeting, RotationPlan, Round


def plan_to_json(plan: RotationPlan) -> dict:
    return {
        "first": list(plan.first),
        "second": list(plan.second),
        "staying": plan.staying,
        "tables": [[person, table] for person, table in plan.tables.items()],
        "rounds": [
            {
                "number": round_.number,
                "meetings": [[m.table, m.first, m.second] for m in round_.meetings],
                "sitting_out": list(round_.sitting_out),
            }
            for round_ in plan.rounds
        ],
        "present": sorted(plan.present),  # type: ignore[type-var]
        "fixed_rounds": plan.fixed_rounds,
        "missed": [list(pair) for pair in plan.missed],
    }


def plan_from_json(data: dict) -> RotationPlan:
    return RotationPlan(
        first=tuple(data["first"]),
        second=tuple(data["second"]),
        staying=data["staying"],
        tables={person: table for person, table in data["tables"]},
        rounds=tuple(
            Round(
                number=round_["number"],
                meetings=tuple(Meeting(table, first, second) for table, first, second in round_["meetings"]),
                sitting_out=tuple(round_["sitting_out"]),
            )
            for round_ in data["rounds"]
        ),
        present=frozenset(data["present"]),
        fixed_rounds=data["fixed_rounds"],
        missed=tuple((first, second) for first, second in data["missed"]),
    )
