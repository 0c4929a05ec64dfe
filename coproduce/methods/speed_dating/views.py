"""Back office of speed dating: make the plan, start each round, record arrivals and leavers, print cards."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from coproduce.core.navigation import event_crumbs
from coproduce.engagement.models import Method
from coproduce.methods.backoffice import session_to_run
from coproduce.methods.models import MethodSession
from coproduce.planning import Replan

from . import services
from .forms import ChangesForm, PersonAddForm, PlanForm
from .selectors import cards as cards_of
from .selectors import current_round, plan_of


def _back(session: MethodSession, anchor: str = "speed-dating") -> HttpResponse:
    return redirect(f"{session.get_absolute_url()}#{anchor}")


def _form_problems(form) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def _change_said(change: Replan, held: int) -> str:
    rounds = change.extra_rounds
    said = (
        f"The plan now runs {rounds} more round{'s' if rounds != 1 else ''} after round {held}, the fewest "
        f"possible: the busiest person has {change.lower_bound} people still to meet."
    )
    if change.missed:
        said += f" {len(change.missed)} meeting{'s' if len(change.missed) != 1 else ''} will not happen."
    if change.kept_printed_cards:
        said += " The printed cards are still right for everyone who stays."
    else:
        said += " Print the cards again for the rounds to come."
    return said


@login_required
@require_POST
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_to_run(request, pk, Method.SPEED_DATING)
    form = PlanForm(request.POST, session=session)
    if not form.is_valid():
        messages.error(request, _form_problems(form))
        return _back(session)
    try:
        made = services.plan_make(
            session=session,
            first_role=form.cleaned_data["first_role"],
            second_role=form.cleaned_data["second_role"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        n = len(made.rounds)
        messages.success(request, f"The plan is made: {n} round{'s' if n != 1 else ''}, the least possible.")
    return _back(session)


@login_required
@require_POST
def next_round(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_to_run(request, pk, Method.SPEED_DATING)
    try:
        number = services.round_next(session=session)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Round {number} has started, and its clock.")
    if request.POST.get("next") == "present":
        return redirect("methods:present", pk=session.pk)
    return _back(session)


@login_required
@require_POST
def changes(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_to_run(request, pk, Method.SPEED_DATING)
    form = ChangesForm(request.POST, session=session)
    if not form.is_valid():
        messages.error(request, _form_problems(form))
        return _back(session, "speed-dating-changes")
    try:
        held = current_round(session)
        change = services.attendance_change(
            session=session, arrived=list(form.cleaned_data["arrived"]), left=list(form.cleaned_data["left"])
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _change_said(change, held))
    return _back(session, "speed-dating-changes")


@login_required
@require_POST
def person_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_to_run(request, pk, Method.SPEED_DATING)
    form = PersonAddForm(request.POST, session=session, prefix="add")
    if not form.is_valid():
        messages.error(request, _form_problems(form))
        return _back(session, "speed-dating-changes")
    try:
        held = current_round(session)
        _, change = services.person_add(session=session, role=form.cleaned_data["role"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "They are in the plan. " + _change_said(change, held))
    return _back(session, "speed-dating-changes")


@login_required
def cards(request: HttpRequest, pk: int) -> HttpResponse:
    """One card per person to print and hand out: their table and partner, round by round."""
    session = session_to_run(request, pk, Method.SPEED_DATING)
    return render(
        request,
        "methods/speed_dating/cards.html",
        {
            "session": session,
            "event": session.event,
            "cards": cards_of(session),
            "plan": plan_of(session),
            "breadcrumbs": event_crumbs(session.event, (session.name, session.get_absolute_url())),
        },
    )
