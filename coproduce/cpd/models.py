"""Continuing professional development (CPD) in commissioning.

A training event carries its CPD content (hours, topic, learning objectives); giving CPD for it makes a
record for each attendee, who may add a reflection. Records can also be added by hand for training outside
coproduce. An organisation records its training needs, and what met them.
"""

from __future__ import annotations

import datetime
import secrets
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from coproduce.directory.models import Organisation, Person
from coproduce.engagement.models import Event
from coproduce.programmes.models import Area

HOURS_MIN = Decimal("0.25")
HOURS_MAX = Decimal("100")
REFLECTION_MAX_LENGTH = 5000
OBJECTIVES_MAX = 20
OBJECTIVE_MAX_LENGTH = 300


def new_reflection_code() -> str:
    """The secret in the attendee's own link to their reflection: unguessable, so the link is the key."""
    return secrets.token_urlsafe(18)


def _hours_field(**kwargs) -> models.DecimalField:
    return models.DecimalField(
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(HOURS_MIN), MaxValueValidator(HOURS_MAX)],
        **kwargs,
    )


class TrainingContent(models.Model):
    """The CPD a training event gives each attendee."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="cpd_content")
    hours = _hours_field()
    topic = models.CharField(max_length=200)
    learning_objectives = models.JSONField(default=list, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"CPD for {self.event}"

    @property
    def area(self) -> Area:
        return self.event.area


class CpdRecord(models.Model):
    """One person's CPD from one training: a coproduce training event, or training elsewhere."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="cpd_records")
    event = models.ForeignKey(
        Event,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cpd_records",
        help_text="The training event it was given for; empty for training outside coproduce.",
    )
    title = models.CharField(max_length=200)
    provider = models.CharField(max_length=200, blank=True)
    date = models.DateField()
    hours = _hours_field()
    topic = models.CharField(max_length=200)
    learning_objectives = models.JSONField(default=list, blank=True)
    reflection = models.TextField(max_length=REFLECTION_MAX_LENGTH, blank=True)
    reflection_code = models.CharField(
        max_length=32,
        unique=True,
        default=new_reflection_code,
        editable=False,
        help_text="The secret in the attendee's own link, with which they add their reflection without an account.",
    )
    is_illustrative = models.BooleanField(default=False, help_text="Made up for the demo.")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["reflection_code"])

    class Meta:
        ordering = ["-date", "title", "pk"]
        constraints = [
            # Giving CPD for an event twice never gives anyone a second record of it.
            models.UniqueConstraint(fields=["person", "event"], name="cpd_once_per_event"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.title} ({self.date:%-d %B %Y})"

    def get_absolute_url(self) -> str:
        return reverse("cpd:record", kwargs={"pk": self.pk})

    def get_reflection_url(self) -> str:
        return reverse("cpd_public:reflection", kwargs={"code": self.reflection_code})

    @property
    def area(self) -> Area:
        return self.person.area

    @property
    def cpd_organisation_id(self) -> int | None:
        """The organisation whose members may read it (accounts/rules.py)."""
        return self.person.organisation_id

    @property
    def year(self) -> int:
        return self.date.year


class NeedPriority(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class TrainingNeed(models.Model):
    """Something an organisation's people need to learn, and, once it is met, what met it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="training_needs")
    need = models.CharField(max_length=300)
    priority = models.CharField(max_length=16, choices=NeedPriority.choices, default=NeedPriority.MEDIUM)
    raised_on = models.DateField(default=datetime.date.today)
    met_on = models.DateField(null=True, blank=True)
    met_by_event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="training_needs_met"
    )
    met_by_records = models.ManyToManyField(CpdRecord, blank=True, related_name="training_needs_met")
    how_met = models.TextField(max_length=2000, blank=True)
    is_illustrative = models.BooleanField(default=False, help_text="Made up for the demo.")
    history = HistoricalRecords(m2m_fields=[met_by_records])

    class Meta:
        ordering = ["met_on", "-raised_on", "pk"]

    def __str__(self) -> str:
        return self.need

    @property
    def area(self) -> Area:
        return self.organisation.area

    @property
    def cpd_organisation_id(self) -> int:
        return self.organisation_id

    @property
    def is_met(self) -> bool:
        return self.met_on is not None
