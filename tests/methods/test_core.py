"""Running a method session: stages, the projector, participants' answers kept with their stage."""

import pytest
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.directory.models import Role
from coproduce.engagement.models import Comment, CommentStatus, EventStatus, Method, MethodStep
from coproduce.methods import services
from coproduce.methods.models import MethodSession, SessionStatus
from tests.factories import EventFactory, member

pytestmark = pytest.mark.django_db


def join(client, event, role=Role.VCS_PROVIDER):
    response = client.post(reverse("public:join"), {"code": event.join_code})
    client.post(response.url, {"role": role})


@pytest.fixture
def event():
    return EventFactory(methods=[Method.ORID])


@pytest.fixture
def facilitator(event, client):
    user = member(event.area, AreaRole.FACILITATOR)
    client.force_login(user)
    return user


@pytest.fixture
def six_hats(event):
    return services.session_create(event=event, method=Method.SIX_HATS, step_minutes=4)


def take_part_url(session):
    return reverse("methods_public:take_part", args=[session.event.join_code, session.pk])


def test_a_facilitator_sets_up_a_method_planned_for_the_event_first(client, facilitator, event):
    page = client.get(reverse("methods:create", args=[event.pk])).content.decode()
    assert page.index("Focused conversation (ORID) (planned for this event)") < page.index(
        "six thinking hats"
    )
    response = client.post(
        reverse("methods:create", args=[event.pk]), {"method": Method.ORID, "step_minutes": 3}
    )
    session = MethodSession.objects.get()
    assert response.url == reverse("methods:session", args=[session.pk])
    assert (session.method, session.step, session.status, session.step_minutes) == (
        "orid",
        "objective",
        "ready",
        3,
    )


def test_setting_up_says_what_is_wrong(client, facilitator, event):
    response = client.post(reverse("methods:create", args=[event.pk]), {"method": "", "step_minutes": 0})
    page = response.content.decode()
    assert "Choose the method to run" in page and "A timed stage lasts at least 1 minute" in page
    assert not MethodSession.objects.exists()


def test_moving_the_room_to_a_stage_starts_its_clock(client, facilitator, six_hats):
    client.post(reverse("methods:step", args=[six_hats.pk]), {"step": "black"})
    six_hats.refresh_from_db()
    assert (six_hats.status, six_hats.step) == (SessionStatus.RUNNING, "black")
    assert 230 <= six_hats.seconds_left() <= 240
    client.post(reverse("methods:step", args=[six_hats.pk]), {"action": "finish"})
    six_hats.refresh_from_db()
    assert six_hats.status == SessionStatus.FINISHED


def test_an_unknown_stage_is_refused_with_a_message(client, facilitator, six_hats):
    response = client.post(reverse("methods:step", args=[six_hats.pk]), {"step": "purple"}, follow=True)
    assert "has no stage called &#x27;purple&#x27;" in response.content.decode()
    six_hats.refresh_from_db()
    assert six_hats.step == "white"


def test_a_participant_answers_the_stage_the_room_is_at(client, six_hats):
    services.session_go_to(session=six_hats, step="red")
    join(client, six_hats.event)
    page = client.get(take_part_url(six_hats)).content.decode()
    assert "Red hat: feelings" in page and "How do you feel about it?" in page
    response = client.post(take_part_url(six_hats), {"text": "Nervous about the tender", "step": "red"})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.method_step, comment.method_session, comment.author_role) == (
        MethodStep.RED,
        six_hats,
        Role.VCS_PROVIDER,
    )


def test_an_answer_typed_before_the_room_moved_on_keeps_the_stage_it_answered(client, six_hats):
    services.session_go_to(session=six_hats, step="white")
    join(client, six_hats.event)
    client.get(take_part_url(six_hats))
    services.session_go_to(session=six_hats, step="yellow")
    client.post(take_part_url(six_hats), {"text": "Twelve centres, six VCS groups", "step": "white"})
    assert Comment.objects.get().method_step == MethodStep.WHITE


def test_an_empty_answer_is_refused_and_nothing_is_saved(client, six_hats):
    services.session_go_to(session=six_hats, step="white")
    join(client, six_hats.event)
    response = client.post(take_part_url(six_hats), {"text": "  ", "step": "white"})
    assert response.status_code == 400 and "Write your answer first" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_participant_who_has_not_joined_is_sent_to_join_with_their_text_kept(client, six_hats):
    services.session_go_to(session=six_hats, step="white")
    response = client.post(take_part_url(six_hats), {"text": "Do not lose me", "step": "white"})
    assert response.url == reverse("public:join_event", args=[six_hats.event.join_code])
    assert client.session["coproduce:pending-comment"] == "Do not lose me"


