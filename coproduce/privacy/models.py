"""The audit log of what was done to personal data: who was anonymised or erased, when, why and by whom.

It holds no personal data itself: the person is named only by their old row id, and the counts say how
much was changed, never what it said.
"""

from django.conf import settings
from django.db import models

from coproduce.programmes.models import Area


class PrivacyMode(models.TextChoices):
    ANONYMISE = "anonymise", "Anonymise: keep their comments without a name"
    ERASE = "erase", "Erase: delete their words too"


class PrivacyReason(models.TextChoices):
    REQUEST = "request", "The person asked"
    RETENTION = "retention", "The retention period passed"


class PrivacyAction(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="privacy_actions")
    person_ref = models.PositiveIntegerField(help_text="The person's row id; it names nobody by itself.")
    mode = models.CharField(max_length=16, choices=PrivacyMode.choices)
    reason = models.CharField(max_length=16, choices=PrivacyReason.choices, default=PrivacyReason.REQUEST)
    counts = models.JSONField(default=dict, help_text="How many records of each kind were changed.")
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    performed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-performed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} person {self.person_ref} ({self.get_reason_display()})"
