"""Speed-dating pages: the facilitator's panel and controls, the cards, the projector, the participant's
phone with their table and the "what could we do together?" box, the summary and the export."""

import pytest
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.directory.models import Person, Role
from coproduce.engagement.models import Method
from coproduce.methods import services as method_services
from coproduce.methods.models import SpeedDatingNote
from coproduce.methods.speed_dating import services
from coproduce.methods.speed_dating.selectors import meeting_now, plan_of
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator(client, event):
    client.force_login(member(event.area, AreaRole.FACILITATOR))
    return client


def take_part(session):
    return reverse("methods_public:take_part", args=[session.event.join_code, session.pk])


def test_the_facilitator_makes_the_plan_and_runs_the_rounds(facilitator, speed_dating, providers, managers):
    page = facilitator.get(reverse("methods:session", args=[speed_dating.pk])).content.decode()
    assert "At the event now: 5 VCS providers and 3 children&#x27;s-centre managers" in page
    response = facilitator.post(
        reverse("speed_dating:plan", args=[speed_dating.pk]),
        {"first_role": Role.VCS_PROVIDER, "second_role": Role.CC_MANAGER},
        follow=True,
    )
    page = response.content.decode()
    assert "5 rounds (the least possible: the larger group has 5 people)" in page
    assert "Start round 1" in page
    response = facilitator.post(reverse("speed_dating:next_round", args=[speed_dating.pk]), follow=True)
    page = response.content.decode()
    assert "Round 1 has started" in page and "Round 1 of 5" in page and "Tables this round" in page
    feed = facilitator.get(reverse("methods:present_feed", args=[speed_dating.pk])).content.decode()
    assert "Round 1 of 5" in feed and "VCS provider 1" in feed


def test_two_same_roles_are_refused(facilitator, speed_dating, providers):
    response = facilitator.post(
        reverse("speed_dating:plan", args=[speed_dating.pk]),
        {"first_role": Role.VCS_PROVIDER, "second_role": Role.VCS_PROVIDER},
        follow=True,
    )
    assert "Choose a different role for the second group" in response.content.decode()
    assert plan_of(speed_dating) is None


def test_leavers_and_arrivals_are_absorbed_from_the_panel(
    facilitator, speed_dating, event, providers, managers
):
    services.plan_make(session=speed_dating, first_role=Role.VCS_PROVIDER, second_role=Role.CC_MANAGER)
    services.round_next(session=speed_dating)
    response = facilitator.post(
        reverse("speed_dating:changes", args=[speed_dating.pk]), {"left": [providers[4].pk]}, follow=True
    )
    page = response.content.decode()
    assert "more rounds after round 1, the fewest possible" in page
    assert speed_dating.meetings.filter(missed=True).exists()
    response = facilitator.post(
        reverse("speed_dating:person_add", args=[speed_dating.pk]), {"add-role": Role.CC_MANAGER}, follow=True
    )
    assert "They are in the plan." in response.content.decode()
    assert Person.objects.filter(role=Role.CC_MANAGER, attendances__event=event).count() == 4
    response = facilitator.post(reverse("speed_dating:changes", args=[speed_dating.pk]), {}, follow=True)
    assert "Tick who has left or who has arrived" in response.content.decode()


def test_the_cards_page_has_one_card_per_person_for_print(facilitator, speed_dating, providers, managers):
    services.plan_make(session=speed_dating, first_role=Role.VCS_PROVIDER, second_role=Role.CC_MANAGER)
    page = facilitator.get(reverse("speed_dating:cards", args=[speed_dating.pk])).content.decode()
    assert page.count('class="cp-speed-dating-card"') == 8
    # A card never splits across printed pages (the rule is in the methods' stylesheet).
    from django.conf import settings

    stylesheet = (settings.BASE_DIR / "coproduce" / "frontend" / "_methods.scss").read_text()
    assert (
        ".cp-speed-dating-card { border: 2px solid #0b0c0c; padding: 15px; break-inside: avoid" in stylesheet
    )
    assert "Children&#x27;s-centre manager 3" in page and "Round 5:" in page
    assert "Anonymous" not in page


