"""The stepped participant page (six thinking hats, ORID, and any method without a page of its own):
the stage the room is at, its question, and a box for the answer."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coproduce.directory.models import Person

from .. import services
from ..forms import ContributionForm
from ..models import MethodSession, SessionStatus
from ..selectors import prompt_for
from ..steps import step_of


def take_part(request: HttpRequest, session: MethodSession, person: Person) -> HttpResponse:
    from ..public_views import limited

    current = step_of(session.method, session.step)
    form = ContributionForm(
        request.POST if request.method == "POST" else None, initial={"step": session.step}
    )
    status = 200
    if request.method == "POST":
        if limited(request):
            form.is_valid()
            form.add_error(
                None,
                "You have sent a lot very quickly. Wait a minute and send it again: it is still in the box below.",
            )
            status = 429
        elif form.is_valid():
            # The stage they were answering, even if the facilitator has moved on since.
            seen = services.seen_stage(session, form.cleaned_data["step"])
            answered = step_of(session.method, seen)
            services.session_contribute(
                session=session,
                person=person,
                text=form.cleaned_data["text"],
                method_step=answered.method_step if answered else "",
                seen_step=seen,
            )
            if session.status == SessionStatus.FINISHED:
                messages.warning(
                    request,
                    "This part of the event has finished, but your answer has been kept and passed to the facilitator.",
                )
            else:
                messages.success(request, "Thank you. Your answer has been sent.")
            return redirect("methods_public:take_part", code=session.event.join_code, pk=session.pk)
        else:
            status = 400
    sent = session.comments.filter(author=person, method_step=current.method_step if current else "").count()
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
            "sent": sent,
            "seconds_left": session.seconds_left(),
        },
        status=status,
    )
