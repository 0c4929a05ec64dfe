"""Writes for statements and votes."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coproduce.consensus.models import STATEMENT_MAX_LENGTH, Statement, StatementStatus, Vote
from coproduce.directory.models import Person
from coproduce.engagement.models import MODERATED_OUT, Comment, Event
from coproduce.programmes.models import Challenge

# A participant may add one statement a minute: enough to say what is missing, too few to flood the room.
PARTICIPANT_STATEMENT_INTERVAL = datetime.timedelta(minutes=1)


class VotingClosed(Exception):
    """The statement or its event no longer takes votes."""


def statement_create(
    *,
    event: Event,
    text: str,
    created_by=None,
    source_comment: Comment | None = None,
    challenge: Challenge | None = None,
) -> Statement:
    """A statement written in the back office (by hand, from a comment or theme, as a challenge's draft
    wording): approved as it is written, so open for votes at once."""
    return Statement.objects.create(
        event=event,
        text=text.strip(),
        created_by=created_by,
        source_comment=source_comment,
        challenge=challenge,
    )


def participant_statement_submit(*, event: Event, person: Person, text: str) -> Statement:
    """A participant's statement from their phone: kept waiting (closed to votes) until a facilitator
    approves it. One a minute per participant, counted from what they have already submitted."""
    if not event.is_open:
        raise ValidationError({"text": "This event has closed, so it no longer takes new statements."})
    recent = Statement.objects.filter(
        submitted_by=person, event=event, created_at__gte=timezone.now() - PARTICIPANT_STATEMENT_INTERVAL
    )
    if recent.exists():
        raise ValidationError(
            {"text": "You can add one statement a minute. Wait a moment and send it again: it is still here."}
        )
    return Statement.objects.create(
        event=event, text=text.strip(), submitted_by=person, status=StatementStatus.PENDING, is_open=False
    )


def statement_review(*, statement: Statement, approve: bool) -> Statement:
    """A facilitator approves a participant's statement (it opens for votes) or rejects it (it stays
    closed and is never shown to voters or in the results)."""
    if statement.status != StatementStatus.PENDING:
        raise ValidationError("This statement has already been approved or rejected.")
    statement.status = StatementStatus.APPROVED if approve else StatementStatus.REJECTED
    statement.is_open = approve
    statement.save(update_fields=["status", "is_open"])
    return statement


def statements_from_comments(*, event: Event, comments: list[Comment], created_by=None) -> list[Statement]:
    """Each chosen comment becomes a statement, in its own words (cut to the statement length)."""
    with transaction.atomic():
        return [
            statement_create(
                event=event,
                text=comment.text[:STATEMENT_MAX_LENGTH],
                created_by=created_by,
                source_comment=comment,
            )
            for comment in comments
        ]


def statement_set_open(*, statement: Statement, is_open: bool) -> Statement:
    """Open or close voting; a statement withdrawn for quoting moderated words, or not approved, stays
    closed."""
    if statement.withdrawn_reason or statement.status != StatementStatus.APPROVED:
        is_open = False
    statement.is_open = is_open
    statement.save(update_fields=["is_open"])
    return statement


def vote_cast(*, statement: Statement, person_id: int, role: str, choice: str) -> None:
    """Record or change a participant's vote: one row per participant and statement, written in one
    statement (an upsert), so two quick taps or two devices of one person never make two votes."""
    if not statement.is_open or not statement.event.is_open:
        raise VotingClosed
    now = timezone.now()
    Vote.objects.bulk_create(
        [
            Vote(
                statement=statement,
                person_id=person_id,
                role=role,
                choice=choice,
                created_at=now,
                updated_at=now,
            )
        ],
        update_conflicts=True,
        unique_fields=["statement", "person"],
        update_fields=["choice", "role", "updated_at"],
    )


def statements_withdraw_quoting(*, comment: Comment, previous_text: str) -> int:
    """A comment's words were moderated (edited, hidden, removed, discarded): every statement that quotes
    the words no longer shown as they were is closed and taken off the public results, with the reason.
    A statement a facilitator rewrote in their own words is left as it is. Returns how many were taken down."""
    shown = comment.status not in MODERATED_OUT
    if shown and comment.text == previous_text:
        return 0
    quoted = previous_text[:STATEMENT_MAX_LENGTH]
    reason = (
        "Its comment was edited, so the words it quotes are no longer shown."
        if shown
        else "Its comment was hidden or removed by a facilitator."
    )
    return Statement.objects.filter(source_comment=comment, text=quoted, withdrawn_reason="").update(
        is_open=False, withdrawn_reason=reason
    )
