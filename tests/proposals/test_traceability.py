"""From an action, back to its proposal, challenge and comments; from a comment, forward to what it fed."""

import pytest
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.proposals.models import ActionStatus
from tests.factories import (
    ActionFactory,
    AreaFactory,
    ChallengeFactory,
    CommentFactory,
    EventFactory,
    OrganisationFactory,
    ProposalFactory,
    member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail():
    area = AreaFactory()
    challenge = ChallengeFactory(area=area, text="How to improve engagement of the local VCS?")
    event = EventFactory(area=area, title="Workshop 28 October")
    comment = CommentFactory(
        event=event, text="Map what the VCS can offer each centre.", author_role="vcs_provider"
    )
    proposal = ProposalFactory(area=area, title="Performance management")
    proposal.challenges.add(challenge)
    proposal.evidence.add(comment)
    owner = OrganisationFactory(area=area, name="Bexley Voluntary Service Council")
    action = ActionFactory(proposal=proposal, title="Hold a market-place event", owner=owner)
    return area, challenge, comment, proposal, action


def test_an_action_walks_back_to_its_proposal_challenge_and_comments(client, trail):
    area, challenge, comment, proposal, action = trail
    client.force_login(member(area, AreaRole.VIEWER))
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Performance management" in page
    assert "How to improve engagement of the local VCS?" in page
    assert "Map what the VCS can offer each centre." in page
    assert "Workshop 28 October" in page
    assert comment.get_absolute_url() in page


def test_a_comment_walks_forward_to_the_proposals_and_actions_it_fed(client, trail):
    area, challenge, comment, proposal, action = trail
    client.force_login(member(area, AreaRole.VIEWER))
    page = client.get(comment.get_absolute_url()).content.decode()
    assert proposal.get_absolute_url() in page
    assert "Hold a market-place event" in page


def test_a_commissioner_cites_a_comment_and_can_undo_it(client, trail):
    area, challenge, comment, proposal, action = trail
    other = CommentFactory(event=comment.event, text="Another view")
    client.force_login(member(area, AreaRole.COMMISSIONER))
    client.post(reverse("proposals:cite", args=[other.pk]), {"proposal": proposal.pk})
    assert set(proposal.evidence.all()) == {comment, other}
    client.post(reverse("proposals:uncite", args=[proposal.pk, other.pk]))
    assert set(proposal.evidence.all()) == {comment}


def test_a_comment_from_another_area_cannot_be_cited(client, trail):
    area, challenge, comment, proposal, action = trail
    foreign = CommentFactory()
    client.force_login(member(area, AreaRole.COMMISSIONER))
    response = client.post(reverse("proposals:cite", args=[foreign.pk]), {"proposal": proposal.pk})
    assert response.status_code == 404
    assert foreign not in proposal.evidence.all()


def test_the_owning_organisation_records_progress_and_it_is_audited(client, trail):
    area, challenge, comment, proposal, action = trail
    user = member(area, AreaRole.VCS_MEMBER, organisation=action.owner)
    client.force_login(user)
    response = client.post(
        reverse("proposals:action_progress", args=[action.pk]),
        {"text": "Venue booked.", "status": "in_progress"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    assert action.progress_notes.get().author == user
    assert action.history.first().history_user == user


def test_a_vcs_member_of_another_organisation_cannot_record_progress(client, trail):
    area, challenge, comment, proposal, action = trail
    client.force_login(member(area, AreaRole.VCS_MEMBER, organisation=OrganisationFactory(area=area)))
    response = client.post(
        reverse("proposals:action_progress", args=[action.pk]), {"text": "Hmm", "status": "done"}
    )
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.status == ActionStatus.NOT_STARTED


def test_an_empty_progress_note_is_refused(client, trail):
    area, challenge, comment, proposal, action = trail
    client.force_login(member(area, AreaRole.FACILITATOR))
    response = client.post(
        reverse("proposals:action_progress", args=[action.pk]), {"text": "", "status": "done"}
    )
    assert response.status_code == 400
    assert "Say what has happened" in response.content.decode()
    action.refresh_from_db()
    assert action.status == ActionStatus.NOT_STARTED
