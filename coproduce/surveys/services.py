"""Writes for surveys: building them, opening and closing their waves, and recording responses.

Every refusal is a ValidationError keyed by the form field it is about ("role", "pairing_code",
"question_<pk>", or NON_FIELD_ERRORS), so the forms can show it next to what the person typed.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NotRequired, TypedDict, Unpack

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from coproduce.directory.models import Person, Role
from coproduce.engagement.models import JOIN_CODE_ALPHABET, Event
from coproduce.programmes.models import Area

from .models import (
    PAIRING_CODE_LENGTH,
    SCALE_POINTS,
    Answer,
    Question,
    QuestionKind,
    Response,
    ResponseSource,
    Survey,
    SurveyStatus,
    Wave,
)

# The steps a survey may take: forward through its waves, and a closed survey may reopen its after wave.
STATUS_STEPS: dict[str, tuple[str, ...]] = {
    SurveyStatus.DRAFT: (SurveyStatus.BEFORE,),
    SurveyStatus.BEFORE: (SurveyStatus.AFTER,),
    SurveyStatus.AFTER: (SurveyStatus.CLOSED,),
    SurveyStatus.CLOSED: (SurveyStatus.AFTER,),
}
# Codes written on paper forms may be in the participant's own hand: letters and digits, any of them.
PAIRING_CODE_PATTERN = re.compile(rf"^[A-Z0-9]{{1,{PAIRING_CODE_LENGTH}}}$")

AnswerValue = int | str | None


def question_field(question: Question | int) -> str:
    """The form field (and error key) of a question's answer."""
    return f"question_{question if isinstance(question, int) else question.pk}"


def normalise_pairing_code(code: str) -> str:
    return "".join((code or "").split()).upper()


def new_pairing_code(survey: Survey) -> str:
    """A fresh pairing code, unused in this survey."""
    taken = set(survey.responses.exclude(pairing_code="").values_list("pairing_code", flat=True))
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(PAIRING_CODE_LENGTH))
        if code not in taken:
            return code


def survey_create(
    *, area: Area, title: str, introduction: str = "", event: Event | None = None, created_by=None
) -> Survey:
    if event is not None and event.area_id != area.pk:
        raise ValidationError({"event": "Choose an event of this area."})
    return Survey.objects.create(
        area=area, title=title.strip(), introduction=introduction.strip(), event=event, created_by=created_by
    )


def question_save(
    *, survey: Survey, kind: str, text: str, topic: str = "", question: Question | None = None
) -> Question:
    """Add a question at the end of the survey, or change one. Answers already given keep their kind."""
    if kind not in QuestionKind.values:
        raise ValidationError({"kind": "Choose a scale or a free-text question."})
    topic = topic.strip() if kind == QuestionKind.SCALE else ""
    with transaction.atomic():
        if question is None:
            # Locked so two facilitators adding questions at once do not take the same number.
            Survey.objects.select_for_update().filter(pk=survey.pk).first()
            number = (survey.questions.aggregate(last=Max("number"))["last"] or 0) + 1
            return Question.objects.create(
                survey=survey, number=number, kind=kind, text=text.strip(), topic=topic
            )
        if kind != question.kind and question.answers.exists():
            raise ValidationError(
                {"kind": "People have already answered this question, so its kind cannot change now."}
            )
        question.kind, question.text, question.topic = kind, text.strip(), topic
        question.save()
        return question


class QuestionAnswered(Exception):
    """The question has answers, so deleting it would lose them."""


def question_delete(*, question: Question) -> None:
    with transaction.atomic():
        if question.answers.exists():
            raise QuestionAnswered
        question.delete()


def survey_status_change(*, survey: Survey, status: str) -> Survey:
    if status not in STATUS_STEPS.get(survey.status, ()):
        raise ValidationError(
            f"A survey that is “{survey.get_status_display().lower()}” cannot change to that status."
        )
    if status == SurveyStatus.BEFORE and not survey.questions.exists():
        raise ValidationError("Add at least one question before opening the survey.")
    survey.status = status
    survey.save(update_fields=["status"])
    return survey


