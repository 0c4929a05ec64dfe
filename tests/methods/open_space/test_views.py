"""Open Space pages: the participant's phone at each stage, the facilitator's panel and actions, the
projector, the summary and the export."""

import pytest
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.directory.models import Role
from coproduce.engagement.models import Method
from coproduce.methods import services as method_services
from coproduce.methods.models import OpenSpaceInterest, OpenSpaceNote, OpenSpacePlacement, OpenSpaceTopic
from coproduce.methods.open_space import services
from tests.factories import member

pytestmark = pytest.mark.django_db


def join(client, event, role=Role.VCS_PROVIDER):
    response = client.post(reverse("public:join"), {"code": event.join_code})
    client.post(response.url, {"role": role})


def take_part(session):
    return reverse("methods_public:take_part", args=[session.event.join_code, session.pk])


@pytest.fixture
def facilitator(client, event):
    client.force_login(member(event.area, AreaRole.FACILITATOR))
    return client


def test_a_participant_proposes_ticks_and_reads_their_agenda(client, event, open_space):
    join(client, event)
    method_services.session_go_to(session=open_space, step="propose")
    page = client.get(take_part(open_space)).content.decode()
    assert "What do you want to talk about?" in page
    response = client.post(take_part(open_space), {"action": "propose", "title": "Sharing the hall"})
    assert response.status_code == 302
    topic = OpenSpaceTopic.objects.get()
    assert topic.convener is not None and topic.convener.role == Role.VCS_PROVIDER
    other = services.topic_propose(session=open_space, title="Referrals")

    method_services.session_go_to(session=open_space, step="interest")
    page = client.get(take_part(open_space)).content.decode()
    assert 'type="checkbox"' in page and "Referrals" in page
    client.post(take_part(open_space), {"action": "interest", "topics": [topic.pk, other.pk]})
    assert OpenSpaceInterest.objects.count() == 2
    page = client.get(take_part(open_space)).content.decode()
    assert page.count("checked") == 2  # their ticks are shown back

    OpenSpacePlacement.objects.create(topic=topic, room="Hall", slot="10:00")
    OpenSpacePlacement.objects.create(topic=other, room="Library", slot="10:00")
    method_services.session_go_to(session=open_space, step="agenda")
    page = client.get(take_part(open_space)).content.decode()
    assert "My agenda" in page and "10:00, Hall" in page and "You run it" in page
    assert "Clash" in page  # both of their sessions are at 10:00


def test_a_participant_s_note_becomes_a_comment_and_a_rejected_note_is_kept(client, event, open_space):
    join(client, event)
    topic = services.topic_propose(session=open_space, title="Referrals")
    method_services.session_go_to(session=open_space, step="notes")
    long_text = "x" * 2001
    response = client.post(take_part(open_space), {"action": "note", "topic": topic.pk, "text": long_text})
    assert response.status_code == 400
    assert long_text in response.content.decode()
    client.post(take_part(open_space), {"action": "note", "topic": topic.pk, "text": "One referral form"})
    note = OpenSpaceNote.objects.get()
    assert note.topic == topic and note.comment.text == "One referral form"


def test_a_participant_who_has_not_joined_is_sent_to_join(client, open_space):
    method_services.session_go_to(session=open_space, step="propose")
    response = client.get(take_part(open_space))
    assert response.status_code == 302 and "/join/" in response.url


def test_the_facilitator_sets_rooms_schedules_and_sees_the_figures(facilitator, open_space, people):
    client = facilitator
    response = client.post(
        reverse("open_space:setup", args=[open_space.pk]),
        {"rooms": "Hall, 30\nLibrary, 10", "slots": "10:00\n11:00\n12:00", "time_limit": "2"},
    )
    assert response.status_code == 302
    open_space.refresh_from_db()
    assert open_space.setup["slots"] == ["10:00", "11:00", "12:00"]
    a = services.topic_propose(session=open_space, title="Premises", convener=people[0])
    b = services.topic_propose(session=open_space, title="Referrals", convener=people[1])
    for person in people:
        services.interest_set(session=open_space, person=person, topics=[a, b])
    page = client.get(reverse("methods:session", args=[open_space.pk])).content.decode()
    assert "This takes up to 2 seconds" in page
    response = client.post(reverse("open_space:schedule", args=[open_space.pk]), follow=True)
    page = response.content.decode()
    assert "0 clashes; the solver proved at least 0 are unavoidable (optimal)" in page
    assert OpenSpacePlacement.objects.count() == 2


