"""Request and response bodies for the API.

Choice fields are Literals built from the model choices, so the OpenAPI document lists the allowed values,
and a wrong value gets a 422 that says which values are allowed.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from django.db.models import TextChoices
from ninja import Field, Schema
from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    ModelWrapValidatorHandler,
    Strict,
    ValidationError,
    ValidationInfo,
    WrapValidator,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from coproduce.accounts.rules import MANAGE_EVENT
from coproduce.directory.models import Role
from coproduce.engagement.comment_text import (
    COMMENT_MAX_LENGTH,
    TOO_LONG_API,
    CommentTextError,
    comment_text_clean,
)
from coproduce.engagement.models import (
    CommentSource,
    CommentStatus,
    EventKind,
    EventStatus,
    Method,
    MethodStep,
)
from coproduce.proposals.models import ActionStatus, ProposalStatus

PROGRESS_NOTE_MAX_LENGTH = 2000
TITLE_MAX_LENGTH = 200
SUMMARY_MAX_LENGTH = 100_000


def choice(choices: type[TextChoices], what: str, *, blank: bool = False) -> Any:
    """A Literal of the choice values whose error names the field's allowed values in plain words."""
    values = tuple(choices.values) + (("",) if blank else ())
    allowed = ", ".join(repr(v) for v in values)

    def check(value: Any, handler: Any) -> Any:
        try:
            return handler(value)
        except ValidationError:
            raise PydanticCustomError(
                "invalid_choice",
                "{value} is not a valid {what}. Use one of: {allowed}",
                {"value": repr(value), "what": what, "allowed": allowed},
            ) from None

    return Annotated[Literal[values], WrapValidator(check)]  # type: ignore[valid-type]


if TYPE_CHECKING:  # to type checkers these are plain strings; at run time, validated Literals
    RoleChoice = str
    MethodStepChoice = str
    SourceChoice = str
    CommentStatusChoice = str
    EventKindChoice = str
    EventStatusChoice = str
    MethodChoice = str
    ProposalStatusChoice = str
    ActionStatusChoice = str
else:
    RoleChoice = choice(Role, "author role")
    MethodStepChoice = choice(MethodStep, "method step", blank=True)
    SourceChoice = choice(CommentSource, "comment source")
    CommentStatusChoice = choice(CommentStatus, "comment status")
    EventKindChoice = choice(EventKind, "event kind")
    EventStatusChoice = choice(EventStatus, "event status")
    MethodChoice = choice(Method, "method")
    ProposalStatusChoice = choice(ProposalStatus, "proposal status")
    ActionStatusChoice = choice(ActionStatus, "action status")


def _text(value: str, what: str, max_length: int, *, required: bool = True) -> str:
    """Every free-text field follows the comment's rule (stripped, not empty, not too long), with its limit."""
    try:
        return comment_text_clean(
            value,
            subject=f"The {what}",
            max_length=max_length,
            required=required,
            empty=f"Enter the {what}",
            too_long=TOO_LONG_API,
        )
    except CommentTextError as error:
        context = {"what": what, "length": error.length, "max_length": error.max_length}
        # The message is already written out: a template with no placeholders left in it.
        raise PydanticCustomError(error.code, error.message, context) from None


def _comment_text(value: str) -> str:
    return _text(value, "comment", COMMENT_MAX_LENGTH)


# A comment's words as the API takes them: checked by the one comment-text check.
CommentText = Annotated[str, AfterValidator(_comment_text)]


def _stripped_class() -> str:
    """A regex class of the characters ``str.strip()`` removes, written with ``\\uXXXX`` escapes so that
    Python's ``re`` and ECMA-262 regexes (what OpenAPI tools use) read it the same way: their ``\\s``
    differ (``\\x1c``-``\\x1f`` and ``\\x85`` in Python, ``\\ufeff`` in ECMA)."""
    spaces = [code for code in range(0x3001) if chr(code).isspace()]
    return "".join(f"\\u{code:04x}" for code in spaces)


