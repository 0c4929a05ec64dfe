"""An import of comments from a file: the upload kept on disk, and how its background run is going."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", "Uploaded, columns not chosen yet"
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Importing"
    DONE = "done", "Imported"
    FAILED = "failed", "Not imported"


class ImportJob(models.Model):
    event = models.ForeignKey("engagement.Event", on_delete=models.CASCADE, related_name="import_jobs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(max_length=255)
    file_path = models.CharField(
        max_length=500, help_text="Under IMPORT_DIR; deleted a day after the import."
    )
    file_sha256 = models.CharField(max_length=64, db_index=True)
    mapping = models.JSONField(default=dict, blank=True)
    skip_copies = models.BooleanField(default=True)
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.UPLOADED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)  # messages naming row and column
    created_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    # One fingerprint per imported row (event, normalised text, role), to recognise the row again.
    fingerprints = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    # Touched by the worker while it works (coproduce/core/heartbeat.py); an old one means the worker stopped.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def waiting_for_worker(self) -> bool:
        """Queued so long that no worker can be running."""
        from coproduce.core.heartbeat import waiting_too_long

        return self.status == ImportStatus.QUEUED and waiting_too_long(self.queued_at or self.created_at)

    @property
    def worker_stopped(self) -> bool:
        """Failed only because its worker vanished: the kept file can be imported again as it is."""
        from coproduce.core.heartbeat import STOPPED_REASON

        return self.status == ImportStatus.FAILED and self.problems == [STOPPED_REASON]
