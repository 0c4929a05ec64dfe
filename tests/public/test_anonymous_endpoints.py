"""The participant endpoints that need no account hold up against guessing, flooding and cookie-less joins."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coproduce.consensus.models import Vote
from coproduce.directory.models import Person, Role
from coproduce.engagement.models import Attendance, Comment, Event, EventStatus
from tests.factories import EventFactory, StatementFactory, SurveyFactory

pytestmark = pytest.mark.django_db


def join(client, event, role=Role.PARENT_CARER):
    response = client.post(reverse("public:join"), {"code": event.join_code})
    assert response.status_code == 302
    response = client.post(response.url, {"role": role})
    assert response.status_code == 302
    return response.url


def test_guessing_codes_by_get_is_limited_per_address(client, settings):
    settings.RATELIMIT_ENABLE = True
    settings.JOIN_CODE_RATE = "5/m"
    for guess in ["AAAAAA", "BBBBBB", "CCCCCC", "DDDDDD", "EEEEEE"]:
        assert client.get(reverse("public:join_event", args=[guess])).status_code == 404

    response = client.get(reverse("public:vote", args=["FFFFFF"]))

    assert response.status_code == 429
    assert "Too many tries from this connection" in response.content.decode()


def test_the_code_limit_covers_the_join_box_survey_codes_and_method_pages(client, settings):
    settings.RATELIMIT_ENABLE = True
    settings.JOIN_CODE_RATE = "3/m"
    client.post(reverse("public:join"), {"code": "AAAAAA"})
    client.get(reverse("surveys_public:answer", args=["BBBBBB"]))
    client.get(reverse("methods_public:take_part", args=["CCCCCC", 1]))

    assert client.post(reverse("public:join"), {"code": "DDDDDD"}).status_code == 429
    assert client.get(reverse("surveys_public:answer", args=["EEEEEE"])).status_code == 429
    assert client.get(reverse("methods_public:take_part", args=["FFFFFF", 1])).status_code == 429


def test_a_participant_who_has_joined_is_not_held_back_by_the_code_limit(client, settings):
    settings.RATELIMIT_ENABLE = True
    settings.JOIN_CODE_RATE = "4/m"
    event = EventFactory()
    url = join(client, event)
    for _ in range(10):
        assert client.get(url).status_code == 200


def test_a_closed_events_code_stops_answering_after_the_grace_period(client, settings):
    settings.JOIN_CODE_GRACE_DAYS = 7
    today = datetime.date.today()
    recent = EventFactory(status=EventStatus.CLOSED, date=today - datetime.timedelta(days=3))
    old = EventFactory(status=EventStatus.CLOSED, date=today - datetime.timedelta(days=8), title="Secret")
    old.results_published = True
    old.save()
    Event.objects.filter(pk__in=[recent.pk, old.pk]).update(
        closed_at=timezone.now() - datetime.timedelta(days=8)
    )
    Event.objects.filter(pk=recent.pk).update(closed_at=timezone.now() - datetime.timedelta(days=2))
    SurveyFactory(event=old, status="closed", join_code="SVYOLD")

    assert (
        "This event has closed"
        in client.get(reverse("public:join_event", args=[recent.join_code])).content.decode()
    )
    for url in [
        reverse("public:join_event", args=[old.join_code]),
        reverse("public:vote_results", args=[old.join_code]),
        reverse("surveys_public:answer", args=["SVYOLD"]),
    ]:
        response = client.get(url)
        assert response.status_code == 404
        assert "Secret" not in response.content.decode()
    response = client.post(reverse("public:join"), {"code": old.join_code})
    assert response.status_code == 404
    assert "not recognised" in response.content.decode()


def test_cookie_less_joins_change_no_count(settings):
    event = EventFactory()
    people, attendances = Person.objects.count(), Attendance.objects.count()
    Client().get(reverse("public:area", args=[event.area.slug])).content.decode()
    for _ in range(20):
        browser = Client()
        response = browser.post(reverse("public:join"), {"code": event.join_code})
        browser.cookies.clear()
        response = browser.post(response.url, {"role": Role.PARENT_CARER})
        browser.cookies.clear()
        browser.get(response.url)

    assert (Person.objects.count(), Attendance.objects.count()) == (people, attendances)
    event.area.is_published = True


def test_joining_records_nobody_until_they_contribute(client):
    event = EventFactory()
    comment_url = join(client, event)
    client.get(comment_url)
    client.get(reverse("public:vote", args=[event.join_code]))
    assert Person.objects.count() == 0 and Attendance.objects.count() == 0

    client.post(comment_url, {"text": "More Saturday sessions, please."})

    person = Person.objects.get()
    assert person.role == Role.PARENT_CARER
    assert Attendance.objects.get().person == person
    assert Comment.objects.get().author == person


def test_a_first_vote_records_the_participant(client):
    event = EventFactory()
    statement = StatementFactory(event=event, text="Open on Saturdays")
    join(client, event)

    client.post(
        reverse("public:vote", args=[event.join_code]), {"statement": statement.pk, "choice": "agree"}
    )

    assert Vote.objects.get().person == Person.objects.get()
    assert Attendance.objects.filter(event=event).count() == 1


def test_a_browser_that_drops_cookies_is_told_why_joining_does_not_work():
    event = EventFactory()
    browser = Client()
    response = browser.post(reverse("public:join"), {"code": event.join_code})
    response = browser.post(response.url, {"role": Role.PARENT_CARER})
    assert "c=1" in response.url
    browser.cookies.clear()

    page = browser.get(response.url)

    assert "Your browser is not keeping cookies" in page.content.decode()
    assert "allow cookies for this site" in page.content.decode()


def test_comments_are_limited_per_address_and_per_event_as_well_as_per_participant(settings):
    settings.RATELIMIT_ENABLE = True
    settings.PARTICIPANT_RATE = "100/m"
    settings.PARTICIPANT_ADDRESS_RATE = "3/m"
    settings.PARTICIPANT_EVENT_RATE = "100/m"
    event = EventFactory()
    for n in range(3):
        browser = Client()
        assert browser.post(join(browser, event), {"text": f"Comment {n}"}).status_code == 302
    browser = Client()
    url = join(browser, event)
    assert browser.post(url, {"text": "One too many from this address"}).status_code == 429

    assert Comment.objects.count() == 3


def test_comments_are_limited_per_event_whatever_the_address(settings):
    settings.RATELIMIT_ENABLE = True
    settings.PARTICIPANT_EVENT_RATE = "2/m"
    event, elsewhere = EventFactory(), EventFactory()
    for n in range(2):
        browser = Client(REMOTE_ADDR=f"10.0.0.{n}")
        assert browser.post(join(browser, event), {"text": f"Comment {n}"}).status_code == 302
    browser = Client(REMOTE_ADDR="10.0.0.9")
    assert browser.post(join(browser, event), {"text": "One too many for the event"}).status_code == 429
    assert browser.post(join(browser, elsewhere), {"text": "Another event is fine"}).status_code == 302
