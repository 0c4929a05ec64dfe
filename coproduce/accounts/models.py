"""Who may do what in which area, and API tokens."""

import hashlib
import secrets
from datetime import datetime

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from coproduce.directory.models import Organisation
from coproduce.programmes.models import Area


class AreaRole(models.TextChoices):
    PROGRAMME_LEAD = "programme_lead", "Programme lead"
    FACILITATOR = "facilitator", "Facilitator"
    COMMISSIONER = "commissioner", "Commissioner"
    CENTRE_MANAGER = "centre_manager", "Centre manager"
    VCS_MEMBER = "vcs_member", "VCS member"
    VIEWER = "viewer", "Viewer"


class Membership(models.Model):
    """A user's role in one area. Permissions are decided from these in accounts/rules.py."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=32, choices=AreaRole.choices)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text="The organisation the user speaks for; its actions are theirs to update.",
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "area"], name="one_role_per_area")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} in {self.area}"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the API. Only its hash is stored; the raw token is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="After this the token is refused; empty means it never expires."
    )
    read_only = models.BooleanField(
        default=False, help_text="A read-only token can read what its user can, but change nothing."
    )

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def has_expired(self, now: datetime) -> bool:
        return self.expires_at is not None and self.expires_at <= now

    @classmethod
    def issue(
        cls, *, user, name: str, expires_at: datetime | None = None, read_only: bool = False
    ) -> tuple["ApiToken", str]:
        raw = "cp_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            key_hash=hash_token(raw),
            prefix=raw[3:11],
            expires_at=expires_at,
            read_only=read_only,
        )
        return token, raw
