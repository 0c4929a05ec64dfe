"""A challenge's wording agreed by vote: draft wordings go to an event's participants as statements, and
the one agreed is recorded with the consensus evidence as it stood (by role and by opinion group)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coproduce.consensus.models import Statement, StatementStatus
from coproduce.consensus.selectors import EventConsensus, event_consensus
from coproduce.consensus.services import statement_create
from coproduce.engagement.models import Event
from coproduce.programmes.models import Challenge, ChallengeAgreement, ChallengeStage


def challenge_put_to_vote(
    *, challenge: Challenge, event: Event, wordings: list[str], created_by
) -> list[Statement]:
    """Each draft wording becomes a statement of the event, open for votes; the challenge is then being
    agreed. A challenge already agreed must be moved back to agreeing first (its evidence is kept)."""
    if event.area_id != challenge.area_id:
        raise ValidationError({"event": "Choose an event of this challenge's area."})
    if challenge.stage not in (ChallengeStage.BLANK_PAGE, ChallengeStage.AGREEING):
        raise ValidationError(
            {
                "wordings": "This challenge's wording is agreed. Move it back to ‘Agreeing the challenge’ first."
            }
        )
    wordings = [w.strip() for w in wordings if w.strip()]
    if not wordings:
        raise ValidationError({"wordings": "Enter at least one draft wording, one a line."})
    with transaction.atomic():
        made = [
            statement_create(event=event, text=text, created_by=created_by, challenge=challenge)
            for text in wordings
        ]
        challenge.stage = ChallengeStage.AGREEING
        challenge.save(update_fields=["stage"])
    return made


def _counts(choices: list[str]) -> dict[str, Any]:
    agree, disagree, passed = (choices.count(c) for c in ("agree", "disagree", "pass"))
    total = agree + disagree + passed
    return {
        "agree": agree,
        "disagree": disagree,
        "pass": passed,
        "share": round(agree / total, 4) if total else 0.0,
    }


def wording_evidence(statement: Statement, consensus: EventConsensus | None = None) -> dict[str, Any]:
    """The consensus on one statement as the results page shows it now: overall, by role (judged or not)
    and by opinion group. Plain data, to be copied into the challenge's agreement."""
    consensus = consensus or event_consensus(statement.event)
    row = next((r for r in consensus.rows if r.statement.pk == statement.pk), None)
    if row is None:
        raise ValidationError("This statement is not among the event's approved statements.")
    overall = row.result.overall
    by_role = [
        {
            "role": label,
            "agree": share.agree,
            "disagree": share.disagree,
            "pass": share.passed,
            "share": round(share.share, 4),
            "judged": judged,
        }
        for label, share, judged in row.roles()
    ]
    sizes = {g.number: len(g.participants) for g in consensus.result.groups}
    by_group = [
        {
            "group": number,
            "size": sizes.get(number, 0),
            "agree": share.agree,
            "disagree": share.disagree,
            "pass": share.votes - share.agree - share.disagree,
            "share": round(share.agree / share.votes, 4) if share.votes else 0.0,
            "smoothed": round(share.smoothed, 4),
        }
        for number, share in enumerate(row.result.by_group, 1)
    ]
    return {
        "participants": overall.votes,
        "overall": {
            "agree": overall.agree,
            "disagree": overall.disagree,
            "pass": overall.passed,
            "share": round(overall.share, 4),
        },
        "by_role": by_role,
        "by_group": by_group,
        "common_ground_roles": row.result.common_ground,
        # Pol.is's judgement (every group's smoothed agreement high enough); unknown without groups.
        "common_ground_groups": row.result.groups_common_ground if by_group else None,
        "group_consensus": (
            round(row.result.group_consensus, 4)
            if by_group and row.result.group_consensus is not None
            else None
        ),
    }


def challenge_agree(
    *, challenge: Challenge, statement: Statement, agreed_by, today: datetime.date | None = None
) -> ChallengeAgreement:
    """Record that the partners agreed the challenge in this draft wording: the wording becomes the
    challenge's, and the evidence (the statement, its event and date, agreement by role and by group) is
    copied so that later votes do not change it."""
    if statement.challenge_id != challenge.pk:
        raise ValidationError({"statement": "Choose one of this challenge's draft wordings."})
    if statement.status != StatementStatus.APPROVED or statement.withdrawn_reason:
        raise ValidationError(
            {"statement": "This wording was withdrawn or not approved, so it cannot be agreed."}
        )
    if challenge.stage != ChallengeStage.AGREEING:
        raise ValidationError({"statement": "Only a challenge being agreed can be agreed."})
    evidence = wording_evidence(statement)
    if not evidence["participants"]:
        raise ValidationError({"statement": "Nobody has voted on this wording yet."})
    event = statement.event
    with transaction.atomic():
        agreement = ChallengeAgreement.objects.create(
            challenge=challenge,
            wording=statement.text,
            statement=statement,
            event=event,
            event_title=event.title,
            event_date=event.date,
            agreed_on=today or timezone.localdate(),
            agreed_by=agreed_by,
            **evidence,
        )
        challenge.text = statement.text
        challenge.stage = ChallengeStage.AGREED
        challenge.save(update_fields=["text", "stage"])
    return agreement


def draft_wordings(challenge: Challenge) -> list[tuple[Statement, dict[str, Any] | None]]:
    """The challenge's draft wordings with their consensus so far (None for one not yet approved)."""
    found: list[tuple[Statement, dict[str, Any] | None]] = []
    by_event: dict[int, EventConsensus] = {}
    for statement in challenge.draft_wordings.select_related("event").order_by("created_at", "pk"):  # type: ignore[attr-defined]
        if statement.status != StatementStatus.APPROVED or statement.withdrawn_reason:
            found.append((statement, None))
            continue
        if statement.event_id not in by_event:
            by_event[statement.event_id] = event_consensus(statement.event)
        found.append((statement, wording_evidence(statement, by_event[statement.event_id])))
    return found
