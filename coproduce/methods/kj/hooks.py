"""The KJ method's hooks for the core (see coproduce/methods/registry.py): the participant's page, the
context of the facilitator's panel, projector and summary, and the export."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coproduce.directory.models import Person
from coproduce.engagement.models import CommentStatus

from ..models import MethodSession, SessionStatus
from ..participants import PENDING_TEXT
from ..steps import step_of
from . import services
from .forms import NoteForm
from .selectors import board_of, dots_of, notes_sent
from .suggest import MIN_NOTES

TOO_QUICK = "You have sent a lot very quickly. Wait a minute and send it again"


def panel_context(session: MethodSession) -> dict:
    return {"board": board_of(session), "board_back": "session", "min_notes": MIN_NOTES}


def export_table(session: MethodSession) -> tuple[list[str], list[list]]:
    board = board_of(session)
    headers = ["Note id", "Time", "Role", "Note", "Group", "Group's dots", "Group's rank"]
    rows = []
    for column in [*board.ranked, board.ungrouped]:
        for note in column.notes:
            comment = note.comment
            rows.append(
                [
                    comment.pk,
                    comment.created_at.isoformat(timespec="seconds"),
                    comment.get_author_role_display(),
                    comment.text,
                    column.title,
                    column.dots if column.group else "",
                    column.rank if column.group else "",
                ]
            )
    return headers, rows


def _page(request: HttpRequest) -> HttpResponse:
    return redirect(request.path)


def _send_note(
    request: HttpRequest, session: MethodSession, person: Person, form: NoteForm
) -> HttpResponse | None:
    from ..public_views import limited

    if limited(request):
        form.is_valid()
        form.add_error(None, f"{TOO_QUICK}: your note is still in the box below.")
        return None
    if not form.is_valid():
        return None
    comment = services.note_write(
        session=session, person=person, text=form.cleaned_data["text"], seen_step=request.POST.get("step")
    )
    if comment.status == CommentStatus.HELD or session.status == SessionStatus.FINISHED:
        messages.warning(
            request,
            "This part of the event has finished, but your note has been kept and passed to the facilitator.",
        )
    else:
        messages.success(request, "Thank you. Your note has been sent. Write another whenever you like.")
    return _page(request)


def _place_dot(request: HttpRequest, session: MethodSession, person: Person) -> HttpResponse:
    from ..public_views import limited

    if limited(request):
        messages.error(request, f"{TOO_QUICK}.")
        return _page(request)
    group = session.kj_groups.filter(pk=request.POST.get("group") or 0).first()
    if group is None:
        messages.error(request, "That group is no longer on the board. Choose another.")
        return _page(request)
    try:
        if request.POST.get("action") == "dot_add":
            services.dot_add(session=session, group=group, person=person)
            messages.success(request, f"Dot added to {group}.")
        elif services.dot_remove(session=session, group=group, person=person):
            messages.success(request, f"Dot taken off {group}.")
        else:
            messages.error(request, f"You have no dot on {group} to take off.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _page(request)


def participant(request: HttpRequest, session: MethodSession, person: Person) -> HttpResponse:
    """Write notes; then watch the board being grouped and named; then place dots on the groups."""
    if request.GET.get("part") == "board":
        # The read-only board alone, for the page to refresh while the facilitators group and name.
        return render(request, "methods/kj/includes/board_readonly.html", {"board": board_of(session)})
    action = request.POST.get("action", "note") if request.method == "POST" else ""
    if action in ("dot_add", "dot_remove"):
        return _place_dot(request, session, person)
    status = 200
    if action == "note":
        # A note is kept whatever stage the room has reached: it may have been typed just before.
        form = NoteForm(request.POST)
        sent = _send_note(request, session, person, form)
        if sent is not None:
            return sent
        status = 429 if form.non_field_errors() else 400
    else:
        form = NoteForm(initial={"text": request.session.pop(PENDING_TEXT, "")})
    board = board_of(session) if session.step != "write" else None
    dots = dots_of(session, person)
    return render(
        request,
        "methods/kj/participant.html",
        {
            "session": session,
            "event": session.event,
            "person": person,
            "current": step_of(session.method, session.step),
            "form": form,
            "sent": notes_sent(session, person),
            "board": board,
            "dots": dots,
            "vote_rows": [(c, dots.on_group.get(c.group.pk, 0)) for c in board.groups if c.group]
            if board
            else [],
            "voting": services.voting_open(session),
            "finished": session.status == SessionStatus.FINISHED,
            "seconds_left": session.seconds_left(),
        },
        status=status,
    )