# A required text must hold something that is not stripped: _text strips it, then refuses it if empty.
NOT_BLANK = f"[^{_stripped_class()}]"
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date(value: Any) -> Any:
    # JSON has no dates: the body holds a full-date string (format: date), never a number of seconds.
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        return value
    raise PydanticCustomError("date_format", "Enter the date as YYYY-MM-DD, for example 2011-10-28")


IsoDate = Annotated[datetime.date, Strict(False), BeforeValidator(_iso_date)]


class InputSchema(Schema):
    """A request body: a JSON object, whose values are taken as they are typed (strict), so that a value
    the OpenAPI document does not allow (``"5"`` for an id, ``"yes"`` for a flag) is a 422, not a guess."""

    model_config = ConfigDict(strict=True)

    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(
        cls, values: Any, handler: ModelWrapValidatorHandler, info: ValidationInfo
    ) -> Any:
        # Replaces ninja's root validator, which reads fields from any object's attributes: a JSON string
        # sent as the body would give a title from str.title().
        if not isinstance(values, dict):
            raise PydanticCustomError("model_type", "Send a JSON object")
        return handler(values)


def _limit(max_length: int, min_length: int = 1) -> dict[str, Any]:
    # Documented in the OpenAPI document; enforced (after stripping spaces) by _text, with a plain message.
    limits: dict[str, Any] = {"minLength": min_length, "maxLength": max_length}
    if min_length:
        limits["pattern"] = NOT_BLANK
    return limits


def _checked(what: str, max_length: int, *, required: bool = True) -> AfterValidator:
    """The one text check (``_text``) for a field, with its name in the messages."""
    return AfterValidator(lambda value: _text(value, what, max_length, required=required))


# The free-text fields of request bodies, each declared once: its limits in the OpenAPI document and the
# check the server makes, for the create (In) and the change (Patch) bodies alike.
EventTitle = Annotated[
    str, _checked("event title", TITLE_MAX_LENGTH), Field(json_schema_extra=_limit(TITLE_MAX_LENGTH))
]
Venue = Annotated[
    str,
    _checked("venue", TITLE_MAX_LENGTH, required=False),
    Field(json_schema_extra=_limit(TITLE_MAX_LENGTH, 0)),
]
ProposalTitle = Annotated[
    str, _checked("proposal title", TITLE_MAX_LENGTH), Field(json_schema_extra=_limit(TITLE_MAX_LENGTH))
]
ProposalSummary = Annotated[
    str,
    _checked("proposal summary", SUMMARY_MAX_LENGTH),
    Field(json_schema_extra=_limit(SUMMARY_MAX_LENGTH)),
]
ActionTitle = Annotated[
    str, _checked("action title", TITLE_MAX_LENGTH), Field(json_schema_extra=_limit(TITLE_MAX_LENGTH))
]


def _without_null(field: dict[str, Any]) -> None:
    """A field's JSON Schema, as pydantic writes ``X | None = None``, minus the ``null`` it may not be."""
    options = [option for option in field.pop("anyOf", []) if option.get("type") != "null"]
    if len(options) == 1:
        field.update(options[0])
    elif options:
        field["anyOf"] = options
    if field.get("default", ...) is None:
        del field["default"]


class PatchSchema(InputSchema):
    """A PATCH body: every field may be left out, none (but those in ``NULLABLE``) may be sent as null.

    The Python fields are ``X | None = None`` so "left out" can be told apart (``exclude_unset``); the
    OpenAPI document drops the ``null`` they would otherwise advertise, because _not_null refuses it."""

    NULLABLE: ClassVar[frozenset[str]] = frozenset()

    @staticmethod
    def _document(schema: dict[str, Any], model: type[PatchSchema]) -> None:
        for name, field in schema.get("properties", {}).items():
            if name not in model.NULLABLE:
                _without_null(field)

    model_config = ConfigDict(strict=True, json_schema_extra=_document)


def _not_null(value: Any, info: ValidationInfo) -> Any:
    """PATCH bodies may leave a field out, but may not set it to null."""
    if value is None:
        raise PydanticCustomError(
            "not_null", "{field} cannot be null; leave it out to keep it", {"field": info.field_name}
        )
    return value


