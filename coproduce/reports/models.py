"""The narrative parts of an area's case-study report. Its figures and charts always come from the data."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from coproduce.programmes.models import Area


class Report(models.Model):
    """What the facilitators write around the figures; one per area, made when first edited."""

    area = models.OneToOneField(Area, on_delete=models.CASCADE, related_name="report")
    title = models.CharField(max_length=200, blank=True, help_text="Left empty: the area's name.")
    introduction = models.TextField(blank=True, help_text="Why the area took part and what it wanted.")
    process = models.TextField(
        blank=True, help_text="How the partners worked together: the co-production process in practice."
    )
    themes_commentary = models.TextField(blank=True, help_text="What the common emerging themes tell us.")
    impact_commentary = models.TextField(blank=True, help_text="What changed, in the partners' words.")
    next_steps = models.TextField(blank=True, help_text="Putting learning into practice: what happens next.")
    is_published = models.BooleanField(
        default=False, help_text="Published reports appear on the public site."
    )
    published_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    NARRATIVE_FIELDS = ("introduction", "process", "themes_commentary", "impact_commentary", "next_steps")

    def __str__(self) -> str:
        return self.title or f"{self.area.name}: case-study report"

    def get_absolute_url(self) -> str:
        return reverse("reports:area_report", kwargs={"slug": self.area.slug})
