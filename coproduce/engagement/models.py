"""Events (task groups, listening events, workshops, training), who attended, and what they said."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from coproduce.directory.models import Person, Role
from coproduce.engagement.comment_text import COMMENT_MAX_LENGTH
from coproduce.programmes.models import Area

# Join codes avoid letters and digits that are easily confused when read off a projector (0/O, 1/I/L).
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6


class EventKind(models.TextChoices):
    TASK_GROUP = "task_group", "Task-group meeting"
    LISTENING = "listening", "Listening event"
    WORKSHOP = "workshop", "Workshop"
    TRAINING = "training", "Training session"
    MARKET_PLACE = "market_place", "Market place"


class EventStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    OPEN = "open", "Open for comments"
    CLOSED = "closed", "Closed"


class Method(models.TextChoices):
    """Facilitation methods the programme used at its workshops."""

    SIX_HATS = "six_hats", "De Bono's six thinking hats"
    OPEN_SPACE = "open_space", "Open Space"
    KJ = "kj", "KJ (affinity) method"
    ORID = "orid", "Focused conversation (ORID)"
    SPEED_DATING = "speed_dating", "Speed dating"
    BOARDSTORM = "boardstorm", "Boardstorm"
    FORCE_FIELD = "force_field", "Force-field analysis"
    OPEN_DISCUSSION = "open_discussion", "Open discussion"


class MethodStep(models.TextChoices):
    """Where in a method a comment was made: a six-hats colour, an ORID stage, a KJ note …"""

    WHITE = "white", "White hat (facts)"
    RED = "red", "Red hat (feelings)"
    BLACK = "black", "Black hat (cautions)"
    YELLOW = "yellow", "Yellow hat (benefits)"
    GREEN = "green", "Green hat (ideas)"
    BLUE = "blue", "Blue hat (process)"
    OBJECTIVE = "objective", "ORID: objective"
    REFLECTIVE = "reflective", "ORID: reflective"
    INTERPRETIVE = "interpretive", "ORID: interpretive"
    DECISIONAL = "decisional", "ORID: decisional"
    KJ_NOTE = "kj_note", "KJ: note"
    OPEN_SPACE = "open_space", "Open Space: session note"
    SPEED_DATING = "speed_dating", "Speed dating: what we could do together"
    BOARDSTORM = "boardstorm", "Boardstorm: idea"
    DRIVING = "driving", "Force field: driving force"
    RESTRAINING = "restraining", "Force field: restraining force"


def new_join_code() -> str:
    """A code nothing has yet. Events and surveys both have one, and the one box at /join/ takes either,
    so a new code is checked against every model with a ``join_code``."""
    from django.apps import apps

    holders = [model for model in apps.get_models() if any(f.name == "join_code" for f in model._meta.fields)]
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if not any(model._default_manager.filter(join_code=code).exists() for model in holders):
            return code


class Event(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=32, choices=EventKind.choices)
    title = models.CharField(max_length=200)
    date = models.DateField()
    venue = models.CharField(max_length=200, blank=True)
    methods = models.JSONField(default=list, blank=True, help_text="Codes from Method.")
    status = models.CharField(max_length=16, choices=EventStatus.choices, default=EventStatus.PLANNED)
    join_code = models.CharField(max_length=JOIN_CODE_LENGTH, unique=True, default=new_join_code)
    results_published = models.BooleanField(
        default=False,
        help_text="Show the results of the event's live votes to participants and on the public site.",
    )
    closed_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When it last closed; its join code stops later."
    )
    attendees = models.ManyToManyField(Person, through="Attendance", related_name="events")
    history = HistoricalRecords(excluded_fields=["methods"])

    class Meta:
        ordering = ["date", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%-d %B %Y})"

    def save(self, *args, **kwargs) -> None:
        # Kept here, not in one service, because forms, services and the demo all change the status.
        if self.status == EventStatus.CLOSED and self.closed_at is None:
            self.closed_at = timezone.now()
        elif self.status != EventStatus.CLOSED:
            self.closed_at = None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "status" in update_fields:
            kwargs["update_fields"] = {*update_fields, "closed_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("engagement:event", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == EventStatus.OPEN

    def method_labels(self) -> list[str]:
        labels = dict(Method.choices)
        return [labels.get(code, code) for code in self.methods]


class Attendance(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="attendances")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="attend_once")]

    def __str__(self) -> str:
        return f"{self.person} at {self.event}"


class RegisterEntry(models.Model):
    """Someone a facilitator wrote on the event's attendance register: by name and organisation (people
    who came without a phone, or who never typed anything), or a participant who joined, ticked as here.
    The people figures count register names and contributing participants, each once."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="register")
    name = models.CharField(max_length=200, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=32, choices=Role.choices)
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="register_entries",
        help_text="The participant who joined by code, when it is them.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name_plural = "register entries"
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="register_person_once"),
        ]

    def __str__(self) -> str:
        return self.name or str(self.person or "Unnamed")