@dataclass(frozen=True)
class Recorded:
    response: Response
    updated: bool  # an earlier response of the same participant in the same wave was changed


@dataclass(frozen=True)
class CheckedResponse:
    """A response that passed every check, ready to write: the participant and each answer to keep."""

    wave: str
    role: str
    person: Person | None
    pairing_code: str  # normalised
    source: str
    values: list[tuple[Question, int | None, str]]  # (question, scale point, text) of each answer kept

    @property
    def online(self) -> bool:
        return self.source == ResponseSource.ONLINE


class _Problems:
    """Every refusal found, keyed by the form field it is about, so all are shown at once."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def refuse(self, key: str, message: str) -> None:
        self.errors.setdefault(key, []).append(message)

    def raise_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


class ResponseSent(TypedDict):
    """What a participant (or a facilitator typing in a paper form) sends: the keyword arguments of both
    ``response_check`` and ``response_record``. ``answers`` maps question ids to a scale point (scale
    questions, all required) or text (free-text questions, optional). The participant is the person, else
    the pairing code."""

    wave: str
    role: str
    answers: Mapping[int, AnswerValue]
    source: str
    person: NotRequired[Person | None]
    pairing_code: NotRequired[str]


def response_check(survey: Survey, **sent: Unpack[ResponseSent]) -> CheckedResponse:
    """Check a whole response without writing anything: the cleaned response, or a ValidationError with
    every problem found. It reads the survey's questions (and, for a second-wave pairing code, the first
    wave's codes). A free text left empty is not kept."""
    wave, role, source = sent["wave"], sent["role"], sent["source"]
    person = sent.get("person")
    if source not in ResponseSource.values:
        raise ValueError(f"unknown source {source!r}")
    online = source == ResponseSource.ONLINE
    problems = _Problems()
    _check_wave(survey, wave, online, problems)
    if role not in Role.values:
        problems.refuse("role", "Choose the role the participant answered as.")
    if person is not None and person.area_id != survey.area_id:
        problems.refuse("person", "Choose someone who takes part in this area.")
    pairing_code = normalise_pairing_code(sent.get("pairing_code", ""))
    _check_pairing_code(survey, wave, online, person, pairing_code, problems)
    values = _answer_values(survey, sent["answers"], problems)
    problems.raise_any()
    return CheckedResponse(wave, role, person, pairing_code, source, values)


def _check_wave(survey: Survey, wave: str, online: bool, problems: _Problems) -> None:
    if wave not in Wave.values:
        problems.refuse("wave", "Choose whether the answers are from before or after.")
    elif online and survey.open_wave != wave:
        problems.refuse(NON_FIELD_ERRORS, "This survey is not taking answers for that wave now.")
    if not online and survey.status == SurveyStatus.DRAFT:
        problems.refuse(
            NON_FIELD_ERRORS, "Open the survey before typing in answers: its questions may still change."
        )


def _check_pairing_code(
    survey: Survey, wave: str, online: bool, person: Person | None, code: str, problems: _Problems
) -> None:
    if not code:
        return
    if person is not None and not online:
        # On paper one or the other is written on the form; online a known person is given a code too.
        problems.refuse("pairing_code", "Give either a pairing code or a person, not both.")
    elif not PAIRING_CODE_PATTERN.match(code):
        problems.refuse(
            "pairing_code",
            f"A pairing code is up to {PAIRING_CODE_LENGTH} letters and numbers, like K7PM2QXA.",
        )
    elif online and wave == Wave.AFTER and not _answered_before(survey, code):
        problems.refuse(
            "pairing_code",
            "We cannot find that pairing code in this survey's first answers. Check it, or leave it "
            "empty: your answers will still count.",
        )


