"""What a boardstorm adds to a method session: the participant's page, the board for the facilitator,
the projector and the summary, and the export of the ideas by heading."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coproduce.directory.models import Person
from coproduce.engagement.models import CommentStatus, MethodStep

from ..models import MethodSession, SessionStatus
from ..participants import page_context
from . import services
from .forms import CaptureIdeaForm, HeadingForm, ParticipantIdeaForm
from .selectors import NO_HEADING, board, board_ideas, heading_of, idea_count

TOO_FAST = "You have sent a lot very quickly. Wait a minute and send it again: it is still in the box below."


def participant(request: HttpRequest, session: MethodSession, person: Person) -> HttpResponse:
    """The board, read-only, and a form to add an idea under a heading. ``?fragment=board`` is the board
    alone, for the page's live refresh (participants have no account, so the feed is this page)."""
    from ..public_views import limited

    if request.GET.get("fragment") == "board":
        return render(request, "methods/boardstorm/includes/board.html", {"columns": board(session)})
    posting = request.method == "POST" and request.POST.get("action", "idea") == "idea"
    form = ParticipantIdeaForm(request.POST if posting else None, session=session)
    status = 200
    if posting:
        if limited(request):
            form.is_valid()
            form.add_error(None, TOO_FAST)
            status = 429
        elif form.is_valid():
            try:
                idea = services.idea_add(
                    session=session,
                    person=person,
                    text=form.cleaned_data["text"],
                    heading=form.cleaned_data["heading"],
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
                status = 400
            else:
                _thank(request, session, idea.comment.status, str(idea.heading or NO_HEADING))
                return redirect("methods_public:take_part", code=session.event.join_code, pk=session.pk)
        else:
            status = 400
    sent = session.comments.filter(author=person, method_step=MethodStep.BOARDSTORM).count()
    context = page_context(session, person, form=form, columns=board(session), sent=sent)
    return render(request, "methods/boardstorm/participant.html", context, status=status)


def _thank(request: HttpRequest, session: MethodSession, status: str, heading: str) -> None:
    if status == CommentStatus.HELD:
        messages.warning(
            request,
            "This event has closed, so your idea is not on the live board. "
            "We have kept it and passed it to the facilitator, who can still add it.",
        )
    elif session.status == SessionStatus.FINISHED:
        messages.warning(
            request,
            f"The board had closed, but your idea has been kept under “{heading}” for the facilitator.",
        )
    else:
        messages.success(request, f"Thank you. Your idea is on the board under “{heading}”.")


def panel_context(session: MethodSession) -> dict:
    columns = board(session, include_held=True)
    return {
        "board": {
            "columns": columns,
            # The projector shows what the room may see: not what was held after the event closed.
            "public_columns": board(session),
            "ideas": idea_count(columns),
            "headings": list(session.headings.all()),
            "heading_form": HeadingForm(prefix="heading"),
            "idea_form": CaptureIdeaForm(session=session, prefix="idea"),
        }
    }


def export_table(session: MethodSession) -> tuple[list[str], list[list]]:
    headers = ["Heading number", "Heading", "Comment id", "Time", "Role", "Status", "Idea"]
    headings = {h.pk: h for h in session.headings.all()}
    rows = []
    for comment in board_ideas(session, include_held=True):
        heading = headings.get(heading_of(comment) or 0)
        rows.append(
            [
                heading.number if heading else "",
                heading.title if heading else NO_HEADING,
                comment.pk,
                comment.created_at.isoformat(timespec="seconds"),
                comment.get_author_role_display(),
                comment.get_status_display(),
                comment.text,
            ]
        )
    rows.sort(key=lambda row: (row[0] == "", row[0] or 0))
    return headers, rows
