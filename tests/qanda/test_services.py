"""Asking, moderating and answering: what is kept, what is refused, and which emails are queued."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from coproduce.accounts.models import AreaRole
from coproduce.qanda import services
from coproduce.qanda.models import Question, QuestionStatus
from tests.factories import AreaFactory, ChallengeFactory, member
from tests.qanda.factories import (
    AnswerFactory,
    AskedQuestionFactory,
    FollowerFactory,
    PublishedQuestionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def area():
    return AreaFactory(is_published=True)


@pytest.fixture
def commissioner(area):
    return member(area, AreaRole.COMMISSIONER)


def test_a_question_waits_for_moderation_and_its_askers_email_follows_it(area):
    question = services.question_ask(
        area=area, text="  How is the budget decided?  ", email="Parent@Example.org"
    )
    assert question.status == QuestionStatus.PENDING
    assert question.text == "How is the budget decided?"
    follower = question.followers.get()
    assert follower.is_asker and follower.confirmed_at is not None
    assert follower.email == "parent@example.org"


def test_an_empty_question_is_refused_naming_the_field(area):
    with pytest.raises(ValidationError) as error:
        services.question_ask(area=area, text="   ")
    assert error.value.message_dict == {"text": ["Enter your question"]}
    assert not Question.objects.exists()


def test_an_unpublished_area_takes_no_questions():
    with pytest.raises(ValidationError):
        services.question_ask(area=AreaFactory(is_published=False), text="Anyone there?")


def test_a_topic_of_another_area_is_refused(area):
    with pytest.raises(ValidationError) as error:
        services.question_ask(area=area, text="Why?", topic=ChallengeFactory())
    assert "topic" in error.value.message_dict


def test_editing_keeps_the_words_as_asked_and_queues_one_message_to_the_asker(
    area, commissioner, django_capture_on_commit_callbacks
):
    question = services.question_ask(area=area, text="Why is Jo's son's nursery shut?", email="a@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.question_edit(
            question=question, user=commissioner, text="Why is a nursery shut?", reason="We removed a name."
        )
    question.refresh_from_db()
    assert question.status == QuestionStatus.PUBLISHED
    assert question.text == "Why is a nursery shut?"
    assert question.original_text == "Why is Jo's son's nursery shut?"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["a@example.org"]
    assert "We removed a name." in mail.outbox[0].body
    assert "Jo's" not in mail.outbox[0].body  # the message quotes what was published


def test_editing_twice_keeps_the_first_words(area, commissioner):
    question = services.question_ask(area=area, text="First words")
    services.question_edit(question=question, user=commissioner, text="Second words", reason="Clearer")
    services.question_edit(question=question, user=commissioner, text="Third words", reason="Clearer still")
    assert question.original_text == "First words"


def test_an_edit_without_a_reason_changes_nothing(area, commissioner):
    question = services.question_ask(area=area, text="My words")
    with pytest.raises(ValidationError) as error:
        services.question_edit(question=question, user=commissioner, text="Other words", reason=" ")
    assert "reason" in error.value.message_dict
    question.refresh_from_db()
    assert (question.text, question.status, question.original_text) == ("My words", "pending", "")


def test_an_edit_without_an_asker_email_sends_nothing(area, commissioner, django_capture_on_commit_callbacks):
    question = services.question_ask(area=area, text="My words")
    with django_capture_on_commit_callbacks(execute=True):
        services.question_edit(question=question, user=commissioner, text="Other words", reason="Clearer")
    assert mail.outbox == []


def test_rejecting_needs_a_reason_and_deletes_the_email_addresses(area, commissioner):
    question = services.question_ask(area=area, text="Spam spam", email="a@example.org")
    with pytest.raises(ValidationError):
        services.question_reject(question=question, user=commissioner, reason="")
    services.question_reject(question=question, user=commissioner, reason="Advertising")
    question.refresh_from_db()
    assert question.status == QuestionStatus.REJECTED and question.rejection_reason == "Advertising"
    assert not question.followers.exists()
    with pytest.raises(ValidationError):
        services.question_approve(question=question, user=commissioner)


def test_a_pending_question_cannot_be_answered(area, commissioner):
    question = AskedQuestionFactory(area=area)
    with pytest.raises(ValidationError):
        services.answer_give(question=question, user=commissioner, text="An answer")


def test_the_answer_is_marked_with_the_role_it_was_given_in(area, commissioner):
    question = PublishedQuestionFactory(area=area)
    answer = services.answer_give(question=question, user=commissioner, text="Here is why.")
    assert answer.answered_as == "Commissioner"


def test_followers_get_exactly_one_email_when_it_is_answered_however_often_it_is_answered(
    area, commissioner, django_capture_on_commit_callbacks
):
    question = services.question_ask(area=area, text="When is the consultation?", email="asker@example.org")
    services.question_approve(question=question, user=commissioner)
    FollowerFactory(question=question, email="confirmed@example.org")
    FollowerFactory(question=question, email="unconfirmed@example.org", confirmed_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_give(question=question, user=commissioner, text="In March.")
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_give(question=question, user=commissioner, text="In March, from the 5th.")
    assert sorted(m.to[0] for m in mail.outbox) == ["asker@example.org", "confirmed@example.org"]
    assert all("In March." in m.body for m in mail.outbox)
    # Their job done, the addresses are gone, the unconfirmed one too.
    assert not question.followers.exists()
    question.refresh_from_db()
    assert question.answer.text == "In March, from the 5th."
    assert question.answer.history.count() == 2


def test_following_an_answered_question_is_refused():
    answer = AnswerFactory()
    with pytest.raises(ValidationError):
        services.follow_start(question=answer.question, email="late@example.org")


def test_following_again_with_the_same_address_sends_nothing_more(django_capture_on_commit_callbacks):
    question = PublishedQuestionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _, created = services.follow_start(question=question, email="Me@Example.org")
    with django_capture_on_commit_callbacks(execute=True):
        _, again = services.follow_start(question=question, email="me@example.org")
    assert (created, again) == (True, False)
    assert len(mail.outbox) == 1 and "/questions/follow/" in mail.outbox[0].body


def test_a_pending_question_cannot_be_followed():
    with pytest.raises(ValidationError):
        services.follow_start(question=AskedQuestionFactory(), email="me@example.org")


def test_the_asker_email_is_never_in_the_history():
    question = services.question_ask(
        area=AreaFactory(is_published=True), text="Q?", email="secret@example.org"
    )
    for row in question.history.values():
        assert "secret@example.org" not in str(row)
