"""Background work: the emails of questions and answers, sent by the task worker, never in a request.

Each task reads the database as it is when it runs, so a retry sends nothing already sent: an answer's
followers are deleted one by one as each is told.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from coproduce.qanda.models import Follower, Question, QuestionStatus


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def send_message(*, to: str, subject: str, template: str, context: dict) -> None:
    """One plain-text email through Django's mail backend (console in development, locmem in tests)."""
    body = render_to_string(template, {"SITE_NAME": settings.SITE_NAME, **context})
    send_mail(subject, body, None, [to])


def _stop_url(follower: Follower) -> str:
    return absolute(reverse("qanda_public:follow_stop", kwargs={"token": follower.token}))


@task()
def send_follow_confirmation(follower_id: int) -> int:
    follower = Follower.objects.select_related("question__area").filter(pk=follower_id).first()
    if follower is None or follower.confirmed_at is not None:
        return 0
    send_message(
        to=follower.email,
        subject=f"Confirm you want to follow a question to {follower.question.area.name}",
        template="qanda/email/follow_confirm.txt",
        context={
            "question": follower.question,
            "question_url": absolute(follower.question.get_public_url()),
            "confirm_url": absolute(reverse("qanda_public:follow_confirm", kwargs={"token": follower.token})),
            "stop_url": _stop_url(follower),
        },
    )
    return 1


@task()
def send_edit_notice(question_id: int) -> int:
    """The asker is told their question was published in other words, and why."""
    question = Question.objects.select_related("area").get(pk=question_id)
    asker = question.followers.filter(is_asker=True).first()
    if asker is None or question.status != QuestionStatus.PUBLISHED:
        return 0
    send_message(
        to=asker.email,
        subject=f"Your question to {question.area.name} was published with changes",
        template="qanda/email/edited.txt",
        context={
            "question": question,
            "question_url": absolute(question.get_public_url()),
            "stop_url": _stop_url(asker),
        },
    )
    return 1


@task()
def send_answer_notices(question_id: int) -> int:
    """Everyone following the question (the asker, and those who confirmed) is told once; then their
    addresses are deleted, having done their job. Unconfirmed addresses are deleted unsent."""
    question = Question.objects.select_related("area", "answer").get(pk=question_id)
    sent = 0
    for follower in question.followers.filter(confirmed_at__isnull=False).order_by("pk"):
        send_message(
            to=follower.email,
            subject=f"Your question to {question.area.name} has been answered",
            template="qanda/email/answered.txt",
            context={"question": question, "question_url": absolute(question.get_public_url())},
        )
        follower.delete()
        sent += 1
    question.followers.all().delete()
    return sent
