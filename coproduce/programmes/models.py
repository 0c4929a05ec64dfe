"""A programme runs in many areas (local authorities); each area states its challenges."""

from django.conf import settings
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


class ChallengeStage(models.TextChoices):
    """Where a challenge is in co-production: the case study's "blank page", then consensus on what the
    challenge *is*, before solutions."""

    BLANK_PAGE = "blank_page", "Blank page: listening"
    AGREEING = "agreeing", "Agreeing the challenge"
    AGREED = "agreed", "Agreed"
    SOLUTIONS = "solutions", "Solutions"


# Stages at which the wording has been agreed: proposals answering a challenge elsewhere are flagged.
AGREED_STAGES = (ChallengeStage.AGREED, ChallengeStage.SOLUTIONS)


class Challenge(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="challenges")
    number = models.PositiveSmallIntegerField()
    text = models.TextField(help_text='The challenge in the partners\' own words, e.g. "How to …?"')
    stage = models.CharField(max_length=16, choices=ChallengeStage.choices, default=ChallengeStage.BLANK_PAGE)
    history = HistoricalRecords()

    class Meta:
        ordering = ["area", "number"]
        constraints = [models.UniqueConstraint(fields=["area", "number"], name="challenge_number_unique")]

    def __str__(self) -> str:
        return f"Challenge {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("programmes:challenge", kwargs={"pk": self.pk})

    @property
    def is_agreed(self) -> bool:
        return self.stage in AGREED_STAGES

    @property
    def agreement(self) -> "ChallengeAgreement | None":
        """The evidence its agreed wording rests on, while it stands agreed (the latest agreement)."""
        if not self.is_agreed:
            return None
        return self.agreements.first()  # type: ignore[attr-defined]


class ChallengeAgreement(models.Model):
    """The consensus evidence a challenge's wording was agreed on, copied at the time it was agreed, so
    later votes, edits or deletions do not change what the partners agreed to and why."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="agreements")
    wording = models.TextField()
    statement = models.ForeignKey(
        "consensus.Statement", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    event = models.ForeignKey(
        "engagement.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    event_title = models.CharField(max_length=200)
    event_date = models.DateField()
    agreed_on = models.DateField()
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    participants = models.PositiveIntegerField(help_text="People who voted on the wording.")
    # {"agree": n, "disagree": n, "pass": n, "share": 0..1}
    overall = models.JSONField()
    # [{"role": label, "agree", "disagree", "pass", "share", "judged"}] in the order roles are listed
    by_role = models.JSONField()
    # [{"group": n, "size", "agree", "disagree", "pass", "share", "smoothed"}]: Pol.is's opinion groups as
    # they stood; empty when too few had voted for groups
    by_group = models.JSONField(default=list)
    group_consensus = models.FloatField(
        null=True, help_text="Pol.is's group-aware consensus: the product over groups of smoothed agreement."
    )
    common_ground_roles = models.BooleanField(
        help_text="Every judged role agreed, as the results page judges."
    )
    common_ground_groups = models.BooleanField(
        null=True,
        help_text="Every opinion group agreed, as Pol.is judges it; unknown when there were no groups.",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.challenge} agreed on {self.agreed_on:%d %b %Y}"
