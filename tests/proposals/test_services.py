"""The proposal and action services: what they audit, and the area rules they hold whoever calls them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.proposals import services
from coproduce.proposals.models import Action, ActionStatus, Proposal
from coproduce.themes.models import AnalysisRun, RunStatus, Theme
from tests import factories as make

pytestmark = pytest.mark.django_db


def _theme(area) -> Theme:
    run = AnalysisRun.objects.create(area=area, status=RunStatus.DONE)
    return Theme.objects.create(run=run, number=1, label="Waiting lists")


def test_linking_a_theme_leaves_a_history_row_with_the_link():
    proposal = make.ProposalFactory()
    theme = _theme(proposal.area)
    before = proposal.history.count()

    services.proposal_theme_link(proposal=proposal, theme=theme)

    assert proposal.history.count() == before + 1
    latest = proposal.history.latest()
    assert [row.theme_id for row in latest.themes.all()] == [theme.pk]


def test_unlinking_a_theme_leaves_a_history_row_without_it():
    proposal = make.ProposalFactory()
    theme = _theme(proposal.area)
    services.proposal_theme_link(proposal=proposal, theme=theme)

    services.proposal_theme_unlink(proposal=proposal, theme=theme)

    assert not proposal.themes.exists()
    assert list(proposal.history.latest().themes.all()) == []
    assert [list(r.themes.values_list("theme_id", flat=True)) for r in proposal.history.all()][:2] == [
        [],
        [theme.pk],
    ]


def test_a_theme_of_another_area_cannot_be_linked():
    proposal = make.ProposalFactory()
    with pytest.raises(ValidationError) as raised:
        services.proposal_theme_link(proposal=proposal, theme=_theme(make.AreaFactory()))
    assert "theme" in raised.value.message_dict
    assert not proposal.themes.exists()


def test_proposal_create_sets_its_links_and_is_audited():
    area = make.AreaFactory()
    challenge = make.ChallengeFactory(area=area)
    comment = make.CommentFactory(event=make.EventFactory(area=area))
    owner = make.OrganisationFactory(area=area)

    proposal = services.proposal_create(
        area=area,
        title="Key workers",
        summary="One named worker",
        challenges=[challenge],
        evidence=[comment],
        owner=owner,
    )

    assert list(proposal.challenges.all()) == [challenge]
    assert list(proposal.evidence.all()) == [comment]
    assert proposal.history.filter(history_type="+").exists()
    assert [r.comment_id for r in proposal.history.latest().evidence.all()] == [comment.pk]


@pytest.mark.parametrize("field", ["owner", "challenges", "evidence"])
def test_proposal_create_refuses_what_belongs_to_another_area(field):
    area, other = make.AreaFactory(), make.AreaFactory()
    foreign = {
        "owner": make.OrganisationFactory(area=other),
        "challenges": [make.ChallengeFactory(area=other)],
        "evidence": [make.CommentFactory(event=make.EventFactory(area=other))],
    }[field]

    with pytest.raises(ValidationError) as raised:
        services.proposal_create(area=area, title="T", summary="S", **{field: foreign})

    assert "in this area" in raised.value.message_dict[field][0]
    assert not Proposal.objects.exists()


def test_proposal_update_changes_only_what_is_given():
    proposal = make.ProposalFactory(title="Old")
    owner = make.OrganisationFactory(area=proposal.area)
    proposal.owner = owner
    proposal.save()

    services.proposal_update(proposal=proposal, title="New")

    proposal.refresh_from_db()
    assert proposal.title == "New" and proposal.owner == owner
    services.proposal_update(proposal=proposal, owner=None)
    proposal.refresh_from_db()
    assert proposal.owner is None


def test_proposal_update_refuses_an_owner_of_another_area():
    proposal = make.ProposalFactory()
    with pytest.raises(ValidationError):
        services.proposal_update(
            proposal=proposal, title="New", owner=make.OrganisationFactory(area=make.AreaFactory())
        )
    proposal.refresh_from_db()
    assert proposal.title != "New"


def test_new_evidence_replaces_the_old_one_history_row_a_change():
    proposal = make.ProposalFactory()
    event = make.EventFactory(area=proposal.area)
    first, second = make.CommentFactory(event=event), make.CommentFactory(event=event)
    services.proposal_update(proposal=proposal, evidence=[first])
    before = proposal.history.count()

    services.proposal_update(proposal=proposal, evidence=[second])

    assert list(proposal.evidence.all()) == [second]
    assert proposal.history.count() == before + 2  # one uncite, one cite


def test_action_create_refuses_an_owner_of_another_area():
    proposal = make.ProposalFactory()
    with pytest.raises(ValidationError) as raised:
        services.action_create(
            proposal=proposal, title="Do it", owner=make.OrganisationFactory(area=make.AreaFactory())
        )
    assert "owner" in raised.value.message_dict
    assert not Action.objects.exists()


def test_action_update_clears_the_due_date_only_when_asked():
    action = make.ActionFactory(due_date=datetime.date(2030, 1, 1))
    services.action_update(action=action, title="Renamed")
    action.refresh_from_db()
    assert action.title == "Renamed" and action.due_date == datetime.date(2030, 1, 1)

    services.action_update(action=action, due_date=None)
    action.refresh_from_db()
    assert action.due_date is None


def test_action_status_set_is_audited_and_writes_no_note():
    action = make.ActionFactory(status=ActionStatus.NOT_STARTED)
    before = action.history.count()

    services.action_status_set(action=action, status=ActionStatus.BLOCKED)
    services.action_status_set(action=action, status=ActionStatus.BLOCKED)  # no change, no row

    assert action.history.count() == before + 1
    assert action.history.latest().status == ActionStatus.BLOCKED
    assert not action.progress_notes.exists()


def test_the_theme_page_links_a_proposal_through_the_service_so_the_history_records_it(client):
    proposal = make.ProposalFactory()
    theme = _theme(proposal.area)
    user = make.member(proposal.area, AreaRole.COMMISSIONER)
    client.force_login(user)

    response = client.post(reverse("themes:link", args=[theme.pk]), {"proposal": proposal.pk})

    assert response.status_code == 302
    latest = proposal.history.latest()
    assert latest.history_user == user
    assert [row.theme_id for row in latest.themes.all()] == [theme.pk]
