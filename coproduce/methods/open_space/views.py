"""Back office of an Open Space: rooms and slots, scheduling, moving a topic, adding topics and notes.

Each action is a form on the session's page; it comes back to that page, or, when the form has a problem,
shows the form again on a page of its own with what was typed still in it.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from coproduce.core.forms import add_service_errors
from coproduce.engagement.models import Method
from coproduce.methods.backoffice import back_to, method_page, session_to_run
from coproduce.methods.models import MethodSession

from . import services
from .forms import FacilitatorNoteForm, MoveForm, SetupForm, TopicForm
from .selectors import clashes_now, schedule_report


def _again(
    request: HttpRequest, session: MethodSession, form: Form, heading: str, button: str
) -> HttpResponse:
    """The form again, on its own page, with its problems and what was typed."""
    context = {"form": form, "heading": heading, "button": button, "action": request.path}
    return method_page(request, "form_page.html", session, context, status=400)


@login_required
@require_POST
def setup(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_to_run(request, pk, Method.OPEN_SPACE)
    form = SetupForm(request.POST)
    if form.is_valid():
        services.agenda_setup_set(
            session=session,
            rooms=form.cleaned_data["rooms"],
            slots=form.cleaned_data["slots"],
            time_limit=form.cleaned_data["time_limit"],
        )
        messages.success(request, "The rooms and time slots have been saved.")
        return back_to(session, "open-space-agenda")
    return _again(request, session, form, "Rooms and time slots", "Save rooms and time slots")


@login_required
@require_POST
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_to_run(request, pk, Method.OPEN_SPACE)
    try:
        services.agenda_schedule(session=session)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        report = schedule_report(session)
        messages.success(request, f"The agenda is ready: {report.headline}." if report else "Scheduled.")
    return back_to(session, "open-space-agenda")


@login_required
@require_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_to_run(request, pk, Method.OPEN_SPACE)
    form = MoveForm(request.POST, session=session, prefix="move")
    if form.is_valid():
        before = clashes_now(session)
        try:
            after = services.topic_move(
                session=session,
                topic=form.cleaned_data["topic"],
                room=form.cleaned_data["room"],
                slot=form.cleaned_data["slot"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            topic = form.cleaned_data["topic"]
            messages.success(
                request,
                f"“{topic.title}” is now in {form.cleaned_data['room']} at {form.cleaned_data['slot']}. "
                f"The agenda has {after} clash{'es' if after != 1 else ''} (it had {before}).",
            )
            return back_to(session, "open-space-agenda")
    return _again(request, session, form, "Move a topic", "Move the topic")


@login_required
@require_POST
def topic_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_to_run(request, pk, Method.OPEN_SPACE)
    form = TopicForm(request.POST, prefix="add", facilitator=True)
    if form.is_valid():
        topic = services.topic_propose(session=session, title=form.cleaned_data["title"])
        messages.success(request, f"“{topic.title}” is on the marketplace.")
        return back_to(session, "open-space-topics")
    return _again(request, session, form, "Add a topic", "Add the topic")


@login_required
@require_POST
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_to_run(request, pk, Method.OPEN_SPACE)
    form = FacilitatorNoteForm(request.POST, session=session, prefix="note")
    if form.is_valid():
        try:
            services.note_add(
                session=session,
                topic=form.cleaned_data["topic"],
                text=form.cleaned_data["text"],
                user=request.user,
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The note on “{form.cleaned_data['topic'].title}” has been saved.")
            return back_to(session, "open-space-notes")
    return _again(request, session, form, "Type in a session's notes", "Save the note")
