"""The CPD API: records and training needs read as the pages are, and the reflection written."""

import pytest

from coproduce.accounts.models import ApiToken, AreaRole
from tests.api.helpers import Caller
from tests.factories import AreaFactory, CpdRecordFactory, OrganisationFactory, TrainingNeedFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(client):
    def make(user) -> Caller:
        _, raw = ApiToken.issue(user=user, name="test")
        return Caller(client, raw)

    return make


@pytest.fixture
def world():
    area = AreaFactory()
    ours, theirs = OrganisationFactory(area=area), OrganisationFactory(area=area)
    mine = CpdRecordFactory(person__area=area, person__organisation=ours, person__name="Our person")
    other = CpdRecordFactory(person__area=area, person__organisation=theirs, person__name="Their person")
    TrainingNeedFactory(organisation=ours, need="Our need")
    TrainingNeedFactory(organisation=theirs, need="Their need")
    return area, ours, mine, other


def test_a_vcs_member_lists_only_their_organisations_records_and_needs(as_user, world):
    area, ours, mine, other = world
    api = as_user(member(area, AreaRole.VCS_MEMBER, organisation=ours))
    records = api.get(f"/api/areas/{area.slug}/cpd-records").json()
    needs = api.get(f"/api/areas/{area.slug}/training-needs").json()
    assert [r["person"] for r in records] == ["Our person"]
    assert [n["need"] for n in needs] == ["Our need"]
    assert api.get(f"/api/cpd-records/{other.pk}").status_code == 403
    assert api.get(f"/api/cpd-records/{mine.pk}").json()["hours"] == 2.0


def test_a_facilitator_writes_a_reflection_and_the_history_keeps_the_old_one(as_user, world):
    area, _, mine, _ = world
    api = as_user(member(area, AreaRole.FACILITATOR))
    api.patch(f"/api/cpd-records/{mine.pk}/reflection", {"reflection": "First"})
    response = api.patch(f"/api/cpd-records/{mine.pk}/reflection", {"reflection": "Second"})
    assert response.status_code == 200 and response.json()["reflection"] == "Second"
    assert list(mine.history.order_by("history_date", "history_id").values_list("reflection", flat=True)) == [
        "",
        "First",
        "Second",
    ]
    too_long = api.patch(f"/api/cpd-records/{mine.pk}/reflection", {"reflection": "x" * 5001})
    assert too_long.status_code == 422
    viewer = as_user(member(area, AreaRole.VIEWER))
    assert viewer.patch(f"/api/cpd-records/{mine.pk}/reflection", {"reflection": "No"}).status_code == 403
