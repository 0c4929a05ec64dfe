"""Writes for the market place: needs (checked, with history), their ranking, and agreeing a match.

What must hold whoever writes is checked here: ages in order, a need that ends after it starts, the centre,
place, evidence and themes in the need's area. A breach is a ``ValidationError`` keyed by the field, and
nothing is saved. Ranking runs in the task worker: ``need_rank_start`` marks the need queued and enqueues
the task that tasks.py registers here (``rank_task_register``), so services never import tasks.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils import timezone

from coproduce.analysis import matching
from coproduce.analysis.embed import make_embedder
from coproduce.directory.models import Organisation, OrganisationKind
from coproduce.engagement.models import Comment, Event, EventKind
from coproduce.marketplace.models import Match, MatchStatus, Need, RankingStatus
from coproduce.marketplace.selectors import need_as_data, offers_for_area
from coproduce.programmes.models import Area
from coproduce.proposals import services as proposal_services
from coproduce.proposals.models import Proposal, ProposalStatus
from coproduce.service_directory.models import DAYS, Location, Service, TaxonomyTerm
from coproduce.themes.embeddings import DatabaseEmbeddingCache

if TYPE_CHECKING:
    from coproduce.proposals.models import Action
    from coproduce.themes.models import Theme

POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?\s*[0-9][A-Z]{2}$")
MARKET_PLACE_PROPOSAL = "Market place: agreed matches"

NEED_FIELDS = (
    "centre",
    "title",
    "description",
    "service_type",
    "minimum_age",
    "maximum_age",
    "location",
    "postcode",
    "days",
    "start_time",
    "end_time",
    "families",
    "budget_band",
)


def _check_need(area: Area, values: dict[str, Any], evidence: list[Comment], themes: list[Theme]) -> None:
    """Every problem at once, each keyed by its field."""
    errors: dict[str, str] = {}
    centre: Organisation | None = values.get("centre")
    if centre is None or centre.area_id != area.pk or centre.kind != OrganisationKind.CHILDRENS_CENTRE:
        errors["centre"] = "Choose a children's centre of this area"
    if not (values.get("title") or "").strip():
        errors["title"] = "Enter a short title for the need"
    if not (values.get("description") or "").strip():
        errors["description"] = "Say what families need and why"
    if not isinstance(values.get("service_type"), TaxonomyTerm):
        errors["service_type"] = "Choose the type of service needed"
    low, high = values.get("minimum_age"), values.get("maximum_age")
    if low is not None and high is not None and low > high:
        errors["maximum_age"] = (
            f"The oldest age ({high}) must be the same as or more than the youngest age ({low})"
        )
    start, end = values.get("start_time"), values.get("end_time")
    if (start is None) != (end is None):
        errors["end_time" if end is None else "start_time"] = "Give both a start and an end time, or neither"
    elif start is not None and end is not None and end <= start:
        errors["end_time"] = f"The end time ({end:%H:%M}) must be after the start time ({start:%H:%M})"
    unknown = [d for d in (values.get("days") or "").split(",") if d and d not in DAYS]
    if unknown:
        errors["days"] = f"Choose days of the week (not {', '.join(unknown)})"
    location: Location | None = values.get("location")
    if location is not None and location.organisation.area_id != area.pk:
        errors["location"] = "Choose a place in this area"
    postcode = (values.get("postcode") or "").strip().upper()
    if postcode and not POSTCODE.match(postcode):
        errors["postcode"] = "Enter a real postcode, like DA7 4DT"
    families = values.get("families")
    if families is not None and families < 1:
        errors["families"] = "Enter how many families, 1 or more, or leave it blank"
    foreign = [c.pk for c in evidence if c.event.area_id != area.pk]
    if foreign:
        errors["evidence"] = f"No comment in this area with id {', '.join(map(str, foreign))}"
    foreign = [t.pk for t in themes if t.run.area_id != area.pk]
    if foreign:
        errors["themes"] = f"No theme in this area with id {', '.join(map(str, foreign))}"
    if errors:
        raise ValidationError(errors)


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    cleaned = {k: v for k, v in values.items() if k in NEED_FIELDS}
    if "postcode" in cleaned:
        cleaned["postcode"] = (cleaned["postcode"] or "").strip().upper()
    return cleaned


def need_create(
    *,
    area: Area,
    evidence: Iterable[Comment] = (),
    themes: Iterable[Theme] = (),
    user=None,
    is_illustrative: bool = False,
    rank: bool = True,
    **values: Any,
) -> Need:
    evidence, themes = list(evidence), list(themes)
    values = _clean(values)
    _check_need(area, values, evidence, themes)
    with transaction.atomic():
        need = Need.objects.create(area=area, created_by=user, is_illustrative=is_illustrative, **values)
        if evidence:
            need.evidence.set(evidence)
        if themes:
            need.themes.set(themes)
        if rank:
            need_rank_start(need=need)
    return need


def need_update(
    *,
    need: Need,
    evidence: Iterable[Comment] | None = None,
    themes: Iterable[Theme] | None = None,
    is_open: bool | None = None,
    **values: Any,
) -> Need:
    """Change what is given (evidence and themes given replace the current ones), then rank again."""
    values = _clean(values)
    merged = {name: getattr(need, name) for name in NEED_FIELDS} | values
    new_evidence = list(evidence) if evidence is not None else list(need.evidence.all())
    new_themes = list(themes) if themes is not None else list(need.themes.all())
    _check_need(need.area, merged, new_evidence, new_themes)
    with transaction.atomic():
        for name, value in values.items():
            setattr(need, name, value)
        if is_open is not None:
            need.is_open = is_open
        need.save()
        if evidence is not None:
            need.evidence.set(new_evidence)
        if themes is not None:
            need.themes.set(new_themes)
        need_rank_start(need=need)
    return need


# --- ranking ---------------------------------------------------------------------------------------------

_rank_task: Any = None


def rank_task_register(task: Any) -> None:
    """Name the task ``need_rank_start`` queues: ``tasks.rank_need``."""
    global _rank_task
    _rank_task = task


def need_rank_start(*, need: Need) -> None:
    """Mark the need's matches as being worked out and queue the work (after the transaction commits)."""
    if _rank_task is None:
        raise ImproperlyConfigured("coproduce.marketplace.tasks is not loaded, so no task can rank needs")
    Need.objects.filter(pk=need.pk).update(ranking_status=RankingStatus.QUEUED, ranking_error="")
    need.ranking_status = RankingStatus.QUEUED
    transaction.on_commit(lambda: _rank_task.enqueue(need.pk))


