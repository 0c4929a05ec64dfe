"""The iCalendar feed parses, holds one all-day event per milestone, and keeps each event's UID when the
milestone changes, so a subscribed calendar updates rather than duplicates."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from coproduce.commissioning import services
from tests.factories import CommissioningProcessFactory, MilestoneFactory, member

D = datetime.date
pytestmark = pytest.mark.django_db


def events(body: bytes):
    return [c for c in Calendar.from_ical(body).walk("VEVENT")]


def test_the_feed_parses_and_has_stable_uids(client):
    process = CommissioningProcessFactory()
    first = MilestoneFactory(
        process=process, title="Workshops", start_date=D(2011, 10, 28), due_date=D(2012, 2, 13)
    )
    MilestoneFactory(process=process, title="Tender", due_date=D(2012, 10, 8))
    client.force_login(member(process.area, "viewer"))
    url = reverse("commissioning:calendar", args=[process.pk])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar"
    before = events(response.content)
    assert [str(e["SUMMARY"]) for e in before] == [
        f"Workshops ({process.title})",
        f"Tender ({process.title})",
    ]
    assert before[0].decoded("DTSTART") == D(2011, 10, 28)
    assert before[0].decoded("DTEND") == D(2012, 2, 14)  # all-day events end the day after
    assert client.get(url).content == response.content  # unchanged data, identical feed

    services.milestone_update(milestone=first, title="Co-production workshops")
    after = events(client.get(url).content)
    assert [str(e["UID"]) for e in after] == [str(e["UID"]) for e in before]
    assert str(after[0]["UID"]) == f"milestone-{first.pk}@coproduce.commissioning"
    assert int(after[0]["SEQUENCE"]) > int(before[0]["SEQUENCE"])
    assert str(after[0]["SUMMARY"]).startswith("Co-production workshops")


def test_the_public_area_feed_holds_only_published_processes(client):
    shown = CommissioningProcessFactory(is_published=True, area__is_published=True)
    MilestoneFactory(process=shown, title="Shown")
    hidden = CommissioningProcessFactory(area=shown.area)
    MilestoneFactory(process=hidden, title="Hidden")
    body = client.get(reverse("commissioning_public:calendar", args=[shown.area.slug])).content
    assert [str(e["SUMMARY"]).split(" (")[0] for e in events(body)] == ["Shown"]


def test_the_public_area_page_links_to_the_timetable_only_once_one_is_published(client):
    process = CommissioningProcessFactory(area__is_published=True)
    MilestoneFactory(process=process)
    area_page = f"/areas/{process.area.slug}/"
    assert "The commissioning timetable" not in client.get(area_page).content.decode()
    assert client.get(f"/areas/{process.area.slug}/commissioning/").status_code == 404
    services.process_publish(process=process, publish=True)
    assert "The commissioning timetable" in client.get(area_page).content.decode()
    page = client.get(f"/areas/{process.area.slug}/commissioning/").content.decode()
    assert process.title.replace("'", "&#x27;") in page
