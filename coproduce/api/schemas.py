"""Request and response bodies for the API.

Choice fields are Literals built from the model choices, so the OpenAPI document lists the allowed values,
and a wrong value gets a 422 that says which values are allowed.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from django.db.models import TextChoices
from ninja import Field, Schema
from pydantic import (
    AfterValidator,
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


def _limit(max_length: int, min_length: int = 1) -> dict[str, Any]:
    # Documented in the OpenAPI document; enforced (after stripping spaces) by _text, with a plain message.
    return {"minLength": min_length, "maxLength": max_length}


def _not_null(value: Any, info: ValidationInfo) -> Any:
    """PATCH bodies may leave a field out, but may not set it to null."""
    if value is None:
        raise PydanticCustomError(
            "not_null", "{field} cannot be null; leave it out to keep it", {"field": info.field_name}
        )
    return value


class Error(Schema):
    detail: str


# ---- Areas -------------------------------------------------------------------------------------------


class ChallengeOut(Schema):
    id: int
    number: int
    text: str


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


class EventIn(Schema):
    kind: EventKindChoice
    title: str = Field(..., json_schema_extra=_limit(TITLE_MAX_LENGTH))
    date: datetime.date
    venue: str = Field("", json_schema_extra=_limit(TITLE_MAX_LENGTH, 0))
    methods: list[MethodChoice] = Field(default_factory=list, description="Codes from Method.")
    status: EventStatusChoice = EventStatus.PLANNED.value

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        return _text(value, "event title", TITLE_MAX_LENGTH)

    @field_validator("venue")
    @classmethod
    def _venue(cls, value: str) -> str:
        return _text(value, "venue", TITLE_MAX_LENGTH, required=False)

    @field_validator("methods")
    @classmethod
    def _methods(cls, value: list[str]) -> list[str]:
        return _dedupe(value)


class EventPatch(Schema):
    kind: EventKindChoice | None = None
    title: str | None = Field(None, json_schema_extra=_limit(TITLE_MAX_LENGTH))
    date: datetime.date | None = None
    venue: str | None = Field(None, json_schema_extra=_limit(TITLE_MAX_LENGTH, 0))
    methods: list[MethodChoice] | None = None
    status: EventStatusChoice | None = None

    @field_validator("kind", "title", "date", "venue", "methods", "status", mode="before")
    @classmethod
    def _nulls(cls, value: Any, info: ValidationInfo) -> Any:
        return _not_null(value, info)

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        return _text(value, "event title", TITLE_MAX_LENGTH)

    @field_validator("venue")
    @classmethod
    def _venue(cls, value: str) -> str:
        return _text(value, "venue", TITLE_MAX_LENGTH, required=False)

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


class CommentIn(Schema):
    text: CommentText = Field(
        ...,
        description=f"What was said, up to {COMMENT_MAX_LENGTH} characters.",
        json_schema_extra=_limit(COMMENT_MAX_LENGTH),
    )
    author_role: RoleChoice
    method_step: MethodStepChoice = ""
    source: SourceChoice = CommentSource.LIVE.value


# ---- Proposals ---------------------------------------------------------------------------------------


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


class ProposalIn(Schema):
    title: str = Field(..., json_schema_extra=_limit(TITLE_MAX_LENGTH))
    summary: str
    challenge_ids: list[int] = Field(default_factory=list, description="Challenges of the same area.")
    evidence_ids: list[int] = Field(default_factory=list, description="Comments from the same area.")
    owner_id: int | None = Field(None, description="An organisation of the same area.")
    status: ProposalStatusChoice = ProposalStatus.DRAFT.value
    is_published: bool = False

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        return _text(value, "proposal title", TITLE_MAX_LENGTH)

    @field_validator("summary")
    @classmethod
    def _summary(cls, value: str) -> str:
        return _text(value, "proposal summary", 100_000)


class ProposalPatch(Schema):
    title: str | None = Field(None, json_schema_extra=_limit(TITLE_MAX_LENGTH))
    summary: str | None = None
    challenge_ids: list[int] | None = Field(None, description="Replaces the challenges answered.")
    evidence_ids: list[int] | None = Field(None, description="Replaces the comments cited.")
    owner_id: int | None = None
    status: ProposalStatusChoice | None = None
    is_published: bool | None = None

    @field_validator(
        "title", "summary", "challenge_ids", "evidence_ids", "status", "is_published", mode="before"
    )
    @classmethod
    def _nulls(cls, value: Any, info: ValidationInfo) -> Any:
        return _not_null(value, info)

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        return _text(value, "proposal title", TITLE_MAX_LENGTH)

    @field_validator("summary")
    @classmethod
    def _summary(cls, value: str) -> str:
        return _text(value, "proposal summary", 100_000)


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


class ActionIn(Schema):
    title: str = Field(..., json_schema_extra=_limit(TITLE_MAX_LENGTH))
    owner_id: int | None = Field(None, description="An organisation of the same area.")
    due_date: datetime.date | None = None
    status: ActionStatusChoice = ActionStatus.NOT_STARTED.value

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        return _text(value, "action title", TITLE_MAX_LENGTH)


class ActionPatch(Schema):
    """Record progress: a new status, a progress note, or both."""

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