def area_rank_start(*, area: Area) -> int:
    """Work out again the matches of every open need of the area (after services were published)."""
    needs = list(area.centre_needs.filter(is_open=True))
    for need in needs:
        need_rank_start(need=need)
    return len(needs)


def _reasons_json(reasons: Iterable[matching.Reason]) -> list[dict[str, Any]]:
    return [
        {"criterion": r.criterion, "score": None if r.score is None else round(r.score, 4), "text": r.text}
        for r in reasons
    ]


def need_rank_carry_out(*, need: Need, embedder: matching.Embedder | None = None) -> Need:
    """Rank the area's published services for the need and keep the result: new candidates are suggested,
    suggestions no longer candidates are dropped, and matches someone acted on keep their status (with no
    rank when they no longer qualify)."""
    offers = offers_for_area(need.area)
    try:
        embedder = embedder or make_embedder(settings.THEMES_EMBEDDER)
        ranking = matching.rank(
            [need_as_data(need)], offers, embedder=embedder, cache=DatabaseEmbeddingCache()
        )
    except Exception as error:  # the need keeps its old matches and says why
        Need.objects.filter(pk=need.pk).update(ranking_status=RankingStatus.FAILED, ranking_error=str(error))
        raise
    ranked = {m.offer: m for m in ranking.for_need(need.pk)}
    with transaction.atomic():
        existing: dict[Any, Match] = {m.service_id: m for m in need.matches.select_for_update()}
        for service_id, found in ranked.items():
            match = existing.pop(service_id, None) or Match(need=need, service_id=cast(Any, service_id))
            match.rank, match.score, match.reasons = found.rank, found.score, _reasons_json(found.reasons)
            match.save()
        for match in existing.values():
            if match.status == MatchStatus.SUGGESTED:
                match.delete()
            elif match.rank is not None:
                match.rank = None
                match.save(update_fields=["rank"])
        need.ranking_status, need.ranked_at, need.ranking_error = RankingStatus.DONE, timezone.now(), ""
        Need.objects.filter(pk=need.pk).update(
            ranking_status=need.ranking_status, ranked_at=need.ranked_at, ranking_error=""
        )
    return need


