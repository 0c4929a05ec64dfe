"""A participant's phone in a KJ session: notes while writing, the board while grouping, dots while voting."""

import pytest
from django.urls import reverse

from coproduce.directory.models import Role
from coproduce.engagement.models import Comment, EventStatus, MethodStep
from coproduce.methods import services as method_services
from coproduce.methods.kj import services
from coproduce.methods.models import KJDot

pytestmark = pytest.mark.django_db


def join(client, event, role=Role.CC_MANAGER):
    response = client.post(reverse("public:join"), {"code": event.join_code})
    client.post(response.url, {"role": role})


@pytest.fixture
def phone(client, kj):
    join(client, kj.event)
    return client


def url(session):
    return reverse("methods_public:take_part", args=[session.event.join_code, session.pk])


def test_a_participant_writes_notes_and_sees_how_many_they_sent(phone, kj):
    page = phone.get(url(kj)).content.decode()
    assert "Write one idea per note" in page and 'name="text"' in page and "You have sent 0 notes" in page
    response = phone.post(url(kj), {"action": "note", "text": "Saturday sessions for working parents"})
    assert response.status_code == 302 and response.url == url(kj)
    note = Comment.objects.get()
    assert (note.method_step, note.method_session, note.author_role) == (
        MethodStep.KJ_NOTE,
        kj,
        Role.CC_MANAGER,
    )
    assert note.kj_placement.group is None
    page = phone.get(url(kj)).content.decode()
    assert "Your note has been sent" in page and "You have sent 1 note." in page


def test_an_empty_or_too_long_note_is_refused_and_the_text_kept(phone, kj):
    response = phone.post(url(kj), {"action": "note", "text": "   "})
    assert response.status_code == 400 and "Write your note first" in response.content.decode()
    long = "Families need " + "x" * 2100
    response = phone.post(url(kj), {"action": "note", "text": long})
    assert response.status_code == 400 and long in response.content.decode()
    assert not Comment.objects.exists()


def test_a_note_sent_too_quickly_is_given_back(phone, kj, settings):
    settings.RATELIMIT_ENABLE = True
    settings.PARTICIPANT_RATE = "1/m"
    phone.post(url(kj), {"action": "note", "text": "First"})
    response = phone.post(url(kj), {"action": "note", "text": "Second, kept in the box"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "Second, kept in the box" in page and "Wait a minute" in page
    assert Comment.objects.count() == 1


def test_a_note_typed_before_the_room_moved_on_is_kept(phone, kj):
    method_services.session_go_to(session=kj, step="group")
    phone.post(url(kj), {"action": "note", "text": "Typed just before grouping began"})
    assert Comment.objects.get().method_step == MethodStep.KJ_NOTE


def test_after_the_event_closed_a_note_is_held_not_lost(phone, kj):
    kj.event.status = EventStatus.CLOSED
    kj.event.save()
    response = phone.post(url(kj), {"action": "note", "text": "Late note"}, follow=True)
    assert "kept and passed to the facilitator" in response.content.decode()
    assert Comment.objects.get().status == "held"


def test_while_grouping_participants_follow_the_board_read_only(phone, kj, notes):
    group = services.group_create(session=kj, name="Weekends")
    services.note_move(session=kj, comment=notes[0], group=group, user=None)
    method_services.session_go_to(session=kj, step="group")
    page = phone.get(url(kj)).content.decode()
    assert "Weekends" in page and "7 notes not grouped yet" in page
    assert 'name="text"' not in page and "<select" not in page
    fragment = phone.get(url(kj) + "?part=board").content.decode()
    assert "<html" not in fragment and "Weekends" in fragment


def test_dot_voting_from_a_phone_with_no_javascript(phone, kj, notes):
    weekends = services.group_create(session=kj, name="Weekends")
    services.group_create(session=kj, name="Timetables")
    method_services.session_go_to(session=kj, step="vote")
    page = phone.get(url(kj)).content.decode()
    assert (
        "You have 3 of 3 dots left." in page
        and 'Add a dot<span class="govuk-visually-hidden"> to Weekends' in page
    )
    for _ in range(3):
        phone.post(url(kj), {"action": "dot_add", "group": weekends.pk})
    response = phone.post(url(kj), {"action": "dot_add", "group": weekends.pk}, follow=True)
    page = response.content.decode()
    assert "You have used all your 3 dots" in page and "You have 0 of 3 dots left." in page
    assert "your dots here: 3" in page
    phone.post(url(kj), {"action": "dot_remove", "group": weekends.pk})
    assert KJDot.objects.filter(group=weekends).count() == 2


def test_dots_cannot_be_placed_before_voting_opens(phone, kj, notes):
    weekends = services.group_create(session=kj, name="Weekends")
    response = phone.post(url(kj), {"action": "dot_add", "group": weekends.pk}, follow=True)
    assert "Dot voting is not open" in response.content.decode()
    assert not KJDot.objects.exists()


def test_someone_who_has_not_joined_is_asked_for_their_role_and_keeps_their_note(client, kj):
    response = client.post(url(kj), {"action": "note", "text": "Kept for after joining"})
    assert response.url == reverse("public:join_event", args=[kj.event.join_code])
    assert client.session["coproduce:pending-comment"] == "Kept for after joining"


def test_a_note_sent_after_the_room_moved_to_grouping_is_kept_and_flagged_late(phone, kj):
    phone.get(url(kj))
    method_services.session_go_to(session=kj, step="group")
    phone.post(url(kj), {"action": "note", "text": "Evening drop-ins", "step": "write"})
    note = Comment.objects.get()
    assert note.method_step == MethodStep.KJ_NOTE
    assert (note.late_answer.seen_step, note.late_answer.room_step) == ("write", "group")
