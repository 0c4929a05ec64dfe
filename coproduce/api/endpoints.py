"""API operations over areas, events, comments, proposals and actions, and the themes, surveys and statements.

Every operation checks the same permission as the matching page (coproduce/accounts/rules.py): someone with
no role in an object's area gets a 404, a member without the right a 403, and lists only hold viewable
areas. Each operation has a stable ``url_name`` (also its OpenAPI operationId), reversed as ``api:<name>``.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import ValidationError
from ninja.pagination import LimitOffsetPagination, paginate

from coproduce.accounts.rules import (
    CHANGE_PROPOSAL,
    MANAGE_EVENT,
    UPDATE_ACTION,
    VIEW_AREA,
    authorise,
    viewable_area_ids,
)
from coproduce.api.schemas import (
    ActionDetailOut,
    ActionIn,
    ActionOut,
    ActionPatch,
    AreaDetailOut,
    AreaOut,
    CommentDetailOut,
    CommentIn,
    CommentOut,
    CommentStatusChoice,
    Error,
    EventIn,
    EventOut,
    EventPatch,
    EventStatementsOut,
    ProposalIn,
    ProposalOut,
    ProposalPatch,
    SurveyDetailOut,
    SurveyOut,
    ThemeDetailOut,
    ThemeOut,
    ValidationErrorOut,
)
from coproduce.consensus.selectors import event_consensus
from coproduce.directory.models import Organisation
from coproduce.engagement import services as engagement_services
from coproduce.engagement.models import Comment, Event
from coproduce.programmes.models import Area, Challenge
from coproduce.proposals import services as proposal_services
from coproduce.proposals.models import Action, Proposal
from coproduce.surveys.models import Survey
from coproduce.surveys.selectors import survey_impact
from coproduce.themes.models import Theme
from coproduce.themes.selectors import current_run

# url_name -> (HTTP method, path under /api/, permission checked). The authorisation matrix and the tests
# enumerate the API from this table.
OPERATIONS: dict[str, tuple[str, str, str]] = {
    "area_list": ("GET", "/areas", VIEW_AREA),
    "area_detail": ("GET", "/areas/{slug}", VIEW_AREA),
    "area_event_list": ("GET", "/areas/{slug}/events", VIEW_AREA),
    "area_event_create": ("POST", "/areas/{slug}/events", MANAGE_EVENT),
    "event_detail": ("GET", "/events/{event_id}", VIEW_AREA),
    "event_update": ("PATCH", "/events/{event_id}", MANAGE_EVENT),
    "event_comment_list": ("GET", "/events/{event_id}/comments", VIEW_AREA),
    "event_comment_create": ("POST", "/events/{event_id}/comments", MANAGE_EVENT),
    "comment_detail": ("GET", "/comments/{comment_id}", VIEW_AREA),
    "area_proposal_list": ("GET", "/areas/{slug}/proposals", VIEW_AREA),
    "area_proposal_create": ("POST", "/areas/{slug}/proposals", CHANGE_PROPOSAL),
    "proposal_detail": ("GET", "/proposals/{proposal_id}", VIEW_AREA),
    "proposal_update": ("PATCH", "/proposals/{proposal_id}", CHANGE_PROPOSAL),
    "proposal_action_list": ("GET", "/proposals/{proposal_id}/actions", VIEW_AREA),
    "proposal_action_create": ("POST", "/proposals/{proposal_id}/actions", CHANGE_PROPOSAL),
    "action_detail": ("GET", "/actions/{action_id}", VIEW_AREA),
    "action_update": ("PATCH", "/actions/{action_id}", UPDATE_ACTION),
    "area_theme_list": ("GET", "/areas/{slug}/themes", VIEW_AREA),
    "theme_detail": ("GET", "/themes/{theme_id}", VIEW_AREA),
    "area_survey_list": ("GET", "/areas/{slug}/surveys", VIEW_AREA),
    "survey_detail": ("GET", "/surveys/{survey_id}", VIEW_AREA),
    "event_statement_list": ("GET", "/events/{event_id}/statements", VIEW_AREA),
}

router = Router()

# Operations that read query parameters, which may be malformed (a 422) like a body or an id.
QUERIED = frozenset({"event_comment_list"})


def _errors(name: str) -> dict[int, Any]:
    """Every error status the operation can answer, so the OpenAPI document states them all.

    401: no token, or a bad or expired one. 404: no such object, or none you have a role in its area
    of. 403: a member without the right, a read-only token, or a session write without the CSRF token.
    400: a body that is not JSON. 422: a malformed id, query or body, or one the services refuse (an
    owner, challenge or comment of another area)."""
    method, path, _ = OPERATIONS[name]
    errors: dict[int, Any] = {401: Error}
    if "{" in path:
        errors[404] = Error
    if "_id}" in path or name in QUERIED or method != "GET":
        errors[422] = ValidationErrorOut
    if method != "GET":
        errors |= {400: Error, 403: Error}
    return errors


def _op(name: str, tag: str, *, response: dict[int, Any], **kwargs: Any) -> Any:
    method, path, _ = OPERATIONS[name]
    return router.api_operation(
        [method],
        path,
        url_name=name,
        operation_id=name,
        tags=[tag],
        response={**response, **_errors(name)},
        **kwargs,
    )


def _get(request: HttpRequest, queryset: QuerySet, perm: str, **lookup: Any) -> Any:
    obj = get_object_or_404(queryset, **lookup)
    authorise(request.auth, perm, obj)  # type: ignore[attr-defined]
    return obj


def _by_id(queryset: QuerySet, ids: Iterable[int], field: str, what: str) -> list[Any]:
    """The objects with these ids, or a 422 naming the ids that do not exist. Whether they belong to the
    area is the service's rule (a ValidationError, answered as a 422 by coproduce/api/api.py)."""
    wanted = list(dict.fromkeys(ids))
    found = {obj.pk: obj for obj in queryset.filter(pk__in=wanted)}
    missing = [pk for pk in wanted if pk not in found]
    if missing:
        listed = ", ".join(str(pk) for pk in missing)
        raise ValidationError(
            [
                {
                    "type": "value_error",
                    "loc": ["body", "payload", field],
                    "msg": f"No {what} in this area with id {listed}",
                }
            ]
        )
    return [found[pk] for pk in wanted]


