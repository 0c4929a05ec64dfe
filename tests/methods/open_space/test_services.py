"""Open Space: topics, interest, the scheduled agenda and its clash figures, moves by hand, notes."""

import pytest
from django.core.exceptions import ValidationError

from coproduce.engagement.models import Comment, MethodStep
from coproduce.methods.models import OpenSpaceInterest, OpenSpacePlacement
from coproduce.methods.open_space import services
from coproduce.methods.open_space.agenda import RoomSpec, parse_rooms, parse_slots
from coproduce.methods.open_space.selectors import (
    agenda,
    clashes_now,
    my_agenda,
    schedule_report,
    topics_with_interest,
)

pytestmark = pytest.mark.django_db


def four_topics(session, people):
    """Four topics; everyone wants "Premises" and "Referrals", so the best agenda splits those two."""
    premises = services.topic_propose(session=session, title="Premises", convener=people[0])
    referrals = services.topic_propose(session=session, title="Referrals", convener=people[1])
    funding = services.topic_propose(session=session, title="Funding", convener=people[0])
    parents = services.topic_propose(session=session, title="Parents' forum")
    for person in people:
        services.interest_set(session=session, person=person, topics=[premises, referrals])
    services.interest_set(session=session, person=people[2], topics=[premises, referrals, funding])
    return premises, referrals, funding, parents


def test_rooms_and_slots_are_read_one_per_line():
    assert parse_rooms("Hall, 30\n\n  Library,12 \nGarden") == [
        RoomSpec("Hall", 30),
        RoomSpec("Library", 12),
        RoomSpec("Garden", None),
    ]
    assert parse_slots("10:00\n\n11:00\n") == ["10:00", "11:00"]
    with pytest.raises(ValueError, match="whole number"):
        parse_rooms("Hall, thirty")
    with pytest.raises(ValueError, match="listed twice"):
        parse_slots("10:00\n10:00")


def test_a_person_s_interest_is_exactly_what_they_ticked_last(open_space, people):
    premises, referrals, funding, _ = four_topics(open_space, people)
    services.interest_set(session=open_space, person=people[3], topics=[funding])
    assert set(OpenSpaceInterest.objects.filter(person=people[3]).values_list("topic__title", flat=True)) == {
        "Funding"
    }
    counts = {t.title: t.interest_count for t in topics_with_interest(open_space)}
    assert counts == {"Premises": 3, "Referrals": 3, "Funding": 2, "Parents' forum": 0}


def test_the_schedule_is_stored_and_its_figures_shown(open_space, people):
    premises, referrals, funding, parents = four_topics(open_space, people)
    schedule = services.agenda_schedule(session=open_space)
    where = {p.topic.title: (p.room, p.slot) for p in OpenSpacePlacement.objects.select_related("topic")}
    assert len(where) == 4
    # The pair everyone wants never runs at once; the convener of two topics never runs both at once.
    assert where["Premises"][1] != where["Referrals"][1]
    assert where["Premises"][1] != where["Funding"][1]
    figures = open_space.setup["schedule"]
    assert figures["clashes"] == schedule.clashes == clashes_now(open_space)
    assert figures["lower_bound"] <= figures["clashes"] <= figures["naive_clashes"]
    report = schedule_report(open_space)
    assert report.still_valid
    assert report.headline.startswith(f"{schedule.clashes} clash")
    assert "the solver proved at least" in report.headline
    assert ("(optimal)" in report.headline) == schedule.proven_optimal
    grid = agenda(open_space)
    assert [row.slot for row in grid.rows] == ["10:00", "11:00"]
    assert not grid.unplaced


def test_a_schedule_that_cannot_fit_says_why(open_space, people):
    for n in range(7):
        services.topic_propose(session=open_space, title=f"Topic {n}")
    with pytest.raises(ValidationError, match="7 topics cannot fit into 6 places"):
        services.agenda_schedule(session=open_space)


def place(topic, room, slot):
    OpenSpacePlacement.objects.update_or_create(topic=topic, defaults={"room": room, "slot": slot})


