"""Writes for proposals, their evidence and themes, and actions.

Each write is audited by django-simple-history: the proposal's and the action's own fields, and the
proposal's challenges, evidence and themes (its ``m2m_fields``), so every link is on the history too.

What must hold whoever writes (a page, the API, an import) is checked here, not in the callers: a
proposal's owner, challenges, evidence and themes, and an action's owner, belong to the proposal's
area. A breach is a ``ValidationError`` keyed by the field, which the pages show on the form and the
API answers with a 422.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from coproduce.core.updates import UNCHANGED, Keep, fields_save, given
from coproduce.directory.models import Organisation
from coproduce.engagement.models import Comment
from coproduce.programmes.models import Area, Challenge
from coproduce.proposals.models import Action, ActionStatus, ProgressNote, Proposal, ProposalStatus

if TYPE_CHECKING:
    from coproduce.themes.models import Theme


def _not_in_area(field: str, what: str, ids: Iterable[int]) -> ValidationError:
    listed = ", ".join(str(pk) for pk in ids)
    return ValidationError({field: f"No {what} in this area with id {listed}"})


def _check_owner(area: Area, owner: Organisation | None) -> None:
    if owner is not None and owner.area_id != area.pk:
        raise _not_in_area("owner", "organisation", [owner.pk])


def _check_challenges(area: Area, challenges: list[Challenge]) -> None:
    foreign = [c.pk for c in challenges if c.area_id != area.pk]
    if foreign:
        raise _not_in_area("challenges", "challenge", foreign)


def _check_evidence(area: Area, comments: list[Comment]) -> None:
    foreign = [c.pk for c in comments if c.event.area_id != area.pk]
    if foreign:
        raise _not_in_area("evidence", "comment", foreign)


def _set_evidence(proposal: Proposal, comments: list[Comment]) -> None:
    """Cite and uncite one by one, so each change is a history row of its own."""
    current = set(proposal.evidence.values_list("pk", flat=True))
    wanted = {c.pk for c in comments}
    for comment in proposal.evidence.filter(pk__in=current - wanted):
        proposal_uncite(proposal=proposal, comment=comment)
    for comment in comments:
        if comment.pk not in current:
            proposal_cite(proposal=proposal, comment=comment)


def proposal_create(
    *,
    area: Area,
    title: str,
    summary: str,
    challenges: Iterable[Challenge] = (),
    evidence: Iterable[Comment] = (),
    owner: Organisation | None = None,
    status: str = ProposalStatus.DRAFT,
    is_published: bool = False,
) -> Proposal:
    challenges, evidence = list(challenges), list(evidence)
    _check_owner(area, owner)
    _check_challenges(area, challenges)
    _check_evidence(area, evidence)
    with transaction.atomic():
        proposal = Proposal.objects.create(
            area=area, title=title, summary=summary, owner=owner, status=status, is_published=is_published
        )
        if challenges:
            proposal.challenges.set(challenges)
        _set_evidence(proposal, evidence)
    return proposal


def proposal_update(
    *,
    proposal: Proposal,
    title: str | Keep = UNCHANGED,
    summary: str | Keep = UNCHANGED,
    challenges: Iterable[Challenge] | Keep = UNCHANGED,
    evidence: Iterable[Comment] | Keep = UNCHANGED,
    owner: Organisation | None | Keep = UNCHANGED,
    status: str | Keep = UNCHANGED,
    is_published: bool | Keep = UNCHANGED,
) -> Proposal:
    """Change what is given; the challenges and evidence given replace the current ones."""
    area = proposal.area
    links = given({"challenges": challenges, "evidence": evidence})
    links = {name: list(objs) for name, objs in links.items()}
    if owner is not UNCHANGED:
        _check_owner(area, owner)
    if "challenges" in links:
        _check_challenges(area, links["challenges"])
    if "evidence" in links:
        _check_evidence(area, links["evidence"])
    fields = {
        "title": title,
        "summary": summary,
        "owner": owner,
        "status": status,
        "is_published": is_published,
    }
    with transaction.atomic():
        fields_save(proposal, fields)
        if "challenges" in links:
            proposal.challenges.set(links["challenges"])
        if "evidence" in links:
            _set_evidence(proposal, links["evidence"])
    return proposal


def proposal_cite(*, proposal: Proposal, comment: Comment) -> None:
    if comment.event.area_id != proposal.area_id:
        raise ValueError("A proposal can only cite comments from its own area.")
    proposal.evidence.add(comment)


def proposal_uncite(*, proposal: Proposal, comment: Comment) -> None:
    proposal.evidence.remove(comment)


def proposal_theme_link(*, proposal: Proposal, theme: Theme) -> None:
    """The proposal cites the theme (and so the comments in it) as its evidence."""
    if theme.run.area_id != proposal.area_id:
        raise ValidationError({"theme": "A proposal can only cite themes from its own area."})
    proposal.themes.add(theme)


def proposal_theme_unlink(*, proposal: Proposal, theme: Theme) -> None:
    proposal.themes.remove(theme)


@contextmanager
def proposal_history_as(proposal: Proposal, *, user=None, reason: str = "") -> Iterator[None]:
    """The history rows written inside name ``user`` (nobody: None) and ``reason``, not whoever's request
    happens to be current: for changes the software makes on someone's behalf."""
    proposal._history_user = user  # type: ignore[attr-defined]  # read by simple-history
    proposal._change_reason = reason  # type: ignore[attr-defined]
    try:
        yield
    finally:
        del proposal._history_user, proposal._change_reason  # type: ignore[attr-defined]


def proposal_theme_relink(*, proposal: Proposal, old: Theme, new: Theme, user=None, reason: str = "") -> None:
    """A re-run of the analysis replaced ``old`` by ``new``: the proposal cites ``new`` in its place. The
    history rows name ``user`` (nobody when the analysis did it alone) and ``reason``."""
    with proposal_history_as(proposal, user=user, reason=reason), transaction.atomic():
        if not proposal.themes.filter(pk=new.pk).exists():
            proposal_theme_link(proposal=proposal, theme=new)
        proposal_theme_unlink(proposal=proposal, theme=old)


def action_create(
    *,
    proposal: Proposal,
    title: str,
    owner: Organisation | None = None,
    due_date: datetime.date | None = None,
    status: str = ActionStatus.NOT_STARTED,
) -> Action:
    _check_owner(proposal.area, owner)
    return Action.objects.create(
        proposal=proposal, title=title, owner=owner, due_date=due_date, status=status
    )


def action_update(
    *,
    action: Action,
    title: str | Keep = UNCHANGED,
    owner: Organisation | None | Keep = UNCHANGED,
    due_date: datetime.date | None | Keep = UNCHANGED,
    status: str | Keep = UNCHANGED,
) -> Action:
    """Change what is given."""
    if owner is not UNCHANGED:
        _check_owner(action.area, owner)
    fields_save(action, {"title": title, "owner": owner, "due_date": due_date, "status": status})
    return action


def action_status_set(*, action: Action, status: str) -> Action:
    """A new status with no progress note (``action_record_progress`` writes a note as well)."""
    if action.status != status:
        action.status = status
        action.save(update_fields=["status"])
    return action


def action_record_progress(*, action: Action, text: str, status: str, author) -> ProgressNote:
    with transaction.atomic():
        note = ProgressNote.objects.create(action=action, text=text, author=author)
        action_status_set(action=action, status=status)
    return note