# --- what the centre and the VCS made of a match ---------------------------------------------------------


def _check_event(area: Area, event: Event | None) -> None:
    if event is not None and (event.area_id != area.pk or event.kind != EventKind.MARKET_PLACE):
        raise ValidationError({"event": "Choose a market place event of this area"})


def match_record(*, match: Match, status: str, event: Event | None = None, note: str = "") -> Match:
    """Record that a match was discussed or not taken up (at a market place event, or not)."""
    if status not in (MatchStatus.DISCUSSED, MatchStatus.DECLINED, MatchStatus.SUGGESTED):
        raise ValidationError({"status": "Choose discussed or not taken up (agreeing makes an action)"})
    if match.status == MatchStatus.AGREED:
        raise ValidationError({"status": "This match is agreed and has an action: change the action instead"})
    _check_event(match.area, event)
    match.status, match.event, match.note = status, event or match.event, note or match.note
    match.save(update_fields=["status", "event", "note"])
    return match


def _market_place_proposal(need: Need) -> Proposal:
    """The area's proposal for agreed market place matches, started on the first agreement; each need's
    cited comments and themes are added to its evidence, so an action walks back to what people said."""
    proposal = need.area.proposals.filter(title=MARKET_PLACE_PROPOSAL).first()
    if proposal is None:
        proposal = proposal_services.proposal_create(
            area=need.area,
            title=MARKET_PLACE_PROPOSAL,
            summary=(
                "Services of the voluntary and community sector that children's centres agreed to use, "
                "matched to the centres' stated needs at the market place."
            ),
            status=ProposalStatus.AGREED,
        )
    cited = set(proposal.evidence.values_list("pk", flat=True))
    for comment in need.evidence.select_related("event"):
        if comment.pk not in cited:
            proposal_services.proposal_cite(proposal=proposal, comment=comment)
    linked = set(proposal.themes.values_list("pk", flat=True))
    for theme in need.themes.select_related("run"):
        if theme.pk not in linked:
            proposal_services.proposal_theme_link(proposal=proposal, theme=theme)
    return proposal


def match_agree(
    *,
    match: Match,
    user,
    title: str,
    due_date: datetime.date | None = None,
    proposal: Proposal | None = None,
    event: Event | None = None,
    note: str = "",
) -> Action:
    """The centre and the VCS organisation agree: the match becomes an action owned by the service's
    organisation, under ``proposal`` (else the area's market place proposal)."""
    need = match.need
    errors: dict[str, str] = {}
    with transaction.atomic():  # read afresh and locked: two people agreeing at once make one action
        match.status = Match.objects.select_for_update().values_list("status", flat=True).get(pk=match.pk)
        service = Service.objects.select_related("organisation").get(pk=match.service_id)
    if match.status == MatchStatus.AGREED:
        errors["status"] = "This match is already agreed"
    if not service.is_published:
        errors["service"] = "The service is no longer published, so it cannot be agreed"
    if not title.strip():
        errors["title"] = "Enter what will be done"
    if proposal is not None and proposal.area_id != need.area_id:
        errors["proposal"] = "Choose a proposal of this area"
    if errors:
        raise ValidationError(errors)
    _check_event(need.area, event)
    with transaction.atomic():
        proposal = proposal or _market_place_proposal(need)
        action = proposal_services.action_create(
            proposal=proposal, title=title.strip(), owner=service.organisation, due_date=due_date
        )
        match.status, match.action, match.event = MatchStatus.AGREED, action, event or match.event
        match.agreed_by, match.agreed_at, match.note = user, timezone.now(), note or match.note
        match.save()
    return action
