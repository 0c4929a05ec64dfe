"""Factories for the service directory's tests."""

import datetime

import factory

from coproduce.service_directory import taxonomy_seed
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
    return TaxonomyTerm.objects.get(id=taxonomy_seed.term_id(code))


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    organisation = factory.SubFactory(OrganisationFactory, kind="vcs")
    name = factory.Sequence(lambda n: f"Service {n}")
    description = "A group for families."
    is_published = True


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    organisation = factory.SubFactory(OrganisationFactory, kind="vcs")
    name = factory.Sequence(lambda n: f"Hall {n}")
    address_1 = "1 High Street"
    city = "Bexleyheath"
    state_province = "Greater London"
    postal_code = "DA6 7AT"


def listed(
    *,
    organisation=None,
    terms=(),
    ages=(None, None),
    days="",
    hours=(None, None),
    amount=None,
    postcode="DA6 7AT",
    published=True,
    **kwargs,
) -> Service:
    """A service with one location, one schedule and, given an amount, one cost option."""
    service = ServiceFactory(
        minimum_age=ages[0],
        maximum_age=ages[1],
        is_published=published,
        **({"organisation": organisation} if organisation else {}),
        **kwargs,
    )
    service.taxonomy_terms.set([term(c) for c in terms])
    location = LocationFactory(organisation=service.organisation, postal_code=postcode)
    sal = ServiceAtLocation.objects.create(service=service, location=location)
    if days or hours[0]:
        Schedule.objects.create(
            service=service,
            service_at_location=sal,
            byday=days,
            opens_at=datetime.time.fromisoformat(hours[0]) if hours[0] else None,
            closes_at=datetime.time.fromisoformat(hours[1]) if hours[1] else None,
        )
    if amount is not None:
        CostOption.objects.create(service=service, option="Per session", amount=amount)
    return service
