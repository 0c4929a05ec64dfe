"""The Open Referral UK 3.0 API at /api/oruk/, as the profile's openapi.json defines it.

Plain Django views rather than a second ninja API: the response shapes are the standard's own schemas
(tests validate every response against them), and /api/openapi.json stays the document of our own API.
Public: published services only, no key, CORS open, GET only, rate-limited per address.
"""

from __future__ import annotations

import datetime
import math
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited

from coproduce.service_directory import oruk, oruk_schema, selectors
from coproduce.service_directory.models import ServiceAtLocation, Taxonomy, TaxonomyTerm

PROFILE_URL = "https://openreferraluk.org/"
ORUK_VERSION = "3.0"
DEFAULT_PER_PAGE = 10
MAX_PER_PAGE = 100


class BadParameter(Exception):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name
        self.message = message


def _cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, OPTIONS"
    response["Access-Control-Allow-Headers"] = "Accept, Content-Type"
    return response


def oruk_endpoint(view: Callable[..., Any]) -> Callable[..., HttpResponse]:
    """Public, read-only, CORS-open and rate-limited; a bad parameter is a 400 naming it."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS":
            return _cors(HttpResponse(status=204))
        if request.method not in ("GET", "HEAD"):
            return _cors(
                JsonResponse(
                    {"detail": "Only GET is allowed."}, status=405, headers={"Allow": "GET, OPTIONS"}
                )
            )
        if is_ratelimited(
            request, group="oruk-api", key="ip", rate=settings.ORUK_API_RATE, method=ALL, increment=True
        ):
            return _cors(JsonResponse({"detail": "Too many requests; try again in a minute."}, status=429))
        try:
            result = view(request, *args, **kwargs)
        except BadParameter as error:
            return _cors(JsonResponse({"detail": error.message, "parameter": error.name}, status=400))
        if isinstance(result, HttpResponse):
            return _cors(result)
        return _cors(JsonResponse(result, json_dumps_params={"ensure_ascii": False}))

    wrapped.csrf_exempt = True  # type: ignore[attr-defined]  # GET only: nothing to forge
    return wrapped


def _not_found(kind: str) -> JsonResponse:
    return JsonResponse({"detail": f"No such {kind}."}, status=404)


def _int(request: HttpRequest, name: str, default: int, low: int, high: int | None = None) -> int:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameter(name, f"{name} must be a whole number, not “{raw[:40]}”.") from None
    if value < low or (high is not None and value > high):
        limit = f"from {low} to {high}" if high is not None else f"{low} or more"
        raise BadParameter(name, f"{name} must be {limit}.")
    return value


def _number(request: HttpRequest, name: str) -> float | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise BadParameter(name, f"{name} must be a number of years, not “{raw[:40]}”.") from None
    if not math.isfinite(value) or value < 0:
        raise BadParameter(name, f"{name} must be a number of years, 0 or more.")
    return value


def _uuid(request: HttpRequest, name: str) -> uuid.UUID | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise BadParameter(name, f"{name} must be a UUID, not “{raw[:40]}”.") from None


def _time(request: HttpRequest, name: str) -> datetime.time | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        return datetime.time.fromisoformat(raw)
    except ValueError:
        raise BadParameter(name, f"{name} must be a time such as 09:30, not “{raw[:40]}”.") from None


def parse_filters(request: HttpRequest, *, with_place: bool = False) -> selectors.ServiceFilters:
    day = request.GET.get("day", "").strip()
    code = selectors.day_code(day) if day else None
    if day and code is None:
        raise BadParameter("day", "day must be a day of the week, as MO…SU or Monday…Sunday.")
    if with_place and request.GET.get("proximity", "").strip():
        raise BadParameter(
            "proximity",
            "proximity is not supported: this directory holds no postcode centroids. Use postcode alone.",
        )
    return selectors.ServiceFilters(
        search=request.GET.get("search", "").strip()[:200],
        taxonomy_term_id=_uuid(request, "taxonomy_term_id"),
        taxonomy_id=_uuid(request, "taxonomy_id"),
        minimum_age=_number(request, "minimum_age"),
        maximum_age=_number(request, "maximum_age"),
        day=code,
        start_time=_time(request, "start_time"),
        end_time=_time(request, "end_time"),
        postcode=request.GET.get("postcode", "").strip()[:16] if with_place else "",
    )


def page_of(request: HttpRequest, items: QuerySet, render: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    """The ORUK page wrapper around one page of ``items``."""
    page = _int(request, "page", 1, 1)
    per_page = _int(request, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    total = items.count()
    total_pages = math.ceil(total / per_page)
    start = (page - 1) * per_page
    contents = [render(item) for item in items[start : start + per_page]] if start < total else []
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


@oruk_endpoint
def meta(request: HttpRequest) -> dict[str, Any]:
    return {
        "version": ORUK_VERSION,
        "profile": PROFILE_URL,
        "openapi_url": request.build_absolute_uri(reverse("oruk:openapi")),
    }


@oruk_endpoint
def openapi(request: HttpRequest) -> dict[str, Any]:
    return oruk_schema.openapi_document()


@oruk_endpoint
def services(request: HttpRequest) -> dict[str, Any]:
    filters = parse_filters(request)
    found = selectors.filter_services(selectors.published_services(), filters)
    found = found.select_related("organisation__listing").order_by("name", "id")
    return page_of(request, found, oruk.service_summary_json)


@oruk_endpoint
def service(request: HttpRequest, id: str) -> dict[str, Any] | HttpResponse:
    try:
        pk = uuid.UUID(id)
    except ValueError:
        return _not_found("service")
    found = selectors.with_everything(selectors.published_services()).filter(pk=pk).first()
    return oruk.service_json(found) if found else _not_found("service")


@oruk_endpoint
def taxonomies(request: HttpRequest) -> dict[str, Any]:
    return page_of(request, Taxonomy.objects.order_by("name", "id"), oruk.taxonomy_json)


@oruk_endpoint
def taxonomy(request: HttpRequest, id: str) -> dict[str, Any] | HttpResponse:
    try:
        found = Taxonomy.objects.prefetch_related("terms__taxonomy").filter(pk=uuid.UUID(id)).first()
    except ValueError:
        found = None
    return oruk.taxonomy_json(found, with_terms=True) if found else _not_found("taxonomy")


@oruk_endpoint
def taxonomy_terms(request: HttpRequest) -> dict[str, Any]:
    terms = TaxonomyTerm.objects.select_related("taxonomy").order_by("taxonomy__name", "name", "id")
    return page_of(request, terms, oruk.taxonomy_term_json)


@oruk_endpoint
def taxonomy_term(request: HttpRequest, id: str) -> dict[str, Any] | HttpResponse:
    try:
        found = TaxonomyTerm.objects.select_related("taxonomy").filter(pk=uuid.UUID(id)).first()
    except ValueError:
        found = None
    return oruk.taxonomy_term_json(found) if found else _not_found("taxonomy term")


@oruk_endpoint
def service_at_locations(request: HttpRequest) -> dict[str, Any]:
    filters = parse_filters(request, with_place=True)
    sals = selectors.filter_service_at_locations(selectors.published_service_at_locations(), filters)
    sals = sals.select_related("location", "service__organisation__listing").order_by("service__name", "id")
    return page_of(request, sals, oruk.service_at_location_list_json)


@oruk_endpoint
def service_at_location(request: HttpRequest, id: str) -> dict[str, Any] | HttpResponse:
    """The OpenAPI document gives this path the fully nested *service* schema (compiled/service.json), so
    the answer is the service delivered at this location, with all its locations."""
    try:
        sal = ServiceAtLocation.objects.filter(pk=uuid.UUID(id), service__is_published=True).first()
    except ValueError:
        sal = None
    if sal is None:
        return _not_found("service at location")
    found = selectors.with_everything(selectors.published_services()).get(pk=sal.service_id)
    return oruk.service_json(found)
