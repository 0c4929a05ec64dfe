"""The demo's commissioning timetable: Bexley's "Children's centre services 2012–15", published as OCDS.

Its first milestone is the co-production consultation: the case study's workshops of 28 October 2011 and
13 February 2012. The later milestones (a market place event, specification, tender, award, contract start
and review), their owners and the budget are illustrative, written for this demo, and marked so.

Idempotent: a Bexley area that already has the process is left as it is; ``load_demo(reset=True)`` deletes
the area (and so the process) first.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from coproduce.appraisal.models import Appraisal
from coproduce.commissioning import services
from coproduce.commissioning.models import (
    CommissioningProcess,
    MilestoneKind,
    MilestoneStatus,
    ProcessStatus,
    Stage,
)
from coproduce.directory.models import Organisation
from coproduce.programmes.models import Area
from coproduce.proposals.models import Action, Proposal

from .data import bexley

D = datetime.date
TITLE = "Children's centre services 2012–15"
DESCRIPTION = (
    "Commissioning Bexley's children's centre services for April 2013 to March 2015 as part of a mixed "
    "economy, following the co-production consultation with the VCS and children's centres. Illustrative: "
    "the workshop dates follow the 4Children case study; the later milestones, owners and budget were "
    "written for this demo."
)
BUDGET = Decimal("2400000")
SUPPLIER = "Bexley Family Support Consortium"

# (kind, title, start, end, owner, proposals, actions): proposal titles and action titles of the demo.
MILESTONES = (
    (
        MilestoneKind.CONSULTATION,
        "Co-production consultation: workshops with the VCS and children's centres",
        D(2011, 10, 28),
        D(2012, 2, 13),
        bexley.COUNCIL,
        ("Localised commissioning",),
        ("Hold a co-production consultation and soft market-testing day with the VCS",),
    ),
    (
        MilestoneKind.MARKET_ENGAGEMENT,
        "Market place event: what the VCS could offer children's centres",
        D(2012, 6, 14),
        D(2012, 7, 13),
        bexley.COUNCIL,
        ("Performance management",),
        (),
    ),
    (
        MilestoneKind.SPECIFICATION,
        "Service specification written with partners",
        D(2012, 7, 16),
        D(2012, 9, 28),
        bexley.COUNCIL,
        ("Localised commissioning",),
        ("Publish the commissioning timetable online and update it monthly",),
    ),
    (
        MilestoneKind.TENDER,
        "Tender: invitation to tender open",
        D(2012, 10, 8),
        D(2012, 12, 14),
        bexley.COUNCIL,
        (),
        (),
    ),
    (MilestoneKind.AWARD, "Contract award", D(2013, 2, 1), D(2013, 2, 1), bexley.COUNCIL, (), ()),
    (MilestoneKind.CONTRACT_START, "Contract starts", D(2013, 4, 1), D(2013, 4, 1), SUPPLIER, (), ()),
    (
        MilestoneKind.REVIEW,
        "Annual review with partners",
        D(2014, 3, 3),
        D(2014, 3, 28),
        bexley.COUNCIL,
        (),
        (),
    ),
    (MilestoneKind.REVIEW, "End-of-contract review", D(2015, 2, 2), D(2015, 3, 31), bexley.COUNCIL, (), ()),
)


def load_commissioning(*, today: datetime.date) -> CommissioningProcess | None:
    """Bexley's timetable, if Bexley is loaded and does not have it yet."""
    area = Area.objects.filter(slug=bexley.AREA.slug).first()
    if area is None:
        return None
    existing = area.commissioning_processes.filter(title=TITLE).first()
    if existing is not None:
        return existing
    council = Organisation.objects.get(area=area, name=bexley.COUNCIL)
    supplier, _ = Organisation.objects.get_or_create(area=area, name=SUPPLIER, defaults={"kind": "vcs"})
    proposals = {p.title: p for p in Proposal.objects.filter(area=area)}
    actions = {a.title: a for a in Action.objects.filter(proposal__area=area)}
    owners = {council.name: council, supplier.name: supplier}
    process = services.process_create(
        area=area,
        title=TITLE,
        description=DESCRIPTION,
        start_date=D(2011, 10, 1),
        end_date=D(2015, 3, 31),
        budget=BUDGET,
        status=ProcessStatus.COMPLETE if today > D(2015, 3, 31) else ProcessStatus.ACTIVE,
        stage=Stage.REVIEW,
        buyer=council,
        supplier=supplier,
        proposals=[
            proposals[t] for t in ("Localised commissioning", "Performance management") if t in proposals
        ],
        is_published=True,
        is_illustrative=True,
    )
    for kind, title, start, end, owner, proposal_titles, action_titles in MILESTONES:
        services.milestone_create(
            process=process,
            kind=kind,
            title=title,
            start_date=start if start != end else None,
            due_date=end,
            status=MilestoneStatus.DONE if end < today else MilestoneStatus.PLANNED,
            owner=owners[owner],
            proposals=[proposals[t] for t in proposal_titles if t in proposals],
            actions=[actions[t] for t in action_titles if t in actions],
        )
    return process


def link_appraisal(process: CommissioningProcess, appraisal: Appraisal) -> None:
    """The demo's timetable carries out the delivery model its options appraisal agreed (left alone once
    someone has linked another)."""
    if process.appraisal_id is None:
        services.process_update(process=process, appraisal=appraisal)
