"""Writes for events and comments. Views call these; they hold the rules about what may be saved."""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from coproduce.core.updates import UNCHANGED, Keep, fields_save
from coproduce.directory.models import Person
from coproduce.engagement.comment_text import comment_text_checked
from coproduce.engagement.models import (
    Attendance,
    Comment,
    CommentSource,
    CommentStatus,
    ContributionCount,
    Event,
    EventStatus,
    RegisterEntry,
)
from coproduce.engagement.signals import comment_moderated
from coproduce.programmes.models import Area

# A phone that double-taps "Send", or resends its POST after a dropped connection, does so within
# seconds; the same words from the same person this close together are the same comment.
RESENT_WITHIN = datetime.timedelta(minutes=5)


def event_create(
    *,
    area: Area,
    kind: str,
    title: str,
    date: datetime.date,
    venue: str = "",
    methods: Sequence[str] = (),
    status: str = EventStatus.PLANNED,
    results_published: bool = False,
) -> Event:
    """A new event of the area, with a join code of its own (Event's default)."""
    return Event.objects.create(
        area=area,
        kind=kind,
        title=title,
        date=date,
        venue=venue,
        methods=list(dict.fromkeys(methods)),
        status=status,
        results_published=results_published,
    )


def event_update(
    *,
    event: Event,
    kind: str | Keep = UNCHANGED,
    title: str | Keep = UNCHANGED,
    date: datetime.date | Keep = UNCHANGED,
    venue: str | Keep = UNCHANGED,
    methods: Sequence[str] | Keep = UNCHANGED,
    status: str | Keep = UNCHANGED,
    results_published: bool | Keep = UNCHANGED,
) -> Event:
    """Change what is given, in one save and so one history row."""
    if methods is not UNCHANGED:
        methods = list(dict.fromkeys(methods))
    fields_save(
        event,
        {
            "kind": kind,
            "title": title,
            "date": date,
            "venue": venue,
            "methods": methods,
            "status": status,
            "results_published": results_published,
        },
    )
    return event


def event_set_status(*, event: Event, status: str) -> Event:
    return event_update(event=event, status=status)


def comments_capture(
    *, event: Event, texts: list[str], author_role: str, source: str, method_step: str = "", captured_by=None
) -> list[Comment]:
    """A facilitator records comments made at the event (typed live, or copied from a flipchart)."""
    # Saved one by one, not with bulk_create, so that every comment gets its audit-history row.
    with transaction.atomic():
        return [
            Comment.objects.create(
                event=event,
                text=text,
                author_role=author_role,
                source=source,
                method_step=method_step,
                captured_by=captured_by,
            )
            for text in texts
        ]


def participant_join(*, event: Event, role: str, person: Person | None = None) -> Person:
    """Someone joins by code: a nameless person with their role, attending this event.

    A person who joined another event of the same area from the same browser is the same person, so
    people are counted once however many events they come to.
    """
    if person is None or person.area_id != event.area_id:
        # A first contribution (often a vote, in a room all voting at once): two inserts, no lookups.
        person = Person.objects.create(area_id=event.area_id, role=role)
        Attendance.objects.create(event=event, person=person)
        return person
    if person.role != role:
        person.role = role
        person.save(update_fields=["role"])
    Attendance.objects.get_or_create(event=event, person=person)
    return person


def _same_words(text: str) -> str:
    return " ".join(text.split()).casefold()


def participant_comment(
    *, event: Event, person: Person, text: str, method_step: str = "", method_session=None
) -> Comment:
    """Keep what a participant sent, always. After the event has closed it is held for a facilitator.

    The same words sent again by the same person, at the same point of the event, within
    ``RESENT_WITHIN``, are a resent POST: the comment already stored is returned, not a copy."""
    status = CommentStatus.ACCEPTED if event.status == EventStatus.OPEN else CommentStatus.HELD
    with transaction.atomic():
        # The person's row is locked (on PostgreSQL) so that two copies arriving together are checked
        # one after the other; SQLite runs one write transaction at a time anyway.
        Person.objects.select_for_update().filter(pk=person.pk).first()
        recent = Comment.all_objects.filter(
            event=event,
            author=person,
            method_step=method_step,
            method_session=method_session,
            created_at__gte=timezone.now() - RESENT_WITHIN,
        ).order_by("-created_at", "-pk")
        words = _same_words(text)
        for earlier in recent:
            if _same_words(earlier.original_text or earlier.text) == words:
                return earlier
        return Comment.objects.create(
            event=event,
            text=text,
            author=person,
            author_role=person.role,
            source=CommentSource.LIVE,
            method_step=method_step,
            method_session=method_session,
            status=status,
        )


def _as_it_was(comment: Comment) -> None:
    """Comments loaded in bulk (the demo) have no history row; write one first, so a change can be undone."""
    if not comment.history.exists():
        comment._change_reason = "As it was before moderation"  # type: ignore[attr-defined]
        comment.save(update_fields=["status"])


