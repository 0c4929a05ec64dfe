"""API operations over an area's published KPIs and their figures: what the public KPI pages show, for
members of the area (VIEW_KPI; no role in the area is a 404). Read-only; registered in coproduce/api/api.py.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from coproduce.accounts.rules import VIEW_KPI, authorise
from coproduce.api.schemas import Error, ValidationErrorOut
from coproduce.kpis import selectors
from coproduce.kpis.models import Kpi, KpiValue
from coproduce.programmes.models import Area

# url_name -> (HTTP method, path under /api/, permission checked), as in coproduce/api/endpoints.py;
# tests/api/test_openapi.py checks the document against the tables.
OPERATIONS: dict[str, tuple[str, str, str]] = {
    "area_kpi_list": ("GET", "/areas/{slug}/kpis", VIEW_KPI),
    "kpi_detail": ("GET", "/kpis/{kpi_id}", VIEW_KPI),
}

router = Router()


class KpiValueOut(Schema):
    period: str = Field(..., description="As a CSV import writes it: 2012-Q1, 2012-03 or 2012.")
    period_label: str = Field(..., description="As the page shows it: 2012 Q1, Mar 2012 or 2012.")
    period_start: datetime.date
    value: float
    status: str = Field(..., description="met, missed or no_target.")
    explanation: str


class KpiOut(Schema):
    id: int
    area: str = Field(..., description="The area's slug.")
    name: str
    why: str
    measure: str
    unit: str
    direction: str = Field(..., description="higher or lower: which is better.")
    target: float | None
    frequency: str = Field(..., description="monthly, quarterly or yearly.")
    source: str
    status: str = Field(
        ..., description="The latest figure against target: met, missed, no_target or no_value."
    )
    is_illustrative: bool
    url: str = Field(..., description="The KPI's public page.")
    proposal_ids: list[int] = Field(..., description="The published proposals it answers.")
    action_ids: list[int] = Field(..., description="The actions (of published proposals) it tracks.")
    criterion_ids: list[int] = Field(..., description="The criteria (of published appraisals) it evidences.")
    theme_ids: list[int]
    values: list[KpiValueOut] = Field(..., description="Oldest first.")


READ_ERRORS: dict[int, Any] = {401: Error, 404: Error}
ID_ERRORS: dict[int, Any] = {**READ_ERRORS, 422: ValidationErrorOut}


def _op(name: str, *, response: dict[int, Any]) -> Any:
    method, path, _ = OPERATIONS[name]
    return router.api_operation(
        [method], path, url_name=name, operation_id=name, tags=["KPIs"], response=response
    )


def _value(value: KpiValue) -> dict[str, Any]:
    period = value.period
    return {
        "period": period.code,
        "period_label": period.label,
        "period_start": value.period_start,
        "value": float(value.value),
        "status": value.status,
        "explanation": value.explanation,
    }


def _kpi(kpi: Kpi) -> dict[str, Any]:
    page = selectors.kpi_page(kpi, public=True)
    return {
        "id": kpi.pk,
        "area": kpi.area.slug,
        "name": kpi.name,
        "why": kpi.why,
        "measure": kpi.measure,
        "unit": kpi.unit,
        "direction": kpi.direction,
        "target": float(kpi.target) if kpi.target is not None else None,
        "frequency": kpi.frequency,
        "source": kpi.source,
        "status": page.status,
        "is_illustrative": kpi.is_illustrative,
        "url": kpi.get_public_url(),
        "proposal_ids": [p.pk for p in page.proposals],
        "action_ids": [a.pk for a in page.actions],
        "criterion_ids": [c.pk for c in page.criteria],
        "theme_ids": [t.pk for t in page.themes],
        "values": [_value(v) for v in page.values],
    }


@_op("area_kpi_list", response={200: list[KpiOut], **READ_ERRORS})
def area_kpi_list(request: HttpRequest, slug: str) -> Any:
    """The area's published KPIs with their figures, as their public pages show them."""
    area = get_object_or_404(Area, slug=slug)
    authorise(request.auth, VIEW_KPI, area)  # type: ignore[attr-defined]
    return [_kpi(kpi) for kpi in selectors.public_kpis(area).select_related("area")]


@_op("kpi_detail", response={200: KpiOut, **ID_ERRORS})
def kpi_detail(request: HttpRequest, kpi_id: int) -> Any:
    """One published KPI with its figures (an unpublished one is a 404, as on the public site)."""
    kpi = get_object_or_404(selectors.KPIS.filter(is_published=True), pk=kpi_id)
    authorise(request.auth, VIEW_KPI, kpi)  # type: ignore[attr-defined]
    return _kpi(kpi)
