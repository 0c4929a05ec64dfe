"""Milestone and process dates: a milestone outside its process, or ending before it starts, gets a clear
message and nothing is saved, whether it comes from a service call, the page or the API."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coproduce.accounts.models import ApiToken, AreaRole
from coproduce.commissioning import services
from coproduce.commissioning.models import Milestone, Stage
from tests.factories import (
    ActionFactory,
    AreaFactory,
    CommissioningProcessFactory,
    MilestoneFactory,
    OrganisationFactory,
    ProposalFactory,
    member,
)

D = datetime.date
pytestmark = pytest.mark.django_db


def test_a_milestone_takes_its_stage_from_its_kind_and_links_proposals_and_actions():
    process = CommissioningProcessFactory()
    proposal = ProposalFactory(area=process.area)
    action = ActionFactory(proposal=proposal)
    milestone = services.milestone_create(
        process=process,
        kind="consultation",
        title="Workshops",
        start_date=D(2011, 10, 28),
        due_date=D(2012, 2, 13),
        proposals=[proposal],
        actions=[action],
    )
    assert milestone.stage == Stage.ANALYSE
    assert list(milestone.proposals.all()) == [proposal] and list(milestone.actions.all()) == [action]
    assert milestone.history.count() >= 1


def test_a_milestone_before_its_process_starts_is_refused_and_nothing_is_saved():
    process = CommissioningProcessFactory(start_date=D(2011, 10, 1))
    with pytest.raises(ValidationError) as caught:
        services.milestone_create(
            process=process, kind="other", title="Early", start_date=D(2011, 9, 1), due_date=D(2011, 10, 5)
        )
    assert caught.value.message_dict == {
        "start_date": ["The milestone must not start before the process starts on 1 October 2011"]
    }
    assert not Milestone.objects.exists()


def test_a_milestone_after_its_process_ends_is_refused():
    process = CommissioningProcessFactory(end_date=D(2015, 3, 31))
    with pytest.raises(ValidationError) as caught:
        services.milestone_create(process=process, kind="review", title="Late", due_date=D(2015, 4, 1))
    assert caught.value.message_dict == {
        "due_date": ["The milestone must not end after the process ends on 31 March 2015"]
    }


def test_a_milestone_ending_before_it_starts_is_refused():
    process = CommissioningProcessFactory()
    with pytest.raises(ValidationError) as caught:
        services.milestone_create(
            process=process, kind="tender", title="Tender", start_date=D(2012, 5, 2), due_date=D(2012, 5, 1)
        )
    assert caught.value.message_dict == {
        "due_date": ["The end date must be on or after the start date, 2 May 2012"]
    }


def test_moving_a_milestone_outside_the_process_changes_nothing():
    milestone = MilestoneFactory(due_date=D(2012, 6, 1))
    with pytest.raises(ValidationError):
        services.milestone_update(milestone=milestone, due_date=D(2016, 1, 1))
    milestone.refresh_from_db()
    assert milestone.due_date == D(2012, 6, 1)


def test_a_process_ending_before_it_starts_or_leaving_a_milestone_outside_is_refused():
    area = AreaFactory()
    with pytest.raises(ValidationError, match="on or after the start date"):
        services.process_create(
            area=area, title="Backwards", start_date=D(2012, 1, 1), end_date=D(2011, 1, 1)
        )
    milestone = MilestoneFactory(due_date=D(2012, 6, 1))
    with pytest.raises(ValidationError, match="would fall outside"):
        services.process_update(process=milestone.process, end_date=D(2012, 5, 1))
    milestone.process.refresh_from_db()
    assert milestone.process.end_date == D(2015, 3, 31)


def test_an_owner_from_another_area_is_refused():
    process = CommissioningProcessFactory()
    with pytest.raises(ValidationError, match="No organisation in this area"):
        services.milestone_create(
            process=process, kind="other", title="X", due_date=D(2012, 1, 1), owner=OrganisationFactory()
        )


def test_the_page_shows_the_message_next_to_the_date_and_saves_nothing(client):
    process = CommissioningProcessFactory(start_date=D(2011, 10, 1))
    client.force_login(member(process.area, AreaRole.COMMISSIONER))
    url = reverse("commissioning:milestone_create", args=[process.pk])
    response = client.post(
        url,
        {
            "kind": "consultation",
            "title": "Too early",
            "status": "planned",
            "start_date_day": "1",
            "start_date_month": "9",
            "start_date_year": "2011",
            "due_date_day": "5",
            "due_date_month": "10",
            "due_date_year": "2011",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The milestone must not start before the process starts on 1 October 2011" in page
    assert "govuk-error-summary" in page
    assert not Milestone.objects.exists()


def test_the_page_adds_a_good_milestone(client):
    process = CommissioningProcessFactory()
    client.force_login(member(process.area, AreaRole.FACILITATOR))
    response = client.post(
        reverse("commissioning:milestone_create", args=[process.pk]),
        {"kind": "tender", "title": "Tender", "status": "planned", "due_date": "2012-12-14"},
    )
    assert response.status_code == 302
    assert process.milestones.get().stage == Stage.DO


def test_the_api_answers_a_milestone_before_the_process_with_a_422_and_saves_nothing(client):
    process = CommissioningProcessFactory(start_date=D(2011, 10, 1))
    _, raw = ApiToken.issue(user=member(process.area, AreaRole.COMMISSIONER), name="t")
    response = client.post(
        reverse("api:process_milestone_create", kwargs={"process_id": process.pk}),
        json.dumps({"kind": "tender", "title": "Tender", "due_date": "2011-09-30"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 422
    assert "must not start before the process starts on 1 October 2011" in response.content.decode()
    assert not Milestone.objects.exists()
    response = client.post(
        reverse("api:process_milestone_create", kwargs={"process_id": process.pk}),
        json.dumps({"kind": "tender", "title": "Tender", "due_date": "2012-09-30"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 201 and response.json()["stage"] == "do"


def test_the_process_page_refuses_an_end_before_the_start_and_a_budget_that_is_not_a_number(client):
    area = AreaFactory()
    client.force_login(member(area, AreaRole.COMMISSIONER))
    url = reverse("commissioning:process_create", args=[area.slug])
    body = {
        "title": "Children's centre services 2012–15",
        "status": "planning",
        "stage": "analyse",
        "start_date": "2012-04-01",
        "end_date": "2011-03-31",
        "budget": "lots",
    }
    response = client.post(url, body)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter the budget as a number, like 1250000 or 1250000.50" in page
    response = client.post(url, {**body, "budget": "2400000"})
    assert response.status_code == 400
    assert "The end date must be on or after the start date, 1 April 2012" in response.content.decode()
    assert not area.commissioning_processes.exists()
    response = client.post(url, {**body, "budget": "2400000", "end_date": "2015-03-31"})
    assert response.status_code == 302
    process = area.commissioning_processes.get()
    assert process.budget == 2400000 and process.history.count() == 1


def test_the_edit_page_will_not_leave_a_milestone_outside_the_process(client):
    milestone = MilestoneFactory(title="Tender", due_date=D(2012, 10, 8))
    process = milestone.process
    client.force_login(member(process.area, AreaRole.PROGRAMME_LEAD))
    response = client.post(
        reverse("commissioning:process_edit", args=[process.pk]),
        {
            "title": process.title,
            "status": "planning",
            "stage": "plan",
            "start_date": "2013-01-01",
            "end_date": "2015-03-31",
        },
    )
    assert response.status_code == 400
    assert (
        "These milestones would fall outside the process&#x27;s dates: “Tender”" in response.content.decode()
    )
    process.refresh_from_db()
    assert process.start_date == D(2011, 10, 1)
