"""Reading surveys: the impact by role of each scale question, and the headline figures per role."""

from __future__ import annotations

from dataclasses import dataclass

from coproduce.analysis.impact import EVERYONE, GroupImpact, ScaleAnswer, Share, impact_by_group
from coproduce.directory.models import Role
from coproduce.programmes.models import Area
from coproduce.public.participants import code_expired

from .models import Answer, Question, QuestionKind, Response, Survey, SurveyStatus, Wave, pair_key


def survey_code_expired(survey: Survey) -> bool:
    """A closed survey's code stops answering with its closed event's."""
    return survey.status == SurveyStatus.CLOSED and survey.event is not None and code_expired(survey.event)


ROLE_PLURALS: dict[str, str] = {
    Role.LA_PROFESSIONAL: "local-authority professionals",
    Role.CC_MANAGER: "children's-centre managers",
    Role.CC_STAFF: "children's-centre staff",
    Role.VCS_PROVIDER: "VCS providers",
    Role.PARENT_CARER: "parents and carers",
    Role.OTHER: "other participants",
}
ROLE_ORDER = [role.value for role in Role]
ROLE_LABELS = dict(Role.choices)


@dataclass(frozen=True)
class RoleImpact:
    role: str  # a Role value, or EVERYONE
    role_label: str
    impact: GroupImpact


@dataclass(frozen=True)
class QuestionImpact:
    question: Question
    roles: list[RoleImpact]  # the roles that answered, in Role order, then everyone together

    @property
    def paired_roles(self) -> list[RoleImpact]:
        return [r for r in self.roles if r.impact.paired is not None]

    @property
    def chart_height(self) -> int:
        return 46 * len(self.paired_roles)

    @property
    def has_small_paired_role(self) -> bool:
        return any(r.impact.small for r in self.paired_roles)

    @property
    def unpaired_roles(self) -> list[RoleImpact]:
        """Roles whose waves can only be compared as wholes: nobody in them answered both."""
        return [r for r in self.roles if r.impact.paired is None and r.impact.unpaired is not None]

    @property
    def one_wave_roles(self) -> list[RoleImpact]:
        return [r for r in self.roles if r.impact.paired is None and r.impact.unpaired is None]


@dataclass(frozen=True)
class Headline:
    role: str
    role_label: str
    question: Question
    share: Share  # of the role's pairs, those more positive afterwards
    sentence: str


@dataclass(frozen=True)
class SurveyImpact:
    survey: Survey
    answered_before: int  # responses
    answered_after: int
    pairs: int  # people who answered both waves
    questions: list[QuestionImpact]  # scale questions only
    headlines: list[Headline]

    @property
    def has_answers(self) -> bool:
        return bool(self.answered_before or self.answered_after)


def role_label(role: str) -> str:
    return "Everyone" if role == EVERYONE else str(ROLE_LABELS.get(role, role))


def headline_sentence(role: str, question: Question, share: Share) -> str:
    """e.g. "84% of VCS providers (16 of 19) were more positive about tackling the key challenges." """
    about = f"about {question.topic}" if question.topic else f"on “{question.text}”"
    who = ROLE_PLURALS.get(role, role)
    return f"{share.percent}% of {who} ({share.count} of {share.total}) were more positive {about}."


def survey_impact(survey: Survey) -> SurveyImpact:
    questions = list(survey.questions.filter(kind=QuestionKind.SCALE).order_by("number"))
    rows = Answer.objects.filter(
        response__survey=survey, question__in=questions, scale__isnull=False
    ).values_list(
        "question_id",
        "response__wave",
        "response__role",
        "response__person_id",
        "response__pairing_code",
        "scale",
    )
    by_question: dict[int, list[ScaleAnswer]] = {q.pk: [] for q in questions}
    for question_id, wave, role, person_id, code, scale in rows:
        key = pair_key(person_id, code)
        by_question[question_id].append(ScaleAnswer(role, wave, scale or 0, key))  # scale is never null here
    impacts = [
        QuestionImpact(
            question,
            [
                RoleImpact(g.group, role_label(g.group), g)
                for g in impact_by_group(by_question[question.pk], order=ROLE_ORDER)
            ],
        )
        for question in questions
    ]
    counts = {wave: 0 for wave in Wave.values}
    keys: dict[str, set[str]] = {wave: set() for wave in Wave.values}
    for wave, person_id, code in Response.objects.filter(survey=survey).values_list(
        "wave", "person_id", "pairing_code"
    ):
        counts[wave] += 1
        key = pair_key(person_id, code)
        if key:
            keys[wave].add(key)
    return SurveyImpact(
        survey=survey,
        answered_before=counts[Wave.BEFORE],
        answered_after=counts[Wave.AFTER],
        pairs=len(keys[Wave.BEFORE] & keys[Wave.AFTER]),
        questions=impacts,
        headlines=headlines(impacts),
    )


def headlines(impacts: list[QuestionImpact]) -> list[Headline]:
    """Per role with enough pairs to read, the question on which most of it grew more positive.

    Everyone together and small groups are left out: a headline is a figure people will quote.
    """
    best: dict[str, tuple[QuestionImpact, RoleImpact]] = {}
    for question_impact in impacts:
        for role_impact in question_impact.paired_roles:
            impact = role_impact.impact
            if role_impact.role == EVERYONE or impact.small or impact.paired is None:
                continue
            current = best.get(role_impact.role)
            if current is None or _more(impact) > _more(current[1].impact):
                best[role_impact.role] = (question_impact, role_impact)
    result = []
    for role in sorted(best, key=lambda r: ROLE_ORDER.index(r) if r in ROLE_ORDER else len(ROLE_ORDER)):
        question_impact, role_impact = best[role]
        assert role_impact.impact.paired is not None
        share = role_impact.impact.paired.more_positive
        result.append(
            Headline(
                role,
                role_impact.role_label,
                question_impact.question,
                share,
                headline_sentence(role, question_impact.question, share),
            )
        )
    return result


def _more(impact: GroupImpact) -> float:
    return impact.paired.more_positive.value or 0.0 if impact.paired else 0.0


def area_impact(area: Area) -> list[SurveyImpact]:
    """The impact of each of the area's surveys that has any answers, oldest survey first."""
    surveys = (
        Survey.objects.filter(area=area, responses__isnull=False).distinct().order_by("created_at", "pk")
    )
    return [survey_impact(survey) for survey in surveys]
