"""API operations over options appraisals: an area's appraisals, and one with its long list, criteria and
results (ranking, scores overall and by role, weights, sensitivity). Read-only, with the same permission as
the pages (VIEW_APPRAISAL): no role in the area is a 404."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from coproduce.accounts.rules import VIEW_APPRAISAL, authorise
from coproduce.api.schemas import Error, ValidationErrorOut
from coproduce.appraisal import selectors
from coproduce.appraisal.models import Appraisal
from coproduce.programmes.models import Area

# url_name -> (HTTP method, path under /api/, permission checked), as coproduce/api/endpoints.py lists its own.
OPERATIONS: dict[str, tuple[str, str, str]] = {
    "area_appraisal_list": ("GET", "/areas/{slug}/appraisals", VIEW_APPRAISAL),
    "appraisal_detail": ("GET", "/appraisals/{appraisal_id}", VIEW_APPRAISAL),
}

router = Router()


class OptionRef(Schema):
    id: int
    title: str


class AppraisalOut(Schema):
    id: int
    area: str = Field(..., description="The area's slug.")
    title: str
    status: str = Field(..., description="draft, scoring, closed or agreed.")
    is_illustrative: bool
    preferred_option: OptionRef | None = Field(None, description="Set once the preferred option is agreed.")


class OptionOut(Schema):
    id: int
    kind: str
    title: str
    description: str
    is_shortlisted: bool
    excluded_on: str = Field(
        ..., description="scope, solution, delivery, implementation or funding; empty if kept."
    )
    exclusion_reason: str


class CriterionOut(Schema):
    id: int
    kind: str
    title: str
    description: str
    theme_ids: list[int] = Field(..., description="The themes cited as the criterion's evidence.")


class RankedOut(Schema):
    rank: int
    option_id: int
    weighted_score: float


class WeightOut(Schema):
    criterion_id: int
    weight: float = Field(..., description="A share of 1.")


class CellOut(Schema):
    option_id: int
    criterion_id: int
    n: int
    mean: float | None
    spread: float | None = Field(None, description="The interquartile range of the scores.")
    minimum: float | None
    maximum: float | None


class RoleOut(Schema):
    role: str
    raters: int
    cells: list[CellOut]
    ranking: list[RankedOut]
    weights: list[WeightOut]


class SwitchOut(Schema):
    criterion_id: int
    weight: float
    below: float | None = Field(None, description="The lower weight at which the top changes; null: never.")
    below_top_ids: list[int]
    above: float | None = Field(None, description="The higher weight at which the top changes; null: never.")
    above_top_ids: list[int]


class AcceptabilityOut(Schema):
    option_id: int
    first: float = Field(..., description="The share of random weight sets in which the option comes first.")


class ResultsOut(Schema):
    raters: int
    problem: str = Field(..., description="Why there is no ranking yet; empty when there is one.")
    ranking: list[RankedOut]
    weights: list[WeightOut]
    overall: list[CellOut]
    by_role: list[RoleOut]
    switching: list[SwitchOut]
    acceptability: list[AcceptabilityOut]
    draws: int
    seed: int


class AppraisalDetailOut(AppraisalOut):
    scale_min: int
    scale_max: int
    recommendation: str
    agreed_at: str | None
    options: list[OptionOut]
    criteria: list[CriterionOut]
    results: ResultsOut


def _op(name: str, tag: str, *, response: dict[int, Any]) -> Any:
    method, path, _ = OPERATIONS[name]
    errors: dict[int, Any] = {401: Error, 404: Error}
    if "_id}" in path:
        errors[422] = ValidationErrorOut
    return router.api_operation(
        [method], path, url_name=name, operation_id=name, tags=[tag], response={**response, **errors}
    )


def _summary(appraisal: Appraisal) -> dict[str, Any]:
    preferred = selectors.preferred_option(appraisal)
    return {
        "id": appraisal.pk,
        "area": appraisal.area.slug,
        "title": appraisal.title,
        "status": appraisal.status,
        "is_illustrative": appraisal.is_illustrative,
        "preferred_option": {"id": preferred.pk, "title": preferred.title} if preferred else None,
    }


def _cells(rows, criteria) -> list[dict[str, Any]]:
    return [
        {
            "option_id": option.pk,
            "criterion_id": criterion.pk,
            "n": cell.n,
            "mean": cell.mean,
            "spread": cell.spread,
            "minimum": cell.minimum,
            "maximum": cell.maximum,
        }
        for option, cells in rows
        for criterion, cell in zip(criteria, cells, strict=True)
    ]


def _ranking(ranking) -> list[dict[str, Any]]:
    return [{"rank": rank, "option_id": o.pk, "weighted_score": total} for rank, o, total in ranking]


def _weights(weights) -> list[dict[str, Any]]:
    return [{"criterion_id": c.pk, "weight": w} for c, w in weights]


def _results(results: selectors.Results) -> dict[str, Any]:
    return {
        "raters": results.raters,
        "problem": results.problem,
        "ranking": _ranking(results.ranking),
        "weights": _weights(results.weights),
        "overall": _cells(results.overall, results.criteria),
        "by_role": [
            {
                "role": view.role,
                "raters": view.raters,
                "cells": _cells(view.rows, results.criteria),
                "ranking": _ranking(view.ranking),
                "weights": _weights(view.weights),
            }
            for view in results.by_role
        ],
        "switching": [
            {
                "criterion_id": row.criterion.pk,
                "weight": row.weight,
                "below": row.below[0] if row.below else None,
                "below_top_ids": [o.pk for o in row.below[1]] if row.below else [],
                "above": row.above[0] if row.above else None,
                "above_top_ids": [o.pk for o in row.above[1]] if row.above else [],
            }
            for row in results.switching
        ],
        "acceptability": [{"option_id": o.pk, "first": share} for o, share in results.acceptability],
        "draws": results.draws,
        "seed": results.seed,
    }


APPRAISALS = Appraisal.objects.select_related("area", "preferred_option")


@_op("area_appraisal_list", "Appraisals", response={200: list[AppraisalOut]})
def area_appraisal_list(request: HttpRequest, slug: str) -> Any:
    """The area's options appraisals, latest first."""
    area = get_object_or_404(Area, slug=slug)
    authorise(request.auth, VIEW_APPRAISAL, area)  # type: ignore[attr-defined]
    return [_summary(a) for a in APPRAISALS.filter(area=area)]


