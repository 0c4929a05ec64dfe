"""Workshop planning: speed-dating rotations and Open Space schedules. Imports nothing from Django.

:func:`plan_rotation` and :func:`replan` (``rotation``) seat two groups so every cross pair meets once, in
the fewest rounds, and absorb late arrivals and early leavers. :func:`schedule_open_space`
(``open_space``) puts marketplace sessions into rooms and slots with the fewest clashes for the people who
voted for them, and reports how close to optimal it got.
"""

from coproduce.planning.open_space import Placement, Room, Schedule, Session, schedule_open_space
from coproduce.planning.rotation import CardLine, Meeting, Replan, RotationPlan, Round, plan_rotation, replan

__all__ = [
    "CardLine",
    "Meeting",
    "Placement",
    "Replan",
    "Room",
    "Round",
    "RotationPlan",
    "Schedule",
    "Session",
    "plan_rotation",
    "replan",
    "schedule_open_space",
]
