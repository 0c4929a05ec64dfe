"""Writes for events and comments. Views call these; they hold the rules about what may be saved."""

from __future__ import annotations

import random
import time

from django.db import connection, transaction

from coproduce.directory.models import Person
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


def event_set_status(*, event: Event, status: str) -> Event:
    event.status = status
    event.save(update_fields=["status"])
    return event


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
        person = Person.objects.create(area=event.area, role=role)
        Attendance.objects.create(event=event, person=person)
        return person
    if person.role != role:
        person.role = role
        person.save(update_fields=["role"])
    Attendance.objects.get_or_create(event=event, person=person)
    return person


def participant_comment(
    *, event: Event, person: Person, text: str, method_step: str = "", method_session=None
) -> Comment:
    """Keep what a participant sent, always. After the event has closed it is held for a facilitator."""
    status = CommentStatus.ACCEPTED if event.status == EventStatus.OPEN else CommentStatus.HELD
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


def comment_accept(*, comment: Comment) -> Comment:
    comment.status = CommentStatus.ACCEPTED
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
