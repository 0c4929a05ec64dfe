"""Back office of speed dating: make the plan, start each round, record arrivals and leavers, print cards."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from coproduce.engagement.models import Method
from coproduce.methods.backoffice import back_to, form_problems, method_page, session_to_run
from coproduce.planning import Replan

from . import services
from .forms import ChangesForm, PersonAddForm, PlanForm
from .selectors import cards as cards_of
from .selectors import current_round, plan_of


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
        messages.error(request, form_problems(form))
        return back_to(session, "speed-dating")
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
    return back_to(session, "speed-dating")


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
    return back_to(session, "speed-dating")


@login_required
@require_POST
def changes(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_to_run(request, pk, Method.SPEED_DATING)
    form = ChangesForm(request.POST, session=session)
    if not form.is_valid():
        messages.error(request, form_problems(form))
        return back_to(session, "speed-dating-changes")
    try:
        held = current_round(session)
        change = services.attendance_change(
            session=session, arrived=list(form.cleaned_data["arrived"]), left=list(form.cleaned_data["left"])
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _change_said(change, held))
    return back_to(session, "speed-dating-changes")


@login_required
@require_POST
def person_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_to_run(request, pk, Method.SPEED_DATING)
    form = PersonAddForm(request.POST, session=session, prefix="add")
    if not form.is_valid():
        messages.error(request, form_problems(form))
        return back_to(session, "speed-dating-changes")
    try:
        held = current_round(session)
        _, change = services.person_add(session=session, role=form.cleaned_data["role"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "They are in the plan. " + _change_said(change, held))
    return back_to(session, "speed-dating-changes")


@login_required
def cards(request: HttpRequest, pk: int) -> HttpResponse:
    """One card per person to print and hand out: their table and partner, round by round."""
    session = session_to_run(request, pk, Method.SPEED_DATING)
    return method_page(request, "cards.html", session, {"cards": cards_of(session), "plan": plan_of(session)})
