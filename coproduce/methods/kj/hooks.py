"""The KJ method's hooks for the core (see coproduce/methods/registry.py): the participant's page, the
context of the facilitator's panel, projector and summary, and the export."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coproduce.directory.models import Person
from coproduce.engagement.models import CommentStatus
from coproduce.public.participants import NOT_SENT, TOO_FAST
from coproduce.public.session import PENDING_TEXT

from ..models import MethodSession, SessionStatus
from ..participants import back_to_page, contribution_thanked, method_limited, method_send
from ..steps import step_of
from . import services
from .forms import NoteForm
from .selectors import board_of, dots_of, notes_sent
from .suggest import MIN_NOTES, suggestion_latest


def panel_context(session: MethodSession) -> dict:
    return {
        "board": board_of(session),
        "board_back": "session",
        "min_notes": MIN_NOTES,
        "suggestion": suggestion_latest(session),
    }


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


def _place_dot(request: HttpRequest, session: MethodSession, person: Person) -> HttpResponse:
    if method_limited(request, session):
        messages.error(request, TOO_FAST)
        return back_to_page(session)
    group = session.kj_groups.filter(pk=request.POST.get("group") or 0).first()
    if group is None:
        messages.error(request, "That group is no longer on the board. Choose another.")
        return back_to_page(session)
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
    return back_to_page(session)


def participant(request: HttpRequest, session: MethodSession, person: Person) -> HttpResponse:
    """Write notes; then watch the board being grouped and named; then place dots on the groups."""
    if request.GET.get("part") == "board":
        # The read-only board alone, for the page to refresh while the facilitators group and name.
        return render(request, "methods/kj/includes/board_readonly.html", {"board": board_of(session)})
    action = request.POST.get("action", "note") if request.method == "POST" else ""
    if action in ("dot_add", "dot_remove"):
        return _place_dot(request, session, person)
    # A note is kept whatever stage the room has reached: it may have been typed just before.
    form = (
        NoteForm(request.POST)
        if action == "note"
        else NoteForm(initial={"text": request.session.pop(PENDING_TEXT, "")})
    )

    def write(data: dict) -> HttpResponse:
        comment = services.note_write(
            session=session, person=person, text=data["text"], seen_step=request.POST.get("step")
        )
        contribution_thanked(
            request,
            session,
            what="note",
            thanks="Thank you. Your note has been sent. Write another whenever you like.",
            held=comment.status == CommentStatus.HELD,
        )
        return back_to_page(session)

    sent = method_send(request, session, form, write) if action == "note" else NOT_SENT
    if sent.response is not None:
        return sent.response
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
        status=sent.status,
    )
