"""Organisations taking part, and the people (with their role) who attend events."""

from django.db import models
from simple_history.models import HistoricalRecords

from coproduce.programmes.models import Area


class OrganisationKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    CHILDRENS_CENTRE = "childrens_centre", "Children's centre"
    VCS = "vcs", "VCS organisation"
    SCHOOL = "school", "School"
    PARENTS_FORUM = "parents_forum", "Parents' forum"


class Role(models.TextChoices):
    """The role a person speaks from. Comments, attendance and impact are all counted by it."""

    LA_PROFESSIONAL = "la_professional", "Local-authority professional"
    CC_MANAGER = "cc_manager", "Children's-centre manager"
    CC_STAFF = "cc_staff", "Children's-centre staff"
    VCS_PROVIDER = "vcs_provider", "VCS provider"
    PARENT_CARER = "parent_carer", "Parent or carer"
    OTHER = "other", "Other"


class Organisation(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="organisations")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=OrganisationKind.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["area", "name"], name="organisation_name_unique")]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """Someone who takes part. Participants who join by code have no name, only a role."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=32, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    is_illustrative = models.BooleanField(default=False, help_text="Made up for the demo.")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name or f"Anonymous {self.get_role_display().lower()}"
