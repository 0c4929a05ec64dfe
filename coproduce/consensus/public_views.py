"""Participants add statements from their phones, without an account; a facilitator approves each one
before anyone votes on it."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coproduce.consensus import services
from coproduce.consensus.forms import ParticipantStatementForm
from coproduce.consensus.selectors import ROLE_LABELS
from coproduce.public.participants import event_for, joined_role, participant_for, participant_send

SENT = "Thank you. A facilitator will read your statement before it is put to the vote."


def statement_submit(request: HttpRequest, code: str) -> HttpResponse:
    event = event_for(request, code)
    role = joined_role(request, event)
    if role is None:
        messages.info(request, "Tell us which role you speak from first.")
        return redirect("public:join_event", code=event.join_code)
    form = ParticipantStatementForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and request.POST.get("website"):
        # The honeypot was filled in: a robot. Answer as if it worked, keep nothing.
        messages.success(request, SENT)
        return redirect("public:statement_submit", code=event.join_code)

    def send(data: dict) -> HttpResponse:
        person = participant_for(request, event, create=True)
        assert person is not None  # they have joined (role is set)
        services.participant_statement_submit(event=event, person=person, text=data["text"])
        messages.success(request, SENT)
        return redirect("public:statement_submit", code=event.join_code)

    posted = participant_send(
        request, form, send, group="statement", event=event, address_rate=settings.STATEMENT_ADDRESS_RATE
    )
    if posted.response is not None:
        return posted.response
    person = participant_for(request, event)
    return render(
        request,
        "consensus/participant_statement.html",
        {
            "event": event,
            "form": form,
            "role": ROLE_LABELS.get(role, role),
            "mine": person.submitted_statements.filter(event=event).order_by("-created_at") if person else [],
        },
        status=posted.status,
    )
