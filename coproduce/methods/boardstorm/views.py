"""Back office of a boardstorm: the facilitator manages the headings, types in and moves ideas."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from coproduce.core.forms import add_service_errors
from coproduce.engagement.models import Comment, Method

from ..backoffice import (
    back_to,
    form_problems,
    method_page,
    part_to_run,
    session_to_run,
)
from ..models.boardstorm import BoardHeading
from . import services
from .forms import CaptureIdeaForm, HeadingChangeForm, HeadingForm, MoveIdeaForm
from .selectors import NO_HEADING, board


@login_required
def heading_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_to_run(request, pk, Method.BOARDSTORM)
    form = HeadingForm(request.POST if request.method == "POST" else None, prefix="heading")
    if request.method == "POST" and form.is_valid():
        try:
            heading = services.heading_add(session=session, title=form.cleaned_data["title"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Heading added: {heading.title}.")
            return back_to(session, "board-headings")
    status = 400 if form.errors else 200
    return method_page(request, "heading_add.html", session, {"form": form}, status)


@login_required
def heading_edit(request: HttpRequest, pk: int) -> HttpResponse:
    heading = part_to_run(request, BoardHeading, pk)
    session = heading.session
    form = HeadingChangeForm(request.POST if request.method == "POST" else None, heading=heading)
    if request.method == "POST" and form.is_valid():
        try:
            services.heading_change(
                heading=heading, title=form.cleaned_data["title"], number=form.cleaned_data["number"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Heading saved: {heading.number}. {heading.title}.")
            return back_to(session, "board-headings")
    status = 400 if form.errors else 200
    history = heading.history.select_related("history_user").order_by("-history_date")[:20]
    return method_page(
        request, "heading_edit.html", session, {"form": form, "heading": heading, "history": history}, status
    )


@login_required
def heading_delete(request: HttpRequest, pk: int) -> HttpResponse:
    heading = part_to_run(request, BoardHeading, pk)
    session = heading.session
    if request.method == "POST":
        moved = services.heading_delete(heading=heading)
        messages.success(
            request,
            f"Heading deleted: {heading.title}. Its {moved} idea{'s' if moved != 1 else ''} "
            f"{'are' if moved != 1 else 'is'} still on the board, under “{NO_HEADING}”.",
        )
        return back_to(session, "board-headings")
    return method_page(
        request, "heading_delete.html", session, {"heading": heading, "ideas": heading.ideas.count()}
    )


@login_required
def idea_add(request: HttpRequest, pk: int) -> HttpResponse:
    """A facilitator types in an idea from a sticky note."""
    session = session_to_run(request, pk, Method.BOARDSTORM)
    form = CaptureIdeaForm(request.POST if request.method == "POST" else None, session=session, prefix="idea")
    if request.method == "POST" and form.is_valid():
        try:
            idea = services.idea_capture(
                session=session,
                text=form.cleaned_data["text"],
                role=form.cleaned_data["role"],
                heading=form.cleaned_data["heading"],
                user=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Idea added under “{idea.heading or NO_HEADING}”.")
            return back_to(session, "board-add-idea")
    status = 400 if form.errors else 200
    return method_page(request, "idea_add.html", session, {"form": form}, status)


@require_POST
@login_required
def idea_move(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_to_run(request, pk, Method.BOARDSTORM)
    form = MoveIdeaForm(request.POST, session=session)
    if form.is_valid():
        comment = session.comments.filter(pk=form.cleaned_data["idea"]).first()
        try:
            if comment is None:
                raise ValidationError({"idea": "That idea is not on this board"})
            idea = services.idea_move(session=session, comment=comment, heading=form.cleaned_data["heading"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Idea moved to “{idea.heading or NO_HEADING}”: {_short(comment)}")
    else:
        messages.error(request, form_problems(form))
    return back_to(session, "board-move")


def _short(comment: Comment) -> str:
    return comment.text if len(comment.text) <= 60 else comment.text[:59] + "…"


@login_required
def board_feed(request: HttpRequest, pk: int) -> HttpResponse:
    """The board as the facilitator sees it (held ideas too), for the live refresh of their page."""
    session = session_to_run(request, pk, Method.BOARDSTORM)
    return render(
        request,
        "methods/boardstorm/includes/board.html",
        {"session": session, "columns": board(session, include_held=True), "show_roles": True},
    )
