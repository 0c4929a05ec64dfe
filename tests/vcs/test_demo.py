"""The demo's understanding of Bexley's VCS: six profiles, health checks taken twice showing change, and a
network of the six VCS groups and six centres with gaps once the comments have themes."""

import pytest

from coproduce.demo import vcs as demo
from coproduce.demo.data import bexley as data
from coproduce.demo.loader import load_demo
from coproduce.engagement.models import Comment
from coproduce.programmes.models import Area
from coproduce.themes.models import RunStatus, Theme, ThemeAssignment
from coproduce.vcs import selectors
from coproduce.vcs.models import HealthCheck, OrganisationLink, OrganisationProfile
from tests.factories import AnalysisRunFactory
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


def test_each_of_bexleys_six_vcs_groups_has_an_illustrative_profile(bexley):
    profiles = OrganisationProfile.objects.filter(organisation__area=bexley)
    assert sorted(profiles.values_list("organisation__name", flat=True)) == sorted(data.VCS_GROUPS)
    assert all(p.is_illustrative and p.needs and p.values and p.income_band for p in profiles)


def test_three_groups_took_the_health_check_twice_and_each_shows_change(bexley):
    taken_twice = 0
    for name in demo.HEALTH_CHECKS:
        checks = HealthCheck.objects.filter(organisation__name=name, organisation__area=bexley)
        assert checks.count() == 2
        change, previous = selectors.change_of(checks.first())  # the newest
        assert previous is not None and previous.taken_on == demo.FIRST_CHECK
        assert change.count("better") + change.count("worse") > 0
        taken_twice += 1
    assert taken_twice >= 2
    portage = HealthCheck.objects.get(organisation__name=data.PORTAGE, taken_on=demo.SECOND_CHECK)
    workforce = next(a for a in selectors.change_of(portage)[0].areas if a.topic == "workforce")
    assert (workforce.previous, workforce.current, workforce.direction) == (3, 2, "worse")
    # Its weak areas are the organisation's training needs.
    weak = portage.ratings.get(topic="workforce")
    assert weak.training_need is not None and weak.training_need.organisation.name == data.PORTAGE


def test_the_network_links_the_six_groups_and_six_centres_and_has_gaps_once_comments_have_themes(bexley):
    network = selectors.area_network(bexley)
    names = {o.name for o in network.organisations.values()}
    assert names == set(data.VCS_GROUPS) | set(data.CENTRES) | {demo.CONSORTIUM}
    assert OrganisationLink.objects.filter(area=bexley).count() == len(demo.LINKS)
    assert all(network.network.measures[o.pk].degree > 0 for o in network.organisations.values())
    # No theme analysis yet: what is known in common is only the centres' needs the groups' services match.
    assert all(all(item.startswith("Need: ") for item in shared) for _, _, shared in network.gaps())

    # A hand-made analysis putting every comment in one theme (the real one takes the embedding model):
    # every centre and VCS group whose people commented then share it, and those with no link are gaps.
    run = AnalysisRunFactory(area=bexley, status=RunStatus.DONE)
    theme = Theme.objects.create(run=run, number=1, label="Everything", size=0)
    ThemeAssignment.objects.bulk_create(
        ThemeAssignment(run=run, theme=theme, comment=c, confidence=1.0)
        for c in Comment.objects.filter(event__area=bexley)
    )
    gaps = selectors.area_network(bexley).gaps()
    assert gaps
    linked = {(link.organisation_a.name, link.organisation_b.name) for link in OrganisationLink.objects.all()}
    for a, b, shared in gaps:
        assert {a.kind, b.kind} == {"childrens_centre", "vcs"}
        assert [item for item in shared if not item.startswith("Need: ")] == ["Theme: Everything"]
        assert (a.name, b.name) not in linked and (b.name, a.name) not in linked


def test_loading_again_changes_nothing(bexley):
    assert demo.load_vcs_demo() == {"profiles": 0, "health_checks": 0, "links": 0}
