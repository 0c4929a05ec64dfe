"""Actions: an owner is required, a past due date is a warning, and the history says what changed."""

import datetime

import pytest
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.proposals.models import Action
from tests.factories import ActionFactory, OrganisationFactory, ProposalFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(client):
    proposal = ProposalFactory()
    client.force_login(member(proposal.area, AreaRole.FACILITATOR))
    return proposal


def test_an_action_needs_an_owner(client, proposal):
    response = client.post(
        reverse("proposals:action_create", args=[proposal.pk]),
        {"title": "Hold a market place", "status": "not_started"},
    )
    assert response.status_code == 200
    assert "Select the organisation that owns the action" in response.content.decode()
    assert not Action.objects.exists()


def test_a_past_due_date_is_saved_with_a_warning_on_the_confirmation(client, proposal):
    owner = OrganisationFactory(area=proposal.area)
    past = datetime.date.today() - datetime.timedelta(days=3)
    response = client.post(
        reverse("proposals:action_create", args=[proposal.pk]),
        {
            "title": "Hold a market place",
            "owner": owner.pk,
            "due_date": past.isoformat(),
            "status": "not_started",
        },
        follow=True,
    )
    page = response.content.decode()
    assert Action.objects.get().due_date == past
    assert "Action added." in page
    assert "has already passed" in page


def test_the_history_says_what_changed_from_what_to_what(client, proposal):
    old, new = (
        OrganisationFactory(area=proposal.area, name="Old Centre"),
        OrganisationFactory(area=proposal.area, name="Bexley VSC"),
    )
    action = ActionFactory(proposal=proposal, owner=old, title="Hold a market place")
    client.post(
        reverse("proposals:action_edit", args=[action.pk]),
        {"title": "Hold two market places", "owner": new.pk, "status": "in_progress"},
    )
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Title: Hold a market place → Hold two market places" in page
    assert "Owner organisation: Old Centre → Bexley VSC" in page
    assert "Status: Not started → In progress" in page


def test_a_comments_history_says_what_changed_too(client, proposal):
    from tests.factories import CommentFactory, EventFactory

    comment = CommentFactory(
        event=EventFactory(area=proposal.area), text="Saturdays", author_role="vcs_provider"
    )
    comment.author_role = "cc_manager"
    comment.save()
    page = client.get(comment.get_absolute_url()).content.decode()
    assert "Author role: VCS provider → Children&#x27;s-centre manager" in page


def test_a_proposals_history_says_what_changed_with_its_linked_challenges(client, proposal):
    old = proposal.title
    proposal.title = "Market-place events"
    proposal.save()
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert f"Title: {old} → Market-place events" in page


def test_the_due_date_is_typed_as_day_month_and_year_with_gov_uk_messages(client, proposal):
    owner = OrganisationFactory(area=proposal.area)
    url = reverse("proposals:action_create", args=[proposal.pk])
    form = client.get(url).content.decode()
    assert (
        'name="due_date_day"' in form and 'name="due_date_month"' in form and 'name="due_date_year"' in form
    )

    body = {"title": "Hold a market-place event", "owner": owner.pk, "status": "not_started"}
    refused = client.post(url, {**body, "due_date_day": "31", "due_date_month": "", "due_date_year": "2012"})
    assert "The due date must include a month" in refused.content.decode()
    assert not Action.objects.exists()

    client.post(url, {**body, "due_date_day": "31", "due_date_month": "3", "due_date_year": "2012"})
    assert Action.objects.get().due_date == datetime.date(2012, 3, 31)
