"""Open Space: participants propose sessions, show interest, and the agenda is scheduled into rooms × slots."""

from django.db import models
from simple_history.models import HistoricalRecords

from coproduce.directory.models import Person
from coproduce.engagement.models import Comment

from .session import MethodSession


class OpenSpaceTopic(models.Model):
    session = models.ForeignKey(MethodSession, on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(max_length=200)
    convener = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class OpenSpaceInterest(models.Model):
    topic = models.ForeignKey(OpenSpaceTopic, on_delete=models.CASCADE, related_name="interests")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["topic", "person"], name="open_space_interest_once")]

    def __str__(self) -> str:
        return f"Interest in {self.topic}"


class OpenSpacePlacement(models.Model):
    """Where and when a topic's session runs, as the scheduler placed it (or a facilitator moved it)."""

    topic = models.OneToOneField(OpenSpaceTopic, on_delete=models.CASCADE, related_name="placement")
    room = models.CharField(max_length=80)
    slot = models.CharField(max_length=80)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.topic}: {self.room}, {self.slot}"


class OpenSpaceNote(models.Model):
    """A note from a session: the note itself is one of the event's comments."""

    topic = models.ForeignKey(OpenSpaceTopic, on_delete=models.CASCADE, related_name="notes")
    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="open_space_note")

    def __str__(self) -> str:
        return f"Note on {self.topic}"
