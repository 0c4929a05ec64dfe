"""Key performance indicators, their values over time, and the notices that tell an action's owner about it.

A KPI says why it is watched by linking to the proposals, actions, appraisal criteria and themes it answers.
Its figures are stored as decimals with the first day of their period, so they sort and chart in order.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from coproduce.analysis import kpi_values
from coproduce.programmes.models import Area
from coproduce.proposals.models import Action


class Direction(models.TextChoices):
    HIGHER = kpi_values.HIGHER, "Higher is better"
    LOWER = kpi_values.LOWER, "Lower is better"


class Frequency(models.TextChoices):
    MONTHLY = kpi_values.MONTHLY, "Monthly"
    QUARTERLY = kpi_values.QUARTERLY, "Quarterly"
    YEARLY = kpi_values.YEARLY, "Yearly"


class Kpi(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="kpis")
    name = models.CharField(max_length=200, help_text="For example, “Take-up of the 2-year-old offer”.")
    why = models.TextField("Why it matters", help_text="In plain words, for a parent reading the page.")
    measure = models.TextField(
        "How it is measured", help_text="What is counted, and how the figure is worked out."
    )
    unit = models.CharField(max_length=40, help_text="“%”, “£”, or a word such as “families” or “sessions”.")
    direction = models.CharField(max_length=8, choices=Direction.choices, default=Direction.HIGHER)
    target = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True, help_text="Leave empty if there is no target."
    )
    frequency = models.CharField(
        "Reporting frequency", max_length=12, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    source = models.CharField(
        max_length=300, help_text="Where the figures come from, e.g. “Children's centre registrations”."
    )
    is_published = models.BooleanField("Published on the public site", default=False)
    is_illustrative = models.BooleanField(default=False, help_text="Demo data: made-up figures.")
    proposals = models.ManyToManyField("proposals.Proposal", blank=True, related_name="kpis")
    actions = models.ManyToManyField(Action, blank=True, related_name="kpis")
    criteria = models.ManyToManyField(
        "appraisal.Criterion", blank=True, related_name="kpis", verbose_name="commissioning criteria"
    )
    themes = models.ManyToManyField("themes.Theme", blank=True, related_name="kpis")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[proposals, actions, criteria, themes])

    class Meta:
        ordering = ["area", "pk"]
        verbose_name = "KPI"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("kpis:detail", kwargs={"pk": self.pk})

    def get_public_url(self) -> str:
        return reverse("kpis_public:detail", kwargs={"slug": self.area.slug, "pk": self.pk})

    def figure(self, value: Decimal | None) -> str:
        return kpi_values.figure(value, self.unit)

    @property
    def target_shown(self) -> str:
        return self.figure(self.target) if self.target is not None else "No target set"


class KpiValue(models.Model):
    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="values")
    period_start = models.DateField(help_text="The first day of the reporting period.")
    value = models.DecimalField(max_digits=14, decimal_places=2)
    explanation = models.TextField(
        max_length=kpi_values.MAX_EXPLANATION,
        blank=True,
        help_text="Why the target was missed, or anything else a reader should know about this figure.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["kpi", "period_start"]
        constraints = [models.UniqueConstraint(fields=["kpi", "period_start"], name="one_value_per_period")]

    def __str__(self) -> str:
        return f"{self.kpi}: {self.period.label}"

    @property
    def area(self) -> Area:
        return self.kpi.area

    @property
    def period(self) -> kpi_values.Period:
        return kpi_values.period_of(self.period_start, self.kpi.frequency)

    @property
    def shown(self) -> str:
        return self.kpi.figure(self.value)

    @property
    def status(self) -> str:
        return kpi_values.status(self.value, self.kpi.target, self.kpi.direction)

    @property
    def status_label(self) -> str:
        return kpi_values.STATUS_LABELS[self.status]


class NoticeKind(models.TextChoices):
    ASSIGNED = "assigned", "Assigned to your organisation"
    OVERDUE = "overdue", "Overdue"


class ActionNotice(models.Model):
    """One thing to tell one person about one action, in their next daily digest, and when it was sent.

    The unique key is what makes a notice happen once: an action is "assigned" once per owning organisation
    and "overdue" once per due date (moving the date and missing it again is news again)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="notices")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="action_notices"
    )
    kind = models.CharField(max_length=12, choices=NoticeKind.choices)
    owner_id_then = models.PositiveIntegerField(help_text="The owning organisation it was about.")
    due_date_then = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "user", "kind", "owner_id_then"],
                condition=models.Q(kind="assigned"),
                name="assigned_once_per_owner",
            ),
            models.UniqueConstraint(
                fields=["action", "user", "kind", "due_date_then"],
                condition=models.Q(kind="overdue"),
                name="overdue_once_per_due_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.action} for {self.user}"
