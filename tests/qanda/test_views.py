"""The back office: moderating (approve, edit, reject) and answering, and the emails going through the
task worker rather than the request."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from coproduce.accounts.models import AreaRole
from coproduce.qanda import services
from coproduce.qanda.models import Question, QuestionStatus
from tests.factories import AreaFactory, ChallengeFactory, member
from tests.qanda.factories import AskedQuestionFactory, PublishedQuestionFactory

pytestmark = pytest.mark.django_db
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def area():
    return AreaFactory(is_published=True)


@pytest.fixture
def commissioner(client, area):
    user = member(area, AreaRole.COMMISSIONER)
    client.force_login(user)
    return user


def url(name, question):
    return reverse(f"qanda:{name}", kwargs={"pk": question.pk})


def test_the_queue_lists_pending_questions_oldest_first(client, area, commissioner):
    first = AskedQuestionFactory(area=area, text="The first one")
    AskedQuestionFactory(area=area, text="The second one")
    page = client.get(reverse("qanda:list", kwargs={"slug": area.slug})).content.decode()
    assert "Waiting for moderation (2)" in page
    assert page.index("The first one") < page.index("The second one")
    assert first.get_absolute_url() in page


def test_approving_publishes_with_the_chosen_topic(client, area, commissioner):
    question = AskedQuestionFactory(area=area)
    challenge = ChallengeFactory(area=area)
    response = client.post(url("question_approve", question), {"topic": f"challenge:{challenge.pk}"})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == QuestionStatus.PUBLISHED and question.challenge == challenge
    assert question.moderated_by == commissioner


def test_an_edit_with_a_problem_keeps_every_word_typed(client, area, commissioner):
    question = AskedQuestionFactory(area=area, text="Asked words")
    response = client.post(url("question_edit", question), {"text": "My better words", "reason": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "My better words" in page and "Enter why it was changed" in page
    question.refresh_from_db()
    assert question.text == "Asked words" and question.status == QuestionStatus.PENDING


def test_rejecting_with_a_reason(client, area, commissioner):
    question = AskedQuestionFactory(area=area)
    assert client.post(url("question_reject", question), {"reason": ""}).status_code == 400
    client.post(url("question_reject", question), {"reason": "Not about commissioning"})
    question.refresh_from_db()
    assert question.status == QuestionStatus.REJECTED
    assert "Not about commissioning" in client.get(question.get_absolute_url()).content.decode()


def test_a_facilitator_moderates_but_does_not_answer(client, area):
    client.force_login(member(area, AreaRole.FACILITATOR))
    question = PublishedQuestionFactory(area=area)
    page = client.get(question.get_absolute_url()).content.decode()
    assert "A commissioner or programme lead writes the official answer" in page
    assert client.post(url("question_answer", question), {"text": "An answer"}).status_code == 403


def test_an_empty_answer_keeps_the_page_and_changes_nothing(client, area, commissioner):
    question = PublishedQuestionFactory(area=area)
    response = client.post(url("question_answer", question), {"text": "  "})
    assert response.status_code == 400 and "Enter the answer" in response.content.decode()
    assert not hasattr(Question.objects.get(pk=question.pk), "answer")


# The worker claims tasks in transactions of its own, as in production: so real commits here, not one test
# transaction (inside which PostgreSQL's worker cannot claim anything).
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_the_answer_email_is_sent_by_the_worker_once_never_in_the_request(client, area, commissioner):
    question = services.question_ask(
        area=area, text="When does the consultation close?", email="p@example.org"
    )
    services.question_approve(question=question, user=commissioner)
    client.post(url("question_answer", question), {"text": "On 30 March."})
    assert mail.outbox == []  # queued, not sent, by the request
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    call_command("worker", "--batch", "--interval", "0", "--no-startup-delay")
    assert [m.to for m in mail.outbox] == [["p@example.org"]]
    client.post(url("question_answer", question), {"text": "On 31 March: corrected."})
    assert DBTaskResult.objects.filter(status="READY").count() == 0  # a correction queues nothing
    call_command("worker", "--batch", "--interval", "0", "--no-startup-delay")
    assert len(mail.outbox) == 1
    assert Question.objects.get(pk=question.pk).answer.text == "On 31 March: corrected."
