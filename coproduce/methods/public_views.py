"""The participant's side of a method session: on a phone, by the event's join code, with no account."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from coproduce.public.participants import check_code_lookup

from . import registry
from .models import MethodSession, SessionStatus
from .participants import keep_pending_text, participant_for
from .selectors import next_session, prompt_for
from .steps import step_of


def _session(request: HttpRequest, code: str, pk: int) -> MethodSession:
    check_code_lookup(request, code)
    return get_object_or_404(
        MethodSession.objects.select_related("event__area"), pk=pk, event__join_code=code.upper()
    )


def take_part(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    session = _session(request, code, pk)
    # The method pages read and write as the person (their notes, their dots), so opening one records
    # them; a browser that has not joined (or keeps no cookies) records nobody.
    person = participant_for(request, session.event, create=True)
    if person is None:
        keep_pending_text(request)
        messages.info(request, "Tell us which role you speak from first.")
        return redirect("public:join_event", code=session.event.join_code)
    if session.status == SessionStatus.FINISHED and request.method == "GET" and not request.GET:
        # A phone left on a finished method follows the room: to what runs next, else back to the event.
        # (An answer sent to it is still kept: POSTs go on to the method's page below.)
        after = next_session(session)
        if after is not None:
            messages.info(request, f"{session.name} has finished. The room has moved on to {after.name}.")
            return redirect("methods_public:take_part", code=session.event.join_code, pk=after.pk)
        messages.info(request, f"{session.name} has finished. Thank you for taking part.")
        return redirect("public:participate", code=session.event.join_code)
    if session.status == SessionStatus.READY:
        return render(
            request, "methods/participant_waiting.html", {"session": session, "event": session.event}
        )
    return registry.get(session.method).hooks.participant(request, session, person)


def status(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """The stage the room is at, for the participant page to refresh (a fragment)."""
    session = _session(request, code, pk)
    current = step_of(session.method, session.step)
    return render(
        request,
        "methods/includes/participant_status.html",
        {
            "session": session,
            "event": session.event,
            "current": current,
            "stage_prompt": prompt_for(session, current),
            "seconds_left": session.seconds_left(),
            "next_session": next_session(session) if session.status == SessionStatus.FINISHED else None,
        },
    )
