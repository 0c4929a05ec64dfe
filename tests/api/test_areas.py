"""GET /api/areas and /api/areas/{slug}."""

import pytest

from coproduce.accounts.models import AreaRole
from tests.api.helpers import url
from tests.factories import AreaFactory, ChallengeFactory, OrganisationFactory, UserFactory, member

pytestmark = pytest.mark.django_db


def test_areas_lists_only_the_callers_areas(as_user, area, other_area):
    user = member(area, AreaRole.VIEWER)
    third = AreaFactory()
    member(third, AreaRole.FACILITATOR, user=user)

    response = as_user(user).get(url("area_list"))

    assert response.status_code == 200
    assert sorted(a["slug"] for a in response.json()) == sorted([area.slug, third.slug])


def test_a_superuser_sees_every_area(as_user, area, other_area):
    response = as_user(UserFactory(is_superuser=True)).get(url("area_list"))
    assert {a["slug"] for a in response.json()} == {area.slug, other_area.slug}


def test_a_user_with_no_role_sees_no_areas(as_user, area):
    assert as_user(UserFactory()).get(url("area_list")).json() == []


def test_area_detail_has_challenges_and_organisations(as_user, area, viewer):
    challenge = ChallengeFactory(area=area, number=1, text="How to share premises?")
    organisation = OrganisationFactory(area=area, name="Family Action")

    response = as_user(viewer).get(url("area_detail", slug=area.slug))

    assert response.status_code == 200
    body = response.json()
    assert body["slug"] == area.slug
    assert body["name"] == area.name
    assert body["programme"] == area.programme.name
    assert body["challenges"] == [
        {"id": challenge.pk, "number": 1, "text": "How to share premises?", "stage": "blank_page"}
    ]
    assert body["organisations"] == [{"id": organisation.pk, "name": "Family Action", "kind": "vcs"}]
