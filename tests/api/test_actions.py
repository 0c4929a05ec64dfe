"""Actions: list, create, the trail back to the evidence, and recording progress (with history)."""

import datetime

import pytest
from django.test import Client

from coproduce.accounts.models import AreaRole
from coproduce.proposals.models import Action, ActionStatus, ProgressNote
from tests.api.helpers import error_messages, url
from tests.factories import (
    ActionFactory,
    ChallengeFactory,
    CommentFactory,
    EventFactory,
    OrganisationFactory,
    ProposalFactory,
    member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(area):
    return ProposalFactory(area=area)


def test_actions_of_a_proposal(as_user, area, proposal, viewer):
    action = ActionFactory(proposal=proposal)
    ActionFactory(proposal=ProposalFactory(area=area))
    response = as_user(viewer).get(url("proposal_action_list", proposal_id=proposal.pk))
    assert response.status_code == 200
    assert [a["id"] for a in response.json()] == [action.pk]
    assert response.json()[0]["proposal_id"] == proposal.pk


def test_a_commissioner_adds_an_action(as_user, area, proposal, commissioner):
    owner = OrganisationFactory(area=area)
    response = as_user(commissioner).post(
        url("proposal_action_create", proposal_id=proposal.pk),
        {"title": "Hold a market-place event", "owner_id": owner.pk, "due_date": "2012-03-31"},
    )
    assert response.status_code == 201
    action = Action.objects.get()
    assert (action.proposal, action.owner, action.due_date, action.status) == (
        proposal,
        owner,
        datetime.date(2012, 3, 31),
        ActionStatus.NOT_STARTED,
    )
    assert response.json()["id"] == action.pk


def test_an_action_owner_from_another_area_is_a_422(as_user, other_area, proposal, commissioner):
    response = as_user(commissioner).post(
        url("proposal_action_create", proposal_id=proposal.pk),
        {"title": "T", "owner_id": OrganisationFactory(area=other_area).pk},
    )
    assert response.status_code == 422
    assert "No organisation in this area" in error_messages(response)


def test_action_detail_has_the_trail_back_to_the_evidence(as_user, area, proposal, viewer):
    challenge = ChallengeFactory(area=area, number=3, text="How to reach fathers?")
    event = EventFactory(area=area)
    comment = CommentFactory(event=event, text="Dads never hear about sessions.")
    proposal.challenges.add(challenge)
    proposal.evidence.add(comment)
    action = ActionFactory(proposal=proposal)

    body = as_user(viewer).get(url("action_detail", action_id=action.pk)).json()

    assert body["proposal_id"] == proposal.pk
    assert body["trail"] == {
        "proposal": {"id": proposal.pk, "title": proposal.title, "status": "draft"},
        "challenges": [
            {"id": challenge.pk, "number": 3, "text": "How to reach fathers?", "stage": "blank_page"}
        ],
        "evidence": [
            {
                "id": comment.pk,
                "event_id": event.pk,
                "text": "Dads never hear about sessions.",
                "author_role": "vcs_provider",
            }
        ],
    }
    assert body["progress_notes"] == []


def test_patch_records_progress_and_history_names_the_token_user(as_user, proposal, commissioner):
    action = ActionFactory(proposal=proposal)

    response = as_user(commissioner).patch(
        url("action_update", action_id=action.pk), {"status": "in_progress", "note": "Venue booked."}
    )

    assert response.status_code == 200
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    note = ProgressNote.objects.get()
    assert (note.action, note.text, note.author) == (action, "Venue booked.", commissioner)
    latest = action.history.first()
    assert latest.status == ActionStatus.IN_PROGRESS
    assert latest.history_user == commissioner
    assert response.json()["status"] == "in_progress"
    assert response.json()["progress_notes"][0]["text"] == "Venue booked."


def test_history_names_the_session_user_too(proposal, commissioner):
    action = ActionFactory(proposal=proposal)
    client = Client()
    client.force_login(commissioner)
    response = client.patch(
        url("action_update", action_id=action.pk), {"status": "done"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert action.history.first().history_user == commissioner


def test_a_status_alone_writes_no_note(as_user, proposal, commissioner):
    action = ActionFactory(proposal=proposal)
    response = as_user(commissioner).patch(url("action_update", action_id=action.pk), {"status": "blocked"})
    assert response.status_code == 200
    action.refresh_from_db()
    assert action.status == ActionStatus.BLOCKED
    assert ProgressNote.objects.count() == 0


def test_a_note_alone_keeps_the_status(as_user, proposal, commissioner):
    action = ActionFactory(proposal=proposal, status=ActionStatus.IN_PROGRESS)
    response = as_user(commissioner).patch(
        url("action_update", action_id=action.pk), {"note": "Still going."}
    )
    assert response.status_code == 200
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    assert ProgressNote.objects.get().text == "Still going."


@pytest.mark.parametrize(
    "body, message",
    [
        ({}, "Send a status, a progress note, or both"),
        ({"status": "finished"}, "'finished' is not a valid action status"),
        ({"status": None}, "status cannot be null"),
        ({"note": "x" * 2001}, "The progress note is 2001 characters long; it must be 2000 or fewer"),
    ],
)
def test_a_bad_progress_update_is_a_422(as_user, proposal, commissioner, body, message):
    action = ActionFactory(proposal=proposal)
    response = as_user(commissioner).patch(url("action_update", action_id=action.pk), body)
    assert response.status_code == 422
    assert message in error_messages(response)
    assert ProgressNote.objects.count() == 0


def test_the_owning_organisation_may_update_its_action_but_not_add_one(as_user, area, proposal):
    owner = OrganisationFactory(area=area)
    action = ActionFactory(proposal=proposal, owner=owner)
    other = ActionFactory(proposal=proposal, owner=OrganisationFactory(area=area))
    speaker = member(area, AreaRole.VCS_MEMBER, organisation=owner)
    caller = as_user(speaker)

    assert caller.patch(url("action_update", action_id=action.pk), {"status": "done"}).status_code == 200
    assert caller.patch(url("action_update", action_id=other.pk), {"status": "done"}).status_code == 403
    assert (
        caller.post(url("proposal_action_create", proposal_id=proposal.pk), {"title": "Mine"}).status_code
        == 403
    )
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert action.history.first().history_user == speaker


@pytest.mark.parametrize("body", ['"AAA"', "[null, null]", "5"])
def test_a_body_that_is_not_a_json_object_is_a_422_and_writes_nothing(
    client, as_user, proposal, commissioner, body
):
    caller = as_user(commissioner)
    response = client.post(
        url("proposal_action_create", proposal_id=proposal.pk),
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {caller.raw}"},
    )
    assert response.status_code == 422
    assert "Send a JSON object" in error_messages(response)
    assert not proposal.actions.exists()