def _owner(owner_id: int | None) -> Organisation | None:
    if owner_id is None:
        return None
    return _by_id(Organisation.objects.all(), [owner_id], "owner_id", "organisation")[0]


def _challenges(ids: Iterable[int]) -> list[Challenge]:
    return _by_id(Challenge.objects.all(), ids, "challenge_ids", "challenge")


def _evidence(ids: Iterable[int]) -> list[Comment]:
    return _by_id(Comment.objects.select_related("event"), ids, "evidence_ids", "comment")


AREAS = Area.objects.select_related("programme")
EVENTS = Event.objects.select_related("area")
COMMENTS = Comment.objects.select_related("event__area")
PROPOSALS = Proposal.objects.select_related("area").prefetch_related(
    "challenges", Prefetch("evidence", queryset=Comment.objects.only("pk")), "actions"
)
ACTIONS = Action.objects.select_related("proposal__area")


# ---- Areas -------------------------------------------------------------------------------------------


@_op("area_list", "Areas", response={200: list[AreaOut]})
def area_list(request: HttpRequest) -> Any:
    """The areas you have a role in (all of them for a superuser)."""
    areas = AREAS.all()
    allowed = viewable_area_ids(request.auth)  # type: ignore[attr-defined]
    return areas if allowed is None else areas.filter(pk__in=allowed)


@_op("area_detail", "Areas", response={200: AreaDetailOut})
def area_detail(request: HttpRequest, slug: str) -> Any:
    """An area with its challenges and organisations (the ids proposals and actions refer to)."""
    return _get(request, AREAS, VIEW_AREA, slug=slug)


# ---- Events ------------------------------------------------------------------------------------------


@_op("area_event_list", "Events", response={200: list[EventOut]})
def area_event_list(request: HttpRequest, slug: str) -> Any:
    area = _get(request, AREAS, VIEW_AREA, slug=slug)
    return EVENTS.filter(area=area)


@_op("area_event_create", "Events", response={201: EventOut})
def area_event_create(request: HttpRequest, slug: str, payload: EventIn) -> Any:
    area = _get(request, AREAS, MANAGE_EVENT, slug=slug)
    event = engagement_services.event_create(area=area, **payload.dict())
    return Status(201, event)


