"""The market place API: a centre's needs and their ranked matches with reasons, read as the pages are."""

import pytest
from django.test import TestCase

from coproduce.accounts.models import ApiToken, AreaRole
from coproduce.marketplace import services
from tests.api.helpers import Caller
from tests.factories import AreaFactory, OrganisationFactory, member
from tests.marketplace.factories import centre, service, term

pytestmark = pytest.mark.django_db


def test_a_member_reads_the_areas_needs_and_a_needs_matches_with_reasons(client):
    area = AreaFactory(slug="bexley")
    where = centre(area)
    vcs = OrganisationFactory(area=area, name="Bexley Speech Trust")
    service(vcs, "Chatterbox", ages=(0, 5))
    service(vcs, "Unpublished", ages=(0, 5), published=False)
    with TestCase.captureOnCommitCallbacks(execute=True):
        need = services.need_create(
            area=area,
            centre=where,
            title="Speech groups",
            description="Late talkers",
            service_type=term("speech-and-language"),
            minimum_age=0,
            maximum_age=3,
            days="TU",
            budget_band="free",
        )
    _, raw = ApiToken.issue(user=member(area, AreaRole.VIEWER), name="test")
    api = Caller(client, raw)
    needs = api.get("/api/areas/bexley/centre-needs").json()
    assert [(n["title"], n["centre"], n["days"], n["budget_band"]) for n in needs] == [
        ("Speech groups", "Bexleyheath Children's Centre", ["TU"], "free")
    ]
    detail = api.get(f"/api/centre-needs/{need.pk}").json()
    assert [(m["service"], m["organisation"], m["rank"]) for m in detail["matches"]] == [
        ("Chatterbox", "Bexley Speech Trust", 1)
    ]
    assert detail["matches"][0]["reasons"][1]["text"] == "For ages 0–5: covers all the ages 0–3 asked for."
    _, other = ApiToken.issue(user=member(AreaFactory(), AreaRole.VIEWER), name="test")
    assert Caller(client, other).get(f"/api/centre-needs/{need.pk}").status_code == 404
