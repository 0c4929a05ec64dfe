"""Writing surveys: questions numbered in order, waves opened in order, responses whole or not at all."""

import pytest
from django.core.exceptions import ValidationError

from coproduce.directory.models import Role
from coproduce.surveys import services
from coproduce.surveys.models import Answer, QuestionKind, Response, ResponseSource, SurveyStatus, Wave
from tests.factories import (
    AreaFactory,
    EventFactory,
    PersonFactory,
    QuestionFactory,
    SurveyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def scale_and_text_survey(**kwargs):
    survey = SurveyFactory(**kwargs)
    scale = QuestionFactory(survey=survey, number=1)
    text = QuestionFactory(survey=survey, number=2, kind=QuestionKind.TEXT, text="What would help?", topic="")
    return survey, scale, text


def record(survey, **kwargs):
    arguments = {"wave": Wave.BEFORE, "role": Role.VCS_PROVIDER, "source": ResponseSource.ONLINE} | kwargs
    return services.response_record(survey, **arguments)


def test_a_survey_is_created_for_an_event_of_its_own_area_only():
    area = AreaFactory()
    survey = services.survey_create(area=area, title="  Before and after  ", event=EventFactory(area=area))
    assert survey.title == "Before and after"
    assert survey.status == SurveyStatus.DRAFT
    with pytest.raises(ValidationError, match="Choose an event of this area"):
        services.survey_create(area=area, title="Elsewhere", event=EventFactory())


def test_new_questions_go_to_the_end_and_text_questions_have_no_topic():
    survey = SurveyFactory()
    first = services.question_save(survey=survey, kind=QuestionKind.SCALE, text="How positive?", topic="x")
    second = services.question_save(survey=survey, kind=QuestionKind.TEXT, text="Anything else?", topic="y")
    assert (first.number, second.number) == (1, 2)
    assert second.topic == ""


def test_an_answered_question_keeps_its_kind_and_cannot_be_deleted():
    survey, scale, _ = scale_and_text_survey()
    record(survey, answers={scale.pk: 4})
    with pytest.raises(ValidationError, match="kind cannot change"):
        services.question_save(survey=survey, question=scale, kind=QuestionKind.TEXT, text="Now free text")
    services.question_save(survey=survey, question=scale, kind=QuestionKind.SCALE, text="Reworded", topic="t")
    with pytest.raises(services.QuestionAnswered):
        services.question_delete(question=scale)
    assert scale.answers.count() == 1


def test_the_waves_open_in_order():
    survey = SurveyFactory(status=SurveyStatus.DRAFT)
    with pytest.raises(ValidationError, match="Add at least one question"):
        services.survey_status_change(survey=survey, status=SurveyStatus.BEFORE)
    QuestionFactory(survey=survey)
    with pytest.raises(ValidationError, match="cannot change to that status"):
        services.survey_status_change(survey=survey, status=SurveyStatus.AFTER)
    for status in (SurveyStatus.BEFORE, SurveyStatus.AFTER, SurveyStatus.CLOSED, SurveyStatus.AFTER):
        services.survey_status_change(survey=survey, status=status)
        survey.refresh_from_db()
        assert survey.status == status


def test_a_response_is_written_whole():
    survey, scale, text = scale_and_text_survey()
    recorded = record(
        survey, answers={scale.pk: "5", text.pk: "  Saturday sessions  "}, pairing_code="ab cd 2345"
    )
    response = recorded.response
    assert not recorded.updated
    assert response.pairing_code == "ABCD2345"
    assert {(a.question_id, a.scale, a.text) for a in response.answers.all()} == {
        (scale.pk, 5, ""),
        (text.pk, None, "Saturday sessions"),
    }


def test_a_response_with_any_mistake_writes_nothing_and_says_what_is_wrong():
    survey, scale, _ = scale_and_text_survey()
    second = QuestionFactory(survey=survey, number=3)
    with pytest.raises(ValidationError) as refused:
        record(survey, role="mayor", answers={scale.pk: 4, second.pk: 9}, pairing_code="no-dashes!")
    errors = refused.value.message_dict
    assert errors["role"] == ["Choose the role the participant answered as."]
    assert errors[f"question_{second.pk}"] == ["Choose an answer to question 3."]
    assert "letters and numbers" in errors["pairing_code"][0]
    assert f"question_{scale.pk}" not in errors
    assert Response.objects.count() == Answer.objects.count() == 0


def test_online_answers_need_the_wave_to_be_open():
    survey, scale, _ = scale_and_text_survey(status=SurveyStatus.BEFORE)
    with pytest.raises(ValidationError, match="not taking answers for that wave"):
        record(survey, wave=Wave.AFTER, answers={scale.pk: 3})
    # A paper form from the after wave can be typed in at any time once the survey is open.
    record(survey, wave=Wave.AFTER, answers={scale.pk: 3}, source=ResponseSource.PAPER)


def test_an_online_after_code_must_match_a_before_response():
    survey, scale, _ = scale_and_text_survey(status=SurveyStatus.BEFORE)
    record(survey, answers={scale.pk: 2}, pairing_code="K7PM2QXA")
    survey.status = SurveyStatus.AFTER
    with pytest.raises(ValidationError, match="cannot find that pairing code"):
        record(survey, wave=Wave.AFTER, answers={scale.pk: 4}, pairing_code="ZZZZZZZZ")
    assert record(survey, wave=Wave.AFTER, answers={scale.pk: 4}, pairing_code="k7pm2qxa").response.pair_key


def test_answering_online_again_in_the_same_wave_changes_the_response():
    survey, scale, text = scale_and_text_survey()
    person = PersonFactory(area=survey.area)
    first = record(survey, answers={scale.pk: 2, text.pk: "Too slow"}, person=person).response
    again = record(survey, role=Role.CC_STAFF, answers={scale.pk: 4}, person=person)
    assert again.updated
    assert again.response.pk == first.pk
    assert Response.objects.get().role == Role.CC_STAFF
    assert list(first.answers.values_list("scale", flat=True)) == [4]


def test_a_paper_form_for_someone_who_already_answered_is_refused():
    survey, scale, _ = scale_and_text_survey()
    clerk = UserFactory()
    paper = {"source": ResponseSource.PAPER, "entered_by": clerk}
    record(survey, answers={scale.pk: 2}, pairing_code="PAPER001", **paper)
    with pytest.raises(ValidationError) as refused:
        record(survey, answers={scale.pk: 5}, pairing_code="PAPER001", **paper)
    assert (
        "already a before response from pairing code PAPER001"
        in refused.value.message_dict["pairing_code"][0]
    )
    assert Answer.objects.get().scale == 2


def test_people_are_from_the_survey_area_and_a_paper_form_names_a_person_or_a_code():
    survey, scale, _ = scale_and_text_survey()
    with pytest.raises(ValidationError) as refused:
        record(survey, answers={scale.pk: 3}, person=PersonFactory())
    assert "person" in refused.value.message_dict
    paper = {"source": ResponseSource.PAPER}
    with pytest.raises(ValidationError) as refused:
        record(
            survey, answers={scale.pk: 3}, person=PersonFactory(area=survey.area), pairing_code="ABC", **paper
        )
    assert "pairing_code" in refused.value.message_dict
    # Online, a known person is given a code as well (see test_public_answering).
    known = record(survey, answers={scale.pk: 3}, person=PersonFactory(area=survey.area), pairing_code="ABC")
    assert known.response.pair_key == "code:ABC"


def test_an_anonymous_answer_without_a_code_is_replaced_not_counted_twice():
    survey, scale, _ = scale_and_text_survey(status=SurveyStatus.AFTER)
    first = record(survey, wave=Wave.AFTER, answers={scale.pk: 2}).response
    again = record(survey, wave=Wave.AFTER, answers={scale.pk: 5}, replacing=first)
    assert again.updated and again.response.pk == first.pk
    assert Response.objects.count() == 1


def test_pairing_codes_are_new_to_the_survey():
    survey = SurveyFactory()
    code = services.new_pairing_code(survey)
    assert len(code) == 8
    assert set(code) <= set("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
