"""``response_check`` is the pure half of recording a response: it writes nothing, and it says every
problem at once; ``response_record`` writes only what it returns."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coproduce.directory.models import Role
from coproduce.surveys import services
from coproduce.surveys.models import QuestionKind, Response, ResponseSource, Wave
from tests.factories import PersonFactory, QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db


def survey_with_questions():
    survey = SurveyFactory()
    scale = QuestionFactory(survey=survey, number=1)
    text = QuestionFactory(survey=survey, number=2, kind=QuestionKind.TEXT, text="What would help?", topic="")
    return survey, scale, text


def test_a_good_response_is_cleaned_and_nothing_is_written():
    survey, scale, text = survey_with_questions()
    with CaptureQueriesContext(connection) as queries:
        checked = services.response_check(
            survey,
            wave=Wave.BEFORE,
            role=Role.PARENT_CARER,
            answers={scale.pk: "4", text.pk: "   "},
            pairing_code=" k7pm 2q ",
            source=ResponseSource.ONLINE,
        )
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries.captured_queries)
    assert Response.objects.count() == 0
    assert checked.pairing_code == "K7PM2Q"
    assert checked.values == [(scale, 4, "")]  # the empty free text is not kept


def test_every_problem_is_said_at_once():
    survey, scale, _ = survey_with_questions()
    with pytest.raises(ValidationError) as caught:
        services.response_check(
            survey,
            wave=Wave.AFTER,
            role="mayor",
            answers={},
            person=PersonFactory(),  # of another area
            source=ResponseSource.ONLINE,
        )
    assert set(caught.value.message_dict) == {
        NON_FIELD_ERRORS,
        "role",
        "person",
        services.question_field(scale),
    }
    assert Response.objects.count() == 0
