"""Analysis runs over an area's comments, the themes they found, and the edits people made to them.

A run keeps its inputs (the comments' ids and texts as they were), its settings and the engine's base
result, so it can be rebuilt and edited exactly as it was made. Edits are kept in order; the themes and
assignments below are what the base plus the edits not undone give, written out for fast reading.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from coproduce.core.heartbeat import ProgressedWork
from coproduce.engagement.models import MODERATED_OUT, Comment
from coproduce.programmes.models import Area


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class AnalysisRun(ProgressedWork):  # progress, error and heartbeat: coproduce/core/heartbeat.py
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="analysis_runs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=16, choices=RunStatus.choices, default=RunStatus.QUEUED)
    # What was asked: the filters over the area's comments and the number of themes (blank: engine chooses).
    filters = models.JSONField(default=dict, blank=True)
    n_themes_asked = models.PositiveSmallIntegerField(null=True, blank=True)
    settings = models.JSONField(
        default=dict, blank=True, help_text="Engine settings, for reproducing the run."
    )
    # The inputs as they were when the run started: [[comment id, text], ...].
    inputs = models.JSONField(default=list, blank=True)
    # The engine's result before any human edit (ThemeResult.to_dict()).
    base = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True, help_text="Why this number of themes.")
    warnings = models.JSONField(default=list, blank=True)
    timings = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"Analysis {self.pk} of {self.area} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("themes:workspace", kwargs={"slug": self.area.slug})

    @property
    def comment_count(self) -> int:
        return len(self.inputs)

    @property
    def waiting_for_worker(self) -> bool:
        """Queued so long that no worker can be running."""
        from coproduce.core.heartbeat import waiting_too_long

        return self.status == RunStatus.QUEUED and waiting_too_long(self.created_at)

    @property
    def worker_stopped(self) -> bool:
        from coproduce.core.heartbeat import STOPPED_REASON

        return self.status == RunStatus.FAILED and self.error == STOPPED_REASON


class Theme(models.Model):
    """A theme of a run. Themes merged away are kept (inactive) so that links to them still resolve."""

    run = models.ForeignKey(AnalysisRun, on_delete=models.CASCADE, related_name="themes")
    number = models.PositiveIntegerField(help_text="The engine's id for the theme within its run.")
    label = models.CharField(max_length=200)
    engine_label = models.CharField(max_length=200, blank=True)
    key_phrases = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True)
    is_agreed = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    size = models.PositiveIntegerField(default=0)
    representative_ids = models.JSONField(default=list, blank=True)
    # Where the theme sits in meaning, for the programme roll-up to find it in other areas: the mean of its
    # comments' embeddings, L2-normalised, as float32 bytes (its length / 4 is the dimension). Null when the
    # theme was saved before centroids were kept, or when its embedder's vectors are fitted to each run
    # (TF-IDF), so that they mean nothing outside it; ``centroid_embedder`` names the embedder either way.
    centroid = models.BinaryField(null=True, blank=True, editable=False)
    centroid_embedder = models.CharField(max_length=100, blank=True, editable=False)
    comments = models.ManyToManyField(Comment, through="ThemeAssignment", related_name="themes")

    class Meta:
        ordering = ["-size", "number"]
        constraints = [models.UniqueConstraint(fields=["run", "number"], name="theme_number_in_run")]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("themes:theme", kwargs={"pk": self.pk})

    @property
    def area(self) -> Area:
        return self.run.area


class VisibleAssignmentManager(models.Manager):
    """A run made before a comment was hidden or removed still lists it: its assignments leave the
    themes pages, the report's quotes and counts, and the exports, as the comment leaves everything else.
    Writes that must see every row (rewriting a run's assignments) use ``ThemeAssignment.all_objects``."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().exclude(comment__status__in=MODERATED_OUT)


class EveryAssignmentManager(models.Manager):
    """Every assignment, those of hidden and removed comments included."""


class ThemeAssignment(models.Model):
    run = models.ForeignKey(AnalysisRun, on_delete=models.CASCADE, related_name="assignments")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="assignments")
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="theme_assignments")
    confidence = models.FloatField()
    needs_review = models.BooleanField(default=False)
    pinned = models.BooleanField(default=False)
    secondary = models.JSONField(default=list, blank=True, help_text="Numbers of other themes it speaks to.")

    objects = VisibleAssignmentManager()
    all_objects = EveryAssignmentManager()

    class Meta:
        ordering = ["confidence", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["run", "comment"], name="one_theme_per_comment_in_run")
        ]

    def __str__(self) -> str:
        return f"Comment {self.comment_id} in theme {self.theme_id} ({self.confidence:.0%})"


class ThemeEdit(models.Model):
    """One human edit of a run, in the engine's own terms (rename, merge, split, move, pin, unpin)."""

    run = models.ForeignKey(AnalysisRun, on_delete=models.CASCADE, related_name="edits")
    operation = models.JSONField(help_text="The edit as the engine serialises it.")
    summary = models.CharField(max_length=300, help_text="What the edit did, in words.")
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    made_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["made_at", "pk"]

    def __str__(self) -> str:
        return self.summary


class EmbeddingCacheEntry(models.Model):
    """A comment text's embedding, by model and text hash, so re-analysis embeds only what is new."""

    model = models.CharField(max_length=100)
    text_hash = models.CharField(max_length=64)
    vector = models.BinaryField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["model", "text_hash"], name="one_embedding_per_text")]

    def __str__(self) -> str:
        return f"{self.model} {self.text_hash[:12]}"
