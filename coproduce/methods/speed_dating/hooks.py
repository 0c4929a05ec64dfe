"""How the core shows speed dating: the participant's page, the facilitator's panel and the export."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coproduce.directory.models import Person
from coproduce.methods.models import MethodSession, SessionStatus
from coproduce.methods.public_views import limited
from coproduce.methods.steps import step_of

from . import services
from .forms import ChangesForm, MeetingNoteForm, PersonAddForm, PlanForm
from .selectors import (
    ROLE_LABELS,
    arrivals,
    current_round,
    labels,
    meetings_of,
    people_present,
    plan_of,
    role_noun,
    roles_of,
    rounds,
)

TOO_FAST = "You have sent a lot very quickly. Wait a minute and send it again: it is still in the box below."


def plan_figures(session: MethodSession) -> dict | None:
    """The plan's size against the least possible, and what the last change to it did."""
    plan = plan_of(session)
    if plan is None:
        return None
    first, second = len(plan.first), len(plan.second)
    changes = session.setup.get("changes", [])
    return {
        "rounds": len(plan.rounds),
        "lower_bound": session.setup.get("lower_bound", max(first, second)),
        "first": first,
        "second": second,
        "in_the_room": len(plan.present),
        "last_change": changes[-1] if changes else None,
        "changes": len(changes),
        "missed": session.meetings.filter(missed=True).count(),
    }


def _people_phrase(session: MethodSession, first_role: str, second_role: str) -> dict[str, str]:
    """ "4 VCS providers", "3 children's-centre managers": now at the event, and in the plan."""
    first, second = people_present(session)
    plan = plan_of(session)
    in_plan = (len(plan.first), len(plan.second)) if plan else (0, 0)
    return {
        "present": f"{len(first)} {role_noun(first_role, len(first))} and "
        f"{len(second)} {role_noun(second_role, len(second))}",
        "planned": f"{in_plan[0]} {role_noun(first_role, in_plan[0])} meet "
        f"{in_plan[1]} {role_noun(second_role, in_plan[1])}",
        "met": f"{in_plan[0]} {role_noun(first_role, in_plan[0])} met "
        f"{in_plan[1]} {role_noun(second_role, in_plan[1])}",
    }


def panel_context(session: MethodSession) -> dict:
    first_role, second_role = roles_of(session)
    first, second = people_present(session)
    all_rounds = rounds(session)
    number = current_round(session)
    return {
        "speed_dating": {
            "plan": plan_figures(session),
            "round": number,
            "now": next((r for r in all_rounds if r.number == number), None),
            "rounds": all_rounds,
            "roles": (ROLE_LABELS[first_role], ROLE_LABELS[second_role]),
            "people": _people_phrase(session, first_role, second_role),
            "present": (len(first), len(second)),
            "arrivals": arrivals(session),
            "plan_form": PlanForm(session=session),
            "changes_form": ChangesForm(session=session),
            "person_form": PersonAddForm(session=session, prefix="add"),
        }
    }


def participant(request: HttpRequest, session: MethodSession, person: Person) -> HttpResponse:
    """Where to sit and whom to meet now, their whole card, and the "what could we do together?" box."""
    plan = plan_of(session)
    names = labels(session, plan)
    number = current_round(session)
    mine = meetings_of(session, person)
    now = next((m for m in mine if m.round == number), None) if session.step == "rounds" else None
    # Notes can be left on any meeting held so far; during a round, on that round's.
    held = [m for m in mine if m.round <= number or session.step == "notes"]
    partner_of = {m.pk: names.get(m.second_id if m.first_id == person.pk else m.first_id, "?") for m in mine}
    hidden = session.step == "rounds" and now is not None
    form = MeetingNoteForm(
        request.POST if request.method == "POST" else None,
        meetings=held,
        partner_of=partner_of,
        hidden=hidden,
        initial={"meeting": now.pk if now else (held[-1].pk if held else None)},
    )
    status = 200
    if request.method == "POST":
        if limited(request):
            form.is_valid()
            form.add_error(None, TOO_FAST)
            status = 429
        elif form.is_valid():
            meeting = form.cleaned_data["meeting"]
            try:
                services.note_add(
                    session=session, meeting=meeting, text=form.cleaned_data["text"], person=person
                )
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            else:
                if session.status == SessionStatus.FINISHED:
                    messages.warning(
                        request,
                        "This part of the event has finished, but your idea has been kept and passed to the facilitator.",
                    )
                else:
                    messages.success(
                        request, f"Thank you. Your idea from round {meeting.round} has been sent."
                    )
                return redirect("methods_public:take_part", code=session.event.join_code, pk=session.pk)
        else:
            status = 400
    card = plan.card(person.pk) if plan is not None and person.pk in (*plan.first, *plan.second) else []
    return render(
        request,
        "methods/speed_dating/participant.html",
        {
            "session": session,
            "event": session.event,
            "person": person,
            "current": step_of(session.method, session.step),
            "seconds_left": session.seconds_left(),
            "in_plan": bool(card),
            "me": names.get(person.pk, ""),
            "round": number,
            "rounds_total": len(plan.rounds) if plan else 0,
            "now": now,
            "partner": partner_of.get(now.pk) if now else "",
            "card": [
                {
                    "round": line.round,
                    "table": line.table,
                    "partner": names.get(line.partner, "") if line.partner else "",
                }
                for line in card
            ],
            "form": form if held else None,
            "note_form": form,
            "can_note": bool(held) and session.step in ("rounds", "notes"),
        },
        status=status,
    )


def export_table(session: MethodSession) -> tuple[list[str], list[list]]:
    """One row per note (a meeting without notes has a row of its own), round by round."""
    headers = ["Round", "Table", "First", "Second", "Meeting", "What we could do together", "Note by (role)"]
    rows: list[list] = []
    number = current_round(session)
    for round_ in rounds(session):
        for line in [*round_.meetings, *round_.missed]:
            base = [
                round_.number,
                "" if line.missed else line.table,
                line.first,
                line.second,
                "Missed: one of the two left"
                if line.missed
                else "Held"
                if round_.number <= number
                else "Planned",
            ]
            for comment in line.notes:
                rows.append([*base, comment.text, comment.get_author_role_display()])
            if not line.notes:
                rows.append([*base, "", ""])
    return headers, rows
