"""A short questionnaire answered before and after a programme or an event.

One survey is answered in two waves. A participant's "before" and "after" responses are paired when they
come from the same person (a participant known to the area) or carry the same pairing code (an anonymous
participant, or a paper form). Impact by role is measured from the pairs (coproduce/analysis/impact.py).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from coproduce.directory.models import Person, Role
from coproduce.engagement.models import JOIN_CODE_LENGTH, Event, new_join_code
from coproduce.programmes.models import Area

PAIRING_CODE_LENGTH = 8
SCALE_POINTS = 5
# The five-point scale every scale question uses; the wording says how positive someone feels.
SCALE_CHOICES = [
    (1, "Very negative"),
    (2, "Fairly negative"),
    (3, "Neither positive nor negative"),
    (4, "Fairly positive"),
    (5, "Very positive"),
]


class Wave(models.TextChoices):
    BEFORE = "before", "Before"
    AFTER = "after", "After"


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", "Draft: not taking answers"
    BEFORE = "before", "Taking answers before"
    AFTER = "after", "Taking answers after"
    CLOSED = "closed", "Closed"


class Survey(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="surveys")
    event = models.ForeignKey(
        Event,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="surveys",
        help_text="The event the survey is about; leave empty for the area's whole programme.",
    )
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True, help_text="Shown to participants above the questions.")
    status = models.CharField(max_length=16, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT)
    join_code = models.CharField(max_length=JOIN_CODE_LENGTH, unique=True, default=new_join_code)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["area", "-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:survey", kwargs={"pk": self.pk})

    @property
    def open_wave(self) -> str | None:
        """The wave participants are answering now, if any."""
        return self.status if self.status in (Wave.BEFORE, Wave.AFTER) else None


class QuestionKind(models.TextChoices):
    SCALE = "scale", "Five-point scale (very negative to very positive)"
    TEXT = "text", "Free text"


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=16, choices=QuestionKind.choices, default=QuestionKind.SCALE)
    text = models.CharField(
        max_length=300, help_text='As participants read it, e.g. "How positive do you feel about …?"'
    )
    topic = models.CharField(
        max_length=120,
        blank=True,
        help_text='What the question is about, to finish "more positive about …", e.g. "tackling the key '
        'challenges". Scale questions only.',
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["survey", "number"]
        constraints = [models.UniqueConstraint(fields=["survey", "number"], name="question_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"

    @property
    def area(self) -> Area:
        return self.survey.area

    @property
    def is_scale(self) -> bool:
        return self.kind == QuestionKind.SCALE


class ResponseSource(models.TextChoices):
    ONLINE = "online", "Answered online"
    PAPER = "paper", "Typed in from a paper form"


class Response(models.Model):
    """One participant's answers in one wave."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    wave = models.CharField(max_length=8, choices=Wave.choices)
    role = models.CharField(max_length=32, choices=Role.choices)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="survey_responses"
    )
    pairing_code = models.CharField(
        max_length=PAIRING_CODE_LENGTH,
        blank=True,
        help_text="Pairs an anonymous participant's before and after answers.",
    )
    source = models.CharField(max_length=16, choices=ResponseSource.choices, default=ResponseSource.ONLINE)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_illustrative = models.BooleanField(default=False, help_text="Made up for the demo.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["survey", "wave", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "wave", "person"],
                condition=Q(person__isnull=False),
                name="response_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["survey", "wave", "pairing_code"],
                condition=~Q(pairing_code=""),
                name="response_once_per_pairing_code",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_wave_display()} response to {self.survey}"

    @property
    def area(self) -> Area:
        return self.survey.area

    @property
    def pair_key(self) -> str | None:
        """What pairs this response with the other wave's (see pair_key)."""
        return pair_key(self.person_id, self.pairing_code)


def pair_key(person_id: int | None, pairing_code: str) -> str | None:
    """The pairing code when there is one, else the person. Online, someone known to the area is given a
    code too, so that their second answers pair even from a phone that no longer knows them."""
    if pairing_code:
        return f"code:{pairing_code}"
    if person_id:
        return f"person:{person_id}"
    return None


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    scale = models.PositiveSmallIntegerField(null=True, blank=True, choices=SCALE_CHOICES)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_once_per_question"),
            models.CheckConstraint(
                condition=Q(scale__isnull=True) | Q(scale__gte=1, scale__lte=SCALE_POINTS),
                name="answer_scale_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question}"
