"""The demo's CPD: Bexley's 13 February 2012 training workshop gave its 25 attendees CPD records."""

import pytest

from coproduce.cpd.models import CpdRecord, TrainingNeed
from coproduce.demo.cpd import TOPIC, TRAINING_DATE, load_cpd_demo
from coproduce.demo.loader import load_demo
from coproduce.directory.models import Role
from coproduce.programmes.models import Area
from tests.once import built_once


def bexley_load() -> Area:
    load_demo()
    return Area.objects.get(slug="bexley")


@pytest.fixture(scope="module")
def bexley_for_module(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, bexley_load)


@pytest.fixture
def bexley(db, bexley_for_module) -> Area:
    return bexley_for_module


def test_the_training_workshops_25_attendees_each_have_one_illustrative_record(bexley):
    records = CpdRecord.objects.filter(person__area=bexley)
    assert records.count() == 25
    assert set(records.values_list("event__date", "topic", "hours", "is_illustrative")) == {
        (TRAINING_DATE, TOPIC, 3, True)
    }
    assert records.values("person").distinct().count() == 25
    roles = set(records.values_list("person__role", flat=True))
    assert roles == {Role.LA_PROFESSIONAL, Role.CC_MANAGER, Role.CC_STAFF, Role.VCS_PROVIDER}
    assert records.exclude(reflection="").count() == 4


def test_some_training_needs_were_met_by_the_workshop_and_some_are_open(bexley):
    # The demo's own needs; the VCS health checks' weak areas add theirs (tests/vcs/test_demo.py).
    needs = TrainingNeed.objects.filter(organisation__area=bexley, health_ratings__isnull=True)
    assert needs.filter(met_by_event__date=TRAINING_DATE).count() == 3
    assert needs.filter(met_on__isnull=True).count() == 2
    assert all(need.is_illustrative for need in needs)


def test_loading_again_changes_nothing(bexley):
    before = list(CpdRecord.objects.order_by("pk").values_list("pk", "reflection"))
    assert load_cpd_demo() == 0
    load_demo()
    assert list(CpdRecord.objects.order_by("pk").values_list("pk", "reflection")) == before
    assert TrainingNeed.objects.filter(organisation__area=bexley, health_ratings__isnull=True).count() == 5
