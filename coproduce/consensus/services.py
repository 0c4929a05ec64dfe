"""Writes for statements and votes."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from coproduce.consensus.models import STATEMENT_MAX_LENGTH, Statement, Vote
from coproduce.engagement.models import MODERATED_OUT, Comment, Event


class VotingClosed(Exception):
    """The statement or its event no longer takes votes."""


def statement_create(
    *, event: Event, text: str, created_by=None, source_comment: Comment | None = None
) -> Statement:
    return Statement.objects.create(
        event=event, text=text.strip(), created_by=created_by, source_comment=source_comment
    )


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
    """Open or close voting; a statement withdrawn for quoting moderated words stays closed."""
    if statement.withdrawn_reason:
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
