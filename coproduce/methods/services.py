"""Running a method session: create it, move it from stage to stage, finish it, and keep what people add.

Whatever a participant or a facilitator adds in a session is first of all one of the event's comments,
with the method step and the session recorded, so the theme analysis and the reports see it like any other.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coproduce.directory.models import Person
from coproduce.engagement import services as engagement_services
from coproduce.engagement.comment_text import comment_text_checked
from coproduce.engagement.models import Comment, CommentSource, CommentStatus, Event, EventStatus

from . import registry
from .models import LateAnswer, MethodSession, SessionStatus
from .steps import step_of, steps_of


def session_create(
    *, event: Event, method: str, title: str = "", step_minutes: int = 5, setup: dict | None = None, user=None
) -> MethodSession:
    if registry.plugin_of(method) is None:
        raise ValidationError({"method": "Choose one of the methods this tool can run."})
    return MethodSession.objects.create(
        event=event,
        method=method,
        title=title,
        step_minutes=step_minutes,
        setup=setup or {},
        step=steps_of(method)[0].key,
        created_by=user,
    )


def session_go_to(*, session: MethodSession, step: str) -> MethodSession:
    """Move the room to ``step`` (starting the session if need be); a timed stage's clock starts now."""
    if step_of(session.method, step) is None:
        raise ValidationError({"step": f"{session.get_method_display()} has no stage called {step!r}."})
    session.step = step
    session.status = SessionStatus.RUNNING
    session.step_started_at = timezone.now()
    session.save(update_fields=["step", "status", "step_started_at"])
    return session


def session_finish(*, session: MethodSession) -> MethodSession:
    session.status = SessionStatus.FINISHED
    session.save(update_fields=["status"])
    return session


def session_reopen(*, session: MethodSession) -> MethodSession:
    session.status = SessionStatus.RUNNING
    session.save(update_fields=["status"])
    return session


def session_prompts_set(*, session: MethodSession, prompts: dict[str, str]) -> MethodSession:
    session.setup = {**session.setup, "prompts": prompts}
    session.save(update_fields=["setup"])
    return session


def seen_stage(session: MethodSession, sent: str | None) -> str:
    """The stage whose question the person saw: the step their form sent. Missing, or not a stage of this
    method (a forged or stale form of another method), it is the room's current stage."""
    return sent if sent and step_of(session.method, sent) is not None else session.step


def session_contribute(
    *, session: MethodSession, person: Person, text: str, method_step: str, seen_step: str | None = None
) -> Comment:
    """Keep what a participant sent in the session. Like any comment it is never dropped: after the event
    has closed it is held for a facilitator. ``seen_step`` is the stage whose question they answered (what
    their page showed); when the room has moved on since, or the session has finished, the answer is still
    filed as the caller said and a LateAnswer records that it came after the room moved on. Never re-filed."""
    text = comment_text_checked(text, empty="Write something first.")
    with transaction.atomic():
        comment = engagement_services.participant_comment(
            event=session.event, person=person, text=text, method_step=method_step, method_session=session
        )
        # Where the room is now, read afresh: the facilitator may have moved it while this request ran.
        room = MethodSession.objects.filter(pk=session.pk).values_list("step", "status").first()
        room_step, room_status = room if room else (session.step, session.status)
        seen = seen_stage(session, seen_step)
        finished = room_status == SessionStatus.FINISHED
        if seen != room_step or finished:
            LateAnswer.objects.get_or_create(
                comment=comment,
                defaults={
                    "session": session,
                    "seen_step": seen,
                    "room_step": room_step,
                    "room_finished": finished,
                },
            )
    return comment


@transaction.atomic
def facilitator_contribute(
    *, session: MethodSession, text: str, role: str, method_step: str, user, author: Person | None = None
) -> Comment:
    """A contribution typed in by a facilitator (from a sticky note, a flipchart, a board)."""
    text = comment_text_checked(text, empty="Enter what was said or written.")
    return Comment.objects.create(
        event=session.event,
        text=text,
        author_role=role,
        author=author,
        source=CommentSource.LIVE,
        method_step=method_step,
        method_session=session,
        status=CommentStatus.ACCEPTED if session.event.status == EventStatus.OPEN else CommentStatus.HELD,
        captured_by=user,
    )


def contribute(
    *,
    session: MethodSession,
    text: str,
    method_step: str,
    person: Person | None = None,
    user=None,
    role: str = "",
) -> Comment:
    """A participant's contribution (``person``), or one typed in by a facilitator (``user``, writing down
    what someone of ``role`` said)."""
    if person is not None:
        return session_contribute(session=session, person=person, text=text, method_step=method_step)
    return facilitator_contribute(session=session, text=text, role=role, method_step=method_step, user=user)
