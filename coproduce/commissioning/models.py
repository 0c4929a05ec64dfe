"""An area's commissioning processes (analyse → plan → do → review) and their milestones."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from coproduce.accounts.models import Membership
from coproduce.directory.models import Organisation
from coproduce.programmes.models import Area
from coproduce.proposals.models import Action, Proposal


class Stage(models.TextChoices):
    """The commissioning cycle's four stages."""

    ANALYSE = "analyse", "Analyse"
    PLAN = "plan", "Plan"
    DO = "do", "Do"
    REVIEW = "review", "Review"


class ProcessStatus(models.TextChoices):
    PLANNING = "planning", "Planning"
    ACTIVE = "active", "Under way"
    COMPLETE = "complete", "Complete"
    CANCELLED = "cancelled", "Cancelled"


class CommissioningProcess(models.Model):
    """One commissioning of services for an area, e.g. "Children's centre services 2012–15".

    The chosen delivery model comes from the options appraisal the process cites: once that appraisal is
    agreed, its preferred option is the process's chosen option (``selectors.chosen_option``).
    """

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="commissioning_processes")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    start_date = models.DateField(
        help_text="When the commissioning process starts, e.g. the first consultation."
    )
    end_date = models.DateField(help_text="When it ends, e.g. the end of the contract and its review.")
    budget = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The budget or contract value, if given.",
    )
    currency = models.CharField(max_length=3, default="GBP")
    status = models.CharField(max_length=16, choices=ProcessStatus.choices, default=ProcessStatus.PLANNING)
    stage = models.CharField(max_length=16, choices=Stage.choices, default=Stage.ANALYSE)
    buyer = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The organisation commissioning the services (the OCDS buyer), usually the council.",
    )
    supplier = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The organisation awarded the contract, once it is awarded.",
    )
    proposals = models.ManyToManyField(Proposal, blank=True, related_name="+")
    appraisal = models.ForeignKey(
        "appraisal.Appraisal",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commissioning_processes",
        help_text="The options appraisal that chose the delivery model; its agreed option is the chosen one.",
    )
    is_published = models.BooleanField(
        default=False, help_text="Published processes appear in the area's public Open Contracting data."
    )
    is_illustrative = models.BooleanField(default=False, help_text="Made up for the demo.")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[proposals])

    class Meta:
        ordering = ["area", "start_date", "pk"]
        verbose_name_plural = "commissioning processes"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("commissioning:process", kwargs={"pk": self.pk})


class MilestoneKind(models.TextChoices):
    CONSULTATION = "consultation", "Co-production consultation"
    MARKET_ENGAGEMENT = "market_engagement", "Market engagement"
    SPECIFICATION = "specification", "Specification"
    TENDER = "tender", "Tender"
    AWARD = "award", "Award"
    CONTRACT_START = "contract_start", "Contract start"
    REVIEW = "review", "Review"
    OTHER = "other", "Other"


# The stage of the cycle each kind of milestone belongs to, unless the commissioner says otherwise.
KIND_STAGE = {
    MilestoneKind.CONSULTATION: Stage.ANALYSE,
    MilestoneKind.MARKET_ENGAGEMENT: Stage.PLAN,
    MilestoneKind.SPECIFICATION: Stage.PLAN,
    MilestoneKind.TENDER: Stage.DO,
    MilestoneKind.AWARD: Stage.DO,
    MilestoneKind.CONTRACT_START: Stage.DO,
    MilestoneKind.REVIEW: Stage.REVIEW,
    MilestoneKind.OTHER: Stage.PLAN,
}


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    LATE = "late", "Late"
    CANCELLED = "cancelled", "Cancelled"


class Milestone(models.Model):
    process = models.ForeignKey(CommissioningProcess, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(max_length=32, choices=MilestoneKind.choices)
    stage = models.CharField(max_length=16, choices=Stage.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    start_date = models.DateField(null=True, blank=True, help_text="Leave empty for a milestone on one day.")
    due_date = models.DateField(help_text="The day it ends or is due.")
    status = models.CharField(max_length=16, choices=MilestoneStatus.choices, default=MilestoneStatus.PLANNED)
    owner = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The organisation responsible.",
    )
    owner_member = models.ForeignKey(
        Membership,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The person responsible, if there is one.",
    )
    proposals = models.ManyToManyField(Proposal, blank=True, related_name="+")
    actions = models.ManyToManyField(Action, blank=True, related_name="+")
    history = HistoricalRecords(m2m_fields=[proposals, actions])

    class Meta:
        ordering = ["process", "due_date", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("commissioning:process", kwargs={"pk": self.process_id}) + f"#milestone-{self.pk}"

    @property
    def area(self) -> Area:
        return self.process.area

    @property
    def is_overdue(self) -> bool:
        """Past its due date and neither done nor cancelled: worth a look, whatever its status says."""
        return self.due_date < timezone.localdate() and self.status not in (
            MilestoneStatus.DONE,
            MilestoneStatus.CANCELLED,
        )

    @property
    def begins(self):
        """The first day: the start date, or the due date for a milestone on one day."""
        return self.start_date or self.due_date