def test_the_participant_sees_their_table_and_sends_an_idea(client, speed_dating, event, providers, managers):
    response = client.post(reverse("public:join"), {"code": event.join_code})
    client.post(response.url, {"role": Role.CC_MANAGER})
    client.get(take_part(speed_dating))  # joining records nobody; the method's page does
    me = Person.objects.latest("pk")
    method_services.session_go_to(session=speed_dating, step="plan")
    assert "not in the seating plan yet" in client.get(take_part(speed_dating)).content.decode()
    services.plan_make(session=speed_dating, first_role=Role.VCS_PROVIDER, second_role=Role.CC_MANAGER)
    services.round_next(session=speed_dating)
    meeting = meeting_now(speed_dating, me)
    page = client.get(take_part(speed_dating)).content.decode()
    assert "Children&#x27;s-centre manager 4" in page
    assert f"Table {meeting.table}" in page and "What could we do together?" in page
    response = client.post(take_part(speed_dating), {"meeting": meeting.pk, "text": ""})
    assert response.status_code == 400 and "Write your idea first" in response.content.decode()
    client.post(take_part(speed_dating), {"meeting": meeting.pk, "text": "Share a stay-and-play session"})
    note = SpeedDatingNote.objects.get()
    assert note.meeting == meeting and note.comment.author == me


def test_a_participant_cannot_note_someone_else_s_meeting(client, speed_dating, event, providers, managers):
    response = client.post(reverse("public:join"), {"code": event.join_code})
    client.post(response.url, {"role": Role.CC_MANAGER})
    client.get(take_part(speed_dating))  # joining records nobody; the method's page does
    services.plan_make(session=speed_dating, first_role=Role.VCS_PROVIDER, second_role=Role.CC_MANAGER)
    services.round_next(session=speed_dating)
    theirs = meeting_now(speed_dating, managers[0])
    response = client.post(take_part(speed_dating), {"meeting": theirs.pk, "text": "Not mine"})
    assert response.status_code == 400 and not SpeedDatingNote.objects.exists()
    assert "Not mine" in response.content.decode()


def test_summary_and_export_list_meetings_by_round_with_notes(facilitator, speed_dating, providers, managers):
    services.plan_make(session=speed_dating, first_role=Role.VCS_PROVIDER, second_role=Role.CC_MANAGER)
    services.round_next(session=speed_dating)
    meeting = meeting_now(speed_dating, managers[0])
    services.note_add(session=speed_dating, meeting=meeting, text="@Joint training", person=managers[0])
    summary = facilitator.get(reverse("methods:summary", args=[speed_dating.pk])).content.decode()
    assert "Round 5" in summary and "@Joint training" in summary
    export = facilitator.get(reverse("methods:export", args=[speed_dating.pk, "csv"])).content.decode()
    assert "What we could do together" in export and "'@Joint training" in export
    assert ",Held," in export and ",Planned," in export


def test_other_methods_sessions_are_not_speed_dating(facilitator, event):
    kj = method_services.session_create(event=event, method=Method.KJ)
    assert facilitator.get(reverse("speed_dating:cards", args=[kj.pk])).status_code == 404


def test_too_many_ideas_are_refused_and_the_text_kept(
    client, speed_dating, event, providers, managers, settings
):
    response = client.post(reverse("public:join"), {"code": event.join_code})
    client.post(response.url, {"role": Role.CC_MANAGER})
    client.get(take_part(speed_dating))  # joining records nobody; the method's page does
    me = Person.objects.latest("pk")
    services.plan_make(session=speed_dating, first_role=Role.VCS_PROVIDER, second_role=Role.CC_MANAGER)
    services.round_next(session=speed_dating)
    meeting = meeting_now(speed_dating, me)
    settings.RATELIMIT_ENABLE = True
    settings.PARTICIPANT_RATE = "1/m"
    client.post(take_part(speed_dating), {"meeting": meeting.pk, "text": "First idea"})
    response = client.post(take_part(speed_dating), {"meeting": meeting.pk, "text": "Second idea"})
    assert response.status_code == 429 and "Second idea" in response.content.decode()
    assert SpeedDatingNote.objects.count() == 1
