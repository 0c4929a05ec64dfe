"""Reading a survey's responses for the back office: counts, free-text answers, and the raw export."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from coproduce.core.exports import Table
from coproduce.directory.models import Role

from .models import Answer, Question, QuestionKind, Response, Survey, Wave

ROLE_LABELS = dict(Role.choices)
WAVE_LABELS = dict(Wave.choices)


@dataclass(frozen=True)
class ResponseCounts:
    before: int
    after: int
    pairs: int  # participants (a person or a pairing code) who answered both waves


def response_counts(survey: Survey) -> ResponseCounts:
    counts = {wave: 0 for wave in Wave.values}
    keys: dict[str, set[str]] = {wave: set() for wave in Wave.values}
    for response in Response.objects.filter(survey=survey).only("wave", "person_id", "pairing_code"):
        counts[response.wave] += 1
        if response.pair_key:
            keys[response.wave].add(response.pair_key)
    return ResponseCounts(counts[Wave.BEFORE], counts[Wave.AFTER], len(keys[Wave.BEFORE] & keys[Wave.AFTER]))


@dataclass
class RoleTexts:
    role_label: str
    texts: list[str] = field(default_factory=list)


@dataclass
class WaveTexts:
    wave_label: str
    roles: list[RoleTexts] = field(default_factory=list)


@dataclass
class QuestionTexts:
    question: Question
    waves: list[WaveTexts]

    @property
    def total(self) -> int:
        return sum(len(r.texts) for w in self.waves for r in w.roles)


def text_answers(survey: Survey) -> list[QuestionTexts]:
    """What people wrote to each free-text question, by wave, then by role (in Role order)."""
    questions = list(survey.questions.filter(kind=QuestionKind.TEXT))
    grouped: dict[int, dict[str, dict[str, list[str]]]] = {
        q.pk: {w: defaultdict(list) for w in Wave.values} for q in questions
    }
    rows = (
        Answer.objects.filter(question__in=questions)
        .exclude(text="")
        .order_by("response__created_at", "pk")
        .values_list("question_id", "response__wave", "response__role", "text")
    )
    for question_id, wave, role, text in rows:
        grouped[question_id][wave][role].append(text)
    result = []
    for question in questions:
        waves = [
            WaveTexts(
                str(WAVE_LABELS[wave]),
                [
                    RoleTexts(str(ROLE_LABELS[role]), grouped[question.pk][wave][role])
                    for role in Role.values
                    if grouped[question.pk][wave][role]
                ],
            )
            for wave in Wave.values
        ]
        result.append(QuestionTexts(question, waves))
    return result


def response_tables(survey: Survey) -> list[Table]:
    """The raw responses, one row each with every answer, and the questions they answer.

    Participants appear by their pairing key (a person's number or the code) only: no names.
    """
    questions = list(survey.questions.all())
    responses = list(survey.responses.prefetch_related("answers").order_by("wave", "created_at", "pk"))
    headers = ["Response", "Wave", "Role", "Pairing", "Source", "Answered at"] + [
        f"Q{q.number}" for q in questions
    ]
    rows = []
    for response in responses:
        given = {a.question_id: a for a in response.answers.all()}
        cells: list[object] = [
            response.pk,
            response.get_wave_display(),
            response.get_role_display(),
            response.pair_key or "",
            response.get_source_display(),
            response.created_at.strftime("%Y-%m-%d %H:%M"),
        ]
        for question in questions:
            answer = given.get(question.pk)
            cells.append("" if answer is None else answer.scale if question.is_scale else answer.text)
        rows.append(cells)
    question_rows = [[f"Q{q.number}", q.get_kind_display(), q.text, q.topic] for q in questions]
    return [
        Table("Responses", headers, rows),
        Table("Questions", ["Question", "Kind", "Text", "Topic"], question_rows),
    ]
