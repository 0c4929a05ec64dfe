"""Writes for commissioning processes and their milestones.

What must hold whoever writes (a page, the API, the demo) is checked here: a process ends after it starts;
a milestone lies within its process's dates and ends after it starts; owners, proposals and actions belong
to the process's area. A breach is a ``ValidationError`` keyed by the field, and nothing is saved.
Every save is audited by django-simple-history (the links too, as ``m2m_fields``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from coproduce.accounts.models import Membership
from coproduce.appraisal.models import Appraisal
from coproduce.commissioning.models import (
    KIND_STAGE,
    CommissioningProcess,
    Milestone,
    MilestoneStatus,
    ProcessStatus,
    Stage,
)
from coproduce.core.updates import UNCHANGED, Keep, fields_save
from coproduce.directory.models import Organisation
from coproduce.programmes.models import Area
from coproduce.proposals.models import Action, Proposal


def _d(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _check_process_dates(start: datetime.date, end: datetime.date) -> None:
    if end < start:
        raise ValidationError({"end_date": f"The end date must be on or after the start date, {_d(start)}"})


def _check_organisation(area: Area, field: str, organisation: Organisation | None) -> None:
    if organisation is not None and organisation.area_id != area.pk:
        raise ValidationError({field: f"No organisation in this area with id {organisation.pk}"})


def _check_links(area: Area, proposals: list[Proposal], actions: list[Action]) -> None:
    foreign = [p.pk for p in proposals if p.area_id != area.pk]
    if foreign:
        raise ValidationError(
            {"proposals": f"No proposal in this area with id {', '.join(map(str, foreign))}"}
        )
    foreign = [a.pk for a in actions if a.proposal.area_id != area.pk]
    if foreign:
        raise ValidationError({"actions": f"No action in this area with id {', '.join(map(str, foreign))}"})


def _check_milestones_inside(process: CommissioningProcess, start: datetime.date, end: datetime.date) -> None:
    """Changing a process's dates may not leave any of its milestones outside them."""
    outside = [m for m in process.milestones.all() if m.begins < start or m.due_date > end]
    if outside:
        names = ", ".join(f"“{m.title}”" for m in outside)
        raise ValidationError(
            {
                "start_date": f"These milestones would fall outside the process's dates: {names}. Move them first."
            }
        )


def _check_appraisal(area: Area, appraisal: Appraisal | None) -> None:
    if appraisal is not None and appraisal.area_id != area.pk:
        raise ValidationError({"appraisal": f"No options appraisal in this area with id {appraisal.pk}"})


def process_create(
    *,
    area: Area,
    title: str,
    start_date: datetime.date,
    end_date: datetime.date,
    description: str = "",
    budget: Decimal | None = None,
    currency: str = "GBP",
    status: str = ProcessStatus.PLANNING,
    stage: str = Stage.ANALYSE,
    buyer: Organisation | None = None,
    supplier: Organisation | None = None,
    proposals: Iterable[Proposal] = (),
    appraisal: Appraisal | None = None,
    is_published: bool = False,
    is_illustrative: bool = False,
) -> CommissioningProcess:
    proposals = list(proposals)
    _check_appraisal(area, appraisal)
    _check_process_dates(start_date, end_date)
    _check_organisation(area, "buyer", buyer)
    _check_organisation(area, "supplier", supplier)
    _check_links(area, proposals, [])
    with transaction.atomic():
        process = CommissioningProcess.objects.create(
            area=area,
            title=title,
            description=description,
            start_date=start_date,
            end_date=end_date,
            budget=budget,
            currency=currency,
            status=status,
            stage=stage,
            buyer=buyer,
            supplier=supplier,
            appraisal=appraisal,
            is_published=is_published,
            is_illustrative=is_illustrative,
        )
        if proposals:
            process.proposals.set(proposals)
    return process


def process_update(
    *,
    process: CommissioningProcess,
    title: str | Keep = UNCHANGED,
    description: str | Keep = UNCHANGED,
    start_date: datetime.date | Keep = UNCHANGED,
    end_date: datetime.date | Keep = UNCHANGED,
    budget: Decimal | None | Keep = UNCHANGED,
    status: str | Keep = UNCHANGED,
    stage: str | Keep = UNCHANGED,
    buyer: Organisation | None | Keep = UNCHANGED,
    supplier: Organisation | None | Keep = UNCHANGED,
    proposals: Iterable[Proposal] | Keep = UNCHANGED,
    appraisal: Appraisal | None | Keep = UNCHANGED,
    is_published: bool | Keep = UNCHANGED,
) -> CommissioningProcess:
    """Change what is given; the proposals given replace the current ones."""
    area = process.area
    start = process.start_date if start_date is UNCHANGED else start_date
    end = process.end_date if end_date is UNCHANGED else end_date
    _check_process_dates(start, end)
    if start_date is not UNCHANGED or end_date is not UNCHANGED:
        _check_milestones_inside(process, start, end)
    if buyer is not UNCHANGED:
        _check_organisation(area, "buyer", buyer)
    if supplier is not UNCHANGED:
        _check_organisation(area, "supplier", supplier)
    if appraisal is not UNCHANGED:
        _check_appraisal(area, appraisal)
    linked = None if proposals is UNCHANGED else list(proposals)
    if linked is not None:
        _check_links(area, linked, [])
    fields = {
        "title": title,
        "description": description,
        "start_date": start_date,
        "end_date": end_date,
        "budget": budget,
        "status": status,
        "stage": stage,
        "buyer": buyer,
        "supplier": supplier,
        "appraisal": appraisal,
        "is_published": is_published,
    }
    with transaction.atomic():
        fields_save(process, fields)
        if linked is not None:
            process.proposals.set(linked)
    return process


