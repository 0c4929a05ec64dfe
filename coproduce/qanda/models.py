"""A question from anyone, its moderation, its official answer, and the email addresses following it.

A question is public only once a moderator has approved it (as asked or edited); until then, and for ever
once rejected, it lives in the back office alone. Email addresses are kept only until the answer is sent,
never in the history tables, and never shown on a page.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from coproduce.programmes.models import Area, Challenge
from coproduce.themes.models import Theme

QUESTION_MAX_LENGTH = 2000
ANSWER_MAX_LENGTH = 10000
REASON_MAX_LENGTH = 1000


def new_follow_token() -> str:
    """The secret in a follower's confirm and stop links: unguessable, so the link is the key."""
    return secrets.token_urlsafe(24)


class QuestionStatus(models.TextChoices):
    PENDING = "pending", "Waiting for moderation"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Rejected"


class Question(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="public_questions")
    text = models.TextField(max_length=QUESTION_MAX_LENGTH, help_text="The question as published.")
    original_text = models.TextField(
        blank=True, help_text="What the asker typed, kept for moderators when the question was edited."
    )
    edit_reason = models.TextField(
        max_length=REASON_MAX_LENGTH, blank=True, help_text="Why it was edited; sent to the asker."
    )
    rejection_reason = models.TextField(
        max_length=REASON_MAX_LENGTH, blank=True, help_text="Why it was rejected; never public."
    )
    # The topic: one of the area's challenges or themes (or neither), so answers read as an FAQ.
    challenge = models.ForeignKey(
        Challenge, null=True, blank=True, on_delete=models.SET_NULL, related_name="public_questions"
    )
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="public_questions"
    )
    status = models.CharField(max_length=16, choices=QuestionStatus.choices, default=QuestionStatus.PENDING)
    asked_at = models.DateTimeField(auto_now_add=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set once, when the answer's emails are queued: answering again or editing the answer sends nothing.
    answer_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_illustrative = models.BooleanField(default=False, help_text="Made up for the demo.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-asked_at", "-pk"]
        indexes = [models.Index(fields=["area", "status"])]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"

    def get_absolute_url(self) -> str:
        return reverse("qanda:question", kwargs={"pk": self.pk})

    def get_public_url(self) -> str:
        return reverse("qanda_public:question", kwargs={"slug": self.area.slug, "pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status == QuestionStatus.PUBLISHED and self.area.is_published

    @property
    def was_edited(self) -> bool:
        return bool(self.original_text)

    @property
    def topic(self) -> Challenge | Theme | None:
        return self.challenge or self.theme

    @property
    def topic_label(self) -> str:
        if self.challenge is not None:
            return f"Challenge {self.challenge.number}: {self.challenge.text}"
        if self.theme is not None:
            return self.theme.label
        return ""


class Answer(models.Model):
    """The official answer to a question, written by a commissioner or programme lead."""

    question = models.OneToOneField(Question, on_delete=models.CASCADE, related_name="answer")
    text = models.TextField(max_length=ANSWER_MAX_LENGTH)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The role the answer was given in ("Commissioner"), as it was then: shown with the official mark.
    answered_as = models.CharField(max_length=100)
    answered_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Answer to {self.question}"

    @property
    def area(self) -> Area:
        return self.question.area

    @property
    def was_updated(self) -> bool:
        return (self.updated_at - self.answered_at).total_seconds() > 60


class Follower(models.Model):
    """An email address to tell once when a question is answered: the asker's (confirmed by asking), or
    anyone's who followed it and confirmed by the link sent. Deleted once the answer is sent."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="followers")
    email = models.EmailField()
    token = models.CharField(max_length=40, unique=True, default=new_follow_token, editable=False)
    is_asker = models.BooleanField(default=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["question", "email"], name="qanda_follow_once")]

    def __str__(self) -> str:
        return f"Follower of question {self.question_id}"

    @property
    def area(self) -> Area:
        return self.question.area
