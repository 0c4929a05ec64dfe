"""The demo's questions and answers: Bexley's illustrative questions, of every status, loaded once."""

import pytest
from django.urls import reverse

from coproduce.demo.loader import load_demo
from coproduce.demo.qanda import load_qanda_demo
from coproduce.programmes.models import Area
from coproduce.qanda.models import Question
from tests.once import built_once


def bexley_load() -> Area:
    load_demo()
    return Area.objects.get(slug="bexley")


@pytest.fixture(scope="module")
def bexley_for_module(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, bexley_load)


@pytest.fixture
def bexley(db, bexley_for_module) -> Area:
    return bexley_for_module


def test_bexley_has_a_dozen_questions_of_every_status_and_loading_again_adds_none(bexley):
    questions = Question.objects.filter(area=bexley)
    assert load_qanda_demo() == 0
    assert questions.count() == 13 and questions.filter(is_illustrative=False).count() == 0
    counts = {s: questions.filter(status=s).count() for s in ("pending", "published", "rejected")}
    assert counts == {"pending": 2, "published": 10, "rejected": 1}
    assert questions.filter(answer__isnull=False).count() == 9
    edited = questions.exclude(original_text="").get()
    assert "Sarah" in edited.original_text and "Sarah" not in edited.text and edited.edit_reason


def test_the_demo_faq_groups_answers_by_challenge_and_hides_the_rest(bexley, client):
    page = client.get(reverse("qanda_public:area", kwargs={"slug": bexley.slug})).content.decode()
    assert "Challenge 1: How to improve engagement" in page and "Challenge 2:" in page
    assert "Other questions" in page
    assert "How is the children&#x27;s centres budget decided?" in page
    assert "cheap followers" not in page and "crèche" not in page and "Sarah" not in page
