"""The API reads an area's appraisals and one with its results, to the members of the area only."""

import pytest
from django.test import Client

from coproduce.accounts.models import ApiToken, AreaRole
from coproduce.appraisal.selectors import appraisal_results
from tests.api.helpers import Caller, url
from tests.factories import AreaFactory, UserFactory, appraisal_scores, appraisal_with_options, member

pytestmark = pytest.mark.django_db


def caller(user) -> Caller:
    _, raw = ApiToken.issue(user=user, name="test")
    return Caller(Client(), raw)


@pytest.fixture
def appraisal():
    appraisal = appraisal_with_options(area=AreaFactory(slug="bexley"))
    appraisal_scores(
        appraisal, UserFactory(), "commissioner", {"In-house": [1, 2], "Mixed economy": [3, 3]}, [1, 1]
    )
    appraisal_scores(
        appraisal, UserFactory(), "vcs_member", {"In-house": [2, 2], "Mixed economy": [4, 1]}, [3, 1]
    )
    return appraisal


def test_a_viewer_reads_the_list_and_the_results_as_the_page_computes_them(appraisal):
    api = caller(member(appraisal.area, AreaRole.VIEWER))
    listed = api.get(url("area_appraisal_list", slug="bexley")).json()
    assert [a["title"] for a in listed] == [appraisal.title]
    assert listed[0]["preferred_option"] is None
    body = api.get(url("appraisal_detail", appraisal_id=appraisal.pk)).json()
    results = appraisal_results(appraisal)
    assert [r["option_id"] for r in body["results"]["ranking"]] == [o.pk for _, o, _ in results.ranking]
    assert body["results"]["ranking"][0]["weighted_score"] == pytest.approx(results.ranking[0][2])
    assert [r["role"] for r in body["results"]["by_role"]] == ["commissioner", "vcs_member"]
    vcs = body["results"]["by_role"][1]["cells"]
    mixed = appraisal.options.get(title="Mixed economy")
    assert [c["mean"] for c in vcs if c["option_id"] == mixed.pk] == [4, 1]
    assert len(body["results"]["switching"]) == 2
    assert sum(a["first"] for a in body["results"]["acceptability"]) == pytest.approx(1)
    assert body["results"]["seed"] == 2012


def test_someone_with_no_role_in_the_area_gets_404(appraisal):
    api = caller(member(AreaFactory(), AreaRole.PROGRAMME_LEAD))
    assert api.get(url("appraisal_detail", appraisal_id=appraisal.pk)).status_code == 404
    assert api.get(url("area_appraisal_list", slug="bexley")).status_code == 404