def test_before_the_start_participants_are_asked_to_wait(client, six_hats):
    join(client, six_hats.event)
    assert "has not started this yet" in client.get(take_part_url(six_hats)).content.decode()


def test_an_answer_after_the_session_finished_is_kept(client, six_hats):
    services.session_go_to(session=six_hats, step="green")
    join(client, six_hats.event)
    services.session_finish(session=six_hats)
    response = client.post(take_part_url(six_hats), {"text": "One more idea", "step": "green"}, follow=True)
    assert "your answer has been kept" in response.content.decode()
    assert Comment.objects.get().method_step == MethodStep.GREEN


def test_an_answer_after_the_event_closed_is_held_for_the_facilitator(client, six_hats):
    services.session_go_to(session=six_hats, step="green")
    join(client, six_hats.event)
    six_hats.event.status = EventStatus.CLOSED
    six_hats.event.save()
    client.post(take_part_url(six_hats), {"text": "Late idea", "step": "green"})
    assert Comment.objects.get().status == CommentStatus.HELD


def test_answers_are_rate_limited_with_the_text_given_back(client, six_hats, settings):
    settings.RATELIMIT_ENABLE = True
    settings.PARTICIPANT_RATE = "2/m"  # joining takes two posts, counted apart from the answers
    services.session_go_to(session=six_hats, step="white")
    join(client, six_hats.event)
    client.post(take_part_url(six_hats), {"text": "first", "step": "white"})
    client.post(take_part_url(six_hats), {"text": "second", "step": "white"})
    response = client.post(take_part_url(six_hats), {"text": "third, too fast", "step": "white"})
    assert response.status_code == 429 and "third, too fast" in response.content.decode()
    assert Comment.objects.count() == 2


def test_a_facilitator_types_in_a_sticky_note_with_its_stage(client, facilitator, six_hats):
    client.post(
        reverse("methods:capture", args=[six_hats.pk]),
        {"text": "Parents want Saturday sessions", "role": Role.PARENT_CARER, "step": "yellow"},
    )
    comment = Comment.objects.get()
    assert (comment.method_step, comment.captured_by, comment.method_session) == (
        MethodStep.YELLOW,
        facilitator,
        six_hats,
    )


def test_orid_questions_can_be_reworded_for_the_room(client, facilitator, event):
    orid = services.session_create(event=event, method=Method.ORID)
    client.post(reverse("methods:prompts", args=[orid.pk]), {"objective": "What did the tender say?"})
    services.session_go_to(session=orid, step="objective")
    participant = type(client)()
    join(participant, event)
    assert "What did the tender say?" in participant.get(take_part_url(orid)).content.decode()
    assert (
        "What did the tender say?"
        in client.get(reverse("methods:present_feed", args=[orid.pk])).content.decode()
    )


def test_the_projector_and_the_summary_show_what_was_said_by_stage(client, facilitator, six_hats):
    person_client = type(client)()
    services.session_go_to(session=six_hats, step="black")
    join(person_client, six_hats.event)
    person_client.post(take_part_url(six_hats), {"text": "Risk: small groups priced out", "step": "black"})
    present = client.get(reverse("methods:present_feed", args=[six_hats.pk])).content.decode()
    assert "Black hat: cautions" in present and "Risk: small groups priced out" in present
    summary = client.get(reverse("methods:summary", args=[six_hats.pk])).content.decode()
    assert "Black hat (cautions) (1)" in summary or "Black hat: cautions (1)" in summary
    assert "Risk: small groups priced out" in summary


def test_the_export_escapes_formulas(client, facilitator, six_hats):
    services.facilitator_contribute(
        session=six_hats,
        text='=HYPERLINK("x")',
        role=Role.OTHER,
        method_step=MethodStep.WHITE,
        user=facilitator,
    )
    body = client.get(reverse("methods:export", args=[six_hats.pk, "csv"])).content.decode()
    assert "'=HYPERLINK" in body and "White hat (facts)" in body


def test_participants_see_what_is_running_from_the_event_page(client, six_hats):
    services.session_go_to(session=six_hats, step="white")
    join(client, six_hats.event)
    page = client.get(reverse("public:participate", args=[six_hats.event.join_code])).content.decode()
    assert take_part_url(six_hats) in page


