"""Force-field analysis: for a proposed change, the forces driving it and restraining it, with strengths."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from coproduce.engagement.models import Comment

from .session import MethodSession


class ForceDirection(models.TextChoices):
    DRIVING = "driving", "Driving the change"
    RESTRAINING = "restraining", "Restraining the change"


class Force(models.Model):
    """A force; its wording is one of the event's comments (method step "driving" or "restraining")."""

    session = models.ForeignKey(MethodSession, on_delete=models.CASCADE, related_name="forces")
    direction = models.CharField(max_length=16, choices=ForceDirection.choices)
    strength = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="force")
    raised_from = models.ForeignKey(
        Comment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forces_raised",
        help_text="The earlier comment this force was raised from, if any.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "direction", "-strength", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(strength__gte=1, strength__lte=5), name="force_strength_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} ({self.strength}): {self.comment}"
