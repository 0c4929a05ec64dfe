"""The impact of a survey read from its responses: pairing, roles, headlines and the figures shown."""

import pytest
from django.template.loader import render_to_string

from coproduce.directory.models import Role
from coproduce.surveys.models import Answer, QuestionKind, Response, Wave
from coproduce.surveys.selectors import area_impact, survey_impact
from tests.factories import PersonFactory, QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db


def respond(survey, question, wave, role, score, *, person=None, code=""):
    response = Response.objects.create(survey=survey, wave=wave, role=role, person=person, pairing_code=code)
    Answer.objects.create(response=response, question=question, scale=score)
    return response


def pairs(survey, question, role, changes, *, prefix="p"):
    """People of ``role`` answering before and after with the given (before, after) scores, by code."""
    for i, (before, after) in enumerate(changes):
        code = f"{prefix}{i:06d}"[:8]
        respond(survey, question, Wave.BEFORE, role, before, code=code)
        respond(survey, question, Wave.AFTER, role, after, code=code)


@pytest.fixture
def survey():
    return SurveyFactory()


@pytest.fixture
def question(survey):
    return QuestionFactory(survey=survey, number=1)


def test_a_survey_nobody_answered_has_no_figures_and_no_headlines(survey, question):
    impact = survey_impact(survey)
    assert not impact.has_answers and impact.pairs == 0 and impact.headlines == []
    assert impact.questions[0].roles == []
    html = render_to_string("surveys/includes/question_impact.html", {"question_impact": impact.questions[0]})
    assert "Nobody has answered this question yet" in html


def test_the_same_person_pairs_their_before_and_after_answers(survey, question):
    for n in range(12):
        person = PersonFactory(area=survey.area, role=Role.VCS_PROVIDER)
        respond(survey, question, Wave.BEFORE, Role.VCS_PROVIDER, 2, person=person)
        respond(survey, question, Wave.AFTER, Role.VCS_PROVIDER, 4 if n < 9 else 2, person=person)
    impact = survey_impact(survey)
    vcs = impact.questions[0].roles[0]
    assert (impact.answered_before, impact.answered_after, impact.pairs) == (12, 12, 12)
    assert vcs.role == Role.VCS_PROVIDER and vcs.impact.paired.more_positive.count == 9
    assert impact.headlines[0].sentence == (
        "75% of VCS providers (9 of 12) were more positive about tackling the key challenges."
    )


def test_the_headline_for_a_role_is_the_question_on_which_most_of_it_grew_more_positive(survey, question):
    contract = QuestionFactory(
        survey=survey,
        number=2,
        text="How positive do you feel about contract competition?",
        topic="contract competition issues",
    )
    for i in range(14):
        code = f"LA{i:06d}"
        before = Response.objects.create(
            survey=survey, wave=Wave.BEFORE, role=Role.LA_PROFESSIONAL, pairing_code=code
        )
        after = Response.objects.create(
            survey=survey, wave=Wave.AFTER, role=Role.LA_PROFESSIONAL, pairing_code=code
        )
        Answer.objects.create(response=before, question=question, scale=3)
        Answer.objects.create(response=after, question=question, scale=4 if i < 6 else 3)
        Answer.objects.create(response=before, question=contract, scale=2)
        Answer.objects.create(response=after, question=contract, scale=3 if i < 7 else 2)
    (headline,) = survey_impact(survey).headlines
    assert headline.question == contract
    assert headline.sentence == (
        "50% of local-authority professionals (7 of 14) were more positive about contract competition issues."
    )


def test_small_groups_get_no_headline_but_their_figures_are_shown_and_flagged(survey, question):
    pairs(survey, question, Role.CC_STAFF, [(2, 4), (3, 4), (3, 3)])
    impact = survey_impact(survey)
    assert impact.headlines == []
    staff = impact.questions[0].roles[0]
    assert staff.impact.small and staff.impact.paired.more_positive.count == 2
    html = render_to_string("surveys/includes/question_impact.html", {"question_impact": impact.questions[0]})
    assert "Small group" in html and "67%" in html and 'role="img"' in html


def test_without_pairs_the_waves_are_compared_as_groups(survey, question):
    for score in (2, 3, 2, 2):
        respond(survey, question, Wave.BEFORE, Role.LA_PROFESSIONAL, score)
    for score in (4, 4, 3):
        respond(survey, question, Wave.AFTER, Role.LA_PROFESSIONAL, score)
    impact = survey_impact(survey)
    la = impact.questions[0].unpaired_roles[0]
    assert impact.pairs == 0 and impact.questions[0].paired_roles == []
    assert la.impact.unpaired.positive_after.count == 2
    html = render_to_string("surveys/includes/question_impact.html", {"question_impact": impact.questions[0]})
    assert "compared as groups" in html and "Mann-Whitney" in html and "<svg" not in html


def test_only_scale_questions_are_measured(survey, question):
    QuestionFactory(survey=survey, number=2, kind=QuestionKind.TEXT, text="What would help?", topic="")
    assert [q.question for q in survey_impact(survey).questions] == [question]


def test_an_area_lists_only_the_surveys_with_answers(survey, question):
    SurveyFactory(area=survey.area)
    assert area_impact(survey.area) == []
    pairs(survey, question, Role.VCS_PROVIDER, [(2, 3)])
    assert [i.survey for i in area_impact(survey.area)] == [survey]


def test_reading_the_impact_takes_a_fixed_number_of_queries(survey, question, django_assert_max_num_queries):
    pairs(survey, question, Role.VCS_PROVIDER, [(2, 3)] * 30)
    pairs(survey, question, Role.LA_PROFESSIONAL, [(3, 3)] * 30, prefix="q")
    with django_assert_max_num_queries(4):
        survey_impact(survey)
