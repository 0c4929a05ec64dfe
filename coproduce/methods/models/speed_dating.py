"""Speed dating: a rotation plan of meetings between two roles, and the notes each meeting leaves."""

from django.db import models
from django.db.models import Q

from coproduce.directory.models import Person
from coproduce.engagement.models import Comment

from .session import MethodSession


class SpeedDatingMeeting(models.Model):
    session = models.ForeignKey(MethodSession, on_delete=models.CASCADE, related_name="meetings")
    round = models.PositiveSmallIntegerField()
    table = models.PositiveSmallIntegerField()
    first = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    missed = models.BooleanField(default=False, help_text="Not held: one of the two left early.")

    class Meta:
        ordering = ["session", "round", "table"]
        constraints = [
            # A meeting missed because someone left keeps its table; the replanned round may reuse it.
            models.UniqueConstraint(
                fields=["session", "round", "table"],
                condition=Q(missed=False),
                name="speed_dating_table_once",
            ),
            models.UniqueConstraint(fields=["session", "first", "second"], name="speed_dating_pair_once"),
        ]

    def __str__(self) -> str:
        return f"Round {self.round}, table {self.table}"


class SpeedDatingNote(models.Model):
    """ "What we could do together": the note itself is one of the event's comments."""

    meeting = models.ForeignKey(SpeedDatingMeeting, on_delete=models.CASCADE, related_name="notes")
    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="speed_dating_note")

    def __str__(self) -> str:
        return f"Note on {self.meeting}"
