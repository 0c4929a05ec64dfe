"""Participants answer a survey by link or code, with no account; their two waves are paired."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from coproduce.directory.models import Role
from coproduce.public.session import person_key, survey_key
from coproduce.surveys.models import Answer, QuestionKind, Response, ResponseSource, SurveyStatus, Wave
from tests.factories import EventFactory, PersonFactory, QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    survey = SurveyFactory(status=SurveyStatus.BEFORE, introduction="Five minutes, before we start.")
    QuestionFactory(survey=survey, number=1)
    QuestionFactory(survey=survey, number=2, kind=QuestionKind.TEXT, text="What would help most?", topic="")
    return survey


def answers(survey, scale="2", text="", **more):
    scale_question, text_question = survey.questions.order_by("number")
    return {
        "role": Role.VCS_PROVIDER,
        f"question_{scale_question.pk}": scale,
        f"question_{text_question.pk}": text,
    } | more


def url(survey, name="answer"):
    return reverse(f"surveys_public:{name}", args=[survey.join_code])


def open_after_wave(survey):
    survey.status = SurveyStatus.AFTER
    survey.save()


def test_the_page_asks_every_question_with_radios_and_a_text_box(client, survey):
    page = client.get(url(survey)).content.decode()
    assert "Five minutes, before we start." in page
    assert page.count('type="radio"') == len(Role.choices) + 5
    assert "Very positive" in page
    assert "<textarea" in page
    assert "pairing code" not in page.lower()
    assert 'name="csrfmiddlewaretoken"' in page


def test_a_draft_survey_is_not_found_and_a_closed_one_says_so_kindly(client, survey):
    survey.status = SurveyStatus.DRAFT
    survey.save()
    assert client.get(url(survey)).status_code == 404
    survey.status = SurveyStatus.CLOSED
    survey.save()
    response = client.get(url(survey))
    assert response.status_code == 200
    assert "This survey is not taking answers" in response.content.decode()
    assert client.post(url(survey), answers(survey)).status_code == 200
    assert Response.objects.count() == 0


def test_an_anonymous_before_answer_gets_a_pairing_code_to_write_down(client, survey):
    response = client.post(url(survey), answers(survey, text="Tell us sooner"))
    assert response.url == url(survey, "thanks")
    saved = Response.objects.get()
    assert (saved.wave, saved.source, saved.person) == (Wave.BEFORE, ResponseSource.ONLINE, None)
    assert re.fullmatch(r"[A-Z2-9]{8}", saved.pairing_code)
    assert client.session[survey_key(survey.pk)]["code"] == saved.pairing_code
    page = client.get(response.url).content.decode()
    assert saved.pairing_code in page
    assert "Write this down: you'll be asked for it afterwards" in page


def test_the_after_wave_fills_in_the_code_from_the_session_and_pairs_the_answers(client, survey):
    client.post(url(survey), answers(survey, scale="2"))
    code = Response.objects.get().pairing_code
    open_after_wave(survey)

    page = client.get(url(survey)).content.decode()
    assert f'value="{code}"' in page
    client.post(url(survey), answers(survey, scale="4", pairing_code=code))

    after = Response.objects.get(wave=Wave.AFTER)
    assert after.pairing_code == code
    assert "matched with your first ones" in client.get(url(survey, "thanks")).content.decode()


def test_on_another_device_the_code_is_typed_in_any_case(client, survey):
    client.post(url(survey), answers(survey))
    code = Response.objects.get().pairing_code
    open_after_wave(survey)
    other = Client()
    page = other.get(url(survey)).content.decode()
    assert "Your pairing code from the first survey (optional)" in page
    other.post(url(survey), answers(survey, scale="5", pairing_code=f" {code.lower()} "))
    assert Response.objects.get(wave=Wave.AFTER).pairing_code == code


def test_an_unknown_code_is_explained_and_the_answers_are_kept(client, survey):
    open_after_wave(survey)
    response = client.post(
        url(survey), answers(survey, scale="4", text="Much better", pairing_code="WRONG123")
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "We cannot find that pairing code" in page
    assert 'href="#id_pairing_code"' in page
    assert "Much better" in page
    assert re.search(r'value="4"\s+checked', page)
    assert 'value="WRONG123"' in page
    assert Response.objects.count() == 0


def test_an_after_answer_without_a_code_still_counts_and_is_not_counted_twice(client, survey):
    open_after_wave(survey)
    client.post(url(survey), answers(survey, scale="3"))
    client.post(url(survey), answers(survey, scale="4"))
    saved = Response.objects.get()
    assert (saved.pairing_code, saved.answers.get().scale) == ("", 4)
    assert "could not match them" in client.get(url(survey, "thanks")).content.decode()


def test_someone_who_joined_an_event_of_the_area_is_paired_as_that_person(client, survey):
    person = PersonFactory(area=survey.area, role=Role.CC_MANAGER)
    session = client.session
    session[person_key(survey.area_id)] = person.pk
    session.save()

    page = client.get(url(survey)).content.decode()
    assert re.search(rf'value="{Role.CC_MANAGER}"\s+checked', page)
    client.post(url(survey), answers(survey, role=Role.CC_MANAGER))
    open_after_wave(survey)
    assert "pairing code" not in client.get(url(survey)).content.decode().lower()
    client.post(url(survey), answers(survey, role=Role.CC_MANAGER, scale="5"))

    # Paired as that person and by the code they were given in the first wave, the same in both.
    code = Response.objects.get(wave=Wave.BEFORE).pairing_code
    assert code
    assert set(Response.objects.values_list("wave", "person", "pairing_code")) == {
        (Wave.BEFORE, person.pk, code),
        (Wave.AFTER, person.pk, code),
    }


def test_the_join_page_takes_a_survey_code_too(client, survey):
    response = client.post(reverse("public:join"), {"code": survey.join_code.lower()})
    assert response.url == url(survey)
    event = EventFactory()
    assert client.post(reverse("public:join"), {"code": event.join_code}).url == reverse(
        "public:join_event", args=[event.join_code]
    )
    survey.status = SurveyStatus.DRAFT
    survey.save()
    assert client.post(reverse("public:join"), {"code": survey.join_code}).status_code == 404


def test_answering_again_in_the_same_wave_updates_and_says_so(client, survey):
    client.post(url(survey), answers(survey, scale="1", text="Slow"))
    page = client.get(url(survey)).content.decode()
    assert "You have already answered this survey" in page
    assert "Slow</textarea>" in page
    response = client.post(url(survey), answers(survey, scale="3", text=""), follow=True)
    assert "Your answers have been updated" in response.content.decode()
    saved = Response.objects.get()
    assert list(saved.answers.values_list("scale", "text")) == [(3, "")]


def test_a_missing_answer_is_named_and_nothing_typed_is_lost(client, survey):
    response = client.post(url(survey), answers(survey, scale="", text="Keep this text", role=""))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose an answer to question 1" in page
    assert "Choose the role that best describes you" in page
    assert "Keep this text" in page
    assert Answer.objects.count() == 0


def test_the_answers_are_rate_limited_per_address(client, survey, settings):
    settings.RATELIMIT_ENABLE = True
    settings.PARTICIPANT_RATE = "2/m"
    for _ in range(2):
        client.post(url(survey), answers(survey))
    response = client.post(url(survey), answers(survey, text="Still here"))
    assert response.status_code == 429
    assert "Still here" in response.content.decode()


def test_the_form_is_protected_against_cross_site_posts(survey):
    response = Client(enforce_csrf_checks=True).post(url(survey), answers(survey))
    assert response.status_code == 403


def test_answers_sent_just_as_the_waves_change_are_shown_again_not_filed_in_the_wrong_wave(client, survey):
    page = client.get(url(survey)).content.decode()
    assert 'name="wave" value="before"' in page
    open_after_wave(survey)
    response = client.post(url(survey), answers(survey, text="Written before the change", wave="before"))
    assert response.status_code == 409
    assert "moved on to its second round" in response.content.decode()
    assert "Written before the change" in response.content.decode()
    assert Response.objects.count() == 0


def test_someone_who_answered_first_anonymously_and_then_joined_an_event_is_paired(client, survey):
    from coproduce.surveys.selectors import survey_impact

    client.post(url(survey), answers(survey, scale="2", wave=Wave.BEFORE))
    first = Response.objects.get()
    assert first.person is None and first.pairing_code
    # Later the same browser joins an event of the area, so it now speaks as a person.
    event = EventFactory(area=survey.area)
    response = client.post(reverse("public:join"), {"code": event.join_code})
    client.post(response.url, {"role": Role.VCS_PROVIDER})
    open_after_wave(survey)
    client.get(url(survey))
    client.post(url(survey), answers(survey, scale="4", wave=Wave.AFTER))
    first.refresh_from_db()
    after = Response.objects.get(wave=Wave.AFTER)
    assert first.person_id == after.person_id is not None
    assert survey_impact(survey).pairs == 1


def test_a_known_participant_is_shown_a_pairing_code_too_and_another_phone_pairs_with_it(client, survey):
    """Someone who joined an event answers the first wave as that person; if the second wave is answered
    on another phone (or after the session is gone), it asks for a code: they must have been given one."""
    from coproduce.surveys.tables import response_counts

    person = PersonFactory(area=survey.area, role=Role.CC_MANAGER)
    session = client.session
    session[person_key(survey.area_id)] = person.pk
    session.save()
    client.post(url(survey), answers(survey, role=Role.CC_MANAGER))
    before = Response.objects.get()
    assert before.person == person and re.fullmatch(r"[A-Z2-9]{8}", before.pairing_code)
    page = client.get(url(survey, "thanks")).content.decode()
    assert 'id="pairing-code"' in page and before.pairing_code in page

    open_after_wave(survey)
    other = Client()
    other.post(
        url(survey), answers(survey, role=Role.CC_MANAGER, scale="5", pairing_code=before.pairing_code)
    )
    assert "matched with your first ones" in other.get(url(survey, "thanks")).content.decode()
    assert response_counts(survey).pairs == 1
