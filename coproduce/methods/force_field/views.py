"""Back office of a force-field analysis: the change, forces typed in, raised from comments, reweighed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coproduce.core.forms import add_service_errors
from coproduce.engagement.models import Method

from ..backoffice import back_to, method_page, part_to_run, session_to_run
from ..models.force_field import Force
from . import services
from .forms import CaptureForceForm, ChangeForm, RaiseForm, StrengthForm
from .selectors import force_field, raisable_comments, short, strength_words

RAISE_LIST_LENGTH = 100


def _force(request: HttpRequest, pk: int) -> Force:
    return part_to_run(request, Force, pk, "comment", "raised_from")


@login_required
def change_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_to_run(request, pk, Method.FORCE_FIELD)
    form = ChangeForm(
        request.POST if request.method == "POST" else None,
        initial={"change": services.change_of(session)},
        prefix="change",
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_set(session=session, change=form.cleaned_data["change"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The change is saved. Participants and the projector show it now.")
            return back_to(session, "force-change")
    status = 400 if form.errors else 200
    return method_page(request, "change.html", session, {"form": form}, status)


@login_required
def force_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_to_run(request, pk, Method.FORCE_FIELD)
    form = CaptureForceForm(request.POST if request.method == "POST" else None, prefix="force")
    if request.method == "POST" and form.is_valid():
        try:
            force = services.force_capture(session=session, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"Force added: {force.get_direction_display().lower()}, {force.strength}."
            )
            return back_to(session, "force-add")
    status = 400 if form.errors else 200
    return method_page(request, "force_add.html", session, {"form": form}, status)


@login_required
def force_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a force's strength; every change is kept in its history and listed here."""
    force = _force(request, pk)
    session = force.session
    form = StrengthForm(
        request.POST if request.method == "POST" else None, initial={"strength": str(force.strength)}
    )
    if request.method == "POST" and form.is_valid():
        before = force.strength
        try:
            services.force_set_strength(force=force, strength=form.cleaned_data["strength"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Strength changed from {before} to {force.strength}: {short(force.comment.text, 60)}",
            )
            return back_to(session, "force-list")
    status = 400 if form.errors else 200
    history = [
        (record, strength_words(record.strength))
        for record in force.history.select_related("history_user").order_by("-history_date", "-history_id")
    ]
    return method_page(
        request, "force_edit.html", session, {"form": form, "force": force, "history": history}, status
    )


@login_required
def force_delete(request: HttpRequest, pk: int) -> HttpResponse:
    force = _force(request, pk)
    session = force.session
    if request.method == "POST":
        comment = services.force_delete(force=force)
        messages.success(
            request,
            f"The force is no longer in the analysis. Its comment stays with the event: {short(comment.text, 60)}",
        )
        return back_to(session, "force-list")
    return method_page(request, "force_delete.html", session, {"force": force})


@login_required
def force_raise(request: HttpRequest, pk: int) -> HttpResponse:
    """The event's comments, each with a form to raise it as a force of this analysis."""
    session = session_to_run(request, pk, Method.FORCE_FIELD)
    search = request.GET.get("q", "").strip()
    posted_pk = "".join(c for c in request.POST.get("comment", "") if c.isdigit())
    posted = RaiseForm(request.POST, auto_id=f"raise-{posted_pk}-%s") if request.method == "POST" else None
    if posted is not None and posted.is_valid():
        comment = session.event.comments.filter(pk=posted.cleaned_data["comment"]).first()
        try:
            if comment is None:
                raise ValidationError({"comment": "That comment is not one of this event's"})
            force = services.force_raise(
                session=session,
                comment=comment,
                direction=posted.cleaned_data["direction"],
                strength=posted.cleaned_data["strength"],
                user=request.user,
            )
        except ValidationError as error:
            add_service_errors(posted, error)
        else:
            messages.success(
                request,
                f"Raised as a {force.direction} force of strength {force.strength}: {short(comment.text, 60)}",
            )
            return redirect(request.get_full_path())
    comments = list(raisable_comments(session, search)[: RAISE_LIST_LENGTH + 1])
    rows = []
    for comment in comments[:RAISE_LIST_LENGTH]:
        mine = posted is not None and str(comment.pk) == posted_pk
        form = (
            posted if mine else RaiseForm(initial={"comment": comment.pk}, auto_id=f"raise-{comment.pk}-%s")
        )
        raised = [f for f in comment.forces_raised.all() if f.session_id == session.pk]
        rows.append((comment, form, raised))
    context = {
        "rows": rows,
        "search": search,
        "more": len(comments) > RAISE_LIST_LENGTH,
        "form": posted,
        "limit": RAISE_LIST_LENGTH,
    }
    status = 400 if posted is not None and posted.errors else 200
    return method_page(request, "raise.html", session, context, status)


@login_required
def field_feed(request: HttpRequest, pk: int) -> HttpResponse:
    """The chart and the totals, for the live refresh of the facilitator's page."""
    session = session_to_run(request, pk, Method.FORCE_FIELD)
    return render(request, "methods/force_field/includes/analysis.html", {"analysis": force_field(session)})
