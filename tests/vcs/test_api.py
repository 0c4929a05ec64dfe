"""The network through the API: the same measures, links and gaps as the page, for every member."""

import pytest

from coproduce.accounts.models import ApiToken, AreaRole
from tests.factories import AreaFactory, member
from tests.vcs.factories import CentreFactory, LinkFactory

pytestmark = pytest.mark.django_db


def test_a_member_reads_the_areas_network_with_its_measures(client):
    area = AreaFactory(slug="bexley")
    centre = CentreFactory(area=area, name="Hollyfield Children's Centre")
    link = LinkFactory(area=area, organisation_a=centre, strength=3)
    _, raw = ApiToken.issue(user=member(area, AreaRole.VIEWER), name="test")
    response = client.get("/api/areas/bexley/network", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    body = response.json()
    assert body["links"] == [
        {
            "id": link.pk,
            "organisation_a_id": link.organisation_a_id,
            "organisation_b_id": link.organisation_b_id,
            "kind": "partnership",
            "strength": 3,
            "note": "",
        }
    ]
    # Two organisations, one link: each has one link, of strength 3; nobody lies between them; one community.
    assert {
        (o["degree"], o["weighted_degree"], o["betweenness"], o["community"]) for o in body["organisations"]
    } == {(1, 3, 0.0, 0)}
    assert body["communities"] == [sorted([link.organisation_a_id, link.organisation_b_id])]
    assert body["gaps"] == []
    elsewhere = member(AreaFactory(), AreaRole.PROGRAMME_LEAD)
    _, other = ApiToken.issue(user=elsewhere, name="other")
    assert (
        client.get("/api/areas/bexley/network", headers={"Authorization": f"Bearer {other}"}).status_code
        == 404
    )
