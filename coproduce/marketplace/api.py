"""API operations over centres' needs and their ranked matches, read-only, with the same permission as the
pages (every member of the area). Registered in coproduce/api/api.py."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from coproduce.accounts.rules import VIEW_MARKETPLACE, authorise
from coproduce.api.schemas import Error, ValidationErrorOut
from coproduce.marketplace.models import Match, Need
from coproduce.marketplace.selectors import live_matches
from coproduce.programmes.models import Area

# url_name -> (HTTP method, path under /api/, permission checked), as in coproduce/api/endpoints.py;
# tests/api/test_openapi.py checks the document against the tables.
OPERATIONS: dict[str, tuple[str, str, str]] = {
    "area_need_list": ("GET", "/areas/{slug}/centre-needs", VIEW_MARKETPLACE),
    "need_detail": ("GET", "/centre-needs/{need_id}", VIEW_MARKETPLACE),
}

router = Router()


class ReasonOut(Schema):
    criterion: str
    score: float | None
    text: str


class MatchOut(Schema):
    id: int
    service_id: str
    service: str
    organisation_id: int
    organisation: str
    rank: int | None
    score: float
    reasons: list[ReasonOut]
    status: str
    event_id: int | None
    action_id: int | None
    note: str

    @staticmethod
    def resolve_service_id(obj: Match) -> str:
        return str(obj.service_id)

    @staticmethod
    def resolve_service(obj: Match) -> str:
        return obj.service.name

    @staticmethod
    def resolve_organisation_id(obj: Match) -> int:
        return obj.service.organisation_id

    @staticmethod
    def resolve_organisation(obj: Match) -> str:
        return obj.service.organisation.name


class NeedOut(Schema):
    id: int
    centre_id: int
    centre: str
    title: str
    description: str
    service_type_id: str
    service_type: str
    minimum_age: int | None
    maximum_age: int | None
    location_id: str | None
    postcode: str
    days: list[str]
    start_time: str | None
    end_time: str | None
    families: int | None
    budget_band: str
    evidence_ids: list[int]
    theme_ids: list[int]
    is_open: bool
    is_illustrative: bool
    ranking_status: str

    @staticmethod
    def resolve_centre(obj: Need) -> str:
        return obj.centre.name

    @staticmethod
    def resolve_service_type_id(obj: Need) -> str:
        return str(obj.service_type_id)

    @staticmethod
    def resolve_service_type(obj: Need) -> str:
        return obj.service_type.name

    @staticmethod
    def resolve_location_id(obj: Need) -> str | None:
        return str(obj.location_id) if obj.location_id else None

    @staticmethod
    def resolve_days(obj: Need) -> list[str]:
        return obj.day_codes

    @staticmethod
    def resolve_start_time(obj: Need) -> str | None:
        return obj.start_time.strftime("%H:%M") if obj.start_time else None

    @staticmethod
    def resolve_end_time(obj: Need) -> str | None:
        return obj.end_time.strftime("%H:%M") if obj.end_time else None

    @staticmethod
    def resolve_evidence_ids(obj: Need) -> list[int]:
        return [c.pk for c in obj.evidence.all()]

    @staticmethod
    def resolve_theme_ids(obj: Need) -> list[int]:
        return [t.pk for t in obj.themes.all()]


class NeedWithMatchesOut(NeedOut):
    matches: list[MatchOut]

    @staticmethod
    def resolve_matches(obj: Need) -> list[Match]:
        return list(live_matches(obj))


READ_ERRORS: dict[int, Any] = {401: Error, 404: Error}
NEEDS = Need.objects.select_related("area", "centre", "service_type").prefetch_related("evidence", "themes")


def _op(name: str, *, response: dict[int, Any]) -> Any:
    method, path, _ = OPERATIONS[name]
    return router.api_operation(
        [method], path, url_name=name, operation_id=name, tags=["Market place"], response=response
    )


@_op("area_need_list", response={200: list[NeedOut], **READ_ERRORS})
def area_need_list(request: HttpRequest, slug: str) -> Any:
    """The children's centres' needs of the area, open and closed."""
    area = get_object_or_404(Area, slug=slug)
    authorise(request.auth, VIEW_MARKETPLACE, area)  # type: ignore[attr-defined]
    return NEEDS.filter(area=area)


@_op("need_detail", response={200: NeedWithMatchesOut, **READ_ERRORS, 422: ValidationErrorOut})
def need_detail(request: HttpRequest, need_id: int) -> Any:
    """A need and its matches (published services only), best first, each with its reasons."""
    need = get_object_or_404(NEEDS, pk=need_id)
    authorise(request.auth, VIEW_MARKETPLACE, need)  # type: ignore[attr-defined]
    return need
