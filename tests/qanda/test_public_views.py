"""The public pages: asking without an account, the honeypot and rate limit, following by email, the FAQ by
topic, search on both databases and the Atom feed."""

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from coproduce.qanda.models import Follower, Question
from coproduce.themes.models import RunStatus, Theme
from tests.factories import AnalysisRunFactory, AreaFactory, ChallengeFactory
from tests.qanda.factories import AnswerFactory, FollowerFactory, PublishedQuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def area():
    return AreaFactory(is_published=True)


def ask_url(area):
    return reverse("qanda_public:ask", kwargs={"slug": area.slug})


def test_anyone_asks_without_an_account_and_is_told_what_happens_next(client, area):
    response = client.post(
        ask_url(area), {"text": "How do VCS groups get involved?", "email": ""}, follow=True
    )
    assert response.status_code == 200
    assert "Question sent" in response.content.decode()
    question = Question.objects.get()
    assert question.status == "pending" and not question.followers.exists()


def test_the_ask_page_says_the_email_is_optional_and_why(client, area):
    page = client.get(ask_url(area)).content.decode()
    assert "Email address (optional)" in page
    assert "never shown on the site" in page


def test_nothing_typed_is_lost_on_a_validation_error(client, area):
    challenge = ChallengeFactory(area=area)
    response = client.post(
        ask_url(area),
        {
            "text": "What does the KPI on reach mean?",
            "email": "not-an-email",
            "topic": f"challenge:{challenge.pk}",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "What does the KPI on reach mean?" in page
    assert 'value="not-an-email"' in page
    assert f'value="challenge:{challenge.pk}" selected' in page
    assert "Enter an email address in the correct format" in page
    assert not Question.objects.exists()


def test_an_empty_question_names_the_field(client, area):
    response = client.post(ask_url(area), {"text": "", "email": "me@example.org"})
    assert response.status_code == 400
    assert "Enter your question" in response.content.decode()
    assert 'value="me@example.org"' in response.content.decode()


def test_the_honeypot_saves_nothing_but_looks_like_success(client, area):
    response = client.post(ask_url(area), {"text": "Cheap pills", "website": "http://spam.example"})
    assert response.status_code == 302 and response["Location"].endswith("/questions/asked/")
    assert not Question.objects.exists()


def test_asking_is_rate_limited_per_address_keeping_the_words(client, area, settings):
    settings.RATELIMIT_ENABLE = True
    settings.QUESTION_RATE = "2/h"
    for n in range(2):
        assert client.post(ask_url(area), {"text": f"Question {n}"}).status_code == 302
    response = client.post(ask_url(area), {"text": "My third question"})
    assert response.status_code == 429
    assert "My third question" in response.content.decode()
    assert Question.objects.count() == 2
    other = client.post(ask_url(area), {"text": "From elsewhere"}, REMOTE_ADDR="10.9.9.9")
    assert other.status_code == 302


def test_an_unpublished_area_has_no_questions_page(client):
    area = AreaFactory(is_published=False)
    assert client.get(reverse("qanda_public:area", kwargs={"slug": area.slug})).status_code == 404
    assert client.get(ask_url(area)).status_code == 404


def test_following_sends_a_confirmation_and_only_a_post_confirms(client, django_capture_on_commit_callbacks):
    question = PublishedQuestionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(question.get_public_url(), {"email": "carer@example.org"}, follow=True)
    assert "Check your email" in response.content.decode()
    assert len(mail.outbox) == 1
    follower = Follower.objects.get()
    confirm = reverse("qanda_public:follow_confirm", kwargs={"token": follower.token})
    assert confirm in mail.outbox[0].body
    client.get(confirm)  # a mail scanner opening the link
    follower.refresh_from_db()
    assert follower.confirmed_at is None
    client.post(confirm)
    follower.refresh_from_db()
    assert follower.confirmed_at is not None


def test_a_bad_follow_address_keeps_what_was_typed(client):
    question = PublishedQuestionFactory()
    response = client.post(question.get_public_url(), {"email": "carer@"})
    assert response.status_code == 400 and 'value="carer@"' in response.content.decode()
    assert not Follower.objects.exists()


def test_the_stop_link_deletes_the_address(client):
    follower = FollowerFactory()
    stop = reverse("qanda_public:follow_stop", kwargs={"token": follower.token})
    assert client.get(stop).status_code == 200
    assert Follower.objects.exists()
    client.post(stop)
    assert not Follower.objects.exists()
    assert client.get(stop).status_code == 404


def test_follow_links_are_rate_limited(client, settings):
    settings.RATELIMIT_ENABLE = True
    settings.QUESTION_LINK_RATE = "2/m"
    for _ in range(2):
        assert (
            client.get(reverse("qanda_public:follow_confirm", kwargs={"token": "guess"})).status_code == 404
        )
    assert client.get(reverse("qanda_public:follow_confirm", kwargs={"token": "guess"})).status_code == 429


def test_answered_questions_read_as_an_faq_grouped_by_topic(client, area):
    challenge = ChallengeFactory(area=area, number=1, text="How to engage the VCS?")
    run = AnalysisRunFactory(area=area, status=RunStatus.DONE)
    theme = Theme.objects.create(run=run, number=1, label="Opening hours", size=3)
    AnswerFactory(question__area=area, question__challenge=challenge, question__text="How do groups join?")
    AnswerFactory(question__area=area, question__theme=theme, question__text="Saturday opening?")
    AnswerFactory(question__area=area, question__text="Who decides?")
    PublishedQuestionFactory(area=area, text="Still waiting?")
    page = client.get(reverse("qanda_public:area", kwargs={"slug": area.slug})).content.decode()
    order = [
        page.index(s)
        for s in (
            "Challenge 1: How to engage",
            "How do groups join?",
            "Opening hours",
            "Saturday opening?",
            "Other questions",
            "Who decides?",
            "Waiting for an answer",
            "Still waiting?",
        )
    ]
    assert order == sorted(order)
    assert page.count("Official answer</strong>") >= 3


def search(client, area, q):
    page = client.get(reverse("qanda_public:area", kwargs={"slug": area.slug}), {"q": q}).content.decode()
    return page


def test_search_finds_words_in_questions_and_in_answers_on_either_database(client, area):
    hours = AnswerFactory(question__area=area, question__text="When is the centre open?", text="From 8am.")
    budget = AnswerFactory(
        question__area=area, question__text="Who decides?", text="The cabinet sets the budget each February."
    )
    in_question = search(client, area, "centre open")
    assert hours.question.get_public_url() in in_question
    assert budget.question.get_public_url() not in in_question
    in_answer = search(client, area, "budget")
    assert budget.question.get_public_url() in in_answer
    assert hours.question.get_public_url() not in in_answer
    assert "0 results" in search(client, area, "helicopter")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL's full-text search")
def test_postgresql_search_matches_other_forms_of_a_word_and_ranks_questions_first(client, area):
    in_answer = AnswerFactory(
        question__area=area, question__text="Who pays?", text="Budgets are decided in spring."
    )
    in_question = AnswerFactory(
        question__area=area, question__text="How are budgets decided?", text="By vote."
    )
    page = search(client, area, "deciding budget")
    first, second = in_question.question.get_public_url(), in_answer.question.get_public_url()
    assert first in page and second in page
    assert page.index(first) < page.index(second)


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the fallback is for databases without it")
def test_the_fallback_search_needs_every_word_in_any_case(client, area):
    both = AnswerFactory(question__area=area, question__text="Saturday OPENING hours?", text="Yes.")
    one = AnswerFactory(question__area=area, question__text="Opening on Sunday?", text="No.")
    page = search(client, area, "opening saturday")
    assert both.question.get_public_url() in page
    assert one.question.get_public_url() not in page


def test_the_feed_is_atom_with_the_answer(client, area):
    answer = AnswerFactory(question__area=area, text="Officially, yes.")
    response = client.get(reverse("qanda_public:feed", kwargs={"slug": area.slug}))
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "<feed" in body and "Officially, yes." in body and answer.question.get_public_url() in body
