"""Reading the directory: published services and the ORUK API's filters, and an organisation's listing."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from coproduce.service_directory.models import (
    DAYS,
    ChangeStatus,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceChange,
    TaxonomyTerm,
)

DAY_NAMES = {name.lower(): code for code, name in DAYS.items()}


@dataclass(frozen=True)
class ServiceFilters:
    """The ORUK filters, already checked (see api_views.parse_filters)."""

    search: str = ""
    taxonomy_term_id: uuid.UUID | None = None
    taxonomy_id: uuid.UUID | None = None
    minimum_age: float | None = None
    maximum_age: float | None = None
    day: str | None = None  # an RFC 5545 code
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    postcode: str = ""


def day_code(value: str) -> str | None:
    """ "MO", "mo", "Monday" → "MO"; anything else → None."""
    value = value.strip()
    if value.upper() in DAYS:
        return value.upper()
    return DAY_NAMES.get(value.lower())


def normalise_postcode(value: str) -> str:
    return "".join(value.split()).upper()


def published_services() -> QuerySet[Service]:
    return Service.objects.filter(is_published=True)


def with_everything(services: QuerySet[Service]) -> QuerySet[Service]:
    """What the fully nested ORUK service (and ``Service.offer``) reads, in a fixed number of queries."""
    return services.select_related("organisation__listing").prefetch_related(
        "schedules",
        "cost_options",
        "contacts",
        Prefetch("taxonomy_terms", queryset=TaxonomyTerm.objects.select_related("taxonomy")),
        Prefetch("service_at_locations", queryset=ServiceAtLocation.objects.select_related("location")),
    )


def filter_services(services: QuerySet[Service], filters: ServiceFilters) -> QuerySet[Service]:
    """The services meeting every filter given, as the ORUK OpenAPI document describes each.

    A service with no minimum age counts as minimum 0; one with no maximum age has no upper limit, so it
    never meets a ``maximum_age`` filter. ``day``, ``start_time`` and ``end_time`` must hold for one and the
    same schedule: a service open on Monday mornings and Friday evenings does not meet "Monday evening".
    """
    if filters.search:
        services = services.filter(
            Q(name__icontains=filters.search)
            | Q(description__icontains=filters.search)
            | Q(organisation__name__icontains=filters.search)
        )
    if filters.taxonomy_term_id is not None:
        services = services.filter(taxonomy_terms__id=filters.taxonomy_term_id)
    if filters.taxonomy_id is not None:
        services = services.filter(taxonomy_terms__taxonomy_id=filters.taxonomy_id)
    if filters.minimum_age is not None:
        if filters.minimum_age <= 0:
            services = services.filter(Q(minimum_age__isnull=True) | Q(minimum_age__gte=filters.minimum_age))
        else:
            services = services.filter(minimum_age__gte=filters.minimum_age)
    if filters.maximum_age is not None:
        services = services.filter(maximum_age__lte=filters.maximum_age)
    if filters.day or filters.start_time or filters.end_time:
        schedules = Schedule.objects.filter(service=OuterRef("pk"))
        if filters.start_time:
            schedules = schedules.filter(opens_at__gte=filters.start_time)
        if filters.end_time:
            schedules = schedules.filter(closes_at__lte=filters.end_time)
        if filters.day:
            # byday is a comma-separated list of two-letter codes: match the code as a whole item.
            code = filters.day
            schedules = schedules.filter(
                Q(byday=code)
                | Q(byday__startswith=f"{code},")
                | Q(byday__endswith=f",{code}")
                | Q(byday__contains=f",{code},")
            )
        services = services.filter(Exists(schedules))
    return services.distinct()


def filter_service_at_locations(
    sals: QuerySet[ServiceAtLocation], filters: ServiceFilters
) -> QuerySet[ServiceAtLocation]:
    services = filter_services(published_services(), filters)
    sals = sals.filter(service__in=services.values("pk"))
    if filters.postcode:
        wanted = normalise_postcode(filters.postcode)
        # A whole postcode matches that postcode; an outward code alone ("DA6") matches its district.
        matching = [
            pk
            for pk, code in sals.values_list("pk", "location__postal_code")
            if normalise_postcode(code) == wanted
            or (len(wanted) <= 4 and normalise_postcode(code)[:-3] == wanted)
        ]
        sals = sals.filter(pk__in=matching)
    return sals


def published_service_at_locations() -> QuerySet[ServiceAtLocation]:
    return ServiceAtLocation.objects.filter(service__is_published=True)


def pending_change(service: Service) -> ServiceChange | None:
    return service.changes.filter(status=ChangeStatus.PENDING).first()


def organisation_services(organisation) -> QuerySet[Service]:
    return Service.objects.filter(organisation=organisation).prefetch_related("changes").order_by("name")


def changes_to_review(area) -> QuerySet[ServiceChange]:
    return (
        ServiceChange.objects.filter(service__organisation__area=area, status=ChangeStatus.PENDING)
        .select_related("service__organisation", "submitted_by")
        .order_by("submitted_at")
    )