def process_publish(*, process: CommissioningProcess, publish: bool) -> CommissioningProcess:
    return process_update(process=process, is_published=publish)


def _check_milestone(process: CommissioningProcess, start: datetime.date | None, due: datetime.date) -> None:
    errors: dict[str, str] = {}
    first = start or due
    if start is not None and due < start:
        errors["due_date"] = f"The end date must be on or after the start date, {_d(start)}"
    if first < process.start_date:
        errors["start_date" if start else "due_date"] = (
            f"The milestone must not start before the process starts on {_d(process.start_date)}"
        )
    if due > process.end_date:
        errors.setdefault(
            "due_date", f"The milestone must not end after the process ends on {_d(process.end_date)}"
        )
    if errors:
        raise ValidationError(errors)


def _check_owner_member(process: CommissioningProcess, member: Membership | None) -> None:
    if member is not None and member.area_id != process.area_id:
        raise ValidationError({"owner_member": f"No member of this area with id {member.pk}"})


def milestone_create(
    *,
    process: CommissioningProcess,
    kind: str,
    title: str,
    due_date: datetime.date,
    start_date: datetime.date | None = None,
    stage: str = "",
    description: str = "",
    status: str = MilestoneStatus.PLANNED,
    owner: Organisation | None = None,
    owner_member: Membership | None = None,
    proposals: Iterable[Proposal] = (),
    actions: Iterable[Action] = (),
) -> Milestone:
    """A milestone of the process; its stage follows from its kind unless one is given."""
    proposals, actions = list(proposals), list(actions)
    _check_milestone(process, start_date, due_date)
    _check_organisation(process.area, "owner", owner)
    _check_owner_member(process, owner_member)
    _check_links(process.area, proposals, actions)
    with transaction.atomic():
        milestone = Milestone.objects.create(
            process=process,
            kind=kind,
            stage=stage or KIND_STAGE[kind],  # type: ignore[index]
            title=title,
            description=description,
            start_date=start_date,
            due_date=due_date,
            status=status,
            owner=owner,
            owner_member=owner_member,
        )
        if proposals:
            milestone.proposals.set(proposals)
        if actions:
            milestone.actions.set(actions)
    return milestone


def milestone_update(
    *,
    milestone: Milestone,
    kind: str | Keep = UNCHANGED,
    title: str | Keep = UNCHANGED,
    due_date: datetime.date | Keep = UNCHANGED,
    start_date: datetime.date | None | Keep = UNCHANGED,
    stage: str | Keep = UNCHANGED,
    description: str | Keep = UNCHANGED,
    status: str | Keep = UNCHANGED,
    owner: Organisation | None | Keep = UNCHANGED,
    owner_member: Membership | None | Keep = UNCHANGED,
    proposals: Iterable[Proposal] | Keep = UNCHANGED,
    actions: Iterable[Action] | Keep = UNCHANGED,
) -> Milestone:
    """Change what is given; the proposals and actions given replace the current ones."""
    process = milestone.process
    start = milestone.start_date if start_date is UNCHANGED else start_date
    due = milestone.due_date if due_date is UNCHANGED else due_date
    _check_milestone(process, start, due)
    if owner is not UNCHANGED:
        _check_organisation(process.area, "owner", owner)
    if owner_member is not UNCHANGED:
        _check_owner_member(process, owner_member)
    new_proposals = None if proposals is UNCHANGED else list(proposals)
    new_actions = None if actions is UNCHANGED else list(actions)
    _check_links(process.area, new_proposals or [], new_actions or [])
    if stage == "":
        stage = KIND_STAGE[kind if kind is not UNCHANGED else milestone.kind]  # type: ignore[index]
    fields = {
        "kind": kind,
        "title": title,
        "due_date": due_date,
        "start_date": start_date,
        "stage": stage,
        "description": description,
        "status": status,
        "owner": owner,
        "owner_member": owner_member,
    }
    with transaction.atomic():
        fields_save(milestone, fields)
        if new_proposals is not None:
            milestone.proposals.set(new_proposals)
        if new_actions is not None:
            milestone.actions.set(new_actions)
    return milestone


def milestone_delete(*, milestone: Milestone) -> None:
    milestone.delete()
