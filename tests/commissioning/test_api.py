"""The commissioning API: the pages' permissions (401 without a token, 404 outside the area, a viewer
reads but does not write), and what it answers."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse

from coproduce.accounts.models import ApiToken, AreaRole
from coproduce.commissioning.api import OPERATIONS
from coproduce.commissioning.models import Milestone
from tests.factories import (
    AreaFactory,
    CommissioningProcessFactory,
    MilestoneFactory,
    ProposalFactory,
    member,
)

pytestmark = pytest.mark.django_db
BODY = {"kind": "market_engagement", "title": "Market place event", "due_date": "2012-07-13"}


@pytest.fixture
def process():
    process = CommissioningProcessFactory()
    MilestoneFactory(process=process, kind="tender", start_date=datetime.date(2012, 3, 1))
    return process


def call(process, name, user=None):
    method, path, _ = OPERATIONS[name]
    kwargs = {"slug": process.area.slug} if "{slug}" in path else {"process_id": process.pk}
    headers = {}
    if user is not None:
        _, raw = ApiToken.issue(user=user, name="t")
        headers["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    url = reverse(f"api:{name}", kwargs=kwargs)
    if method == "GET":
        return Client().get(url, **headers)
    return Client().post(url, json.dumps(BODY), content_type="application/json", **headers)


@pytest.mark.parametrize("name", list(OPERATIONS))
def test_without_a_token_a_401_and_outside_the_area_a_404(process, name):
    assert call(process, name).status_code == 401
    outsider = member(AreaFactory(), AreaRole.PROGRAMME_LEAD)
    assert call(process, name, outsider).status_code == 404
    assert Milestone.objects.count() == 1


@pytest.mark.parametrize("name", [n for n, (m, _, _) in OPERATIONS.items() if m == "GET"])
def test_a_viewer_reads(process, name):
    assert call(process, name, member(process.area, AreaRole.VIEWER)).status_code == 200


def test_a_viewer_cannot_add_a_milestone_but_a_commissioner_can(process):
    assert call(process, "process_milestone_create", member(process.area, AreaRole.VIEWER)).status_code == 403
    assert Milestone.objects.count() == 1
    response = call(process, "process_milestone_create", member(process.area, AreaRole.COMMISSIONER))
    assert response.status_code == 201
    assert response.json()["stage"] == "plan"


def test_the_process_says_its_ocid_and_its_warnings(process):
    body = call(process, "process_detail", member(process.area, AreaRole.VIEWER)).json()
    assert body["ocid"] == f"ocds-XXXXXX-{process.area.slug}-{process.pk}"
    assert any("preliminary market engagement notice" in w for w in body["warnings"])


def test_a_proposal_of_another_area_is_a_422_and_nothing_is_saved(process):
    lead = member(process.area, AreaRole.PROGRAMME_LEAD)
    _, raw = ApiToken.issue(user=lead, name="t")
    response = Client().post(
        reverse("api:process_milestone_create", kwargs={"process_id": process.pk}),
        json.dumps({**BODY, "proposal_ids": [ProposalFactory().pk]}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 422
    assert "No proposal in this area" in response.content.decode()
    assert Milestone.objects.count() == 1
