"""Who a participant's browser is: the person it joined the event as (by code, with no account)."""

from __future__ import annotations

from django.http import HttpRequest

from coproduce.directory.models import Person
from coproduce.public.participants import PENDING_TEXT, participant_for

__all__ = ["keep_pending_text", "page_context", "participant_for"]

from .models import MethodSession, SessionStatus
from .steps import step_of


def keep_pending_text(request: HttpRequest) -> None:
    """The browser has not joined (or its session ran out) while sending text: keep the text to give back
    after it has joined (the public join flow puts it back in the comment box)."""
    text = request.POST.get("text", "").strip() if request.method == "POST" else ""
    if text:
        request.session[PENDING_TEXT] = text


def page_context(session: MethodSession, person: Person, **more) -> dict:
    """What every participant page of a method shows (see methods/participant_base.html), and ``more``."""
    return {
        "session": session,
        "event": session.event,
        "person": person,
        "current": step_of(session.method, session.step),
        "seconds_left": session.seconds_left(),
        "finished": session.status == SessionStatus.FINISHED,
        **more,
    }
