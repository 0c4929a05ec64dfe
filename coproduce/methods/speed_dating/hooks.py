"""How the core shows speed dating: the participant's page, the facilitator's panel and the export."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coproduce.directory.models import Person
from coproduce.methods.models import MethodSession
from coproduce.methods.participants import back_to_page, contribution_thanked, method_send, page_context

from . import services
from .forms import ChangesForm, MeetingNoteForm, PersonAddForm, PlanForm
from .selectors import (
    ROLE_LABELS,
    arrivals,
    current_round,
    my_rounds,
    people_present,
    plan_of,
    role_noun,
    roles_of,
    rounds,
)


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
    mine = my_rounds(session, person)
    form = MeetingNoteForm(
        request.POST if request.method == "POST" else None,
        meetings=mine.held,
        partner_of=mine.partner_of,
        hidden=mine.hide_meeting,
        initial={"meeting": mine.now.pk if mine.now else (mine.held[-1].pk if mine.held else None)},
    )

    def note(data: dict) -> HttpResponse:
        services.note_add(session=session, meeting=data["meeting"], text=data["text"], person=person)
        thanks = f"Thank you. Your idea from round {data['meeting'].round} has been sent."
        contribution_thanked(request, session, what="idea", thanks=thanks)
        return back_to_page(session)

    sent = method_send(request, session, form, note)
    if sent.response is not None:
        return sent.response
    context = page_context(
        session,
        person,
        in_plan=mine.in_plan,
        me=mine.me,
        round=mine.round,
        rounds_total=mine.rounds_total,
        now=mine.now,
        partner=mine.partner,
        card=mine.card,
        form=form if mine.held else None,
        note_form=form,
        can_note=mine.can_note,
    )
    return render(request, "methods/speed_dating/participant.html", context, status=sent.status)


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
