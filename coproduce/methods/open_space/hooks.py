"""How the core shows an Open Space: the participant's page, the facilitator's panel and the export."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coproduce.directory.models import Person
from coproduce.methods.models import MethodSession
from coproduce.methods.participants import back_to_page, contribution_thanked, method_send, page_context
from coproduce.public.participants import NOT_SENT

from . import services
from .agenda import rooms_of, slots_of, time_limit_of
from .forms import FacilitatorNoteForm, InterestForm, MoveForm, NoteForm, SetupForm, TopicForm
from .selectors import (
    agenda,
    clashing_people,
    interest_by_person,
    my_agenda,
    notes_by_topic,
    schedule_report,
    topics_with_interest,
    topics_with_notes,
)


def panel_context(session: MethodSession) -> dict:
    """For the facilitator's panel, the projector and the summary: everything under one name."""
    return {
        "open_space": {
            "topics": topics_with_interest(session),
            "people_interested": len(interest_by_person(session)),
            "agenda": agenda(session),
            "report": schedule_report(session),
            "notes": topics_with_notes(session),
            "rooms": rooms_of(session),
            "slots": slots_of(session),
            "time_limit": time_limit_of(session),
            "setup_form": SetupForm.for_session(session),
            "topic_form": TopicForm(prefix="add", facilitator=True),
            "move_form": MoveForm(session=session, prefix="move"),
            "note_form": FacilitatorNoteForm(session=session, prefix="note"),
        }
    }


def participant(request: HttpRequest, session: MethodSession, person: Person) -> HttpResponse:
    """Propose a topic, tick the ones to join, read my agenda, add a session's notes: by the room's stage."""
    action = request.POST.get("action", "") if request.method == "POST" else ""
    mine = [line.topic for line in my_agenda(session, person)]
    topic_form = TopicForm(request.POST if action == "propose" else None)
    interest_form = InterestForm(
        request.POST if action == "interest" else None,
        session=session,
        initial={"topics": list(interest_by_person(session).get(person.pk, set()))},
    )
    note_form = NoteForm(request.POST if action == "note" else None, session=session, topics=mine)
    form = {"propose": topic_form, "interest": interest_form, "note": note_form}.get(action)

    def act(data: dict) -> HttpResponse:
        _act(request, session, person, action, data)
        return back_to_page(session)

    sent = method_send(request, session, form, act) if form is not None else NOT_SENT
    if sent.response is not None:
        return sent.response
    context = page_context(
        session,
        person,
        form=form,  # the form with errors, for the error summary
        topic_form=topic_form,
        interest_form=interest_form,
        note_form=note_form,
        topics=topics_with_interest(session),
        my_agenda=my_agenda(session, person),
    )
    return render(request, "methods/open_space/participant.html", context, status=sent.status)


def _act(request: HttpRequest, session: MethodSession, person: Person, action: str, data: dict) -> None:
    if action == "propose":
        topic = services.topic_propose(session=session, title=data["title"], convener=person)
        messages.success(request, f"Your topic “{topic.title}” is on the marketplace. You will convene it.")
    elif action == "interest":
        count = services.interest_set(session=session, person=person, topics=data["topics"])
        messages.success(request, f"Saved: you want to join {count} session{'s' if count != 1 else ''}.")
    elif action == "note":
        services.note_add(session=session, topic=data["topic"], text=data["text"], person=person)
        thanks = f"Thank you. Your note on “{data['topic'].title}” has been sent."
        contribution_thanked(request, session, what="note", thanks=thanks)


def export_table(session: MethodSession) -> tuple[list[str], list[list]]:
    """One row per note (a topic without notes has a row of its own), with the topic's place, interest and
    clashes; the last row gives the agenda's clash figures."""
    notes = notes_by_topic(session)
    clashing = clashing_people(session)
    headers = [
        "Topic",
        "Convened by",
        "Interested",
        "Interested with a clash",
        "Room",
        "Time slot",
        "Note",
        "Note by (role)",
    ]
    rows: list[list] = []
    for topic in topics_with_interest(session):
        placed = getattr(topic, "placement", None)
        convener = topic.convener.get_role_display() if topic.convener else "Facilitators"
        base = [
            topic.title,
            convener,
            getattr(topic, "interest_count", 0),
            clashing.get(topic.pk, 0),
            placed.room if placed else "",
            placed.slot if placed else "",
        ]
        for note in notes.get(topic.pk, []):
            rows.append([*base, note.comment.text, note.comment.get_author_role_display()])
        if not notes.get(topic.pk):
            rows.append([*base, "", ""])
    report = schedule_report(session)
    if report is not None:
        rows.append(["The whole agenda", "", "", report.clashes, "", "", report.headline, ""])
    return headers, rows
