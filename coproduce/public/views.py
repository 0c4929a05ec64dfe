"""The public site: published areas and proposals, and the participant join flow (no account needed)."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django_ratelimit.core import is_ratelimited

from coproduce.directory.models import Person
from coproduce.engagement import services
from coproduce.engagement.forms import JoinCodeForm, JoinRoleForm, ParticipantCommentForm
from coproduce.engagement.models import CommentStatus, Event, EventStatus
from coproduce.programmes.models import Area
from coproduce.surveys.models import Survey, SurveyStatus

PENDING_TEXT = "coproduce:pending-comment"


def _person_key(area_id: int) -> str:
    return f"coproduce:person:{area_id}"


def attending_key(event_id: int) -> str:
    """Session key holding [person id, role] of whom this browser joined the event as."""
    return f"coproduce:attending:{event_id}"


def _participant(request: HttpRequest, event: Event) -> Person | None:
    """The person this browser joined the event's area as, if any."""
    person_id = request.session.get(_person_key(event.area_id))
    return Person.objects.filter(pk=person_id).first() if person_id else None


def participant_rate_key(group: str, request: HttpRequest) -> str:
    """Rate-limit key for someone who has joined: their browser session (a room shares one address)."""
    return request.session.session_key or request.META.get("REMOTE_ADDR", "")


def _limited(request: HttpRequest, group: str) -> bool:
    """Joining is limited per address. Comments come from participants who have joined, and a whole room
    shares the venue's address, so they are limited per participant (their browser session)."""
    key = "ip" if group == "join" else participant_rate_key
    return is_ratelimited(
        request, group=group, key=key, rate=settings.PARTICIPANT_RATE, method="POST", increment=True
    )


def home(request: HttpRequest) -> HttpResponse:
    areas = Area.objects.filter(is_published=True).select_related("programme")
    return render(request, "public/home.html", {"areas": areas})


def area(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug, is_published=True)
    events = area.events.annotate(people=Count("attendances", distinct=True))
    proposals = (
        area.proposals.filter(is_published=True).select_related("owner").prefetch_related("actions__owner")
    )
    people = Person.objects.filter(attendances__event__area=area).distinct().count()
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
            event = Event.objects.filter(join_code=form.cleaned_data["code"]).first()
            # The same box takes a survey's code (a draft survey is not there yet for participants).
            survey = (
                None
                if event
                else Survey.objects.filter(join_code=form.cleaned_data["code"])
                .exclude(status=SurveyStatus.DRAFT)
                .first()
            )
            if event is not None:
                return redirect("public:join_event", code=event.join_code)
            if survey is not None:
                return redirect("surveys_public:answer", code=survey.join_code)
            form.add_error("code", "There is no event with that code. Check the code with the facilitator.")
            status = 404
    return render(request, "public/join.html", {"form": form}, status=status)


def _event_for(code: str) -> Event:
    return get_object_or_404(Event.objects.select_related("area"), join_code=code.upper())


def join_event(request: HttpRequest, code: str) -> HttpResponse:
    """Step 2: the participant says which role they speak from."""
    event = _event_for(code)
    if event.status == EventStatus.PLANNED:
        return render(request, "public/event_not_open.html", {"event": event, "reason": "planned"})
    if event.status == EventStatus.CLOSED and PENDING_TEXT not in request.session:
        return render(request, "public/event_not_open.html", {"event": event, "reason": "closed"})
    person = _participant(request, event)
    form = JoinRoleForm(
        request.POST if request.method == "POST" else None, initial={"role": person.role if person else None}
    )
    if request.method == "POST":
        if _limited(request, "join"):
            form.is_valid()
            form.add_error(None, "Too many attempts from this connection. Wait a minute, then try again.")
            return render(request, "public/join_role.html", {"form": form, "event": event}, status=429)
        if form.is_valid():
            person = services.participant_join(event=event, role=form.cleaned_data["role"], person=person)
            request.session[_person_key(event.area_id)] = person.pk
            # Kept in the session too, so a vote needs no query to know who is voting and in what role.
            request.session[attending_key(event.pk)] = [person.pk, person.role]
            return redirect("public:participate", code=event.join_code)
    return render(request, "public/join_role.html", {"form": form, "event": event})


def participate(request: HttpRequest, code: str) -> HttpResponse:
    """Step 3: the participant sends comments. What they typed is never dropped."""
    event = _event_for(code)
    person = _participant(request, event)
    if person is None or not person.attendances.filter(event=event).exists():
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
    if request.method == "POST":
        if _limited(request, "comment"):
            form.is_valid()
            form.add_error(
                None,
                "You have sent a lot of comments very quickly. Wait a minute and send this one again: "
                "it is still in the box below.",
            )
            status = 429
        elif form.is_valid():
            comment = services.participant_comment(event=event, person=person, text=form.cleaned_data["text"])
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
    sent = person.comments.filter(event=event).count()
    return render(
        request,
        "public/participate.html",
        {
            "form": form,
            "event": event,
            "person": person,
            "sent": sent,
            "closed": event.status != EventStatus.OPEN,
            "open_statements": event.statements.filter(is_open=True).count(),
            "running_sessions": event.method_sessions.filter(status="running"),
        },
        status=status,
    )
