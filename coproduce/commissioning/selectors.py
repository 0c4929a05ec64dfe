"""Reads for commissioning processes: their milestones in order, the timeline and the order warnings."""

from __future__ import annotations

from django.db.models import QuerySet

from coproduce.appraisal.models import Option
from coproduce.appraisal.selectors import preferred_option
from coproduce.commissioning.charts import Timeline, timeline
from coproduce.commissioning.models import CommissioningProcess, Milestone, MilestoneStatus
from coproduce.commissioning.timetable import Dated, OrderWarning, timetable_warnings
from coproduce.programmes.models import Area


def area_processes(area: Area) -> QuerySet[CommissioningProcess]:
    return area.commissioning_processes.select_related("buyer", "supplier")


def published_processes(area: Area) -> QuerySet[CommissioningProcess]:
    """The processes the public may read: published ones of a published area."""
    if not area.is_published:
        return CommissioningProcess.objects.none()
    return area_processes(area).filter(is_published=True).order_by("pk")


def process_milestones(process: CommissioningProcess) -> list[Milestone]:
    """The milestones in the order they begin (then end, then as entered)."""
    milestones = process.milestones.select_related("owner", "owner_member__user").prefetch_related(
        "proposals", "actions"
    )
    return sorted(milestones, key=lambda m: (m.begins, m.due_date, m.pk))


def process_warnings(
    process: CommissioningProcess, milestones: list[Milestone] | None = None
) -> list[OrderWarning]:
    """The Procurement Act 2023 order warnings, over the milestones that are not cancelled."""
    milestones = process_milestones(process) if milestones is None else milestones
    return timetable_warnings(
        Dated(m.kind, m.title, m.begins, m.due_date)
        for m in milestones
        if m.status != MilestoneStatus.CANCELLED
    )


def process_timeline(process: CommissioningProcess, milestones: list[Milestone] | None = None) -> Timeline:
    milestones = process_milestones(process) if milestones is None else milestones
    return timeline(
        f"process-{process.pk}",
        f"Timeline of {process.title}",
        (process.start_date, process.end_date),
        [(m.title, m.stage, m.begins, m.due_date) for m in milestones],
    )


def chosen_option(process: CommissioningProcess) -> Option | None:
    """The delivery model the process carries out: the preferred option of the options appraisal it cites,
    once that appraisal is agreed (None before, or with no appraisal)."""
    return preferred_option(process.appraisal) if process.appraisal is not None else None