class ContributionCount(models.Model):
    """How many votes (or other contributions) one participant's browser sent in one rate window.

    Counted in the database by one upsert, so a limit holds across web processes and machines (an
    in-memory count would allow N times the rate with N processes)."""

    key = models.CharField(max_length=120)
    window = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window"], name="one_count_per_window")]

    def __str__(self) -> str:
        return f"{self.key}: {self.count} in window {self.window}"


class CommentSource(models.TextChoices):
    LIVE = "live", "Live at the event"
    IMPORTED = "imported", "Imported from a file"
    FLIPCHART = "flipchart", "Transcribed from a flipchart"


class CommentStatus(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    # Sent after the event closed: kept, never dropped, until a facilitator accepts or withdraws it.
    HELD = "held", "Held: sent after the event closed"
    # Moderated out by a facilitator, with a reason; kept so that it can be restored.
    HIDDEN = "hidden", "Hidden by a facilitator"
    # Removed (or a held comment discarded): kept, restorable, but counted nowhere.
    REMOVED = "removed", "Removed"


# Comments in these states take no part in anything: analysis, reports, public pages, exports, methods.
MODERATED_OUT = (CommentStatus.HIDDEN, CommentStatus.REMOVED)


class CommentQuerySet(models.QuerySet):
    def visible(self) -> CommentQuerySet:
        return self.exclude(status__in=MODERATED_OUT)

    def moderated_out(self) -> CommentQuerySet:
        return self.filter(status__in=MODERATED_OUT)


class VisibleCommentManager(models.Manager.from_queryset(CommentQuerySet)):  # type: ignore[misc]
    """The default manager, so every reader (``Comment.objects``, ``event.comments``, a proposal's
    evidence, a theme's comments) leaves hidden and removed comments out without having to remember to.
    Moderation pages read ``Comment.all_objects``."""

    def get_queryset(self) -> CommentQuerySet:
        return super().get_queryset().visible()


class Comment(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="comments")
    text = models.TextField(max_length=COMMENT_MAX_LENGTH)
    author_role = models.CharField(max_length=32, choices=Role.choices)
    author = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    source = models.CharField(max_length=16, choices=CommentSource.choices, default=CommentSource.LIVE)
    method_step = models.CharField(max_length=16, choices=MethodStep.choices, blank=True)
    method_session = models.ForeignKey(
        "methods.MethodSession",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        help_text="The method session it was made in, if any.",
    )
    status = models.CharField(max_length=16, choices=CommentStatus.choices, default=CommentStatus.ACCEPTED)
    is_illustrative = models.BooleanField(
        default=False, help_text="Written for the demo, not said by anyone."
    )
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    original_text = models.TextField(
        max_length=COMMENT_MAX_LENGTH,
        blank=True,
        help_text="The words as first said, kept when a facilitator edits them.",
    )
    moderation_reason = models.CharField(
        max_length=500, blank=True, help_text="Why a facilitator hid or removed it."
    )
    history = HistoricalRecords()

    objects = VisibleCommentManager()
    all_objects = CommentQuerySet.as_manager()

    class Meta:
        # Named, so that the filtering manager stays the default whatever order managers are declared in.
        default_manager_name = "objects"
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        return reverse("engagement:comment", kwargs={"pk": self.pk})

    @property
    def area(self) -> Area:
        return self.event.area

    @property
    def is_moderated_out(self) -> bool:
        return self.status in MODERATED_OUT

    @property
    def is_anonymous(self) -> bool:
        return self.author is None or not self.author.name


from coproduce.engagement.import_models import ImportJob, ImportStatus  # noqa: E402, F401
