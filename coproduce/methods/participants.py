"""Who a participant's browser is in a method session, and what every method's participant page shares:
the one participant flow for what they send, the way back to the page, and what they are told."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from coproduce.directory.models import Person
from coproduce.public.participants import Sent, participant_for, participant_limited, participant_send
from coproduce.public.session import PENDING_TEXT

from .models import MethodSession, SessionStatus
from .steps import step_of

__all__ = [
    "back_to_page",
    "contribution_thanked",
    "keep_pending_text",
    "method_limited",
    "method_send",
    "page_context",
    "participant_for",
]

GROUP = "method"  # the rate limit's counts of what participants send to the methods' pages


def keep_pending_text(request: HttpRequest) -> None:
    """The browser has not joined (or its session ran out) while sending text: keep the text to give back
    after it has joined (the public join flow puts it back in the comment box)."""
    text = request.POST.get("text", "").strip() if request.method == "POST" else ""
    if text:
        request.session[PENDING_TEXT] = text


def method_send(
    request: HttpRequest, session: MethodSession, form: BaseForm, save: Callable[[dict], HttpResponse]
) -> Sent:
    """A participant's form sent to a method's page, through the one participant flow."""
    return participant_send(request, form, save, group=GROUP, event=session.event)


def method_limited(request: HttpRequest, session: MethodSession) -> bool:
    """The one rate limit, for a post to a method's page that is not a form (a KJ dot)."""
    return participant_limited(request, GROUP, event=session.event)


def back_to_page(session: MethodSession) -> HttpResponse:
    """Back to the participant's page of the session, once what they sent is kept."""
    return redirect("methods_public:take_part", code=session.event.join_code, pk=session.pk)


def contribution_thanked(
    request: HttpRequest, session: MethodSession, *, what: str, thanks: str, held: bool = False
) -> None:
    """The one message after a participant's contribution: kept for the facilitator when the event had
    closed (``held``: the comment waits for a facilitator) or the method had finished, else ``thanks``."""
    if held or session.status == SessionStatus.FINISHED:
        messages.warning(
            request,
            f"This part of the event has finished, but your {what} has been kept and passed to the facilitator.",
        )
    else:
        messages.success(request, thanks)


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