def test_a_move_by_hand_recomputes_the_clashes(open_space, people):
    premises, referrals, funding, parents = four_topics(open_space, people)
    place(premises, "Hall", "10:00")
    place(parents, "Library", "10:00")
    place(referrals, "Hall", "11:00")
    place(funding, "Library", "11:00")
    assert clashes_now(open_space) == 1  # one person wants Referrals and Funding, both at 11:00
    after = services.topic_move(session=open_space, topic=referrals, room="Garden", slot="10:00")
    assert after == clashes_now(open_space) == 4  # now everyone wants two sessions at 10:00
    assert OpenSpacePlacement.objects.get(topic=referrals).room == "Garden"


def test_a_move_never_double_books_a_room_or_a_convener(open_space, people):
    premises, referrals, funding, parents = four_topics(open_space, people)
    place(premises, "Hall", "10:00")
    place(parents, "Library", "10:00")
    place(referrals, "Hall", "11:00")
    with pytest.raises(ValidationError, match="Library is already taken at 10:00 by “Parents' forum”"):
        services.topic_move(session=open_space, topic=referrals, room="Library", slot="10:00")
    with pytest.raises(ValidationError, match="nobody can run two sessions at once"):
        services.topic_move(session=open_space, topic=funding, room="Garden", slot="10:00")
    assert not OpenSpacePlacement.objects.filter(topic=funding).exists()
    assert OpenSpacePlacement.objects.get(topic=referrals).slot == "11:00"
    # A topic the facilitators added has no convener to double-book.
    services.topic_move(session=open_space, topic=parents, room="Garden", slot="11:00")


def test_after_a_move_the_report_compares_with_the_scheduler(open_space, people):
    premises, referrals, *_ = four_topics(open_space, people)
    services.agenda_schedule(session=open_space)
    scheduled = clashes_now(open_space)
    slot = OpenSpacePlacement.objects.get(topic=premises).slot
    free = next(
        room
        for room in ("Hall", "Library", "Garden")
        if not OpenSpacePlacement.objects.filter(room=room, slot=slot).exists()
    )
    services.topic_move(session=open_space, topic=referrals, room=free, slot=slot)
    report = schedule_report(open_space)
    assert report.moved and report.scheduled_clashes == scheduled < report.clashes
    assert "a gap of" in report.headline


def test_new_interest_after_scheduling_withdraws_the_proved_bound(open_space, people):
    premises, referrals, funding, parents = four_topics(open_space, people)
    services.agenda_schedule(session=open_space)
    services.interest_set(session=open_space, person=people[3], topics=[parents])
    report = schedule_report(open_space)
    assert not report.still_valid and "schedule again" in report.headline


def test_my_agenda_flags_my_clashes(open_space, people):
    premises, referrals, funding, parents = four_topics(open_space, people)
    place(premises, "Hall", "10:00")
    place(referrals, "Hall", "11:00")
    place(funding, "Library", "11:00")
    lines = {line.topic.title: line for line in my_agenda(open_space, people[2])}
    assert set(lines) == {"Premises", "Referrals", "Funding"}
    assert not lines["Premises"].clash and lines["Referrals"].clash and lines["Funding"].clash
    convener = {line.topic.title: line.convening for line in my_agenda(open_space, people[0])}
    assert convener == {"Premises": True, "Referrals": False, "Funding": True}


def test_a_session_s_notes_are_comments_of_the_event(open_space, people):
    premises, *_ = four_topics(open_space, people)
    note = services.note_add(
        session=open_space, topic=premises, text="Share the hall on Saturdays", person=people[1]
    )
    comment = Comment.objects.get()
    assert note.comment == comment
    assert (comment.method_step, comment.method_session, comment.author) == (
        MethodStep.OPEN_SPACE,
        open_space,
        people[1],
    )
    typed = services.note_add(
        session=open_space, topic=premises, text="From the flipchart", user=None, role="cc_manager"
    )
    assert typed.comment.author_role == "cc_manager" and typed.comment.author is None