@pytest.mark.parametrize(
    ("seconds", "shown"), [(125, "2:05 left"), (59, "0:59 left"), (0, "time is up"), (None, "")]
)
def test_the_stage_clock_reads_like_a_clock(seconds, shown):
    from coproduce.core.templatetags.figures import clock

    assert clock(seconds) == shown


def test_the_clock_counts_down_in_the_browser_from_the_servers_figure(client, facilitator, six_hats):
    services.session_go_to(session=six_hats, step="white")
    feed = client.get(reverse("methods:present_feed", args=[six_hats.pk])).content.decode()
    assert 'data-countdown="2' in feed and ":" in feed and "left" in feed


def test_the_limit_is_each_participants_so_a_room_on_one_wifi_can_all_answer(client, six_hats, settings):
    services.session_go_to(session=six_hats, step="white")
    join(client, six_hats.event)
    neighbour = type(client)()  # another phone, the same address
    join(neighbour, six_hats.event)
    settings.RATELIMIT_ENABLE = True
    settings.PARTICIPANT_RATE = "2/m"
    for phone in (client, neighbour):
        for n in range(2):
            assert (
                phone.post(take_part_url(six_hats), {"text": f"answer {n}", "step": "white"}).status_code
                == 302
            )
    assert client.post(take_part_url(six_hats), {"text": "one too many", "step": "white"}).status_code == 429
    assert Comment.objects.count() == 4


def test_an_answer_that_arrives_after_the_room_moved_on_is_filed_under_the_seen_stage_and_flagged_late(
    client, facilitator, six_hats
):
    services.session_go_to(session=six_hats, step="white")
    join(client, six_hats.event)
    services.session_go_to(session=six_hats, step="red")
    client.post(take_part_url(six_hats), {"text": "We have twelve centres", "step": "white"})
    comment = Comment.objects.get()
    assert comment.method_step == MethodStep.WHITE
    assert (comment.late_answer.seen_step, comment.late_answer.room_step) == ("white", "red")
    page = client.get(reverse("methods:session", args=[six_hats.pk])).content.decode()
    assert "arrived after the room moved to Red hat: feelings" in page


def test_an_answer_to_the_current_stage_is_not_late(client, six_hats):
    services.session_go_to(session=six_hats, step="red")
    join(client, six_hats.event)
    client.post(take_part_url(six_hats), {"text": "Hopeful", "step": "red"})
    assert not Comment.objects.filter(late_answer__isnull=False).exists()


@pytest.mark.parametrize("sent", ["", "purple", "write"])
def test_a_missing_or_foreign_step_is_filed_under_the_current_stage(client, six_hats, sent):
    services.session_go_to(session=six_hats, step="black")
    join(client, six_hats.event)
    client.post(take_part_url(six_hats), {"text": "Risky timetable", "step": sent})
    assert Comment.objects.get().method_step == MethodStep.BLACK
    assert not Comment.objects.filter(late_answer__isnull=False).exists()


def test_the_phone_page_carries_the_stage_and_its_question_for_the_page_to_follow(client, six_hats):
    services.session_go_to(session=six_hats, step="white")
    join(client, six_hats.event)
    services.session_go_to(session=six_hats, step="red")
    status = client.get(reverse("methods_public:status", args=[six_hats.event.join_code, six_hats.pk]))
    fragment = status.content.decode()
    assert 'data-step="red"' in fragment and "How do you feel about it?" in fragment


def test_a_phone_on_a_finished_method_is_led_to_the_events_next_running_method(client, six_hats):
    services.session_go_to(session=six_hats, step="blue")
    after = services.session_create(event=six_hats.event, method=Method.KJ, title="Notes on the wall")
    services.session_go_to(session=after, step="write")
    join(client, six_hats.event)
    services.session_finish(session=six_hats)
    response = client.get(take_part_url(six_hats), follow=True)
    assert response.redirect_chain[0][0] == take_part_url(after)
    assert "has finished" in response.content.decode() and "Notes on the wall" in response.content.decode()


def test_a_phone_on_a_finished_method_with_nothing_after_goes_back_to_the_event(client, six_hats):
    services.session_go_to(session=six_hats, step="blue")
    join(client, six_hats.event)
    services.session_finish(session=six_hats)
    response = client.get(take_part_url(six_hats))
    assert response.url == reverse("public:participate", args=[six_hats.event.join_code])
