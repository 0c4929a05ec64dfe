"""Events: list, create, read, change."""

import datetime

import pytest

from coproduce.engagement.models import Event, EventStatus
from tests.api.helpers import error_messages, url
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_events_of_an_area(as_user, area, other_area, viewer):
    mine = EventFactory(area=area, title="Task group")
    EventFactory(area=other_area)

    response = as_user(viewer).get(url("area_event_list", slug=area.slug))

    assert response.status_code == 200
    assert [e["id"] for e in response.json()] == [mine.pk]
    assert response.json()[0]["area"] == area.slug
    assert response.json()[0]["title"] == "Task group"


def test_a_facilitator_creates_an_event(as_user, area, facilitator):
    response = as_user(facilitator).post(
        url("area_event_create", slug=area.slug),
        {
            "kind": "workshop",
            "title": "  Six hats workshop ",
            "date": "2011-10-28",
            "venue": "Town hall",
            "methods": ["six_hats", "orid", "six_hats"],
        },
    )

    assert response.status_code == 201
    event = Event.objects.get()
    assert event.area == area
    assert event.title == "Six hats workshop"
    assert event.date == datetime.date(2011, 10, 28)
    assert event.methods == ["six_hats", "orid"]
    assert event.status == EventStatus.PLANNED
    body = response.json()
    assert body["id"] == event.pk
    assert body["join_code"] == event.join_code
    assert event.history.get().history_user == facilitator


def test_only_those_who_run_events_see_the_join_code(as_user, area, viewer, facilitator):
    event = EventFactory(area=area)
    assert as_user(viewer).get(url("event_detail", event_id=event.pk)).json()["join_code"] is None
    assert (
        as_user(facilitator).get(url("event_detail", event_id=event.pk)).json()["join_code"]
        == event.join_code
    )


@pytest.mark.parametrize(
    "change, message",
    [
        ({"kind": "party"}, "'party' is not a valid event kind"),
        ({"methods": ["six_hats", "tarot"]}, "'tarot' is not a valid method. Use one of: 'six_hats'"),
        ({"title": "   "}, "Enter the event title"),
        ({"title": "x" * 201}, "The event title is 201 characters long; it must be 200 or fewer"),
        ({"date": "28/10/2011"}, "date"),
        ({"status": "cancelled"}, "'cancelled' is not a valid event status"),
    ],
)
def test_a_bad_event_is_a_422_that_says_why(as_user, area, facilitator, change, message):
    body = {"kind": "workshop", "title": "Workshop", "date": "2011-10-28"} | change
    response = as_user(facilitator).post(url("area_event_create", slug=area.slug), body)
    assert response.status_code == 422
    assert message in error_messages(response)
    assert Event.objects.count() == 0


def test_patch_changes_only_what_is_sent(as_user, area, facilitator):
    event = EventFactory(area=area, title="Old", venue="Library", status=EventStatus.PLANNED)

    response = as_user(facilitator).patch(
        url("event_update", event_id=event.pk),
        {"title": "New", "date": "2011-11-04", "methods": ["kj"], "status": "open"},
    )

    assert response.status_code == 200
    event.refresh_from_db()
    assert (event.title, event.venue, event.date, event.methods, event.status) == (
        "New",
        "Library",
        datetime.date(2011, 11, 4),
        ["kj"],
        EventStatus.OPEN,
    )
    assert response.json()["status"] == "open"
    assert event.history.first().history_user == facilitator


@pytest.mark.parametrize(
    "change, message",
    [
        ({"title": None}, "title cannot be null"),
        ({"methods": ["nope"]}, "'nope' is not a valid method"),
        ({"status": "gone"}, "'gone' is not a valid event status"),
    ],
)
def test_a_bad_patch_is_a_422(as_user, area, facilitator, change, message):
    event = EventFactory(area=area, title="Keep")
    response = as_user(facilitator).patch(url("event_update", event_id=event.pk), change)
    assert response.status_code == 422
    assert message in error_messages(response)
    event.refresh_from_db()
    assert event.title == "Keep"


@pytest.mark.parametrize("date", [0, 1330560000, "2012-03-01T00:00:00", True])
def test_a_date_that_is_not_a_yyyy_mm_dd_string_is_a_422(as_user, area, facilitator, date):
    response = as_user(facilitator).post(
        url("area_event_create", slug=area.slug), {"kind": "workshop", "title": "Workshop", "date": date}
    )
    assert response.status_code == 422
    assert "YYYY-MM-DD" in error_messages(response)
