"""The network's gaps include a children's centre and a VCS group with a need in common: the centre's open
need that one of the group's published services is among the best matches for, with no link between them."""

import pytest
from django.test import TestCase

from coproduce.directory.models import OrganisationKind
from coproduce.marketplace import services
from coproduce.marketplace.models import MatchStatus
from coproduce.vcs import selectors
from coproduce.vcs.models import LinkKind, OrganisationLink
from tests.factories import AreaFactory, OrganisationFactory
from tests.marketplace.factories import centre, service, term

pytestmark = pytest.mark.django_db


@pytest.fixture
def needing():
    area = AreaFactory(slug="bexley")
    where = centre(area)
    speech = OrganisationFactory(area=area, name="Bexley Speech Trust", kind=OrganisationKind.VCS)
    dads = OrganisationFactory(area=area, name="Dads Together", kind=OrganisationKind.VCS)
    service(speech, "Chatterbox", ages=(0, 5))
    service(dads, "Dads' football", types=("fathers",), ages=(5, 16))
    with TestCase.captureOnCommitCallbacks(execute=True):
        need = services.need_create(
            area=area,
            centre=where,
            title="Speech groups",
            description="Toddlers who are late to talk",
            service_type=term("speech-and-language"),
            minimum_age=0,
            maximum_age=3,
            budget_band="no_limit",
        )
    return area, where, speech, dads, need


def _gaps(area):
    return {(a.name, b.name): shared for a, b, shared in selectors.area_network(area).gaps()}


def test_a_centre_and_the_group_whose_service_meets_its_need_are_a_gap_until_linked(needing):
    area, where, speech, dads, need = needing
    assert need.matches.filter(service__organisation=speech).exists()
    gaps = _gaps(area)
    pair = {where.name, speech.name}
    assert [shared for names, shared in gaps.items() if set(names) == pair] == [("Need: Speech groups",)]
    # the group whose service does not meet the need shares nothing with the centre
    assert not [names for names in gaps if set(names) == {where.name, dads.name}]

    a, b = sorted([where, speech], key=lambda o: o.pk)
    OrganisationLink.objects.create(
        area=area, organisation_a=a, organisation_b=b, kind=LinkKind.REFERRAL, strength=2
    )
    assert not [names for names in _gaps(area) if set(names) == pair]


def test_a_match_turned_down_or_a_closed_need_is_no_longer_in_common(needing):
    area, where, speech, _, need = needing
    need.matches.filter(service__organisation=speech).update(status=MatchStatus.DECLINED)
    assert selectors.shared_needs(area) == {}
    need.matches.update(status=MatchStatus.SUGGESTED)
    assert selectors.shared_needs(area)
    need.is_open = False
    need.save()
    assert selectors.shared_needs(area) == {}
