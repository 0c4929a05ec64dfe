"""Participants are told, when they join and when they answer a survey, that their words may be quoted."""

import pytest
from django.urls import reverse

from coproduce.surveys.models import SurveyStatus
from tests.factories import QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db

NOTICE = "may be quoted in published reports, without your name"


def test_the_join_page_says_words_may_be_quoted_without_a_name(client):
    assert NOTICE in client.get(reverse("public:join")).content.decode()


def test_the_survey_page_says_words_may_be_quoted_without_a_name(client):
    survey = SurveyFactory(status=SurveyStatus.BEFORE)
    QuestionFactory(survey=survey)
    response = client.get(reverse("surveys_public:answer", args=[survey.join_code]))
    assert response.status_code == 200
    assert NOTICE in response.content.decode()
