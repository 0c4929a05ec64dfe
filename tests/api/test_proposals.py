"""Proposals: list, write with challenges and evidence, read, change."""

import pytest

from coproduce.proposals.models import Proposal, ProposalStatus
from tests.api.helpers import error_messages, url
from tests.factories import (
    ActionFactory,
    ChallengeFactory,
    CommentFactory,
    EventFactory,
    OrganisationFactory,
    ProposalFactory,
)

pytestmark = pytest.mark.django_db


def test_proposals_of_an_area(as_user, area, other_area, viewer):
    proposal = ProposalFactory(area=area)
    ProposalFactory(area=other_area)
    response = as_user(viewer).get(url("area_proposal_list", slug=area.slug))
    assert response.status_code == 200
    assert [p["id"] for p in response.json()] == [proposal.pk]


def test_a_commissioner_writes_a_proposal_with_its_evidence(as_user, area, commissioner):
    challenge = ChallengeFactory(area=area)
    comments = [CommentFactory(event=EventFactory(area=area)) for _ in range(2)]
    owner = OrganisationFactory(area=area)

    response = as_user(commissioner).post(
        url("area_proposal_create", slug=area.slug),
        {
            "title": "Market place",
            "summary": "Events mapping what the VCS can offer.",
            "challenge_ids": [challenge.pk],
            "evidence_ids": [c.pk for c in comments],
            "owner_id": owner.pk,
            "status": "agreed",
        },
    )

    assert response.status_code == 201
    proposal = Proposal.objects.get()
    assert proposal.area == area
    assert proposal.owner == owner
    assert proposal.status == ProposalStatus.AGREED
    assert list(proposal.challenges.all()) == [challenge]
    assert set(proposal.evidence.all()) == set(comments)
    body = response.json()
    assert body["challenge_ids"] == [challenge.pk]
    assert sorted(body["evidence_ids"]) == sorted(c.pk for c in comments)
    assert proposal.history.first().history_user == commissioner


@pytest.mark.parametrize("field", ["challenge_ids", "evidence_ids", "owner_id"])
def test_ids_from_another_area_are_a_422(as_user, area, other_area, commissioner, field):
    foreign = {
        "challenge_ids": [ChallengeFactory(area=other_area).pk],
        "evidence_ids": [CommentFactory(event=EventFactory(area=other_area)).pk],
        "owner_id": OrganisationFactory(area=other_area).pk,
    }[field]
    response = as_user(commissioner).post(
        url("area_proposal_create", slug=area.slug), {"title": "T", "summary": "S", field: foreign}
    )
    assert response.status_code == 422
    assert "in this area" in error_messages(response)
    assert Proposal.objects.count() == 0


def test_a_bad_status_is_a_422(as_user, area, commissioner):
    response = as_user(commissioner).post(
        url("area_proposal_create", slug=area.slug), {"title": "T", "summary": "S", "status": "maybe"}
    )
    assert response.status_code == 422
    assert "'maybe' is not a valid proposal status" in error_messages(response)


def test_proposal_detail_has_challenges_evidence_and_actions(as_user, area, viewer):
    proposal = ProposalFactory(area=area)
    challenge = ChallengeFactory(area=area)
    comment = CommentFactory(event=EventFactory(area=area))
    proposal.challenges.add(challenge)
    proposal.evidence.add(comment)
    action = ActionFactory(proposal=proposal)

    body = as_user(viewer).get(url("proposal_detail", proposal_id=proposal.pk)).json()

    assert body["title"] == proposal.title
    assert body["challenge_ids"] == [challenge.pk]
    assert body["evidence_ids"] == [comment.pk]
    assert body["action_ids"] == [action.pk]


def test_patch_replaces_evidence_and_clears_the_owner(as_user, area, commissioner):
    owner = OrganisationFactory(area=area)
    proposal = ProposalFactory(area=area, owner=owner, title="Keep")
    kept, dropped, added = (CommentFactory(event=EventFactory(area=area)) for _ in range(3))
    proposal.evidence.add(kept, dropped)

    response = as_user(commissioner).patch(
        url("proposal_update", proposal_id=proposal.pk),
        {"evidence_ids": [kept.pk, added.pk], "owner_id": None, "status": "in_progress"},
    )

    assert response.status_code == 200
    proposal.refresh_from_db()
    assert proposal.title == "Keep"
    assert proposal.owner is None
    assert proposal.status == ProposalStatus.IN_PROGRESS
    assert set(proposal.evidence.all()) == {kept, added}
    assert sorted(response.json()["evidence_ids"]) == sorted([kept.pk, added.pk])
    assert proposal.history.first().history_user == commissioner


def test_patch_cannot_null_a_title(as_user, area, commissioner):
    proposal = ProposalFactory(area=area)
    response = as_user(commissioner).patch(url("proposal_update", proposal_id=proposal.pk), {"title": None})
    assert response.status_code == 422
    assert "title cannot be null" in error_messages(response)


@pytest.mark.parametrize("body_field", ["owner_id", "challenge_ids", "evidence_ids"])
def test_a_foreign_area_id_on_a_patch_is_a_422_naming_the_field_and_writes_nothing(
    as_user, area, other_area, commissioner, body_field
):
    proposal = ProposalFactory(area=area, title="Before")
    foreign = {
        "owner_id": OrganisationFactory(area=other_area).pk,
        "challenge_ids": [ChallengeFactory(area=other_area).pk],
        "evidence_ids": [CommentFactory(event=EventFactory(area=other_area)).pk],
    }[body_field]
    rows = proposal.history.count()

    response = as_user(commissioner).patch(
        url("proposal_update", proposal_id=proposal.pk), {"title": "After", body_field: foreign}
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", body_field]
    assert "in this area" in error_messages(response)
    proposal.refresh_from_db()
    assert proposal.title == "Before" and proposal.history.count() == rows