@_op("event_detail", "Events", response={200: EventOut})
def event_detail(request: HttpRequest, event_id: int) -> Any:
    return _get(request, EVENTS, VIEW_AREA, pk=event_id)


@_op("event_update", "Events", response={200: EventOut})
def event_update(request: HttpRequest, event_id: int, payload: EventPatch) -> Any:
    """Change an event. Only the fields sent are changed; opening and closing capture is a status change."""
    event = _get(request, EVENTS, MANAGE_EVENT, pk=event_id)
    return engagement_services.event_update(event=event, **payload.dict(exclude_unset=True))


# The largest LIMIT or OFFSET SQLite and PostgreSQL take (a signed 64-bit integer): beyond it a 422 that
# the OpenAPI document states, not a server error.
DB_MAX_INT = 2**63 - 1


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=DB_MAX_INT, description="How many to return.")
        offset: int = Field(0, ge=0, le=DB_MAX_INT, description="How many to skip.")


class CommentFilter(Schema):
    status: CommentStatusChoice | None = None


@_op("event_comment_list", "Comments", response={200: list[CommentOut]})
@paginate(Pagination)
def event_comment_list(request: HttpRequest, event_id: int, filters: Query[CommentFilter]) -> Any:
    """The event's comments, oldest first: accepted ones, and held ones (sent after it closed)."""
    event = _get(request, EVENTS, VIEW_AREA, pk=event_id)
    comments = COMMENTS.filter(event=event)
    if filters.status:
        comments = comments.filter(status=filters.status)
    return comments


@_op("event_comment_create", "Comments", response={201: CommentOut})
def event_comment_create(request: HttpRequest, event_id: int, payload: CommentIn) -> Any:
    """Record a comment made at the event, as a facilitator does on the capture screen."""
    event = _get(request, EVENTS, MANAGE_EVENT, pk=event_id)
    (comment,) = engagement_services.comments_capture(
        event=event,
        texts=[payload.text],
        author_role=payload.author_role,
        source=payload.source,
        method_step=payload.method_step,
        captured_by=request.auth,  # type: ignore[attr-defined]
    )
    return Status(201, comment)


@_op("comment_detail", "Comments", response={200: CommentDetailOut})
def comment_detail(request: HttpRequest, comment_id: int) -> Any:
    """A comment, and the proposals that cite it (with their actions): the trail forward."""
    return _get(request, COMMENTS.prefetch_related("proposals__actions"), VIEW_AREA, pk=comment_id)


# ---- Proposals ---------------------------------------------------------------------------------------


@_op("area_proposal_list", "Proposals", response={200: list[ProposalOut]})
def area_proposal_list(request: HttpRequest, slug: str) -> Any:
    area = _get(request, AREAS, VIEW_AREA, slug=slug)
    return PROPOSALS.filter(area=area)


@_op("area_proposal_create", "Proposals", response={201: ProposalOut})
def area_proposal_create(request: HttpRequest, slug: str, payload: ProposalIn) -> Any:
    area = _get(request, AREAS, CHANGE_PROPOSAL, slug=slug)
    proposal = proposal_services.proposal_create(
        area=area,
        title=payload.title,
        summary=payload.summary,
        challenges=_challenges(payload.challenge_ids),
        evidence=_evidence(payload.evidence_ids),
        owner=_owner(payload.owner_id),
        status=payload.status,
        is_published=payload.is_published,
    )
    return Status(201, PROPOSALS.get(pk=proposal.pk))


@_op("proposal_detail", "Proposals", response={200: ProposalOut})
def proposal_detail(request: HttpRequest, proposal_id: int) -> Any:
    """A proposal with the challenges it answers and the comments cited as its evidence."""
    return _get(request, PROPOSALS, VIEW_AREA, pk=proposal_id)


