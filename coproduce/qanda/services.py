"""Writes: asking, moderating (approve, edit, reject), answering and following questions.

Every email is queued for the background worker (coproduce/qanda/tasks.py) once the write commits; none is
sent inside a request.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coproduce.accounts.models import AreaRole, Membership
from coproduce.programmes.models import Area, Challenge
from coproduce.qanda.models import (
    ANSWER_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    REASON_MAX_LENGTH,
    Answer,
    Follower,
    Question,
    QuestionStatus,
)
from coproduce.themes.models import Theme

Topic = Challenge | Theme | None


def _text(value: str, *, field: str, what: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: f"Enter {what}"})
    if len(value) > limit:
        raise ValidationError({field: f"{what[0].upper()}{what[1:]} must be {limit:,} characters or fewer"})
    return value


def _set_topic(question: Question, topic: Topic) -> None:
    if topic is not None and topic.area.pk != question.area_id:
        raise ValidationError({"topic": "Choose a topic of this area"})
    question.challenge = topic if isinstance(topic, Challenge) else None
    question.theme = topic if isinstance(topic, Theme) else None


def _queue(task, *args) -> None:
    transaction.on_commit(lambda: task.enqueue(*args))


def question_ask(*, area: Area, text: str, email: str = "", topic: Topic = None) -> Question:
    """A question from anyone, waiting for moderation. The asker's email, if given, follows it."""
    if not area.is_published:
        raise ValidationError("This area does not take questions")
    question = Question(
        area=area, text=_text(text, field="text", what="your question", limit=QUESTION_MAX_LENGTH)
    )
    _set_topic(question, topic)
    with transaction.atomic():
        question.save()
        if email:
            Follower.objects.create(
                question=question, email=email.strip().lower(), is_asker=True, confirmed_at=timezone.now()
            )
    return question


def _moderated(question: Question, user, status: str) -> None:
    question.status = status
    question.moderated_at = timezone.now()
    question.moderated_by = user


def question_approve(*, question: Question, user, topic: Topic = None) -> Question:
    if question.status == QuestionStatus.REJECTED:
        raise ValidationError("A rejected question cannot be published")
    _set_topic(question, topic)
    _moderated(question, user, QuestionStatus.PUBLISHED)
    question.save()
    return question


def question_edit(*, question: Question, user, text: str, reason: str, topic: Topic = None) -> Question:
    """Publish the question in other words. What the asker typed is kept for moderators (the first words,
    however often it is edited); the asker, if they gave an email, is told why in one message."""
    from coproduce.qanda.tasks import send_edit_notice

    if question.status == QuestionStatus.REJECTED:
        raise ValidationError("A rejected question cannot be published")
    text = _text(text, field="text", what="the question", limit=QUESTION_MAX_LENGTH)
    reason = _text(reason, field="reason", what="why it was edited", limit=REASON_MAX_LENGTH)
    if text == question.text:
        raise ValidationError({"text": "Change the question's words, or approve it as it is"})
    _set_topic(question, topic)
    with transaction.atomic():
        if not question.original_text:
            question.original_text = question.text
        question.text = text
        question.edit_reason = reason
        _moderated(question, user, QuestionStatus.PUBLISHED)
        question.save()
        if question.followers.filter(is_asker=True).exists():
            _queue(send_edit_notice, question.pk)
    return question


def question_reject(*, question: Question, user, reason: str) -> Question:
    """Never public. Nobody will be told anything more about it, so its email addresses are deleted."""
    if question.status == QuestionStatus.REJECTED:
        raise ValidationError("This question is already rejected")
    if hasattr(question, "answer"):
        raise ValidationError("An answered question cannot be rejected")
    question.rejection_reason = _text(
        reason, field="reason", what="why it is rejected", limit=REASON_MAX_LENGTH
    )
    with transaction.atomic():
        _moderated(question, user, QuestionStatus.REJECTED)
        question.save()
        question.followers.all().delete()
    return question


def answered_as(user, area: Area) -> str:
    membership = Membership.objects.filter(user=user, area=area).first()
    if membership is not None:
        return membership.get_role_display()
    return AreaRole.PROGRAMME_LEAD.label if user.is_superuser else ""


def answer_give(*, question: Question, user, text: str) -> Answer:
    """The official answer, or a correction of it. Its followers are emailed once, the first time only."""
    from coproduce.qanda.tasks import send_answer_notices

    if question.status != QuestionStatus.PUBLISHED:
        raise ValidationError("Publish the question before answering it")
    text = _text(text, field="text", what="the answer", limit=ANSWER_MAX_LENGTH)
    with transaction.atomic():
        answer = Answer.objects.filter(question=question).first()
        if answer is None:
            answer = Answer(question=question, answered_as=answered_as(user, question.area))
        answer.text = text
        answer.answered_by = user
        answer.save()
        # Claimed in the database, so two answers saved at once still queue the emails once.
        claimed = Question.objects.filter(pk=question.pk, answer_notified_at__isnull=True).update(
            answer_notified_at=timezone.now()
        )
        if claimed:
            _queue(send_answer_notices, question.pk)
    question.refresh_from_db()
    return answer


def follow_start(*, question: Question, email: str) -> tuple[Follower, bool]:
    """Follow a published, unanswered question: a confirmation link is emailed to a new address. Asking
    again with the same address sends nothing more (so the form cannot be used to flood someone)."""
    from coproduce.qanda.tasks import send_follow_confirmation

    if not question.is_public:
        raise ValidationError("This question cannot be followed")
    if hasattr(question, "answer"):
        raise ValidationError("This question is already answered")
    email = (email or "").strip().lower()
    if not email:
        raise ValidationError({"email": "Enter your email address"})
    follower, created = Follower.objects.get_or_create(question=question, email=email)
    if created:
        _queue(send_follow_confirmation, follower.pk)
    return follower, created


def follow_confirm(*, follower: Follower) -> Follower:
    if follower.confirmed_at is None:
        follower.confirmed_at = timezone.now()
        follower.save(update_fields=["confirmed_at"])
    return follower


def follow_stop(*, follower: Follower) -> None:
    follower.delete()
