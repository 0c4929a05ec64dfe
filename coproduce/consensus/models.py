"""Statements put to an event's participants, and their agree / disagree / pass votes."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from coproduce.core.heartbeat import ProgressedWork
from coproduce.directory.models import Person, Role
from coproduce.engagement.models import Comment, Event
from coproduce.programmes.models import Area, Challenge

STATEMENT_MAX_LENGTH = 400


class StatementStatus(models.TextChoices):
    """A participant's statement waits for a facilitator before anyone votes on it; the facilitator's own
    statements (and those made from comments, themes or an import) are approved as they are written."""

    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class Statement(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="statements")
    text = models.CharField(max_length=STATEMENT_MAX_LENGTH)
    status = models.CharField(
        max_length=16, choices=StatementStatus.choices, default=StatementStatus.APPROVED
    )
    submitted_by = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_statements",
        help_text="The participant who wrote it from their phone, if one did.",
    )
    challenge = models.ForeignKey(
        Challenge,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="draft_wordings",
        help_text="The challenge this statement is a draft wording of, put to the vote to agree it.",
    )
    source_comment = models.ForeignKey(
        Comment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
        help_text="The comment this statement was drawn from, if any.",
    )
    polis_comment_id = models.PositiveIntegerField(
        null=True, blank=True, help_text="Its comment id in the Pol.is conversation it was imported from."
    )
    is_open = models.BooleanField(default=True, help_text="Participants can vote on it.")
    is_illustrative = models.BooleanField(default=False, help_text="Written for the demo.")
    withdrawn_reason = models.CharField(
        max_length=200,
        blank=True,
        help_text="Why it was taken down: it quoted a comment a facilitator has since edited, hidden or removed.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def area(self) -> Area:
        return self.event.area


class VoteChoice(models.TextChoices):
    AGREE = "agree", "Agree"
    DISAGREE = "disagree", "Disagree"
    PASS = "pass", "Pass / unsure"


class Vote(models.Model):
    """One participant's current vote on one statement; changing it replaces it."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="votes")
    # The role they spoke from when they voted: results are by role, and people can change role.
    role = models.CharField(max_length=32, choices=Role.choices)
    choice = models.CharField(max_length=16, choices=VoteChoice.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["statement", "person"], name="one_vote_per_statement")]

    def __str__(self) -> str:
        return f"{self.person}: {self.choice} on {self.statement}"


class PolisImportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting for the worker"
    RUNNING = "running", "Importing"
    DONE = "done", "Imported"
    FAILED = "failed", "Failed"


class PolisImport(ProgressedWork):
    """A Pol.is conversation brought into an event by the task worker: the files were checked when they
    were uploaded and wait on disk (IMPORT_DIR) until the worker has written every row, or none."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="polis_imports")
    status = models.CharField(
        max_length=16, choices=PolisImportStatus.choices, default=PolisImportStatus.QUEUED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    queued_at = models.DateTimeField(auto_now_add=True)
    # {"votes": path, "comments": path or None} and the uploads' own names, for messages.
    files = models.JSONField(default=dict)
    names = models.JSONField(default=dict)
    statements = models.PositiveIntegerField(default=0)
    left_out = models.PositiveIntegerField(default=0, help_text="Statements Pol.is's moderator took out.")
    participants = models.PositiveIntegerField(default=0)
    votes = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-queued_at", "-pk"]

    def __str__(self) -> str:
        return f"Pol.is import into {self.event} ({self.get_status_display()})"
