"""The service directory in Open Referral UK 3.0 (HSDS 3) terms.

The ORUK "organization" is our ``directory.Organisation``; its ORUK fields hang on ``OrganisationListing``.
Ids are UUIDs, as ORUK's are, so a feed imported from elsewhere keeps its ids. The rows here are the
*published* listing; a VCS member's edit waits in a ``ServiceChange`` (the proposed service as ORUK JSON)
until a facilitator approves it, so what is published stays visible while a change is pending.
ORUK 3.0 carries eligibility as the service's ``minimum_age`` and ``maximum_age`` (HSDS 3 dropped the
separate eligibility table), so the ages live on ``Service``.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from coproduce.directory.models import Organisation
from coproduce.programmes.models import Area

AGE_MAX = 120

# RFC 5545 day codes, as ORUK's schedule.byday uses them, in week order.
DAYS = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"
    DEFUNCT = "defunct", "Defunct"
    TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"


class LocationType(models.TextChoices):
    PHYSICAL = "physical", "A place people go to"
    POSTAL = "postal", "A postal address"
    VIRTUAL = "virtual", "Online or by phone"


class Frequency(models.TextChoices):
    WEEKLY = "WEEKLY", "Every week"
    MONTHLY = "MONTHLY", "Every month"


class OrganisationListing(models.Model):
    """The ORUK fields of an organisation taking part (ORUK requires a description)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="listing")
    description = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Listing of {self.organisation}"

    @property
    def area(self) -> Area:
        return self.organisation.area


class Taxonomy(models.Model):
    """A vocabulary of terms services are tagged with (e.g. the service types of family support)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200, unique=True)
    description = models.TextField()
    uri = models.URLField(blank=True)
    version = models.CharField(max_length=50, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "taxonomies"

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.PROTECT, related_name="terms")
    name = models.CharField(max_length=200)
    description = models.TextField()
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    code = models.CharField(
        max_length=100, blank=True, help_text="The term's code in its taxonomy (ORUK 'term')."
    )
    term_uri = models.URLField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["taxonomy__name", "name"]
        constraints = [models.UniqueConstraint(fields=["taxonomy", "name"], name="taxonomy_term_name_unique")]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    """A service an organisation provides. Only published services appear in the ORUK API."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="services")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    url = models.URLField(blank=True)
    email = models.EmailField(blank=True)
    status = models.CharField(max_length=32, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True, help_text="In years.")
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True, help_text="In years.")
    taxonomy_terms = models.ManyToManyField(TaxonomyTerm, blank=True, related_name="services")
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    last_modified = models.DateTimeField(auto_now=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[taxonomy_terms])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(minimum_age__lte=F("maximum_age")),
                name="service_ages_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def area(self) -> Area:
        return self.organisation.area

    @property
    def latest_change(self) -> ServiceChange | None:
        """The newest proposal (reads prefetched ``changes`` when there are any)."""
        return max(self.changes.all(), key=lambda c: c.submitted_at, default=None)

    @property
    def is_free(self) -> bool:
        """Free unless a cost option names a positive amount."""
        return not any(c.amount and c.amount > 0 for c in self.cost_options.all())

    def offer(self) -> ServiceOffer:
        """What the service offers, in plain values a matcher can compare with a need.

        Prefetch ``taxonomy_terms``, ``service_at_locations__location``, ``schedules`` and ``cost_options``
        when calling this on many services.
        """
        locations = [sal.location for sal in self.service_at_locations.all()]
        return ServiceOffer(
            service_id=self.id,
            organisation_id=self.organisation_id,
            name=self.name,
            description=self.description,
            taxonomy_term_ids=frozenset(t.id for t in self.taxonomy_terms.all()),
            taxonomy_term_names=tuple(sorted(t.name for t in self.taxonomy_terms.all())),
            minimum_age=self.minimum_age,
            maximum_age=self.maximum_age,
            postcodes=tuple(loc.postal_code for loc in locations if loc.postal_code),
            location_names=tuple(loc.name for loc in locations if loc.name),
            times=tuple(
                OfferTime(day=day, opens_at=s.opens_at, closes_at=s.closes_at)
                for s in self.schedules.all()
                for day in s.days
            ),
            is_free=self.is_free,
            lowest_cost=min(
                (c.amount for c in self.cost_options.all() if c.amount is not None), default=None
            ),
        )


