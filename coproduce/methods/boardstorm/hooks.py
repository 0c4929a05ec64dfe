"""What a boardstorm adds to a method session: the participant's page, the board for the facilitator,
the projector and the summary, and the export of the ideas by heading."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coproduce.directory.models import Person
from coproduce.engagement.models import CommentStatus, MethodStep
from coproduce.public.participants import NOT_SENT

from ..models import MethodSession
from ..participants import back_to_page, contribution_thanked, method_send, page_context
from . import services
from .forms import CaptureIdeaForm, HeadingForm, ParticipantIdeaForm
from .selectors import NO_HEADING, board, board_ideas, heading_of, idea_count


def participant(request: HttpRequest, session: MethodSession, person: Person) -> HttpResponse:
    """The board, read-only, and a form to add an idea under a heading. ``?fragment=board`` is the board
    alone, for the page's live refresh (participants have no account, so the feed is this page)."""
    if request.GET.get("fragment") == "board":
        return render(request, "methods/boardstorm/includes/board.html", {"columns": board(session)})
    posting = request.method == "POST" and request.POST.get("action", "idea") == "idea"
    form = ParticipantIdeaForm(request.POST if posting else None, session=session)

    def add(data: dict) -> HttpResponse:
        idea = services.idea_add(session=session, person=person, text=data["text"], heading=data["heading"])
        heading = str(idea.heading or NO_HEADING)
        thanks = f"Thank you. Your idea is on the board under “{heading}”."
        contribution_thanked(
            request, session, what="idea", thanks=thanks, held=idea.comment.status == CommentStatus.HELD
        )
        return back_to_page(session)

    sent = method_send(request, session, form, add) if posting else NOT_SENT
    if sent.response is not None:
        return sent.response
    count = session.comments.filter(author=person, method_step=MethodStep.BOARDSTORM).count()
    context = page_context(session, person, form=form, columns=board(session), sent=count)
    return render(request, "methods/boardstorm/participant.html", context, status=sent.status)


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
