"""The demo's market place: Bexley's six centres state illustrative needs, matched to published services,
some agreed at a market place event with actions, one gap; loading again changes nothing."""

import pytest
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.demo.loader import load_demo
from coproduce.demo.marketplace import EVENT_TITLE, load_marketplace_demo
from coproduce.directory.models import OrganisationKind
from coproduce.marketplace.models import Match, MatchStatus, Need
from coproduce.marketplace.selectors import area_gaps
from coproduce.programmes.models import Area
from tests.factories import member
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


def test_each_of_the_six_centres_states_illustrative_needs_with_ranked_matches(bexley):
    needs = Need.objects.filter(area=bexley)
    centres = set(bexley.organisations.filter(kind=OrganisationKind.CHILDRENS_CENTRE))
    assert {n.centre for n in needs} == centres and len(centres) == 6
    assert all(n.is_illustrative and n.ranking_status == "done" for n in needs)
    assert needs.filter(evidence__isnull=False).distinct().count() >= 4
    for match in Match.objects.filter(need__area=bexley, rank__isnull=False):
        assert match.service.is_published
        assert [r["criterion"] for r in match.reasons][0] == "type"


def test_some_matches_are_agreed_at_the_market_place_with_actions_one_discussed_one_not_taken_up(bexley):
    event = bexley.events.get(title=EVENT_TITLE, kind="market_place")
    agreed = Match.objects.filter(event=event, status=MatchStatus.AGREED)
    assert agreed.count() == 4
    for match in agreed:
        assert match.action is not None and match.action.owner == match.service.organisation
        assert match.action.proposal.title == "Performance management"  # the case study's market place
        assert match.action.status == "done" and match.action.progress_notes.exists()
    assert Match.objects.filter(event=event, status=MatchStatus.DISCUSSED).count() == 1
    assert Match.objects.filter(event=event, status=MatchStatus.DECLINED).count() == 1


def test_english_classes_are_a_gap_and_the_event_page_shows_the_map(bexley, client):
    unmet = {need.title: reason for need, reason in area_gaps(bexley).unmet}
    assert (
        unmet["English classes for parents"]
        == "No published service is of type Adult learning and employment."
    )
    client.force_login(member(bexley, AreaRole.VIEWER))
    event = bexley.events.get(title=EVENT_TITLE)
    page = client.get(reverse("marketplace:event", args=[event.pk])).content.decode()
    assert "What is available, by type of service and children" in page
    assert "(agreed)" in page


def test_loading_again_changes_nothing(bexley):
    before = (Need.objects.count(), Match.objects.count())
    assert load_marketplace_demo() is None
    assert (Need.objects.count(), Match.objects.count()) == before
