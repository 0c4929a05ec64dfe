"""Understanding the VCS, in the case study's frame: "a) needs and values b) preferences c) resources
d) networks and community".

An organisation's profile holds the first three; a health check (a capacity self-assessment, taken again
and again) rates its areas of strength and weakness; links between organisations make the network.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from coproduce.analysis.healthcheck import SCALE_MAX, SCALE_MIN
from coproduce.cpd.models import TrainingNeed
from coproduce.directory.models import Organisation
from coproduce.programmes.models import Area

TEXT_MAX = 2000
STAFF_MAX = 100_000


class DeliveryModel(models.TextChoices):
    GRANT = "grant", "Grant-funded project"
    SERVICE_CONTRACT = "service_contract", "Service contract, as the provider"
    SUBCONTRACT = "subcontract", "Subcontract under a lead provider"
    CONSORTIUM = "consortium", "As part of a consortium"
    SPOT_PURCHASE = "spot_purchase", "Spot purchase (paid per family or session)"
    VOLUNTEER_LED = "volunteer_led", "Volunteer-led, unfunded"


class ContractSize(models.TextChoices):
    UNDER_10K = "under_10k", "Under £10,000 a year"
    FROM_10K = "10k_50k", "£10,000 to £50,000 a year"
    FROM_50K = "50k_250k", "£50,000 to £250,000 a year"
    OVER_250K = "over_250k", "Over £250,000 a year"


class Consortium(models.TextChoices):
    LEAD = "lead", "Yes, and we could lead one"
    MEMBER = "member", "Yes, as a member"
    MAYBE = "maybe", "Perhaps, with support"
    NO = "no", "No"


class Premises(models.TextChoices):
    OWN = "own", "Our own premises"
    RENTED = "rented", "Rented premises"
    SHARED = "shared", "Shared with another organisation (a children's centre, a church hall …)"
    NONE = "none", "No premises: we work in others' spaces or in families' homes"


class IncomeBand(models.TextChoices):
    """The NCVO Almanac's bands of a charity's yearly income."""

    MICRO = "micro", "Micro: under £10,000"
    SMALL = "small", "Small: £10,000 to £100,000"
    MEDIUM = "medium", "Medium: £100,000 to £1 million"
    LARGE = "large", "Large: £1 million to £10 million"
    MAJOR = "major", "Major: over £10 million"


class OrganisationProfile(models.Model):
    """What an organisation is for and needs, how it would deliver services, and what it has to do so."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="vcs_profile")
    # a) needs and values
    needs = models.TextField("What the organisation needs", max_length=TEXT_MAX, blank=True)
    values = models.TextField("Its values", max_length=TEXT_MAX, blank=True)
    # b) preferences
    delivery_models = models.JSONField("Ways it would deliver services", default=list, blank=True)
    contract_sizes = models.JSONField("Contract sizes it would take on", default=list, blank=True)
    consortium = models.CharField(
        "Willing to join a consortium", max_length=16, choices=Consortium.choices, blank=True
    )
    # c) resources
    staff = models.PositiveIntegerField("Paid staff", null=True, blank=True)
    volunteers = models.PositiveIntegerField("Volunteers", null=True, blank=True)
    dbs_checked_volunteers = models.PositiveIntegerField("DBS-checked volunteers", null=True, blank=True)
    premises = models.CharField("Premises", max_length=16, choices=Premises.choices, blank=True)
    income_band = models.CharField("Yearly income", max_length=16, choices=IncomeBand.choices, blank=True)
    is_illustrative = models.BooleanField(default=False, help_text="Made up for the demo.")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Profile of {self.organisation}"

    def get_absolute_url(self) -> str:
        return reverse("vcs:organisation", kwargs={"pk": self.organisation_id})

    @property
    def area(self) -> Area:
        return self.organisation.area

    @property
    def vcs_organisation_id(self) -> int:
        return self.organisation_id

    def delivery_model_labels(self) -> list[str]:
        labels = dict(DeliveryModel.choices)
        return [labels.get(v, v) for v in self.delivery_models]

    def contract_size_labels(self) -> list[str]:
        labels = dict(ContractSize.choices)
        return [labels.get(v, v) for v in self.contract_sizes]


