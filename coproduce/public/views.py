"""The public site: published areas and proposals, and the participant join flow (no account needed)."""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django_ratelimit.core import is_ratelimited

from coproduce.directory.models import Person
from coproduce.engagement import services
from coproduce.engagement.forms import JoinCodeForm, JoinRoleForm, ParticipantCommentForm
from coproduce.engagement.models import CommentStatus, Event, EventStatus
from coproduce.engagement.selectors import people_taking_part, with_people
from coproduce.programmes.models import Area
from coproduce.public.participants import (
    PENDING_TEXT,
    check_code_lookup,
    code_expired,
    contribution_limited,
    joined_role,
    participant_for,
    participant_join,
)
from coproduce.surveys.models import Survey, SurveyStatus


def _limited(request: HttpRequest, group: str) -> bool:
    """Joining is limited per address (it makes new sessions)."""
    return is_ratelimited(
        request, group=group, key="ip", rate=settings.PARTICIPANT_RATE, method="POST", increment=True
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
    status = 200
    if request.method == "POST":
        if _limited(request, "join"):
            form.is_valid()
            form.add_error(None, "Too many attempts from this connection. Wait a minute, then try again.")
            status = 429
        elif form.is_valid():
            check_code_lookup(request, form.cleaned_data["code"])
            event = Event.objects.filter(join_code=form.cleaned_data["code"]).first()
            if event is not None and code_expired(event):
                event = None
            # The same box takes a survey's code (a draft survey is not there yet for participants).
            survey = (
                None
                if event
                else Survey.objects.filter(join_code=form.cleaned_data["code"])
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
            status = 404
    return render(request, "public/join.html", {"form": form}, status=status)


def survey_code_expired(survey: Survey) -> bool:
    """A closed survey's code stops answering with its closed event's."""
    return survey.status == SurveyStatus.CLOSED and survey.event is not None and code_expired(survey.event)


def event_for(request: HttpRequest, code: str) -> Event:
    """The event a join code names, counting the lookup against the address unless this browser has
    joined with the code; a closed event's code stops answering after JOIN_CODE_GRACE_DAYS, saying no more
    than an unknown code does."""
    check_code_lookup(request, code)
    event = get_object_or_404(Event.objects.select_related("area"), join_code=code.upper())
    if code_expired(event):
        raise Http404("That code is not recognised, or its event has closed")
    return event


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
    if request.method == "POST":
        if _limited(request, "join"):
            form.is_valid()
            form.add_error(None, "Too many attempts from this connection. Wait a minute, then try again.")
            return render(request, "public/join_role.html", {"form": form, "event": event}, status=429)
        if form.is_valid():
            participant_join(request, event, form.cleaned_data["role"])
            # ?c=1: the next page checks that the session cookie came back (see participate).
            return redirect(reverse("public:participate", args=[event.join_code]) + "?c=1")
    return render(request, "public/join_role.html", {"form": form, "event": event})


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
    status = 200
    person = participant_for(request, event)
    if request.method == "POST":
        if contribution_limited(request, "comment", event):
            form.is_valid()
            form.add_error(
                None,
                "You have sent a lot of comments very quickly. Wait a minute and send this one again: "
                "it is still in the box below.",
            )
            status = 429
        elif form.is_valid():
            # A first comment records its person with it or not at all: a busy database saves neither, so
            # nobody is counted without a comment (DatabaseBusyMiddleware then gives the text back).
            with transaction.atomic():
                person = participant_for(request, event, create=True)
                assert person is not None  # they have joined (role is set)
                comment = services.participant_comment(
                    event=event, person=person, text=form.cleaned_data["text"]
                )
            if comment.status == CommentStatus.HELD:
                messages.warning(
                    request,
                    "This event has closed, so your comment was not added to the live discussion. "
                    "We have kept it and passed it to the facilitator, who can still add it.",
                )
            else:
                messages.success(request, "Thank you. Your comment has been sent.")
            return redirect("public:participate", code=event.join_code)
        else:
            status = 400
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
        status=status,
    )
