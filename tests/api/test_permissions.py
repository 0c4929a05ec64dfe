"""Every operation, as nobody, as a member of another area, as a viewer, and as a superuser.

The same rules as the pages: no token is a 401; someone with no role in the area gets a 404 (the API does
not confirm the object exists); a viewer can read but not write (403).
"""

import pytest

from coproduce.accounts.models import AreaRole
from coproduce.api.endpoints import OPERATIONS, VIEW_AREA
from coproduce.engagement.models import Comment, Event
from coproduce.proposals.models import Action, Proposal
from coproduce.themes.models import AnalysisRun, RunStatus, Theme
from tests.api.helpers import url
from tests.factories import (
    ActionFactory,
    CommentFactory,
    EventFactory,
    ProposalFactory,
    SurveyFactory,
    UserFactory,
    member,
)

pytestmark = pytest.mark.django_db

BODIES = {
    "area_event_create": {"kind": "workshop", "title": "Listening event", "date": "2011-10-28"},
    "event_update": {"title": "Renamed"},
    "event_comment_create": {"text": "More outreach to fathers.", "author_role": "parent_carer"},
    "area_proposal_create": {"title": "Market place", "summary": "Map what the VCS can offer."},
    "proposal_update": {"title": "Renamed"},
    "proposal_action_create": {"title": "Hold a market-place event"},
    "action_update": {"status": "in_progress", "note": "Venue booked."},
}
READS = [name for name, (method, _, _) in OPERATIONS.items() if method == "GET"]
WRITES = [name for name, (method, _, _) in OPERATIONS.items() if method != "GET"]


@pytest.fixture
def world(area):
    event = EventFactory(area=area)
    comment = CommentFactory(event=event)
    proposal = ProposalFactory(area=area)
    action = ActionFactory(proposal=proposal)
    run = AnalysisRun.objects.create(area=area, status=RunStatus.DONE)
    theme = Theme.objects.create(run=run, number=1, label="Outreach")
    return {
        "slug": area.slug,
        "event_id": event.pk,
        "comment_id": comment.pk,
        "proposal_id": proposal.pk,
        "action_id": action.pk,
        "theme_id": theme.pk,
        "survey_id": SurveyFactory(area=area).pk,
    }


def call(caller, name, world):
    method, path, _ = OPERATIONS[name]
    kwargs = {key: value for key, value in world.items() if "{" + key + "}" in path}
    target = url(name, **kwargs)
    if method == "GET":
        return caller.get(target)
    return getattr(caller, method.lower())(target, BODIES[name])


def counts():
    return (Event.objects.count(), Comment.objects.count(), Proposal.objects.count(), Action.objects.count())


def test_writes_are_all_covered():
    assert set(WRITES) == set(BODIES)
    assert all(OPERATIONS[name][2] == VIEW_AREA for name in READS)


@pytest.mark.parametrize("name", list(OPERATIONS))
def test_without_a_token_every_operation_is_a_401(as_user, world, name):
    before = counts()
    assert call(as_user(None), name, world).status_code == 401
    assert counts() == before


@pytest.mark.parametrize("name", [n for n in OPERATIONS if n != "area_list"])
def test_a_member_of_another_area_gets_404(as_user, outsider, world, name):
    before = counts()
    response = call(as_user(outsider), name, world)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}
    assert counts() == before


def test_a_member_of_another_area_does_not_see_it_listed(as_user, outsider, other_area, world):
    response = as_user(outsider).get(url("area_list"))
    assert [a["slug"] for a in response.json()] == [other_area.slug]


@pytest.mark.parametrize("name", READS)
def test_a_viewer_can_read(as_user, viewer, world, name):
    assert call(as_user(viewer), name, world).status_code == 200


@pytest.mark.parametrize("name", WRITES)
def test_a_viewer_cannot_write(as_user, viewer, world, name):
    before = counts()
    response = call(as_user(viewer), name, world)
    assert response.status_code == 403
    assert "does not allow" in response.json()["detail"]
    assert counts() == before


@pytest.mark.parametrize("name", WRITES)
def test_a_programme_lead_can_write(as_user, area, world, name):
    lead = member(area, AreaRole.PROGRAMME_LEAD)
    assert call(as_user(lead), name, world).status_code in {200, 201}


@pytest.mark.parametrize("name", list(OPERATIONS))
def test_a_superuser_can_do_everything(as_user, world, name):
    admin = UserFactory(is_superuser=True)
    assert call(as_user(admin), name, world).status_code in {200, 201}


@pytest.mark.parametrize(
    "name, expected",
    [
        ("area_event_create", 403),
        ("event_update", 403),
        ("event_comment_create", 403),
        ("area_proposal_create", 201),
        ("proposal_update", 200),
        ("proposal_action_create", 201),
        ("action_update", 200),
    ],
)
def test_a_commissioner_shapes_proposals_but_does_not_run_events(
    as_user, commissioner, world, name, expected
):
    assert call(as_user(commissioner), name, world).status_code == expected


def test_unknown_objects_are_404(as_user, viewer):
    caller = as_user(viewer)
    assert caller.get(url("area_detail", slug="nowhere")).status_code == 404
    assert caller.get(url("event_detail", event_id=999999)).status_code == 404
    assert caller.get(url("action_detail", action_id=999999)).status_code == 404
