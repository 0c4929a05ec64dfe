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

from coproduce.core.heartbeat import fail_stale_work
from coproduce.engagement.models import Comment, Method

from ..backoffice import back_to, method_page, part_to_run, session_to_run
from ..models import KJGroup, KJSuggestionStatus, MethodSession
from ..steps import step_of, steps_of
from . import services, suggest
from .forms import GroupNameForm, MoveForm
from .selectors import board_of

# How often the suggestion's progress page reloads itself while the engine works.
REFRESH_SECONDS = 2


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
        "suggestion": suggest.suggestion_latest(session),
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
    """Queue the engine's suggestions and show their progress: the request does not wait for the engine."""
    session = session_to_run(request, pk, Method.KJ)
    try:
        suggest.suggestion_start(session=session, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(request, session)
    back = "session" if request.POST.get("back") == "session" else "board"
    return redirect(reverse("kj:suggestion", kwargs={"pk": session.pk}) + f"?back={back}")


@login_required
def suggestion_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """How the suggestion goes: a page that reloads itself until the worker is done, then back to the board."""
    session = session_to_run(request, pk, Method.KJ)
    fail_stale_work()  # a suggestion whose worker vanished says so here, rather than "suggesting" for good
    suggestion = suggest.suggestion_latest(session)
    back = "session" if request.GET.get("back") == "session" else "board"
    back_url = (
        reverse("methods:session", kwargs={"pk": session.pk}) + "#board"
        if back == "session"
        else reverse("kj:board", kwargs={"pk": session.pk})
    )
    if suggestion is None:
        return redirect(back_url)
    if suggestion.status == KJSuggestionStatus.DONE:
        n = suggestion.groups_made
        messages.success(
            request,
            f"{n} group{'s' if n != 1 else ''} suggested. Accept them, rename them, move notes out of them "
            "or delete them.",
        )
        return redirect(back_url)
    response = method_page(
        request, "suggestion.html", session, {"suggestion": suggestion, "back_url": back_url}
    )
    if suggestion.is_active:
        # A refresh header, not JavaScript: the page reloads itself until the worker is done.
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


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
