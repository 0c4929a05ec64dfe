"""Partners' proposals, the comments cited as their evidence, and the actions that carry them out."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from coproduce.directory.models import Organisation
from coproduce.engagement.models import Comment
from coproduce.programmes.models import Area, Challenge


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AGREED = "agreed", "Agreed"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class Proposal(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField(max_length=200, help_text="A short heading, e.g. “Performance management”.")
    summary = models.TextField()
    challenges = models.ManyToManyField(Challenge, blank=True, related_name="proposals")
    evidence = models.ManyToManyField(
        Comment,
        blank=True,
        related_name="proposals",
        help_text="Comments cited as evidence for the proposal.",
    )
    themes = models.ManyToManyField(
        "themes.Theme",
        blank=True,
        related_name="proposals",
        help_text="Common emerging themes the proposal answers; their comments are evidence too.",
    )
    owner = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT)
    is_published = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[challenges, evidence, themes])

    class Meta:
        ordering = ["area", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("proposals:proposal", kwargs={"pk": self.pk})


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    BLOCKED = "blocked", "Blocked"


class ActionQuerySet(models.QuerySet):
    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(due_date__lt=today).exclude(status=ActionStatus.DONE)


class Action(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(max_length=200)
    owner = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED)
    history = HistoricalRecords()

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("proposals:action", kwargs={"pk": self.pk})

    @property
    def area(self) -> Area:
        return self.proposal.area

    @property
    def is_overdue(self) -> bool:
        return bool(
            self.due_date and self.due_date < timezone.localdate() and self.status != ActionStatus.DONE
        )


class ProgressNote(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="progress_notes")
    text = models.TextField(max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
