"""The public API of questions and answers: only published questions, with their official answers."""

import pytest
from django.urls import reverse

from tests.qanda.factories import (
    AnswerFactory,
    AskedQuestionFactory,
    PublishedQuestionFactory,
    api_headers,
)

pytestmark = pytest.mark.django_db


def test_an_areas_published_questions_with_their_answers_for_any_token(client):
    answer = AnswerFactory(text="Yes, from May.")
    area = answer.question.area
    waiting = PublishedQuestionFactory(area=area)
    AskedQuestionFactory(area=area)
    rows = client.get(reverse("api:area_question_list", kwargs={"slug": area.slug}), **api_headers()).json()
    assert {r["id"] for r in rows} == {answer.question.pk, waiting.pk}
    answered = next(r for r in rows if r["id"] == answer.question.pk)
    assert answered["answer"]["text"] == "Yes, from May." and answered["answer"]["is_official"]
    assert answered["answer"]["answered_as"] == "Commissioner"
    assert answered["url"] == answer.question.get_public_url()
    assert next(r for r in rows if r["id"] == waiting.pk)["answer"] is None
    only = client.get(
        reverse("api:area_question_list", kwargs={"slug": area.slug}), {"answered": "true"}, **api_headers()
    )
    assert [r["id"] for r in only.json()] == [answer.question.pk]


def test_a_pending_question_is_a_404(client):
    question = AskedQuestionFactory()
    assert (
        client.get(
            reverse("api:question_detail", kwargs={"question_id": question.pk}), **api_headers()
        ).status_code
        == 404
    )


def test_an_unpublished_area_is_a_404(client):
    question = PublishedQuestionFactory(area__is_published=False)
    response = client.get(
        reverse("api:area_question_list", kwargs={"slug": question.area.slug}), **api_headers()
    )
    assert response.status_code == 404


def test_without_a_token_it_is_a_401(client):
    question = PublishedQuestionFactory()
    assert client.get(reverse("api:question_detail", kwargs={"question_id": question.pk})).status_code == 401