class Error(Schema):
    detail: str


class ErrorItem(Schema):
    type: str = Field(..., description="What kind of error, e.g. missing, too_long, value_error.")
    loc: list[str | int] = Field(..., description='Where: e.g. ["body", "payload", "title"].')
    msg: str = Field(..., description="What is wrong, in plain words.")


class ValidationErrorOut(Schema):
    """A 422: the request was understood, but a value is missing, malformed or not allowed."""

    detail: list[ErrorItem]


# ---- Areas -------------------------------------------------------------------------------------------


class ChallengeOut(Schema):
    id: int
    number: int
    text: str
    stage: str = Field(
        description="Its co-production stage: blank_page (listening), agreeing (draft wordings put to the "
        "vote), agreed, or solutions."
    )


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str


class AreaOut(Schema):
    id: int
    slug: str
    name: str
    description: str
    is_published: bool
    programme: str = Field(..., alias="programme.name")


class AreaDetailOut(AreaOut):
    challenges: list[ChallengeOut]
    organisations: list[OrganisationOut]

    @staticmethod
    def resolve_challenges(obj: Any) -> Any:
        return obj.challenges.all()

    @staticmethod
    def resolve_organisations(obj: Any) -> Any:
        return obj.organisations.all()


# ---- Events ------------------------------------------------------------------------------------------


class EventOut(Schema):
    id: int
    area: str = Field(..., alias="area.slug", description="The area's slug.")
    kind: str
    title: str
    date: datetime.date
    venue: str
    methods: list[str]
    status: str
    join_code: str | None = Field(None, description="Only for those who may run the event.")

    @staticmethod
    def resolve_join_code(obj: Any, context: Any) -> str | None:
        request = context["request"]
        return obj.join_code if request.auth.has_perm(MANAGE_EVENT, obj) else None


