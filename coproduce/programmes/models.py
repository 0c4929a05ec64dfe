"""A programme runs in many areas (local authorities); each area states its challenges."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class Programme(models.Model):
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    """A local authority area taking part in the programme."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="areas")
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    description = models.TextField(blank=True)
    is_published = models.BooleanField(
        default=False, help_text="Published areas appear on the public site with their published proposals."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:area", kwargs={"slug": self.slug})

    @property
    def area(self) -> "Area":
        # Lets the permission rules treat an area like anything else that belongs to one.
        return self


class Challenge(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="challenges")
    number = models.PositiveSmallIntegerField()
    text = models.TextField(help_text='The challenge in the partners\' own words, e.g. "How to …?"')
    history = HistoricalRecords()

    class Meta:
        ordering = ["area", "number"]
        constraints = [models.UniqueConstraint(fields=["area", "number"], name="challenge_number_unique")]

    def __str__(self) -> str:
        return f"Challenge {self.number}"