def _save(comment: Comment, reason: str, fields: list[str]) -> Comment:
    # The reason is written on the history row, so the comment's page says what was done.
    previous_text = Comment.all_objects.filter(pk=comment.pk).values_list("text", flat=True).first() or ""
    comment._change_reason = reason  # type: ignore[attr-defined]
    comment.save(update_fields=fields)
    comment_moderated.send(sender=Comment, comment=comment, previous_text=previous_text)
    return comment


def comment_accept(*, comment: Comment) -> Comment:
    """A comment held after the event closed joins the event (and so the analysis)."""
    _as_it_was(comment)
    comment.status = CommentStatus.ACCEPTED
    return _save(comment, "Accepted after the event closed", ["status"])


def comment_discard(*, comment: Comment) -> Comment:
    """A held comment is left out; like a removal it is kept and can be restored."""
    _as_it_was(comment)
    comment.status = CommentStatus.REMOVED
    comment.moderation_reason = "Sent after the event closed; discarded"
    return _save(comment, "Discarded after the event closed", ["status", "moderation_reason"])


def held_comments_settle(*, event: Event, accept: bool) -> int:
    """Accept, or discard, every comment still held at ``event``; how many were settled."""
    with transaction.atomic():
        held = list(Comment.all_objects.select_for_update().filter(event=event, status=CommentStatus.HELD))
        for comment in held:
            (comment_accept if accept else comment_discard)(comment=comment)
    return len(held)


def comment_edit(*, comment: Comment, text: str) -> Comment:
    """Correct a comment's words; the words as first said are kept beside them."""
    text = comment_text_checked(text, empty="Enter the comment's text.")
    if text == comment.text:
        return comment
    _as_it_was(comment)
    if not comment.original_text:
        comment.original_text = comment.text
    comment.text = text
    return _save(comment, "Edited", ["text", "original_text"])


def comment_hide(*, comment: Comment, reason: str) -> Comment:
    """Take a comment out of the analysis, the reports and the public pages, saying why."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the comment is hidden."})
    _as_it_was(comment)
    comment.status = CommentStatus.HIDDEN
    comment.moderation_reason = reason
    return _save(comment, f"Hidden: {reason}"[:100], ["status", "moderation_reason"])


def comment_remove(*, comment: Comment, reason: str = "") -> Comment:
    """Remove a comment: kept in the database and its history, so it can be restored, but counted nowhere."""
    _as_it_was(comment)
    comment.status = CommentStatus.REMOVED
    comment.moderation_reason = reason.strip()
    return _save(comment, "Removed", ["status", "moderation_reason"])


UNDOABLE_FIELDS = ["text", "original_text", "status", "moderation_reason"]
UNDONE = "Undone: put back as it was"


def _states(comment: Comment) -> list:
    """The comment's history as a stack of states: each change pushes one, each undo pops the last."""
    states: list = []
    for record in comment.history.order_by("history_date", "history_id"):
        if record.history_change_reason == UNDONE and len(states) > 1:
            states.pop()
        else:
            states.append(record)
    return states


def comment_can_undo(comment: Comment) -> bool:
    return len(_states(comment)) > 1


def comment_undo(*, comment: Comment) -> Comment:
    """Put the comment back as it was before its last change still in force (an edit, hiding, removal,
    accepting or discarding), from its history. Undo again to go further back."""
    states = _states(comment)
    if len(states) < 2:
        raise ValidationError("There is no change to undo.")
    before = states[-2]
    for name in UNDOABLE_FIELDS:
        setattr(comment, name, getattr(before, name))
    return _save(comment, UNDONE, UNDOABLE_FIELDS)

    comment.save(update_fields=["status"])
    return comment


def contribution_count(*, key: str, period: int, now: float | None = None) -> int:
    """Count one more contribution under ``key`` in the current window of ``period`` seconds and return
    the window's count: one INSERT … ON CONFLICT DO UPDATE … RETURNING (PostgreSQL, SQLite ≥ 3.35), atomic,
    so two web processes never both read the old count. About one call in a thousand clears every
    finished window, so the table stays about as small as the rooms using it, without a delete a vote."""
    window = int(now if now is not None else time.time()) // period
    q = connection.ops.quote_name
    table, k, w, c = q(ContributionCount._meta.db_table), q("key"), q("window"), q("count")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({k}, {w}, {c}) VALUES (%s, %s, 1) "  # noqa: S608 - our own names
            f"ON CONFLICT ({k}, {w}) DO UPDATE SET {c} = {table}.{c} + 1 RETURNING {c}",
            [key, window],
        )
        (count,) = cursor.fetchone()
    if random.random() < 0.001:  # noqa: S311 - housekeeping, not security
        ContributionCount.objects.filter(window__lt=window - 1).delete()
    return count


@transaction.atomic
def register_entry_save(*, entry: RegisterEntry) -> RegisterEntry:
    """Add or change a name on an event's register. A ticked participant is recorded as attending, so they
    are counted once whether they were ticked, contributed, or both."""
    entry.save()
    if entry.person_id:
        Attendance.objects.get_or_create(event_id=entry.event_id, person_id=entry.person_id)
    return entry


def register_entry_remove(*, entry: RegisterEntry) -> None:
    entry.delete()
