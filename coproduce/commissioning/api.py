"""API operations over commissioning processes and their milestones, with the same permissions as the pages:
someone with no role in the area gets a 404, a member without the right a 403."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from coproduce.accounts.rules import CHANGE_COMMISSIONING, VIEW_COMMISSIONING, authorise
from coproduce.api.schemas import (
    TITLE_MAX_LENGTH,
    Error,
    InputSchema,
    IsoDate,
    ValidationErrorOut,
    _checked,
    _limit,
    choice,
)
from coproduce.commissioning import selectors, services
from coproduce.commissioning.models import CommissioningProcess, Milestone, MilestoneKind, MilestoneStatus
from coproduce.commissioning.ocds.releases import process_ocid
from coproduce.directory.models import Organisation
from coproduce.programmes.models import Area
from coproduce.proposals.models import Action, Proposal

if TYPE_CHECKING:
    KindChoice = str
    MilestoneStatusChoice = str
else:
    KindChoice = choice(MilestoneKind, "milestone kind")
    MilestoneStatusChoice = choice(MilestoneStatus, "milestone status")

MilestoneTitle = Annotated[
    str, _checked("milestone title", TITLE_MAX_LENGTH), Field(json_schema_extra=_limit(TITLE_MAX_LENGTH))
]

# url_name -> (HTTP method, path under /api/, permission checked), as coproduce/api/endpoints.py's table.
OPERATIONS: dict[str, tuple[str, str, str]] = {
    "area_process_list": ("GET", "/areas/{slug}/commissioning", VIEW_COMMISSIONING),
    "process_detail": ("GET", "/commissioning/{process_id}", VIEW_COMMISSIONING),
    "process_milestone_list": ("GET", "/commissioning/{process_id}/milestones", VIEW_COMMISSIONING),
    "process_milestone_create": ("POST", "/commissioning/{process_id}/milestones", CHANGE_COMMISSIONING),
}

router = Router()
PROCESSES = CommissioningProcess.objects.select_related("area").prefetch_related("proposals")


class MilestoneOut(Schema):
    id: int
    process_id: int
    kind: str
    stage: str
    title: str
    description: str
    start_date: datetime.date | None
    due_date: datetime.date
    status: str
    owner_id: int | None
    proposal_ids: list[int]
    action_ids: list[int]

    @staticmethod
    def resolve_proposal_ids(obj: Any) -> list[int]:
        return [p.pk for p in obj.proposals.all()]

    @staticmethod
    def resolve_action_ids(obj: Any) -> list[int]:
        return [a.pk for a in obj.actions.all()]


class ProcessOut(Schema):
    id: int
    area: str = Field(..., alias="area.slug", description="The area's slug.")
    title: str
    description: str
    start_date: datetime.date
    end_date: datetime.date
    budget: Decimal | None
    currency: str
    status: str
    stage: str
    buyer_id: int | None
    supplier_id: int | None
    proposal_ids: list[int]
    is_published: bool
    ocid: str = Field(..., description="The process's Open Contracting identifier.")
    warnings: list[str] = Field(..., description="Where the order breaks the Procurement Act 2023's notices.")

    @staticmethod
    def resolve_proposal_ids(obj: Any) -> list[int]:
        return [p.pk for p in obj.proposals.all()]

    @staticmethod
    def resolve_ocid(obj: Any) -> str:
        return process_ocid(obj)

    @staticmethod
    def resolve_warnings(obj: Any) -> list[str]:
        return [w.text for w in selectors.process_warnings(obj)]


class MilestoneIn(InputSchema):
    kind: KindChoice
    title: MilestoneTitle
    due_date: IsoDate
    start_date: IsoDate | None = None
    status: MilestoneStatusChoice = MilestoneStatus.PLANNED.value
    owner_id: int | None = Field(None, description="An organisation of the process's area.")
    proposal_ids: list[int] = Field(default_factory=list, description="Proposals of the process's area.")
    action_ids: list[int] = Field(default_factory=list, description="Actions of the process's area.")


READ_ERRORS: dict[int, Any] = {401: Error, 404: Error, 422: ValidationErrorOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: Error, 403: Error}


def _op(name: str, *, response: dict[int, Any]) -> Any:
    method, path, _ = OPERATIONS[name]
    return router.api_operation(
        [method], path, url_name=name, operation_id=name, tags=["Commissioning"], response=response
    )


def _get(request: HttpRequest, queryset, perm: str, **lookup: Any) -> Any:
    obj = get_object_or_404(queryset, **lookup)
    authorise(request.auth, perm, obj)  # type: ignore[attr-defined]
    return obj


def _in_area(model, ids: list[int], field: str, what: str, **area: Any) -> list[Any]:
    """The objects with these ids in the area, or a 422 naming the others."""
    from ninja.errors import ValidationError

    wanted = list(dict.fromkeys(ids))
    found = {obj.pk: obj for obj in model.objects.filter(pk__in=wanted, **area)}
    missing = [pk for pk in wanted if pk not in found]
    if missing:
        listed = ", ".join(str(pk) for pk in missing)
        raise ValidationError(
            [
                {
                    "type": "value_error",
                    "loc": ["body", "payload", field],
                    "msg": f"No {what} in this area with id {listed}",
                }
            ]
        )
    return [found[pk] for pk in wanted]


@_op("area_process_list", response={200: list[ProcessOut], 401: Error, 404: Error})
def area_process_list(request: HttpRequest, slug: str) -> Any:
    area = _get(request, Area.objects.all(), VIEW_COMMISSIONING, slug=slug)
    return PROCESSES.filter(area=area)


@_op("process_detail", response={200: ProcessOut, **READ_ERRORS})
def process_detail(request: HttpRequest, process_id: int) -> Any:
    """A commissioning process, with its ocid and the Procurement Act 2023 order warnings."""
    return _get(request, PROCESSES, VIEW_COMMISSIONING, pk=process_id)


@_op("process_milestone_list", response={200: list[MilestoneOut], **READ_ERRORS})
def process_milestone_list(request: HttpRequest, process_id: int) -> Any:
    process = _get(request, PROCESSES, VIEW_COMMISSIONING, pk=process_id)
    return selectors.process_milestones(process)


@_op("process_milestone_create", response={201: MilestoneOut, **WRITE_ERRORS})
def process_milestone_create(request: HttpRequest, process_id: int, payload: MilestoneIn) -> Any:
    """Add a milestone. It must lie within the process's dates and end on or after it starts (a 422
    otherwise, and nothing is saved)."""
    process = _get(request, PROCESSES, CHANGE_COMMISSIONING, pk=process_id)
    area_id = process.area_id
    owner = None
    if payload.owner_id is not None:
        owner = _in_area(Organisation, [payload.owner_id], "owner_id", "organisation", area_id=area_id)[0]
    milestone = services.milestone_create(
        process=process,
        kind=payload.kind,
        title=payload.title,
        due_date=payload.due_date,
        start_date=payload.start_date,
        status=payload.status,
        owner=owner,
        proposals=_in_area(Proposal, payload.proposal_ids, "proposal_ids", "proposal", area_id=area_id),
        actions=_in_area(Action, payload.action_ids, "action_ids", "action", proposal__area_id=area_id),
    )
    return Status(201, Milestone.objects.prefetch_related("proposals", "actions").get(pk=milestone.pk))
