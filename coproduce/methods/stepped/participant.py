"""The stepped participant page (six thinking hats, ORID, and any method without a page of its own):
the stage the room is at, its question, and a box for the answer."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coproduce.directory.models import Person

from .. import services
from ..forms import ContributionForm
from ..models import MethodSession
from ..participants import back_to_page, contribution_thanked, method_send
from ..selectors import prompt_for
from ..steps import step_of


def take_part(request: HttpRequest, session: MethodSession, person: Person) -> HttpResponse:
    current = step_of(session.method, session.step)
    form = ContributionForm(
        request.POST if request.method == "POST" else None, initial={"step": session.step}
    )

    def answer(data: dict) -> HttpResponse:
        # The stage they were answering, even if the facilitator has moved on since.
        seen = services.seen_stage(session, data["step"])
        answered = step_of(session.method, seen)
        services.session_contribute(
            session=session,
            person=person,
            text=data["text"],
            method_step=answered.method_step if answered else "",
            seen_step=seen,
        )
        contribution_thanked(request, session, what="answer", thanks="Thank you. Your answer has been sent.")
        return back_to_page(session)

    sent = method_send(request, session, form, answer)
    if sent.response is not None:
        return sent.response
    count = session.comments.filter(author=person, method_step=current.method_step if current else "").count()
    return render(
        request,
        "methods/stepped/participant.html",
        {
            "session": session,
            "event": session.event,
            "person": person,
            "current": current,
            "prompt": prompt_for(session, current),
            "form": form,
            "sent": count,
            "seconds_left": session.seconds_left(),
        },
        status=sent.status,
    )
