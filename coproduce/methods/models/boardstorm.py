"""Boardstorm: a shared board of ideas under headings, added to live."""

from django.db import models
from simple_history.models import HistoricalRecords

from coproduce.engagement.models import Comment

from .session import MethodSession


class BoardHeading(models.Model):
    session = models.ForeignKey(MethodSession, on_delete=models.CASCADE, related_name="headings")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=120)
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "number"]

    def __str__(self) -> str:
        return self.title


class BoardIdea(models.Model):
    """An idea on the board: the idea itself is one of the event's comments."""

    heading = models.ForeignKey(
        BoardHeading, null=True, blank=True, on_delete=models.SET_NULL, related_name="ideas"
    )
    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="board_idea")

    def __str__(self) -> str:
        return f"Idea under {self.heading or 'no heading'}"