@dataclass(frozen=True)
class OfferTime:
    day: str  # an RFC 5545 code: "MO" … "SU"
    opens_at: datetime.time | None
    closes_at: datetime.time | None


@dataclass(frozen=True)
class ServiceOffer:
    service_id: uuid.UUID
    organisation_id: int
    name: str
    description: str
    taxonomy_term_ids: frozenset[uuid.UUID]
    taxonomy_term_names: tuple[str, ...]
    minimum_age: int | None
    maximum_age: int | None
    postcodes: tuple[str, ...]
    location_names: tuple[str, ...]
    times: tuple[OfferTime, ...]
    is_free: bool
    lowest_cost: Decimal | None


class Location(models.Model):
    """Where a service is delivered. ORUK's address is folded in: one address per location."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="service_locations")
    location_type = models.CharField(
        max_length=16, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    name = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    address_id = models.UUIDField(default=uuid.uuid4, editable=False)
    address_1 = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state_province = models.CharField(
        max_length=100, blank=True, help_text="The county, e.g. Greater London."
    )
    postal_code = models.CharField(max_length=16, blank=True)
    country = models.CharField(max_length=2, default="GB")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name or self.address_1 or str(self.id)

    @property
    def area(self) -> Area:
        return self.organisation.area

    @property
    def has_address(self) -> bool:
        return bool(self.address_1 and self.postal_code)


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="service_at_locations")
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="service_at_location_unique")
        ]

    def __str__(self) -> str:
        return f"{self.service} at {self.location}"

    @property
    def area(self) -> Area:
        return self.service.area


class Schedule(models.Model):
    """When a service runs: a weekly or monthly pattern of days, each from ``opens_at`` to ``closes_at``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules")
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    freq = models.CharField(max_length=8, choices=Frequency.choices, default=Frequency.WEEKLY)
    byday = models.CharField(max_length=40, blank=True, help_text='RFC 5545 day codes, e.g. "MO,WE".')
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(opens_at__lt=F("closes_at")),
                name="schedule_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_from__lte=F("valid_to")),
                name="schedule_valid_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.describe()

    @property
    def days(self) -> list[str]:
        return [d for d in (p.strip().upper() for p in self.byday.split(",")) if d in DAYS]

    def describe(self) -> str:
        days = ", ".join(DAYS[d] for d in self.days) or "Days not given"
        if self.opens_at and self.closes_at:
            return f"{days}, {self.opens_at:%H:%M} to {self.closes_at:%H:%M}"
        return days


class CostOption(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    option = models.CharField(
        max_length=200, blank=True, help_text='What the cost is for, e.g. "Per session".'
    )
    amount = models.DecimalField(
        max_digits=9, decimal_places=2, null=True, blank=True, help_text="In pounds."
    )
    amount_description = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.option or "Cost"


class Contact(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.name or self.title or "Contact"


class ChangeStatus(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    APPROVED = "approved", "Approved and published"
    SENT_BACK = "sent_back", "Sent back"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ServiceChange(models.Model):
    """A listing proposed by its organisation, waiting for a facilitator's review.

    ``proposed`` is the whole service as ORUK service JSON (the same shape the API returns and the importer
    reads), so approving it is applying a feed of one service.
    """

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="changes")
    proposed = models.JSONField()
    status = models.CharField(max_length=16, choices=ChangeStatus.choices, default=ChangeStatus.PENDING)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True, help_text="Why it was sent back.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["service"], condition=Q(status="pending"), name="one_pending_change_per_service"
            )
        ]

    def __str__(self) -> str:
        return f"Change to {self.service} ({self.get_status_display()})"

    @property
    def area(self) -> Area:
        return self.service.area
