"""A method session: one method run at one event, stepping through the method's stages."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from coproduce.engagement.models import Event, Method
from coproduce.programmes.models import Area


class SessionStatus(models.TextChoices):
    READY = "ready", "Ready to start"
    RUNNING = "running", "Running"
    FINISHED = "finished", "Finished"


class MethodSession(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="method_sessions")
    method = models.CharField(max_length=32, choices=Method.choices)
    title = models.CharField(max_length=200, blank=True, help_text="Left empty: the method's name.")
    status = models.CharField(max_length=16, choices=SessionStatus.choices, default=SessionStatus.READY)
    # The stage the room is at (a hat colour, an ORID stage, a KJ phase …): keys from methods/steps.py.
    step = models.CharField(max_length=32, blank=True)
    step_started_at = models.DateTimeField(null=True, blank=True)
    step_minutes = models.PositiveSmallIntegerField(
        default=5, help_text="How long each timed stage lasts, in minutes."
    )
    # What the method needs beyond its steps: ORID prompts, the change a force field is about, Open Space
    # rooms and slots, speed-dating roles and plan figures, dots per person for KJ voting …
    setup = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "created_at", "pk"]

    def __str__(self) -> str:
        return self.title or self.method_label

    def get_absolute_url(self) -> str:
        return reverse("methods:session", kwargs={"pk": self.pk})

    @property
    def method_label(self) -> str:
        """The method's name as its plugin gives it (methods/registry.py)."""
        from coproduce.methods.registry import plugin_of

        plugin = plugin_of(self.method)
        return plugin.label if plugin is not None else self.get_method_display()

    @property
    def area(self) -> Area:
        return self.event.area

    @property
    def name(self) -> str:
        return str(self)

    @property
    def is_running(self) -> bool:
        return self.status == SessionStatus.RUNNING

    def seconds_left(self, now=None) -> int | None:
        """Seconds left on the current stage's timer; None when the stage is not timed or not started."""
        if self.step_started_at is None or not self.step_minutes:
            return None
        elapsed = ((now or timezone.now()) - self.step_started_at).total_seconds()
        return max(0, int(self.step_minutes * 60 - elapsed))


class LateAnswer(models.Model):
    """A participant's answer that reached the server after the room had moved on from the stage whose
    question they saw. The comment stays filed under that stage; this row says it came late and where the
    room was by then, so the facilitator's page can say so."""

    comment = models.OneToOneField("engagement.Comment", on_delete=models.CASCADE, related_name="late_answer")
    session = models.ForeignKey(MethodSession, on_delete=models.CASCADE, related_name="late_answers")
    seen_step = models.CharField(max_length=32, help_text="The stage whose question the person answered.")
    room_step = models.CharField(max_length=32, help_text="The stage the room was at when it arrived.")
    room_finished = models.BooleanField(default=False, help_text="The session had finished when it arrived.")

    def __str__(self) -> str:
        return f"{self.comment} (late)"

    @property
    def room_label(self) -> str:
        from ..steps import step_of

        found = step_of(self.session.method, self.room_step)
        return found.label if found else self.room_step
