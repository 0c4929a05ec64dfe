"""Join codes: the one box at /join/ takes an event's or a survey's code, so no two things share one."""

from unittest import mock

import pytest

from coproduce.engagement import models as engagement_models
from tests.factories import EventFactory, SurveyFactory

pytestmark = pytest.mark.django_db


def test_a_new_code_is_never_one_an_event_or_a_survey_already_has():
    event, survey = EventFactory(), SurveyFactory()
    # The random source first offers the taken codes, then a free one.
    offered = iter(list(event.join_code) + list(survey.join_code) + list("FREE23"))
    with mock.patch.object(engagement_models.secrets, "choice", lambda alphabet: next(offered)):
        assert engagement_models.new_join_code() == "FREE23"
