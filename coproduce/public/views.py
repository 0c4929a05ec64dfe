"""The public site: published areas and proposals, and the participant join flow (no account needed)."""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from coproduce.directory.models import Person
from coproduce.engagement import services
from coproduce.engagement.forms import JoinCodeForm, JoinRoleForm, ParticipantCommentForm
from coproduce.engagement.models import CommentStatus, Event, EventStatus
from coproduce.engagement.selectors import people_taking_part, with_people
from coproduce.programmes.models import Area
from coproduce.public.participants import (
    Sent,
    check_code_lookup,
    code_expired,
    event_for,
    joined_role,
    participant_for,
    participant_join,
    participant_send,
)
from coproduce.public.session import PENDING_TEXT
from coproduce.surveys.models import Survey, SurveyStatus
from coproduce.surveys.selectors import survey_code_expired


def _send_join(request: HttpRequest, form: Form, save: Callable[[dict], HttpResponse]) -> Sent:
    """Joining is limited per address as strictly as per participant: it makes new sessions. A join form
    with problems is shown again as a page (200), as it always was."""
    return participant_send(
        request, form, save, group="join", address_rate=settings.PARTICIPANT_RATE, invalid=200
    )


def home(request: HttpRequest) -> HttpResponse:
    areas = Area.objects.filter(is_published=True).select_related("programme")
    return render(request, "public/home.html", {"areas": areas})


def area(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug, is_published=True)
    events = with_people(area.events.all())
    proposals = (
        area.proposals.filter(is_published=True).select_related("owner").prefetch_related("actions__owner")
    )
    people = people_taking_part(area)
    return render(
        request,
        "public/area.html",
        {"area": area, "events": events, "proposals": proposals, "people": people},
    )


def join(request: HttpRequest) -> HttpResponse:
    form = JoinCodeForm(request.POST if request.method == "POST" else None)

    def by_code(data: dict) -> HttpResponse:
        check_code_lookup(request, data["code"])
        event = Event.objects.filter(join_code=data["code"]).first()
        if event is not None and code_expired(event):
            event = None
        # The same box takes a survey's code (a draft survey is not there yet for participants).
        survey = (
            None
            if event
            else Survey.objects.filter(join_code=data["code"])
            .exclude(status=SurveyStatus.DRAFT)
            .select_related("event")
            .first()
        )
        if survey is not None and survey_code_expired(survey):
            survey = None
        if event is not None:
            return redirect("public:join_event", code=event.join_code)
        if survey is not None:
            return redirect("surveys_public:answer", code=survey.join_code)
        form.add_error(
            "code",
            "There is no event with that code: it is not recognised, or its event has closed. "
            "Check the code with the facilitator.",
        )
        return render(request, "public/join.html", {"form": form}, status=404)

    sent = _send_join(request, form, by_code)
    return sent.response or render(request, "public/join.html", {"form": form}, status=sent.status)


def join_event(request: HttpRequest, code: str) -> HttpResponse:
    """Step 2: the participant says which role they speak from."""
    event = event_for(request, code)
    if event.status == EventStatus.PLANNED:
        return render(request, "public/event_not_open.html", {"event": event, "reason": "planned"})
    if event.status == EventStatus.CLOSED and PENDING_TEXT not in request.session:
        return render(request, "public/event_not_open.html", {"event": event, "reason": "closed"})
    form = JoinRoleForm(
        request.POST if request.method == "POST" else None, initial={"role": joined_role(request, event)}
    )

    def as_role(data: dict) -> HttpResponse:
        participant_join(request, event, data["role"])
        # ?c=1: the next page checks that the session cookie came back (see participate).
        return redirect(reverse("public:participate", args=[event.join_code]) + "?c=1")

    sent = _send_join(request, form, as_role)
    return sent.response or render(
        request, "public/join_role.html", {"form": form, "event": event}, status=sent.status
    )


def participate(request: HttpRequest, code: str) -> HttpResponse:
    """Step 3: the participant sends comments. What they typed is never dropped."""
    event = event_for(request, code)
    role = joined_role(request, event)
    if role is None and request.method == "GET" and request.GET.get("c"):
        # Just joined, yet the session did not come back: the browser is not keeping cookies.
        return render(request, "public/no_cookies.html", {"event": event}, status=400)
    if role is None:
        if request.method == "POST" and request.POST.get("text", "").strip():
            # Their session ran out: keep the text, ask for their role, then give it back to them.
            request.session[PENDING_TEXT] = request.POST["text"]
        messages.info(request, "Tell us which role you speak from first.")
        return redirect("public:join_event", code=event.join_code)

    initial_text = request.session.pop(PENDING_TEXT, "")
    form = ParticipantCommentForm(
        request.POST if request.method == "POST" else None, initial={"text": initial_text}
    )
    person = participant_for(request, event)

    def send_comment(data: dict) -> HttpResponse:
        # A first comment records its person with it or not at all (participant_send's transaction): a
        # busy database saves neither, so nobody is counted without a comment (DatabaseBusyMiddleware
        # then gives the text back).
        person = participant_for(request, event, create=True)
        assert person is not None  # they have joined (role is set)
        comment = services.participant_comment(event=event, person=person, text=data["text"])
        if comment.status == CommentStatus.HELD:
            messages.warning(
                request,
                "This event has closed, so your comment was not added to the live discussion. "
                "We have kept it and passed it to the facilitator, who can still add it.",
            )
        else:
            messages.success(request, "Thank you. Your comment has been sent.")
        return redirect("public:participate", code=event.join_code)

    posted = participant_send(request, form, send_comment, group="comment", event=event)
    if posted.response is not None:
        return posted.response
    sent = person.comments.filter(event=event).count() if person else 0
    return render(
        request,
        "public/participate.html",
        {
            "form": form,
            "event": event,
            # Before their first comment nobody is recorded: the page shows the role they joined with.
            "person": person or Person(area=event.area, role=role),
            "sent": sent,
            "closed": event.status != EventStatus.OPEN,
            "open_statements": event.statements.filter(is_open=True).count(),
            "running_sessions": event.method_sessions.filter(status="running"),
        },
        status=posted.status,
    )
