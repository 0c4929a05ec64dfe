"""The KJ (affinity) method: notes written in silence, grouped on a board, the groups named and dot-voted.

The notes are the event's comments. Where a note sits now is a KJPlacement; every move ever made is a
KJMove, so several facilitators can move notes at once and none of their moves is lost or counted twice
(a move carries a request id: sending it again records nothing new).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from coproduce.core.heartbeat import ProgressedWork
from coproduce.directory.models import Person
from coproduce.engagement.models import Comment
from coproduce.themes.models import RunStatus

from .session import MethodSession


class KJGroup(models.Model):
    session = models.ForeignKey(MethodSession, on_delete=models.CASCADE, related_name="kj_groups")
    number = models.PositiveIntegerField(help_text="Order on the board.")
    name = models.CharField(max_length=120, blank=True)
    suggested = models.BooleanField(default=False, help_text="Suggested by the engine, not yet accepted.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "number"]

    def __str__(self) -> str:
        return self.name or f"Group {self.number}"


class KJPlacement(models.Model):
    session = models.ForeignKey(MethodSession, on_delete=models.CASCADE, related_name="kj_placements")
    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="kj_placement")
    group = models.ForeignKey(
        KJGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="placements"
    )
    version = models.PositiveIntegerField(default=0, help_text="Goes up by one with every move.")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.comment} in {self.group or 'no group'}"


class KJMove(models.Model):
    session = models.ForeignKey(MethodSession, on_delete=models.CASCADE, related_name="kj_moves")
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="+")
    from_group = models.ForeignKey(
        KJGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_group = models.ForeignKey(KJGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    request_id = models.CharField(
        max_length=64, blank=True, help_text="Sent with the move; a repeat is ignored."
    )
    moved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["moved_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "request_id"], condition=~Q(request_id=""), name="kj_move_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.comment} → {self.to_group or 'no group'}"


class KJDot(models.Model):
    """One of a participant's dots on a group (a person may put more than one dot on the same group)."""

    group = models.ForeignKey(KJGroup, on_delete=models.CASCADE, related_name="dots")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Dot on {self.group}"


# A suggestion waits, runs, is done or fails as an analysis run does: the same states, the same words.
KJSuggestionStatus = RunStatus


class KJSuggestion(ProgressedWork):  # progress, error and heartbeat: coproduce/core/heartbeat.py
    """One "Suggest groups" asked of the theme engine: it runs in the task worker, since clustering the notes
    takes longer than a web request should wait; the board shows its progress and then its groups."""

    session = models.ForeignKey(MethodSession, on_delete=models.CASCADE, related_name="kj_suggestions")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=16, choices=KJSuggestionStatus.choices, default=KJSuggestionStatus.QUEUED
    )
    groups_made = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Suggestion {self.pk} for {self.session} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in (KJSuggestionStatus.QUEUED, KJSuggestionStatus.RUNNING)

    @property
    def waiting_for_worker(self) -> bool:
        """Queued so long that no worker can be running."""
        from coproduce.core.heartbeat import waiting_too_long

        return self.status == KJSuggestionStatus.QUEUED and waiting_too_long(self.created_at)
