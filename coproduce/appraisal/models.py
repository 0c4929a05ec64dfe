"""An options appraisal (HM Treasury Green Book): a long list of delivery options, the short list kept after
recorded exclusions, criteria citing the area's themes, partners' scores and weights, and the preferred
option agreed."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from coproduce.programmes.models import Area


class AppraisalStatus(models.TextChoices):
    DRAFT = "draft", "Draft: building the long list and criteria"
    SCORING = "scoring", "Open for scoring"
    CLOSED = "closed", "Scoring closed"
    AGREED = "agreed", "Preferred option agreed"


# The scale partners score on unless the appraisal says otherwise.
DEFAULT_SCALE = {
    0: "Does not meet",
    1: "Meets a little",
    2: "Partly meets",
    3: "Largely meets",
    4: "Fully meets",
}


class Appraisal(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="appraisals")
    title = models.CharField(
        max_length=200, help_text="For example, “Delivery of children's centre services 2012-15”."
    )
    purpose = models.TextField(blank=True, help_text="What is being decided, and why now.")
    status = models.CharField(max_length=16, choices=AppraisalStatus.choices, default=AppraisalStatus.DRAFT)
    scale_min = models.SmallIntegerField(default=0)
    scale_max = models.SmallIntegerField(default=4)
    # {"0": "Does not meet", ...}: one descriptor for each point of the scale (JSON keys are strings).
    scale_descriptors = models.JSONField(default=dict, blank=True)
    is_illustrative = models.BooleanField(
        default=False, help_text="Made-up content for the demo, marked as such on every page."
    )
    preferred_option = models.ForeignKey(
        "Option", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recommendation = models.TextField(blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreed_with = models.TextField(
        blank=True, help_text="The partners who agreed the recommendation, e.g. the task group."
    )
    agreed_at = models.DateTimeField(null=True, blank=True)
    is_published = models.BooleanField(
        default=False,
        help_text="An agreed appraisal's record shown on the public site, so parents and partners see why.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["area", "-created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("appraisal:detail", kwargs={"pk": self.pk})

    @property
    def scale(self) -> list[tuple[int, str]]:
        """Every point of the scale with its descriptor (the point itself when none was given)."""
        return [
            (point, self.scale_descriptors.get(str(point), "") or str(point))
            for point in range(self.scale_min, self.scale_max + 1)
        ]

    @property
    def is_open_for_scoring(self) -> bool:
        return self.status == AppraisalStatus.SCORING

    @property
    def is_settled(self) -> bool:
        """Closed or agreed: the long list, the criteria and the scores no longer change."""
        return self.status in (AppraisalStatus.CLOSED, AppraisalStatus.AGREED)


class OptionKind(models.TextChoices):
    IN_HOUSE = "in_house", "In-house"
    OUTSOURCED = "outsourced", "Outsourced"
    VCS_RUN = "vcs_run", "Run by the voluntary and community sector"
    MIXED_ECONOMY = "mixed_economy", "Mixed economy"
    LEAD_PROVIDER = "lead_provider", "Lead provider or consortium"
    DO_MINIMUM = "do_minimum", "Do minimum"
    OWN = "own", "Another option"


class GreenBookChoice(models.TextChoices):
    """The Green Book's options framework: the choice an option fails on when it leaves the long list."""

    SCOPE = "scope", "Scope: what is in and out"
    SOLUTION = "solution", "Solution: how it could be done"
    DELIVERY = "delivery", "Delivery: who could do it"
    IMPLEMENTATION = "implementation", "Implementation: when and in what order"
    FUNDING = "funding", "Funding: how it is paid for"


class Option(models.Model):
    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="options")
    kind = models.CharField(max_length=16, choices=OptionKind.choices, default=OptionKind.OWN)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    is_shortlisted = models.BooleanField(default=True)
    excluded_on = models.CharField(max_length=16, choices=GreenBookChoice.choices, blank=True)
    exclusion_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["appraisal", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def area(self) -> Area:
        return self.appraisal.area


class CriterionKind(models.TextChoices):
    """The Green Book's critical success factors, and the area's own."""

    STRATEGIC_FIT = "strategic_fit", "Strategic fit"
    VALUE_FOR_MONEY = "value_for_money", "Value for money"
    SUPPLIER_CAPACITY = "supplier_capacity", "Supplier capacity and capability"
    AFFORDABILITY = "affordability", "Affordability"
    ACHIEVABILITY = "achievability", "Achievability"
    OWN = "own", "The area's own"


class Criterion(models.Model):
    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="criteria")
    kind = models.CharField(max_length=24, choices=CriterionKind.choices, default=CriterionKind.OWN)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="What an option must do to score well.")
    themes = models.ManyToManyField(
        "themes.Theme",
        blank=True,
        related_name="appraisal_criteria",
        help_text="The common emerging themes that justify the criterion; their comments are its evidence.",
    )
    history = HistoricalRecords(m2m_fields=[themes])

    class Meta:
        ordering = ["appraisal", "pk"]
        verbose_name_plural = "criteria"

    def __str__(self) -> str:
        return self.title

    @property
    def area(self) -> Area:
        return self.appraisal.area


class Score(models.Model):
    """One partner's score of one short-listed option on one criterion. Scoring again replaces it; the
    history keeps the earlier score."""

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="scores")
    rater = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The rater's role in the area when they scored: results by role read this, not today's membership.
    rater_role = models.CharField(max_length=32)
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.SmallIntegerField()
    scored_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["appraisal", "option", "criterion", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["rater", "option", "criterion"], name="one_score_per_rater")
        ]

    def __str__(self) -> str:
        return f"{self.option} on {self.criterion}: {self.value}"

    @property
    def area(self) -> Area:
        return self.appraisal.area


class WeightProposal(models.Model):
    """The weight a partner proposes for a criterion; the agreed weights are drawn from everyone's."""

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="weight_proposals")
    rater = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rater_role = models.CharField(max_length=32)
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="weight_proposals")
    weight = models.FloatField()
    proposed_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["appraisal", "criterion", "pk"]
        constraints = [models.UniqueConstraint(fields=["rater", "criterion"], name="one_weight_per_rater")]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.weight:g}"

    @property
    def area(self) -> Area:
        return self.appraisal.area
