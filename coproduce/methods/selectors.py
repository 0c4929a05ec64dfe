"""Reading method sessions: what was contributed at each stage."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from coproduce.engagement.models import Comment, MethodStep

from .models import MethodSession, SessionStatus
from .steps import Step, steps_of

STEP_LABELS = dict(MethodStep.choices)


@dataclass(frozen=True)
class StageComments:
    step: Step | None  # None: comments whose method step belongs to no stage of this method
    method_step: str
    label: str
    comments: list[Comment]


def session_comments(session: MethodSession) -> QuerySet[Comment]:
    return session.comments.select_related("author", "late_answer__session").order_by("created_at", "pk")


def comments_by_stage(session: MethodSession) -> list[StageComments]:
    """The session's comments under the stage (method step) they were made at, in the method's order."""
    comments = list(session_comments(session))
    stages = []
    seen = set()
    for step in steps_of(session.method):
        if not step.method_step or step.method_step in seen:
            continue
        seen.add(step.method_step)
        mine = [c for c in comments if c.method_step == step.method_step]
        stages.append(StageComments(step, step.method_step, step.label, mine))
    for method_step in sorted({c.method_step for c in comments} - seen):
        mine = [c for c in comments if c.method_step == method_step]
        stages.append(
            StageComments(
                None, method_step, str(STEP_LABELS.get(method_step, method_step or "No stage")), mine
            )
        )
    return stages


def prompt_for(session: MethodSession, step: Step | None) -> str:
    """The question asked at ``step``: the facilitators' own wording if they changed it."""
    if step is None:
        return ""
    return (session.setup.get("prompts") or {}).get(step.key) or step.prompt


def next_session(session: MethodSession) -> MethodSession | None:
    """Where a phone still on ``session`` (finished) should go: the event's running session, else the next
    one ready to start; None when there is neither."""
    others = session.event.method_sessions.exclude(pk=session.pk)
    return (
        others.filter(status=SessionStatus.RUNNING).order_by("-step_started_at", "-pk").first()
        or others.filter(status=SessionStatus.READY).order_by("created_at", "pk").first()
    )