def _dedupe(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


class EventIn(InputSchema):
    kind: EventKindChoice
    title: EventTitle
    date: IsoDate
    venue: Venue = ""
    methods: list[MethodChoice] = Field(default_factory=list, description="Codes from Method.")
    status: EventStatusChoice = EventStatus.PLANNED.value

    @field_validator("methods")
    @classmethod
    def _methods(cls, value: list[str]) -> list[str]:
        return _dedupe(value)


class EventPatch(PatchSchema):
    kind: EventKindChoice | None = None
    title: EventTitle | None = None
    date: IsoDate | None = None
    venue: Venue | None = None
    methods: list[MethodChoice] | None = None
    status: EventStatusChoice | None = None

    @field_validator("kind", "title", "date", "venue", "methods", "status", mode="before")
    @classmethod
    def _nulls(cls, value: Any, info: ValidationInfo) -> Any:
        return _not_null(value, info)

    @field_validator("methods")
    @classmethod
    def _methods(cls, value: list[str]) -> list[str]:
        return _dedupe(value)


# ---- Comments ----------------------------------------------------------------------------------------


class CommentOut(Schema):
    id: int
    event_id: int
    area: str = Field(..., alias="event.area.slug", description="The area's slug.")
    text: str
    author_role: str
    method_step: str
    source: str
    status: str
    is_illustrative: bool
    created_at: datetime.datetime


class CommentDetailOut(CommentOut):
    proposal_ids: list[int] = Field(..., description="Proposals that cite this comment as evidence.")
    action_ids: list[int] = Field(..., description="Actions of those proposals.")

    @staticmethod
    def resolve_proposal_ids(obj: Any) -> list[int]:
        return [p.pk for p in obj.proposals.all()]

    @staticmethod
    def resolve_action_ids(obj: Any) -> list[int]:
        return [a.pk for p in obj.proposals.all() for a in p.actions.all()]


class CommentIn(InputSchema):
    text: CommentText = Field(
        ...,
        description=f"What was said, up to {COMMENT_MAX_LENGTH} characters.",
        json_schema_extra=_limit(COMMENT_MAX_LENGTH),
    )
    author_role: RoleChoice
    method_step: MethodStepChoice = ""
    source: SourceChoice = CommentSource.LIVE.value


# ---- Proposals ---------------------------------------------------------------------------------------


# Rules the services enforce that JSON Schema cannot state; the ids are listed by GET /areas/{slug}.
CHALLENGES_OF_AREA = "Ids of the area's challenges; an id of none of them is a 422."
COMMENTS_OF_AREA = "Ids of comments made at the area's events; an id of none of them is a 422."
OWNER_OF_AREA = "The id of one of the area's organisations (a 422 otherwise), or null for none."


class ProposalOut(Schema):
    id: int
    area: str = Field(..., alias="area.slug", description="The area's slug.")
    title: str
    summary: str
    status: str
    is_published: bool
    owner_id: int | None
    challenge_ids: list[int]
    evidence_ids: list[int] = Field(..., description="Comments cited as evidence.")
    action_ids: list[int]
    created_at: datetime.datetime

    @staticmethod
    def resolve_challenge_ids(obj: Any) -> list[int]:
        return [c.pk for c in obj.challenges.all()]

    @staticmethod
    def resolve_evidence_ids(obj: Any) -> list[int]:
        return [c.pk for c in obj.evidence.all()]

    @staticmethod
    def resolve_action_ids(obj: Any) -> list[int]:
        return [a.pk for a in obj.actions.all()]


class ProposalIn(InputSchema):
    title: ProposalTitle
    summary: ProposalSummary
    challenge_ids: list[int] = Field(default_factory=list, description=CHALLENGES_OF_AREA)
    evidence_ids: list[int] = Field(default_factory=list, description=COMMENTS_OF_AREA)
    owner_id: int | None = Field(None, description=OWNER_OF_AREA)
    status: ProposalStatusChoice = ProposalStatus.DRAFT.value
    is_published: bool = False


class ProposalPatch(PatchSchema):
    NULLABLE = frozenset({"owner_id"})  # null: no owner

    title: ProposalTitle | None = None
    summary: ProposalSummary | None = None
    challenge_ids: list[int] | None = Field(
        None, description=f"Replaces the challenges answered. {CHALLENGES_OF_AREA}"
    )
    evidence_ids: list[int] | None = Field(
        None, description=f"Replaces the comments cited. {COMMENTS_OF_AREA}"
    )
    owner_id: int | None = Field(None, description=OWNER_OF_AREA)
    status: ProposalStatusChoice | None = None
    is_published: bool | None = None

    @field_validator(
        "title", "summary", "challenge_ids", "evidence_ids", "status", "is_published", mode="before"
    )
    @classmethod
    def _nulls(cls, value: Any, info: ValidationInfo) -> Any:
        return _not_null(value, info)


# ---- Actions -----------------------------------------------------------------------------------------


class ActionOut(Schema):
    id: int
    proposal_id: int
    area: str = Field(..., alias="proposal.area.slug", description="The area's slug.")
    title: str
    owner_id: int | None
    due_date: datetime.date | None
    status: str
    is_overdue: bool


class ProgressNoteOut(Schema):
    id: int
    text: str
    author: str | None = Field(None, alias="author.username")
    created_at: datetime.datetime


class TrailProposal(Schema):
    id: int
    title: str
    status: str


class TrailComment(Schema):
    id: int
    event_id: int
    text: str
    author_role: str


class Trail(Schema):
    """From an action back to why it exists: its proposal, the challenges it answers, the comments cited."""

    proposal: TrailProposal
    challenges: list[ChallengeOut]
    evidence: list[TrailComment]


class ActionDetailOut(ActionOut):
    progress_notes: list[ProgressNoteOut]
    trail: Trail

    @staticmethod
    def resolve_progress_notes(obj: Any) -> Any:
        return obj.progress_notes.select_related("author")

    @staticmethod
    def resolve_trail(obj: Any) -> dict[str, Any]:
        proposal = obj.proposal
        return {
            "proposal": proposal,
            "challenges": list(proposal.challenges.all()),
            "evidence": list(proposal.evidence.order_by("event__date", "pk")),
        }


class ActionIn(InputSchema):
    title: ActionTitle
    owner_id: int | None = Field(None, description=OWNER_OF_AREA)
    due_date: IsoDate | None = None
    status: ActionStatusChoice = ActionStatus.NOT_STARTED.value


class ActionPatch(PatchSchema):
    """Record progress: a new status, a progress note, or both."""

    NULLABLE = frozenset({"note"})  # null: no note

    @staticmethod
    def _document(schema: dict[str, Any], model: type[PatchSchema]) -> None:
        PatchSchema._document(schema, model)
        # The rule _something enforces: a status, or a note with something in it, or both.
        schema["anyOf"] = [
            {"required": ["status"]},
            {"required": ["note"], "properties": {"note": {"type": "string", "pattern": NOT_BLANK}}},
        ]

    model_config = ConfigDict(strict=True, json_schema_extra=_document)

    status: ActionStatusChoice | None = None
    note: str | None = Field(
        None,
        description=f"A progress note, up to {PROGRESS_NOTE_MAX_LENGTH} characters.",
        json_schema_extra=_limit(PROGRESS_NOTE_MAX_LENGTH, 0),
    )

    @field_validator("status", mode="before")
    @classmethod
    def _nulls(cls, value: Any, info: ValidationInfo) -> Any:
        return _not_null(value, info)

    @field_validator("note")
    @classmethod
    def _note(cls, value: str | None) -> str | None:
        return _text(value, "progress note", PROGRESS_NOTE_MAX_LENGTH, required=False) if value else None

    @model_validator(mode="after")
    def _something(self) -> ActionPatch:
        if self.status is None and not self.note:
            raise PydanticCustomError("required", "Send a status, a progress note, or both")
        return self


# ---- Themes ------------------------------------------------------------------------------------------


class ThemeOut(Schema):
    id: int
    run_id: int = Field(..., description="The analysis run the theme came from.")
    area: str = Field(..., alias="run.area.slug", description="The area's slug.")
    number: int
    label: str
    description: str
    key_phrases: list[str]
    size: int = Field(..., description="Comments in the theme, leaving out hidden and removed ones.")
    is_agreed: bool
    is_active: bool = Field(..., description="False for a theme merged into another.")
    proposal_ids: list[int] = Field(..., description="Proposals that cite the theme as evidence.")

    @staticmethod
    def resolve_proposal_ids(obj: Any) -> list[int]:
        return [p.pk for p in obj.proposals.all()]


class ThemeCommentOut(Schema):
    id: int = Field(..., alias="comment.id")
    event_id: int = Field(..., alias="comment.event_id")
    text: str = Field(..., alias="comment.text")
    author_role: str = Field(..., alias="comment.author_role")
    confidence: float = Field(..., description="How surely the comment belongs to the theme, 0 to 1.")
    needs_review: bool


class ThemeDetailOut(ThemeOut):
    comments: list[ThemeCommentOut] = Field(
        ..., description="The theme's comments, least sure first; hidden and removed ones are never listed."
    )

    @staticmethod
    def resolve_comments(obj: Any) -> Any:
        return obj.assignments.select_related("comment").order_by("confidence", "pk")


# ---- Surveys -----------------------------------------------------------------------------------------


class SurveyOut(Schema):
    id: int
    area: str = Field(..., alias="area.slug", description="The area's slug.")
    event_id: int | None = Field(..., description="The event the survey is about, if any.")
    title: str
    introduction: str
    status: str
    created_at: datetime.datetime


class ImpactShareOut(Schema):
    count: int
    total: int
    value: float | None = Field(..., description="count / total; null when total is 0.")
    low: float | None = Field(..., description="Wilson 95% interval, low end.")
    high: float | None = Field(..., description="Wilson 95% interval, high end.")


class PairedChangeOut(Schema):
    pairs: int
    more_positive: ImpactShareOut
    unchanged: ImpactShareOut
    less_positive: ImpactShareOut
    p_value: float
    test: str


class UnpairedComparisonOut(Schema):
    answered_before: int
    answered_after: int
    positive_before: ImpactShareOut
    positive_after: ImpactShareOut
    p_value: float | None
    test: str


class RoleImpactOut(Schema):
    role: str = Field(..., description='A role code, or "" for everyone together.')
    role_label: str
    answered_before: int = Field(..., alias="impact.answered_before")
    answered_after: int = Field(..., alias="impact.answered_after")
    pairs: int = Field(..., alias="impact.pairs")
    small: bool = Field(..., alias="impact.small", description="Rests on too few people to read much into.")
    paired: PairedChangeOut | None = Field(..., alias="impact.paired")
    unpaired: UnpairedComparisonOut | None = Field(..., alias="impact.unpaired")


class QuestionImpactOut(Schema):
    id: int = Field(..., alias="question.id")
    number: int = Field(..., alias="question.number")
    text: str = Field(..., alias="question.text")
    topic: str = Field(..., alias="question.topic")
    roles: list[RoleImpactOut]


class HeadlineOut(Schema):
    role: str
    role_label: str
    question_id: int = Field(..., alias="question.id")
    share: ImpactShareOut
    sentence: str


class SurveyDetailOut(Schema):
    """A survey and the impact by role of each of its scale questions, as its results page shows them."""

    survey: SurveyOut
    answered_before: int
    answered_after: int
    pairs: int = Field(..., description="People who answered both waves.")
    questions: list[QuestionImpactOut]
    headlines: list[HeadlineOut]


# ---- Statements --------------------------------------------------------------------------------------


class VoteShareOut(Schema):
    agree: int
    disagree: int
    passed: int
    share: float = Field(..., description="Agree as a share of all votes.")
    low: float = Field(..., description="Wilson 95% interval, low end.")
    high: float = Field(..., description="Wilson 95% interval, high end.")


class RoleVotesOut(Schema):
    role: str
    votes: VoteShareOut
    judged: bool = Field(..., description="Enough votes in the role to judge its agreement.")


class StatementOut(Schema):
    id: int = Field(..., alias="statement.id")
    text: str = Field(..., alias="statement.text")
    is_open: bool = Field(..., alias="statement.is_open")
    source_comment_id: int | None = Field(..., alias="statement.source_comment_id")
    withdrawn_reason: str = Field(..., alias="statement.withdrawn_reason")
    votes: VoteShareOut = Field(..., alias="result.overall")
    by_role: list[RoleVotesOut]
    common_ground: bool = Field(..., alias="result.common_ground")
    divisive: bool = Field(..., alias="result.divisive")
    gap: float = Field(..., alias="result.gap", description="Largest gap in agreement between judged roles.")

    @staticmethod
    def resolve_by_role(obj: Any) -> list[dict[str, Any]]:
        result = obj.result
        return [
            {"role": role, "votes": share, "judged": role in result.judged_roles}
            for role, share in result.by_role.items()
        ]


class DistinctiveOut(Schema):
    statement_id: int
    group_agreement: float
    others_agreement: float


class OpinionGroupOut(Schema):
    """People who voted alike; ``distinctive`` are the statements that set them apart."""

    number: int
    size: int
    roles: dict[str, int] = Field(..., description="People in the group, by role label.")
    distinctive: list[DistinctiveOut]

    @staticmethod
    def resolve_roles(obj: Any) -> dict[str, int]:
        return dict(obj.roles)

    @staticmethod
    def resolve_distinctive(obj: Any) -> list[dict[str, Any]]:
        return [
            {"statement_id": statement.pk, "group_agreement": mine, "others_agreement": theirs}
            for statement, mine, theirs in obj.distinctive
        ]


class EventStatementsOut(Schema):
    """An event's statements with their votes, and where the roles agree."""

    participants: int = Field(..., alias="result.participants")
    votes: int = Field(..., alias="result.votes")
    statements: list[StatementOut] = Field(..., alias="rows")
    groups: list[OpinionGroupOut]
    groups_reason: str = Field(..., alias="result.groups_reason")
