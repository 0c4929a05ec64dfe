"""Back office of the KJ method: the board, moving notes between groups, and the groups themselves.

Every action is an ordinary form post that redirects back to the board, so it works with the keyboard and
without JavaScript; the board's script sends the same posts with fetch (asking for JSON) and redraws.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coproduce.engagement.models import Comment, Method

from ..backoffice import back_to, method_page, part_to_run, session_to_run
from ..models import KJGroup, MethodSession
from ..steps import step_of, steps_of
from . import services, suggest
from .forms import GroupNameForm, MoveForm
from .selectors import board_of


def _back(request: HttpRequest, session: MethodSession, anchor: str = "") -> HttpResponse:
    """Back to the page the form was on: the session's control page, or the board page."""
    if request.POST.get("back") == "session":
        return back_to(session, anchor)
    return redirect(reverse("kj:board", kwargs={"pk": session.pk}) + (f"#{anchor}" if anchor else ""))


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def board_context(session: MethodSession, back: str) -> dict:
    return {
        "session": session,
        "board": board_of(session),
        "board_back": back,
        "min_notes": suggest.MIN_NOTES,
    }


@login_required
def board(request: HttpRequest, pk: int) -> HttpResponse:
    """The board on a page of its own, as wide as the screen."""
    session = session_to_run(request, pk, Method.KJ)
    context = board_context(session, "board")
    context.update(
        area=session.event.area,
        current=step_of(session.method, session.step),
        steps=steps_of(session.method),
    )
    return method_page(request, "board.html", session, context)


@login_required
def board_feed(request: HttpRequest, pk: int) -> HttpResponse:
    """The board alone, for the page's script to redraw it as the other facilitators move notes."""
    session = session_to_run(request, pk, Method.KJ)
    back = "session" if request.GET.get("back") == "session" else "board"
    return render(request, "methods/kj/includes/board.html", board_context(session, back))


@require_POST
@login_required
def note_move(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_to_run(request, pk, Method.KJ)
    form = MoveForm(request.POST)
    problem = ""
    outcome = None
    if not form.is_valid():
        problem = "Choose a note and the group to move it to."
    else:
        data = form.cleaned_data
        comment = Comment.objects.filter(pk=data["note"], method_session=session).first()
        group = session.kj_groups.filter(pk=data["group"]).first() if data["group"] else None
        if comment is None or (data["group"] and group is None):
            problem = "That note or group is no longer on the board. The board has been brought up to date."
        else:
            try:
                outcome = services.note_move(
                    session=session,
                    comment=comment,
                    group=group,
                    user=request.user,
                    request_id=data["request_id"] or "",
                    expected_version=data["version"],
                )
            except ValidationError as error:
                problem = " ".join(error.messages)
    if outcome is None:
        if _wants_json(request):
            return JsonResponse({"ok": False, "error": problem}, status=400)
        messages.error(request, problem)
        return _back(request, session)
    where = str(outcome.placement.group) if outcome.placement.group else "the ungrouped notes"
    said = f"Note moved to {where}."
    if outcome.repeated:
        said = f"That move had already been made: the note is in {where}."
    elif outcome.stale:
        said += " Someone else had moved it a moment before; your move is the one that stands."
    if _wants_json(request):
        return JsonResponse(
            {
                "ok": True,
                "recorded": not outcome.repeated,
                "stale": outcome.stale,
                "version": outcome.placement.version,
                "message": said,
            }
        )
    if outcome.stale:
        messages.warning(request, said)
    else:
        messages.success(request, said)
    return _back(request, session, anchor=f"note-{outcome.placement.comment_id}")


@require_POST
@login_required
def group_create(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_to_run(request, pk, Method.KJ)
    form = GroupNameForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors["name"]))
        return _back(request, session)
    group = services.group_create(session=session, name=form.cleaned_data["name"], user=request.user)
    messages.success(request, f"{group} added to the board.")
    return _back(request, session, anchor=f"group-{group.pk}")


@require_POST
@login_required
def groups_suggest(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_to_run(request, pk, Method.KJ)
    try:
        groups = suggest.groups_suggest(session=session, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"{len(groups)} groups suggested. Accept them, rename them, move notes out of them or delete them.",
        )
    return _back(request, session)


@require_POST
@login_required
def suggestions_accept(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_to_run(request, pk, Method.KJ)
    accepted = services.suggestions_accept(session=session)
    messages.success(request, f"{accepted} suggested group{'s' if accepted != 1 else ''} accepted.")
    return _back(request, session)


@require_POST
@login_required
def group_rename(request: HttpRequest, pk: int) -> HttpResponse:
    group = part_to_run(request, KJGroup, pk)
    form = GroupNameForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([str(e) for e in form.errors["name"]])
        services.group_rename(group=group, name=form.cleaned_data["name"], user=request.user)
    except ValidationError as error:
        messages.error(request, f"{group} was not renamed: {' '.join(error.messages)}")
    else:
        messages.success(request, f"Group {group.number} is now called “{group.name}”.")
    return _back(request, group.session, anchor=f"group-{group.pk}")


@require_POST
@login_required
def group_accept(request: HttpRequest, pk: int) -> HttpResponse:
    group = part_to_run(request, KJGroup, pk)
    services.group_accept(group=group)
    messages.success(request, f"{group} accepted.")
    return _back(request, group.session, anchor=f"group-{group.pk}")


@require_POST
@login_required
def group_delete(request: HttpRequest, pk: int) -> HttpResponse:
    group = part_to_run(request, KJGroup, pk)
    session = group.session
    name = str(group)
    returned = services.group_delete(group=group, user=request.user)
    messages.success(
        request, f"{name} deleted. Its {returned} note{'s' if returned != 1 else ''} went back to Ungrouped."
    )
    return _back(request, session)
