"""An area's case-study report: the narrative the facilitators write, what it draws on, and its publications.

The back office always shows the report built from the live data; the public sees only the latest
publication, a frozen copy of the report as it was approved.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from coproduce.programmes.models import Area
from coproduce.surveys.models import Survey
from coproduce.themes.models import AnalysisRun


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
    analysis_run = models.ForeignKey(
        AnalysisRun,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The analysis whose themes the report quotes. Left empty: the area's current analysis.",
    )
    # Surveys are in the report unless left out, so a survey made later is reported without a step, and a
    # trial survey can be kept out of the published figures.
    left_out_surveys = models.ManyToManyField(Survey, blank=True, related_name="+")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[left_out_surveys])

    NARRATIVE_FIELDS = ("introduction", "process", "themes_commentary", "impact_commentary", "next_steps")

    def __str__(self) -> str:
        return self.title or f"{self.area.name}: case-study report"

    def get_absolute_url(self) -> str:
        return reverse("reports:area_report", kwargs={"slug": self.area.slug})


class ReportPublication(models.Model):
    """One approved version of the report as the public saw it: the page's body and the print HTML, frozen.

    The PDF is drawn from the frozen print HTML the first time someone asks for it and kept. The
    fingerprint is of the body as rendered from the data at publication, to tell the back office when
    the live report has moved on.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="publications")
    title = models.CharField(max_length=200)
    body_html = models.TextField()
    print_html = models.TextField()
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    fingerprint = models.CharField(max_length=64)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField()
    unpublished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unpublished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        get_latest_by = ["published_at", "pk"]

    def __str__(self) -> str:
        return f"{self.title}, published {self.published_at:%-d %B %Y %H:%M}"