@_op("appraisal_detail", "Appraisals", response={200: AppraisalDetailOut})
def appraisal_detail(request: HttpRequest, appraisal_id: int) -> Any:
    """An appraisal with its long list (exclusions and their reasons), criteria and the themes they cite,
    and its results: the weighted ranking, scores overall and by role with their spread, the agreed
    weights, switching values and rank acceptability (a fixed seed, so the same figures every time)."""
    appraisal = get_object_or_404(APPRAISALS, pk=appraisal_id)
    authorise(request.auth, VIEW_APPRAISAL, appraisal)  # type: ignore[attr-defined]
    return {
        **_summary(appraisal),
        "scale_min": appraisal.scale_min,
        "scale_max": appraisal.scale_max,
        "recommendation": appraisal.recommendation if appraisal.status == "agreed" else "",
        "agreed_at": appraisal.agreed_at.isoformat() if appraisal.agreed_at else None,
        "options": list(appraisal.options.all()),
        "criteria": [
            {
                "id": c.pk,
                "kind": c.kind,
                "title": c.title,
                "description": c.description,
                "theme_ids": [t.pk for t in c.themes.all()],
            }
            for c in appraisal.criteria.prefetch_related("themes")
        ],
        "results": _results(selectors.appraisal_results(appraisal)),
    }
