"""API operations over CPD records and training needs, with the same permissions as the pages.

Reading follows VIEW_CPD (a centre manager or VCS member sees their own organisation's people only);
writing a reflection follows GIVE_CPD. Registered in coproduce/api/api.py.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from pydantic import ConfigDict

from coproduce.accounts.rules import GIVE_CPD, VIEW_CPD, authorise
from coproduce.api.schemas import Error, InputSchema, ValidationErrorOut
from coproduce.cpd import selectors, services
from coproduce.cpd.models import REFLECTION_MAX_LENGTH, CpdRecord, TrainingNeed
from coproduce.programmes.models import Area

# url_name -> (HTTP method, path under /api/, permission checked), as in coproduce/api/endpoints.py;
# tests/api/test_openapi.py checks the document against both tables.
OPERATIONS: dict[str, tuple[str, str, str]] = {
    "area_cpd_record_list": ("GET", "/areas/{slug}/cpd-records", VIEW_CPD),
    "cpd_record_detail": ("GET", "/cpd-records/{record_id}", VIEW_CPD),
    "cpd_record_reflection": ("PATCH", "/cpd-records/{record_id}/reflection", GIVE_CPD),
    "area_training_need_list": ("GET", "/areas/{slug}/training-needs", VIEW_CPD),
    "training_need_detail": ("GET", "/training-needs/{need_id}", VIEW_CPD),
}

router = Router()


class CpdRecordOut(Schema):
    id: int
    person_id: int
    person: str
    organisation_id: int | None
    event_id: int | None
    title: str
    provider: str
    date: datetime.date
    hours: float
    topic: str
    learning_objectives: list[str]
    reflection: str
    is_illustrative: bool

    @staticmethod
    def resolve_person(obj: CpdRecord) -> str:
        return str(obj.person)

    @staticmethod
    def resolve_organisation_id(obj: CpdRecord) -> int | None:
        return obj.person.organisation_id


class TrainingNeedOut(Schema):
    id: int
    organisation_id: int
    organisation: str
    need: str
    priority: str
    raised_on: datetime.date
    met_on: datetime.date | None
    met_by_event_id: int | None
    met_by_record_ids: list[int]
    how_met: str
    is_illustrative: bool

    @staticmethod
    def resolve_organisation(obj: TrainingNeed) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_met_by_record_ids(obj: TrainingNeed) -> list[int]:
        return [record.pk for record in obj.met_by_records.all()]


class ReflectionIn(InputSchema):
    """The attendee's reflection, replacing the one before (which the record's history keeps)."""

    reflection: Annotated[str, Field(max_length=REFLECTION_MAX_LENGTH)]

    model_config = ConfigDict(strict=True)


READ_ERRORS: dict[int, Any] = {401: Error, 404: Error}
ID_ERRORS: dict[int, Any] = {**READ_ERRORS, 422: ValidationErrorOut}
WRITE_ERRORS: dict[int, Any] = {**ID_ERRORS, 400: Error, 403: Error}
RECORDS = CpdRecord.objects.select_related("person__area", "person__organisation")
NEEDS = TrainingNeed.objects.select_related("organisation__area").prefetch_related("met_by_records")


def _op(name: str, *, response: dict[int, Any]) -> Any:
    method, path, _ = OPERATIONS[name]
    return router.api_operation(
        [method], path, url_name=name, operation_id=name, tags=["CPD"], response=response
    )


def _area(request: HttpRequest, slug: str) -> Area:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.auth, VIEW_CPD, area)  # type: ignore[attr-defined]
    return area


@_op("area_cpd_record_list", response={200: list[CpdRecordOut], **READ_ERRORS})
def area_cpd_record_list(request: HttpRequest, slug: str) -> Any:
    """The area's CPD records you may read, newest first (a centre manager or VCS member: their own
    organisation's people only)."""
    area = _area(request, slug)
    return selectors.visible_records(request.auth, area)  # type: ignore[attr-defined]


@_op("cpd_record_detail", response={200: CpdRecordOut, **ID_ERRORS})
def cpd_record_detail(request: HttpRequest, record_id: int) -> Any:
    record = get_object_or_404(RECORDS, pk=record_id)
    authorise(request.auth, VIEW_CPD, record)  # type: ignore[attr-defined]
    return record


@_op("cpd_record_reflection", response={200: CpdRecordOut, **WRITE_ERRORS})
def cpd_record_reflection(request: HttpRequest, record_id: int, payload: ReflectionIn) -> Any:
    """Set the reflection (an empty one removes it); every version is kept in the record's history."""
    record = get_object_or_404(RECORDS, pk=record_id)
    authorise(request.auth, GIVE_CPD, record)  # type: ignore[attr-defined]
    return services.cpd_reflection_set(record=record, reflection=payload.reflection)


@_op("area_training_need_list", response={200: list[TrainingNeedOut], **READ_ERRORS})
def area_training_need_list(request: HttpRequest, slug: str) -> Any:
    """The training needs of the area's organisations you may read, open and met."""
    area = _area(request, slug)
    return selectors.visible_needs(request.auth, area).prefetch_related(  # type: ignore[attr-defined]
        "met_by_records"
    )


@_op("training_need_detail", response={200: TrainingNeedOut, **ID_ERRORS})
def training_need_detail(request: HttpRequest, need_id: int) -> Any:
    need = get_object_or_404(NEEDS, pk=need_id)
    authorise(request.auth, VIEW_CPD, need)  # type: ignore[attr-defined]
    return need
