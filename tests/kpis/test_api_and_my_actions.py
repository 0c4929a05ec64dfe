"""The KPI API gives an area's published KPIs with their figures, as the public pages show them; "my
actions" lists only the actions of the organisations the signed-in person speaks for."""

import datetime

import pytest

from coproduce.accounts.models import ApiToken, AreaRole
from coproduce.proposals.models import ActionStatus
from tests.api.helpers import Caller
from tests.factories import ActionFactory, AreaFactory, OrganisationFactory, ProposalFactory, member
from tests.kpis.factories import KpiFactory, kpi_with_quarters

pytestmark = pytest.mark.django_db


def caller(client, user) -> Caller:
    _, raw = ApiToken.issue(user=user, name="test")
    return Caller(client, raw)


def test_the_api_lists_published_kpis_with_their_figures(client):
    kpi = kpi_with_quarters(["66", "68", "62"], explanations={2: "Places opened late"})
    draft = KpiFactory(area=kpi.area, is_published=False)
    api = caller(client, member(kpi.area, AreaRole.VIEWER))
    listed = api.get(f"/api/areas/{kpi.area.slug}/kpis").json()
    assert [k["id"] for k in listed] == [kpi.pk]
    assert listed[0]["status"] == "missed" and listed[0]["target"] == 65.0
    assert [(v["period"], v["value"], v["status"]) for v in listed[0]["values"]] == [
        ("2012-Q1", 66.0, "met"),
        ("2012-Q2", 68.0, "met"),
        ("2012-Q3", 62.0, "missed"),
    ]
    assert listed[0]["values"][2]["explanation"] == "Places opened late"
    assert api.get(f"/api/kpis/{kpi.pk}").json()["url"] == kpi.get_public_url()
    assert api.get(f"/api/kpis/{draft.pk}").status_code == 404


def test_the_api_refuses_outsiders_and_the_anonymous(client):
    kpi = KpiFactory()
    outsider = caller(client, member(AreaFactory(), AreaRole.COMMISSIONER))
    assert outsider.get(f"/api/areas/{kpi.area.slug}/kpis").status_code == 404
    assert outsider.get(f"/api/kpis/{kpi.pk}").status_code == 404
    assert client.get(f"/api/kpis/{kpi.pk}").status_code == 401


def test_my_actions_lists_my_organisations_actions_overdue_first(client):
    area = AreaFactory()
    centre, forum = OrganisationFactory(area=area, name="Hollyfield"), OrganisationFactory(area=area)
    proposal = ProposalFactory(area=area)
    ActionFactory(proposal=proposal, owner=centre, title="Late one", due_date=datetime.date(2012, 1, 1))
    ActionFactory(proposal=proposal, owner=centre, title="Still to do")
    ActionFactory(proposal=proposal, owner=centre, title="Finished", status=ActionStatus.DONE)
    ActionFactory(proposal=proposal, owner=forum, title="The forum's")
    client.force_login(member(area, AreaRole.CENTRE_MANAGER, organisation=centre))
    page = client.get("/manage/my-actions/").content.decode()
    assert "The forum&#x27;s" not in page and "The forum's" not in page
    assert (
        page.index("Overdue (1)")
        < page.index("Late one")
        < page.index("To do (1)")
        < page.index("Still to do")
    )
    assert page.index("Done (1)") < page.index("Finished")


def test_my_actions_says_so_when_i_speak_for_no_organisation(client):
    client.force_login(member(AreaFactory(), AreaRole.VIEWER))
    assert "does not speak for an organisation" in client.get("/manage/my-actions/").content.decode()
    client.logout()
    assert client.get("/manage/my-actions/").status_code == 302
