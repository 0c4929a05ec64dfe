"""What a force-field analysis adds to a method session: the participant's page, the forces and the chart
for the facilitator, the projector and the summary, and the export of the forces with their totals."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coproduce.directory.models import Person
from coproduce.engagement.models import CommentStatus, MethodStep
from coproduce.public.participants import NOT_SENT

from ..models import MethodSession
from ..participants import back_to_page, contribution_thanked, method_send, page_context
from . import services
from .forms import CaptureForceForm, ChangeForm, ForceForm
from .selectors import force_field, strength_words


def participant(request: HttpRequest, session: MethodSession, person: Person) -> HttpResponse:
    """The change, a form to add a force, and the forces so far. ``?fragment=forces`` is the forces alone,
    for the page's live refresh."""
    if request.GET.get("fragment") == "forces":
        return render(
            request, "methods/force_field/includes/columns.html", {"analysis": force_field(session)}
        )
    posting = request.method == "POST" and request.POST.get("action", "force") == "force"
    form = ForceForm(request.POST if posting else None)

    def add(data: dict) -> HttpResponse:
        force = services.force_add(session=session, person=person, **data)
        thanks = f"Thank you. Your {force.direction} force has been added."
        contribution_thanked(
            request, session, what="force", thanks=thanks, held=force.comment.status == CommentStatus.HELD
        )
        return back_to_page(session)

    sent = method_send(request, session, form, add) if posting else NOT_SENT
    if sent.response is not None:
        return sent.response
    count = session.comments.filter(
        author=person, method_step__in=[MethodStep.DRIVING, MethodStep.RESTRAINING]
    ).count()
    context = page_context(session, person, form=form, analysis=force_field(session), sent=count)
    return render(request, "methods/force_field/participant.html", context, status=sent.status)


def panel_context(session: MethodSession) -> dict:
    return {
        "analysis": force_field(session),
        "change_form": ChangeForm(initial={"change": services.change_of(session)}, prefix="change"),
        "force_form": CaptureForceForm(prefix="force"),
    }


def _added_by(force) -> str:
    comment = force.comment
    if force.raised_from_id:
        return "Facilitator, raised from a comment"
    return "Facilitator, typed in" if comment.captured_by_id else "Participant"


def export_table(session: MethodSession) -> tuple[list[str], list[list]]:
    headers = [
        "Force id",
        "Direction",
        "Strength",
        "Strength in words",
        "Force",
        "Role",
        "Added by",
        "Comment id",
        "Raised from comment id",
        "Raised from comment",
        "Time",
    ]
    field = force_field(session)
    rows: list[list] = []
    for force in field.forces:
        raised = force.raised_from
        rows.append(
            [
                force.pk,
                force.get_direction_display(),
                force.strength,
                strength_words(force.strength),
                force.comment.text,
                force.comment.get_author_role_display(),
                _added_by(force),
                force.comment_id,
                raised.pk if raised else "",
                raised.text if raised else "",
                force.comment.created_at.isoformat(timespec="seconds"),
            ]
        )
    for side in field.sides:
        rows.append(
            [
                "",
                f"Total: {side.label.lower()}",
                side.total,
                f"{side.count} forces",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ]
        )
    return headers, rows
