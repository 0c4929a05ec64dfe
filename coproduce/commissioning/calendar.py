"""Milestones as an iCalendar (RFC 5545) feed, one all-day event per milestone.

Each event's UID names the milestone, never the feed or the moment, so a calendar that subscribes updates
its events instead of adding copies; SEQUENCE counts the milestone's saved changes and DTSTAMP is the
last of them (from its audit history), so the feed's bytes change only when a milestone does.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from icalendar import Calendar, Event

from coproduce.commissioning.models import CommissioningProcess, Milestone, MilestoneStatus
from coproduce.commissioning.selectors import process_milestones

UID_DOMAIN = "coproduce.commissioning"
STATUS = {
    MilestoneStatus.PLANNED: "TENTATIVE",
    MilestoneStatus.IN_PROGRESS: "CONFIRMED",
    MilestoneStatus.DONE: "CONFIRMED",
    MilestoneStatus.LATE: "CONFIRMED",
    MilestoneStatus.CANCELLED: "CANCELLED",
}


def milestone_uid(milestone: Milestone) -> str:
    return f"milestone-{milestone.pk}@{UID_DOMAIN}"


def _event(process: CommissioningProcess, milestone: Milestone) -> Event:
    changes = list(milestone.history.order_by("history_date").values_list("history_date", flat=True))
    stamp = changes[-1] if changes else datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    event = Event()
    event.add("uid", milestone_uid(milestone))
    event.add("dtstamp", stamp.astimezone(datetime.UTC))
    event.add("sequence", max(len(changes) - 1, 0))
    event.add("summary", f"{milestone.title} ({process.title})")
    event.add("dtstart", milestone.begins)
    event.add("dtend", milestone.due_date + datetime.timedelta(days=1))  # all-day events end the day after
    event.add("status", STATUS[milestone.status])  # type: ignore[index]
    event.add("categories", [milestone.get_kind_display()])
    lines = [
        f"{milestone.get_kind_display()} · {milestone.get_stage_display()} · {milestone.get_status_display()}"
    ]
    if milestone.owner:
        lines.append(f"Owner: {milestone.owner}")
    if milestone.description:
        lines.append(milestone.description)
    event.add("description", "\n".join(lines))
    return event


def calendar_bytes(name: str, processes: Iterable[CommissioningProcess]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Commissioning timetable//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for process in processes:
        for milestone in process_milestones(process):
            calendar.add_component(_event(process, milestone))
    return calendar.to_ical()
