import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from coproduce.service_directory import taxonomy_seed
from coproduce.service_directory.models import Schedule, Taxonomy, TaxonomyTerm
from tests.service_directory.factories import ServiceFactory, listed

pytestmark = pytest.mark.django_db


def test_the_family_support_taxonomy_is_seeded_with_fixed_ids():
    taxonomy = Taxonomy.objects.get(id=taxonomy_seed.taxonomy_id())
    assert taxonomy.terms.count() == len(taxonomy_seed.TERMS)
    assert TaxonomyTerm.objects.get(id=taxonomy_seed.term_id("play-and-learning")).name == "Play and learning"


def test_the_database_refuses_an_upside_down_age_range():
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceFactory(minimum_age=11, maximum_age=5)


def test_the_database_refuses_a_schedule_that_closes_before_it_opens():
    service = ServiceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Schedule.objects.create(service=service, opens_at=datetime.time(12), closes_at=datetime.time(9))


def test_an_offer_gives_a_matcher_plain_values():
    service = listed(
        terms=["play-and-learning"],
        ages=(0, 5),
        days="MO,WE",
        hours=("09:30", "11:30"),
        amount=Decimal("2.50"),
        postcode="DA7 4BT",
    )
    offer = service.offer()
    assert offer.taxonomy_term_names == ("Play and learning",)
    assert (offer.minimum_age, offer.maximum_age) == (0, 5)
    assert offer.postcodes == ("DA7 4BT",)
    assert [t.day for t in offer.times] == ["MO", "WE"]
    assert offer.times[0].opens_at == datetime.time(9, 30)
    assert offer.is_free is False and offer.lowest_cost == Decimal("2.50")


def test_a_service_without_a_priced_cost_option_is_free():
    assert listed().offer().is_free is True
    assert listed(amount=Decimal("0")).offer().is_free is True
