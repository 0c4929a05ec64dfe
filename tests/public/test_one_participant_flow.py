"""Everything a participant sends goes through one flow: one rate limit, one "too fast" message, one
transaction that forgets a person it recorded if the contribution is not kept."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.urls import reverse

from coproduce.directory.models import Person, Role
from coproduce.engagement.models import Comment, Method
from coproduce.methods import services as method_services
from coproduce.public.participants import (
    TOO_FAST,
    area_participant,
    contribution_transaction,
    participant_join,
)
from coproduce.public.session import RECORDED
from coproduce.surveys.models import QuestionKind, SurveyStatus
from tests.factories import EventFactory, QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db


def join(client, event, role=Role.PARENT_CARER):
    response = client.post(reverse("public:join"), {"code": event.join_code})
    return client.post(response.url, {"role": role}).url


@pytest.fixture
def limits(settings):
    """Turns the limits on at one post a minute each (call it once the browser has joined)."""

    def turn_on():
        settings.RATELIMIT_ENABLE = True
        settings.PARTICIPANT_RATE = "1/m"

    return turn_on


def twice(client, url, data):
    client.post(url, data)
    return client.post(url, data)


def test_a_comment_sent_too_fast_is_told_the_one_message(client, limits):
    url = join(client, EventFactory())
    limits()
    response = twice(client, url, {"text": "Again"})
    assert response.status_code == 429 and TOO_FAST in response.content.decode()


def test_a_method_answer_sent_too_fast_is_told_the_one_message(client, limits):
    event = EventFactory()
    session = method_services.session_create(event=event, method=Method.SIX_HATS)
    method_services.session_go_to(session=session, step="white")
    join(client, event)
    limits()
    url = reverse("methods_public:take_part", args=[event.join_code, session.pk])
    response = twice(client, url, {"text": "Again", "step": "white"})
    assert response.status_code == 429 and TOO_FAST in response.content.decode()


def test_a_survey_answer_sent_too_fast_is_told_the_one_message(client, limits):
    survey = SurveyFactory(status=SurveyStatus.BEFORE)
    question = QuestionFactory(survey=survey, number=1, kind=QuestionKind.TEXT, topic="")
    limits()
    url = reverse("surveys_public:answer", args=[survey.join_code])
    response = twice(client, url, {"role": Role.PARENT_CARER, f"question_{question.pk}": "Again"})
    assert response.status_code == 429 and TOO_FAST in response.content.decode()


def test_joining_too_fast_is_told_the_one_message(client, limits):
    event = EventFactory()
    limits()
    response = twice(client, reverse("public:join"), {"code": event.join_code})
    assert response.status_code == 429 and TOO_FAST in response.content.decode()


def test_method_answers_are_limited_per_event_as_comments_are(settings):
    """Before the one flow, a method's page was limited per participant only: many browsers at one event
    could flood it."""
    event = EventFactory()
    session = method_services.session_create(event=event, method=Method.SIX_HATS)
    method_services.session_go_to(session=session, step="white")
    url = reverse("methods_public:take_part", args=[event.join_code, session.pk])
    phones = [Client(REMOTE_ADDR=f"10.0.0.{n}") for n in range(3)]
    for phone in phones:
        join(phone, event)
    settings.RATELIMIT_ENABLE = True
    settings.PARTICIPANT_EVENT_RATE = "2/m"
    for phone in phones[:2]:
        assert phone.post(url, {"text": "Mine", "step": "white"}).status_code == 302
    assert phones[2].post(url, {"text": "One too many", "step": "white"}).status_code == 429
    assert Comment.objects.count() == 2


def _browser():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    return request


def test_a_contribution_not_kept_forgets_the_person_it_recorded_at_any_event():
    """A survey answer records its person at the event of the area the browser joined, not the survey's:
    the transaction forgets them there too."""
    joined = EventFactory()
    request = _browser()
    participant_join(request, joined, Role.PARENT_CARER)
    request.session["coproduce:person:0"] = 7  # another area's person, kept as it was
    with pytest.raises(ValidationError), contribution_transaction(request):
        assert area_participant(request, joined.area_id, create=True) is not None
        raise ValidationError("The survey refused the answers")
    assert not Person.objects.exists()
    recorded = {key: value for key, value in request.session.items() if key.startswith(RECORDED)}
    assert recorded == {"coproduce:person:0": 7}
