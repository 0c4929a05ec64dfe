"""Back office of the KJ method: the board, moving notes between groups, and the groups themselves.

Every action is an ordinary form post that redirects back to the board, so it works with the keyboard and
without JavaScript; the board's script sends the same posts with fetch (asking for JSON) and redraws.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coproduce.accounts.rules import authorise
from coproduce.core.navigation import event_crumbs
from coproduce.engagement.models import Comment, Method

from ..models import KJGroup, MethodSession
from ..steps import step_of, steps_of
from . import services, suggest
from .forms import GroupNameForm, MoveForm
from .selectors import board_of

MANAGE = "engagement.manage_event"


def _session(pk: int) -> MethodSession:
    return get_object_or_404(MethodSession.objects.select_related("event__area"), pk=pk, method=Method.KJ)


def _group(pk: int) -> KJGroup:
    return get_object_or_404(KJGroup.objects.select_related("session__event__area"), pk=pk)


def _back(request: HttpRequest, session: MethodSession, anchor: str = "") -> HttpResponse:
    """Back to the page the form was on: the board page, or the session's control page."""
    name = "methods:session" if request.POST.get("back") == "session" else "kj:board"
    return redirect(reverse(name, kwargs={"pk": session.pk}) + (f"#{anchor}" if anchor else ""))


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
    session = _session(pk)
    authorise(request.user, MANAGE, session)
    context = board_context(session, "board")
    context.update(
        event=session.event,
        area=session.event.area,
        current=step_of(session.method, session.step),
        steps=steps_of(session.method),
        breadcrumbs=event_crumbs(session.event, (session.name, session.get_absolute_url())),
    )
    return render(request, "methods/kj/board.html", context)


@login_required
def board_feed(request: HttpRequest, pk: int) -> HttpResponse:
    """The board alone, for the page's script to redraw it as the other facilitators move notes."""
    session = _session(pk)
    authorise(request.user, MANAGE, session)
    back = "session" if request.GET.get("back") == "session" else "board"
    return render(request, "methods/kj/includes/board.html", board_context(session, back))


@require_POST
@login_required
def note_move(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(pk)
    authorise(request.user, MANAGE, session)
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
    session = _session(pk)
    authorise(request.user, MANAGE, session)
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
    session = _session(pk)
    authorise(request.user, MANAGE, session)
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
    session = _session(pk)
    authorise(request.user, MANAGE, session)
    accepted = services.suggestions_accept(session=session)
    messages.success(request, f"{accepted} suggested group{'s' if accepted != 1 else ''} accepted.")
    return _back(request, session)


@require_POST
@login_required
def group_rename(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group(pk)
    authorise(request.user, MANAGE, group.session)
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
    group = _group(pk)
    authorise(request.user, MANAGE, group.session)
    services.group_accept(group=group)
    messages.success(request, f"{group} accepted.")
    return _back(request, group.session, anchor=f"group-{group.pk}")


@require_POST
@login_required
def group_delete(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group(pk)
    session = group.session
    authorise(request.user, MANAGE, session)
    name = str(group)
    returned = services.group_delete(group=group, user=request.user)
    messages.success(
        request, f"{name} deleted. Its {returned} note{'s' if returned != 1 else ''} went back to Ungrouped."
    )
    return _back(request, session)