class HealthTopic(models.TextChoices):
    """The areas a health check rates, in the order it asks about them."""

    GOVERNANCE = "governance", "Governance and leadership"
    FINANCE = "finance", "Finance and funding"
    SAFEGUARDING = "safeguarding", "Safeguarding"
    WORKFORCE = "workforce", "Workforce and volunteers"
    QUALITY = "quality", "Quality and outcomes"
    PARTNERSHIP = "partnership", "Partnership working"
    DIGITAL = "digital", "Digital and data"
    BIDDING = "bidding", "Bidding and contracts"


class HealthScore(models.IntegerChoices):
    NOT_IN_PLACE = 1, "1: not in place"
    DEVELOPING = 2, "2: developing"
    ESTABLISHED = 3, "3: established"
    STRONG = 4, "4: strong"


class HealthCheck(models.Model):
    """One taking of the organisational health check: each area rated, with a note."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="health_checks")
    taken_on = models.DateField()
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_illustrative = models.BooleanField(default=False, help_text="Made up for the demo.")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-taken_on", "-pk"]
        get_latest_by = ["taken_on", "pk"]

    def __str__(self) -> str:
        return f"Health check of {self.organisation} on {self.taken_on:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("vcs:health_check", kwargs={"pk": self.pk})

    @property
    def area(self) -> Area:
        return self.organisation.area

    @property
    def vcs_organisation_id(self) -> int:
        return self.organisation_id

    def scores(self) -> dict[str, int]:
        return {rating.topic: rating.score for rating in self.ratings.all()}


class HealthRating(models.Model):
    health_check = models.ForeignKey(HealthCheck, on_delete=models.CASCADE, related_name="ratings")
    topic = models.CharField(max_length=32, choices=HealthTopic.choices)
    score = models.PositiveSmallIntegerField(
        choices=HealthScore.choices, validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)]
    )
    note = models.TextField(max_length=TEXT_MAX, blank=True)
    training_need = models.ForeignKey(
        TrainingNeed,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="health_ratings",
        help_text="The training need a weak rating became (coproduce/cpd).",
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["health_check", "topic"], name="health_rating_once_per_topic"),
            models.CheckConstraint(
                condition=models.Q(score__gte=SCALE_MIN, score__lte=SCALE_MAX), name="health_score_in_scale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()}: {self.score}"


class LinkKind(models.TextChoices):
    REFERRAL = "referral", "Referrals"
    PARTNERSHIP = "partnership", "Partnership"
    SHARED_PREMISES = "shared_premises", "Shared premises"
    CONSORTIUM = "consortium", "Consortium"
    INFORMAL = "informal", "Informal contact"


class LinkStrength(models.IntegerChoices):
    OCCASIONAL = 1, "1: occasional"
    REGULAR = 2, "2: regular"
    CLOSE = 3, "3: close"


class OrganisationLink(models.Model):
    """Two organisations of an area that work together, in one way. Undirected: stored with the lower id
    first, so the same pair and kind cannot be recorded twice the other way round."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="organisation_links")
    organisation_a = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    organisation_b = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32, choices=LinkKind.choices)
    strength = models.PositiveSmallIntegerField(
        choices=LinkStrength.choices, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_illustrative = models.BooleanField(default=False, help_text="Made up for the demo.")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation_a__name", "organisation_b__name", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation_a", "organisation_b", "kind"], name="organisation_link_once"
            ),
            models.CheckConstraint(
                condition=models.Q(organisation_a__lt=models.F("organisation_b")),
                name="organisation_link_ordered_pair",
            ),
            models.CheckConstraint(
                condition=models.Q(strength__gte=1, strength__lte=3), name="organisation_link_strength"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_a} – {self.organisation_b} ({self.get_kind_display()})"

    @property
    def vcs_organisation_ids(self) -> tuple[int, int]:
        return (self.organisation_a_id, self.organisation_b_id)