def test_a_bad_rooms_list_comes_back_with_what_was_typed(facilitator, open_space):
    response = facilitator.post(
        reverse("open_space:setup", args=[open_space.pk]),
        {"rooms": "Hall, lots", "slots": "10:00", "time_limit": "2"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "write the room&#x27;s capacity as a whole number" in page and "Hall, lots" in page


def test_a_double_booking_move_is_refused_with_a_clear_message(facilitator, open_space, people):
    a = services.topic_propose(session=open_space, title="Premises")
    b = services.topic_propose(session=open_space, title="Referrals")
    OpenSpacePlacement.objects.create(topic=a, room="Hall", slot="10:00")
    OpenSpacePlacement.objects.create(topic=b, room="Hall", slot="11:00")
    url = reverse("open_space:move", args=[open_space.pk])
    response = facilitator.post(url, {"move-topic": b.pk, "move-room": "Hall", "move-slot": "10:00"})
    assert response.status_code == 400
    assert "Hall is already taken at 10:00 by “Premises”" in response.content.decode()
    response = facilitator.post(
        url, {"move-topic": b.pk, "move-room": "Library", "move-slot": "10:00"}, follow=True
    )
    assert "is now in Library at 10:00" in response.content.decode()


def test_facilitators_add_topics_and_notes(facilitator, open_space):
    facilitator.post(reverse("open_space:topic_add", args=[open_space.pk]), {"add-title": "Funding"})
    topic = OpenSpaceTopic.objects.get()
    assert topic.convener is None
    facilitator.post(
        reverse("open_space:note_add", args=[open_space.pk]),
        {"note-topic": topic.pk, "note-text": "Pool small grants", "note-role": "cc_manager"},
    )
    note = OpenSpaceNote.objects.get()
    assert note.comment.author_role == "cc_manager" and note.comment.method_step == "open_space"


def test_projector_summary_and_export_show_the_agenda(facilitator, open_space, people):
    a = services.topic_propose(session=open_space, title="Premises", convener=people[0])
    services.interest_set(session=open_space, person=people[1], topics=[a])
    method_services.session_go_to(session=open_space, step="interest")
    feed = facilitator.get(reverse("methods:present_feed", args=[open_space.pk])).content.decode()
    assert "Premises" in feed and "1 interested" in feed
    services.agenda_schedule(session=open_space)
    services.note_add(session=open_space, topic=a, text="=Share the hall", person=people[1])
    method_services.session_go_to(session=open_space, step="agenda")
    feed = facilitator.get(reverse("methods:present_feed", args=[open_space.pk])).content.decode()
    assert "Where and when" in feed and "Hall" in feed
    summary = facilitator.get(reverse("methods:summary", args=[open_space.pk])).content.decode()
    assert "Sessions and their notes" in summary and "=Share the hall" in summary
    assert "the solver proved" in summary
    export = facilitator.get(reverse("methods:export", args=[open_space.pk, "csv"])).content.decode()
    assert "Interested with a clash" in export and "'=Share the hall" in export
    assert "The whole agenda" in export


def test_other_methods_sessions_are_not_open_space(facilitator, event):
    kj = method_services.session_create(event=event, method=Method.KJ)
    response = facilitator.post(reverse("open_space:schedule", args=[kj.pk]))
    assert response.status_code == 404


def test_too_many_posts_are_refused_and_the_text_kept(client, event, open_space, settings):
    join(client, event)
    method_services.session_go_to(session=open_space, step="propose")
    settings.RATELIMIT_ENABLE = True
    settings.PARTICIPANT_RATE = "1/m"
    client.post(take_part(open_space), {"action": "propose", "title": "Sharing the hall"})
    response = client.post(take_part(open_space), {"action": "propose", "title": "Weekend opening"})
    assert response.status_code == 429
    assert "Weekend opening" in response.content.decode()
    assert OpenSpaceTopic.objects.count() == 1
