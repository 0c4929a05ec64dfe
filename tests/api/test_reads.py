"""Themes with their comments, surveys with their impact by role, statements with their votes: the API reads
what the analysis, survey-results and vote-results pages show, to the same people."""

import datetime

import pytest
from django.utils import timezone

from coproduce.accounts.models import AreaRole
from coproduce.consensus.models import Statement, Vote, VoteChoice
from coproduce.directory.models import Role
from coproduce.engagement import services as engagement_services
from coproduce.proposals import services as proposal_services
from coproduce.themes.models import AnalysisRun, RunStatus, Theme, ThemeAssignment
from tests.api.helpers import url
from tests.factories import (
    CommentFactory,
    EventFactory,
    PersonFactory,
    ProposalFactory,
    QuestionFactory,
    SurveyFactory,
    member,
)
from tests.surveys.test_impact_selectors import pairs

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme(area):
    event = EventFactory(area=area)
    run = AnalysisRun.objects.create(area=area, status=RunStatus.DONE, finished_at=timezone.now())
    theme = Theme.objects.create(run=run, number=1, label="Waiting lists", key_phrases=["waiting", "lists"])
    Theme.objects.create(run=run, number=2, label="Merged away", is_active=False)
    for text, confidence in [("The waiting list is long", 0.9), ("Months on a list", 0.4)]:
        comment = CommentFactory(event=event, text=text)
        ThemeAssignment.objects.create(run=run, theme=theme, comment=comment, confidence=confidence)
    return theme


def test_an_area_lists_the_active_themes_of_its_current_analysis(as_user, area, theme, viewer):
    proposal = ProposalFactory(area=area)
    proposal_services.proposal_theme_link(proposal=proposal, theme=theme)

    response = as_user(viewer).get(url("area_theme_list", slug=area.slug))

    assert response.status_code == 200
    (listed,) = response.json()
    assert listed["id"] == theme.pk and listed["label"] == "Waiting lists" and listed["area"] == area.slug
    assert listed["key_phrases"] == ["waiting", "lists"]
    assert listed["proposal_ids"] == [proposal.pk]


def test_an_area_without_a_finished_analysis_has_no_themes(as_user, area, viewer):
    AnalysisRun.objects.create(area=area, status=RunStatus.RUNNING)
    response = as_user(viewer).get(url("area_theme_list", slug=area.slug))
    assert response.status_code == 200 and response.json() == []


def test_a_theme_lists_its_comments_least_sure_first(as_user, theme, viewer):
    body = as_user(viewer).get(url("theme_detail", theme_id=theme.pk)).json()
    assert [(c["text"], c["confidence"]) for c in body["comments"]] == [
        ("Months on a list", 0.4),
        ("The waiting list is long", 0.9),
    ]
    assert body["comments"][0]["author_role"] and body["comments"][0]["event_id"]


@pytest.mark.parametrize("moderate", ["hide", "remove"])
def test_a_moderated_comment_is_never_listed_in_its_theme(as_user, theme, viewer, moderate):
    assignment = theme.assignments.get(comment__text="Months on a list")
    comment = assignment.comment
    if moderate == "hide":
        engagement_services.comment_hide(comment=comment, reason="Names a member of staff")
    else:
        engagement_services.comment_remove(comment=comment)

    body = as_user(viewer).get(url("theme_detail", theme_id=theme.pk)).json()

    assert [c["id"] for c in body["comments"]] == [theme.assignments.get().comment_id]
    assert comment.pk not in [c["id"] for c in body["comments"]]
    assert "Months on a list" not in str(body)


def test_a_survey_has_its_impact_by_role(as_user, area, viewer):
    survey = SurveyFactory(area=area, title="Before and after the workshops")
    question = QuestionFactory(survey=survey, number=1, topic="tackling the key challenges")
    pairs(survey, question, Role.VCS_PROVIDER, [(2, 4)] * 12)

    listed = as_user(viewer).get(url("area_survey_list", slug=area.slug)).json()
    body = as_user(viewer).get(url("survey_detail", survey_id=survey.pk)).json()

    assert [s["id"] for s in listed] == [survey.pk]
    assert body["survey"]["title"] == "Before and after the workshops"
    assert (body["answered_before"], body["answered_after"], body["pairs"]) == (12, 12, 12)
    (impact,) = body["questions"]
    assert impact["id"] == question.pk
    by_role = {r["role"]: r for r in impact["roles"]}
    assert by_role[Role.VCS_PROVIDER]["paired"]["more_positive"]["count"] == 12
    assert by_role[""]["role_label"] == "Everyone"
    (headline,) = body["headlines"]
    assert headline["role"] == Role.VCS_PROVIDER and headline["question_id"] == question.pk
    assert "were more positive about tackling the key challenges" in headline["sentence"]


def test_an_event_has_its_statements_with_their_votes_by_role(as_user, area, viewer):
    event = EventFactory(area=area, date=datetime.date(2012, 3, 1))
    statement = Statement.objects.create(event=event, text="Families need Saturday sessions")
    for role, choice in [
        (Role.PARENT_CARER, VoteChoice.AGREE),
        (Role.PARENT_CARER, VoteChoice.AGREE),
        (Role.VCS_PROVIDER, VoteChoice.DISAGREE),
    ]:
        Vote.objects.create(statement=statement, person=PersonFactory(area=area), role=role, choice=choice)

    body = as_user(viewer).get(url("event_statement_list", event_id=event.pk)).json()

    assert (body["participants"], body["votes"]) == (3, 3)
    (row,) = body["statements"]
    assert row["id"] == statement.pk and row["text"] == "Families need Saturday sessions"
    assert (row["votes"]["agree"], row["votes"]["disagree"], row["votes"]["passed"]) == (2, 1, 0)
    by_role = {r["role"]: r["votes"]["agree"] for r in row["by_role"]}
    assert by_role == {Role.PARENT_CARER: 2, Role.VCS_PROVIDER: 0}
    assert body["groups"] == [] and body["groups_reason"]


@pytest.mark.parametrize("name", ["theme_detail", "survey_detail", "event_statement_list", "area_theme_list"])
def test_a_viewer_from_another_area_gets_a_404(as_user, area, other_area, theme, name):
    stranger = member(other_area, AreaRole.VIEWER)
    kwargs = {
        "theme_detail": {"theme_id": theme.pk},
        "survey_detail": {"survey_id": SurveyFactory(area=area).pk},
        "event_statement_list": {"event_id": EventFactory(area=area).pk},
        "area_theme_list": {"slug": area.slug},
    }[name]
    response = as_user(stranger).get(url(name, **kwargs))
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_a_huge_offset_is_a_422_not_a_server_error(as_user, area, viewer):
    event = EventFactory(area=area)
    response = as_user(viewer).get(url("event_comment_list", event_id=event.pk), offset=2**70)
    assert response.status_code == 422