@_op("proposal_update", "Proposals", response={200: ProposalOut})
def proposal_update(request: HttpRequest, proposal_id: int, payload: ProposalPatch) -> Any:
    """Change a proposal. Only the fields sent are changed; id lists replace the current ones."""
    proposal = _get(request, PROPOSALS, CHANGE_PROPOSAL, pk=proposal_id)
    data = payload.dict(exclude_unset=True)
    if "challenge_ids" in data:
        data["challenges"] = _challenges(data.pop("challenge_ids"))
    if "evidence_ids" in data:
        data["evidence"] = _evidence(data.pop("evidence_ids"))
    if "owner_id" in data:
        data["owner"] = _owner(data.pop("owner_id"))
    proposal_services.proposal_update(proposal=proposal, **data)
    return PROPOSALS.get(pk=proposal.pk)


# ---- Actions -----------------------------------------------------------------------------------------


@_op("proposal_action_list", "Actions", response={200: list[ActionOut]})
def proposal_action_list(request: HttpRequest, proposal_id: int) -> Any:
    proposal = _get(request, Proposal.objects.select_related("area"), VIEW_AREA, pk=proposal_id)
    return ACTIONS.filter(proposal=proposal)


@_op("proposal_action_create", "Actions", response={201: ActionOut})
def proposal_action_create(request: HttpRequest, proposal_id: int, payload: ActionIn) -> Any:
    proposal = _get(request, Proposal.objects.select_related("area"), CHANGE_PROPOSAL, pk=proposal_id)
    action = proposal_services.action_create(
        proposal=proposal,
        title=payload.title,
        owner=_owner(payload.owner_id),
        due_date=payload.due_date,
        status=payload.status,
    )
    return Status(201, action)


@_op("action_detail", "Actions", response={200: ActionDetailOut})
def action_detail(request: HttpRequest, action_id: int) -> Any:
    """An action and its trail back: the proposal, the challenges it answers, the comments cited."""
    return _get(request, ACTIONS, VIEW_AREA, pk=action_id)


@_op("action_update", "Actions", response={200: ActionDetailOut})
def action_update(request: HttpRequest, action_id: int, payload: ActionPatch) -> Any:
    """Record progress on an action: a new status, a progress note, or both."""
    action = _get(request, ACTIONS, UPDATE_ACTION, pk=action_id)
    status = payload.status or action.status
    if payload.note:
        proposal_services.action_record_progress(
            action=action,
            text=payload.note,
            status=status,
            author=request.auth,  # type: ignore[attr-defined]
        )
    else:
        proposal_services.action_status_set(action=action, status=status)
    return action


# ---- Themes, surveys and statements: what the analysis, results and votes pages show ------------------


THEMES = Theme.objects.select_related("run__area").prefetch_related("proposals")


@_op("area_theme_list", "Themes", response={200: list[ThemeOut]})
def area_theme_list(request: HttpRequest, slug: str) -> Any:
    """The themes of the area's current analysis (the latest that finished), largest first; none before
    the first analysis has finished."""
    area = _get(request, AREAS, VIEW_AREA, slug=slug)
    run = current_run(area)
    return THEMES.filter(run=run, is_active=True) if run else []


@_op("theme_detail", "Themes", response={200: ThemeDetailOut})
def theme_detail(request: HttpRequest, theme_id: int) -> Any:
    """A theme with its comments. A comment hidden or removed by a facilitator is never listed."""
    return _get(request, THEMES, VIEW_AREA, pk=theme_id)


SURVEYS = Survey.objects.select_related("area")


@_op("area_survey_list", "Surveys", response={200: list[SurveyOut]})
def area_survey_list(request: HttpRequest, slug: str) -> Any:
    area = _get(request, AREAS, VIEW_AREA, slug=slug)
    return SURVEYS.filter(area=area)


@_op("survey_detail", "Surveys", response={200: SurveyDetailOut})
def survey_detail(request: HttpRequest, survey_id: int) -> Any:
    """A survey with the impact by role of each scale question: how each role's answers moved between
    the waves, paired where the same people answered both, and the headline figure per role."""
    return survey_impact(_get(request, SURVEYS, VIEW_AREA, pk=survey_id))


@_op("event_statement_list", "Statements", response={200: EventStatementsOut})
def event_statement_list(request: HttpRequest, event_id: int) -> Any:
    """The event's statements with their votes overall and by role, where the roles agree or split,
    and the opinion groups; statements withdrawn for quoting a moderated comment say why."""
    return event_consensus(_get(request, EVENTS, VIEW_AREA, pk=event_id))
