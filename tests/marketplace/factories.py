"""Factories for the market place tests: services of the directory (written directly, as published
listings: these tests are about matching, not the review of listings) and centres' needs."""

from __future__ import annotations

import datetime

from coproduce.directory.models import Organisation, OrganisationKind
from coproduce.programmes.models import Area
from coproduce.service_directory.models import (
    CostOption,
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from tests.factories import OrganisationFactory


def term(code: str) -> TaxonomyTerm:
    """A term of the seeded family-support taxonomy, by its code."""
    return TaxonomyTerm.objects.get(code=code)


def centre(
    area: Area, name: str = "Bexleyheath Children's Centre", *, postcode="DA7 4DT", lat=51.457, lon=0.144
):
    organisation = OrganisationFactory(area=area, name=name, kind=OrganisationKind.CHILDRENS_CENTRE)
    Location.objects.create(
        organisation=organisation, name=name, postal_code=postcode, latitude=lat, longitude=lon
    )
    return organisation


def service(
    organisation: Organisation,
    name: str,
    *,
    types: tuple[str, ...] = ("speech-and-language",),
    ages: tuple[int | None, int | None] = (None, None),
    published: bool = True,
    description: str = "",
    at: Location | None = None,
    days: str = "",
    hours: tuple[datetime.time, datetime.time] | None = None,
    cost: float | None = None,
    cost_words: str = "",
) -> Service:
    made = Service.objects.create(
        organisation=organisation,
        name=name,
        description=description or name,
        minimum_age=ages[0],
        maximum_age=ages[1],
        is_published=published,
    )
    made.taxonomy_terms.set([term(code) for code in types])
    if at is not None:
        ServiceAtLocation.objects.create(service=made, location=at)
    if days:
        opens, closes = hours or (None, None)
        Schedule.objects.create(service=made, byday=days, opens_at=opens, closes_at=closes)
    if cost is not None:
        CostOption.objects.create(service=made, amount=cost, amount_description=cost_words)
    return made