def _answer_values(
    survey: Survey, answers: Mapping[int, AnswerValue], problems: _Problems
) -> list[tuple[Question, int | None, str]]:
    questions = list(survey.questions.all())
    unknown = set(answers) - {q.pk for q in questions}
    if unknown:
        raise ValueError(f"answers to questions not in the survey: {sorted(unknown)}")
    values: list[tuple[Question, int | None, str]] = []
    for question in questions:
        value = answers.get(question.pk)
        if question.is_scale:
            scale = _scale(value)
            if scale is None:
                problems.refuse(question_field(question), f"Choose an answer to question {question.number}.")
            values.append((question, scale, ""))
        elif text := str(value or "").strip():
            values.append((question, None, text))
    return values


def response_record(
    survey: Survey, *, entered_by=None, replacing: Response | None = None, **sent: Unpack[ResponseSent]
) -> Recorded:
    """Check a whole response (``response_check``), then write it in one transaction, or write nothing.

    Answering online again in the same wave changes the earlier response; a paper form for someone who
    already answered is refused, because typing the same form in twice is a mistake to point out, not a
    change of mind. ``replacing`` is an anonymous response this participant sent earlier in the wave (their
    browser remembers it): when neither person nor code finds an earlier response, that one is changed
    rather than the participant counted twice.
    """
    checked = response_check(survey, **sent)
    return _response_write(survey, checked, entered_by=entered_by, replacing=replacing)


def _response_write(
    survey: Survey, checked: CheckedResponse, *, entered_by, replacing: Response | None
) -> Recorded:
    person, pairing_code = checked.person, checked.pairing_code
    with transaction.atomic():
        existing = _existing(survey, checked.wave, person, pairing_code, replacing)
        if existing is not None and not checked.online:
            who = "this person" if person else f"pairing code {pairing_code}"
            raise ValidationError(
                {
                    "person" if person else "pairing_code": (
                        f"There is already a {Wave(checked.wave).label.lower()} response from {who}. Delete "
                        "it from the survey's responses first if this form should replace it."
                    )
                }
            )
        response = existing or Response(survey=survey, wave=checked.wave)
        response.role, response.person, response.pairing_code = checked.role, person, pairing_code
        response.source, response.entered_by = checked.source, entered_by
        try:
            with transaction.atomic():
                response.save()
        except IntegrityError:
            # The same participant sent the same wave twice at the very same moment.
            raise ValidationError(
                "These answers were sent twice at once. Check the survey's responses before sending again."
            ) from None
        if existing is not None:
            existing.answers.all().delete()
        Answer.objects.bulk_create(
            [
                Answer(response=response, question=q, scale=scale, text=text)
                for q, scale, text in checked.values
            ]
        )
    return Recorded(response, updated=existing is not None)


def response_claim(*, survey: Survey, pairing_code: str, person: Person) -> bool:
    """Someone who answered the first wave anonymously has since joined an event as ``person`` (same
    browser, same pairing code): their first answers become that person's, so the two waves pair.
    Nothing changes if the person already has first-wave answers. Returns whether it claimed them."""
    code = normalise_pairing_code(pairing_code)
    if not code or survey.responses.filter(wave=Wave.BEFORE, person=person).exists():
        return False
    earlier = survey.responses.filter(wave=Wave.BEFORE, pairing_code=code, person__isnull=True).first()
    if earlier is None:
        return False
    earlier.person = person
    earlier.save(update_fields=["person", "updated_at"])
    return True


def response_delete(*, response: Response) -> None:
    response.delete()


def _scale(value: AnswerValue) -> int | None:
    try:
        scale = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return scale if 1 <= scale <= SCALE_POINTS else None


def _answered_before(survey: Survey, pairing_code: str) -> bool:
    return survey.responses.filter(wave=Wave.BEFORE, pairing_code=pairing_code).exists()


def _existing(
    survey: Survey, wave: str, person: Person | None, pairing_code: str, replacing: Response | None
) -> Response | None:
    responses = survey.responses.select_for_update().filter(wave=wave)
    if person is not None:
        return responses.filter(person=person).first()
    if pairing_code:
        found = responses.filter(pairing_code=pairing_code).first()
        if found is not None:
            return found
    if replacing is not None:
        # Sent from this browser earlier with no code, or another one: the participant is correcting it.
        return responses.filter(pk=replacing.pk, person__isnull=True).first()
    return None
