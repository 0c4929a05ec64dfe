"""Children's centres' needs, the services matched to them (ranked, with reasons), and what was agreed.

A need names one service type of the directory's taxonomy; its matches are worked out in the task worker
(``services.need_rank_start``) and kept here with their score and reasons, so a page never waits for the
embedder. A match agreed between the centre and the service's VCS organisation becomes an action of the
proposals app; the link is kept on the match (the proposals app knows nothing of the market place).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from coproduce.directory.models import Organisation
from coproduce.engagement.models import Comment, Event
from coproduce.programmes.models import Area
from coproduce.proposals.models import Action
from coproduce.service_directory.models import DAYS, Location, Service, TaxonomyTerm


class BudgetBand(models.TextChoices):
    """The most a centre could pay for a session of the service (for the group, not each family)."""

    FREE = "free", "Free services only"
    UP_TO_50 = "up_to_50", "Up to £50 a session"
    UP_TO_150 = "up_to_150", "Up to £150 a session"
    UP_TO_500 = "up_to_500", "Up to £500 a session"
    NO_LIMIT = "no_limit", "No set limit"


# In pounds a session; None: cost is not compared.
BUDGET_LIMITS: dict[str, float | None] = {
    BudgetBand.FREE: 0.0,
    BudgetBand.UP_TO_50: 50.0,
    BudgetBand.UP_TO_150: 150.0,
    BudgetBand.UP_TO_500: 500.0,
    BudgetBand.NO_LIMIT: None,
}


class RankingStatus(models.TextChoices):
    QUEUED = "queued", "Being worked out"
    DONE = "done", "Worked out"
    FAILED = "failed", "Failed"


class Need(models.Model):
    """What a children's centre needs from the VCS."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="centre_needs")
    centre = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="centre_needs")
    title = models.CharField(max_length=200)
    description = models.TextField(help_text="What families need and why: the matching reads it for meaning.")
    service_type = models.ForeignKey(TaxonomyTerm, on_delete=models.PROTECT, related_name="centre_needs")
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True, help_text="In years.")
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True, help_text="In years.")
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.SET_NULL, related_name="centre_needs"
    )
    postcode = models.CharField(max_length=10, blank=True)
    days = models.CharField(max_length=40, blank=True, help_text='RFC 5545 day codes, e.g. "TU,TH".')
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    families = models.PositiveIntegerField(null=True, blank=True)
    budget_band = models.CharField(max_length=16, choices=BudgetBand.choices, default=BudgetBand.NO_LIMIT)
    evidence = models.ManyToManyField(Comment, blank=True, related_name="centre_needs")
    themes = models.ManyToManyField("themes.Theme", blank=True, related_name="centre_needs")
    is_open = models.BooleanField(default=True, help_text="Closed needs are met or withdrawn.")
    is_illustrative = models.BooleanField(default=False, help_text="Made up for the demo.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ranking_status = models.CharField(
        max_length=8, choices=RankingStatus.choices, default=RankingStatus.QUEUED, editable=False
    )
    ranked_at = models.DateTimeField(null=True, blank=True, editable=False)
    ranking_error = models.TextField(blank=True, editable=False)
    history = HistoricalRecords(
        m2m_fields=[evidence, themes], excluded_fields=["ranking_status", "ranked_at", "ranking_error"]
    )

    class Meta:
        ordering = ["centre__name", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(minimum_age__lte=F("maximum_age")),
                name="need_ages_in_order",
            ),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(start_time__lt=F("end_time")),
                name="need_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("marketplace:need", kwargs={"pk": self.pk})

    @property
    def day_codes(self) -> list[str]:
        return [d for d in (p.strip().upper() for p in self.days.split(",")) if d in DAYS]

    def describe_ages(self) -> str:
        if self.minimum_age is None and self.maximum_age is None:
            return "Any age"
        if self.maximum_age is None:
            return f"{self.minimum_age} and over"
        return f"{self.minimum_age or 0} to {self.maximum_age}"

    def describe_times(self) -> str:
        days = ", ".join(DAYS[d] for d in self.day_codes) or "Any day"
        if self.start_time and self.end_time:
            return f"{days}, {self.start_time:%H:%M} to {self.end_time:%H:%M}"
        return days

    def describe_place(self) -> str:
        if self.location:
            return f"{self.location}{f' ({self.location.postal_code})' if self.location.postal_code else ''}"
        return self.postcode or "Anywhere"


class MatchStatus(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    DISCUSSED = "discussed", "Discussed"
    AGREED = "agreed", "Agreed"
    DECLINED = "declined", "Not taken up"


class Match(models.Model):
    """A service the matching ranked for a need, and what the centre and the VCS made of it."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="matches")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="centre_matches")
    rank = models.PositiveSmallIntegerField(null=True, blank=True, help_text="None: no longer a candidate.")
    score = models.FloatField(default=0)
    reasons = models.JSONField(default=list, help_text="[{criterion, score, text}] from analysis.matching.")
    status = models.CharField(max_length=16, choices=MatchStatus.choices, default=MatchStatus.SUGGESTED)
    event = models.ForeignKey(
        Event,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="market_matches",
        help_text="The market place event where it was discussed or agreed.",
    )
    note = models.TextField(blank=True, help_text="What was said or agreed.")
    action = models.ForeignKey(Action, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["rank", "score", "reasons"])

    class Meta:
        ordering = ["need", models.F("rank").asc(nulls_last=True), "pk"]
        constraints = [models.UniqueConstraint(fields=["need", "service"], name="match_once")]
        verbose_name_plural = "matches"

    def __str__(self) -> str:
        return f"{self.service} for {self.need}"

    @property
    def area(self) -> Area:
        return self.need.area
