"""Facilitators create events and capture comments at them."""

import pytest
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.engagement.models import Comment, CommentSource, CommentStatus, Event, EventStatus
from tests.factories import AreaFactory, CommentFactory, EventFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator_client(client):
    area = AreaFactory()
    client.force_login(member(area, AreaRole.FACILITATOR))
    client.area = area
    return client


def test_a_facilitator_creates_an_event_with_methods(facilitator_client):
    area = facilitator_client.area
    response = facilitator_client.post(
        reverse("engagement:event_create", args=[area.slug]),
        {"title": "Workshop", "kind": "workshop", "date": "2011-10-28", "methods": ["six_hats", "kj"]},
    )
    event = Event.objects.get()
    assert response.url == event.get_absolute_url()
    assert event.methods == ["six_hats", "kj"]
    assert event.status == EventStatus.PLANNED
    assert len(event.join_code) == 6


def test_an_event_without_a_name_or_date_is_refused_with_messages(facilitator_client):
    response = facilitator_client.post(
        reverse("engagement:event_create", args=[facilitator_client.area.slug]), {}
    )
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Enter the event&#x27;s name" in body
    assert "Enter the date of the event" in body
    assert "Select the kind of event" in body
    assert Event.objects.count() == 0


def test_pasted_lines_become_separate_comments(facilitator_client):
    event = EventFactory(area=facilitator_client.area)
    facilitator_client.post(
        reverse("engagement:capture", args=[event.pk]),
        {
            "text": "Timetables are too short\n\n  Contracts favour large providers \n",
            "one_per_line": "on",
            "author_role": "vcs_provider",
            "source": "flipchart",
            "method_step": "black",
        },
    )
    texts = list(Comment.objects.order_by("pk").values_list("text", "source", "method_step"))
    assert texts == [
        ("Timetables are too short", CommentSource.FLIPCHART, "black"),
        ("Contracts favour large providers", CommentSource.FLIPCHART, "black"),
    ]


def test_a_typed_comment_keeps_its_line_breaks_and_records_who_captured_it(facilitator_client):
    event = EventFactory(area=facilitator_client.area)
    facilitator_client.post(
        reverse("engagement:capture", args=[event.pk]),
        {"text": "First line\nsecond line", "author_role": "cc_manager", "source": "live"},
    )
    comment = Comment.objects.get()
    assert comment.text == "First line\nsecond line"
    assert comment.captured_by is not None
    assert comment.history.first().history_user == comment.captured_by


def test_capture_refuses_an_over_long_comment_and_saves_nothing(facilitator_client):
    event = EventFactory(area=facilitator_client.area)
    response = facilitator_client.post(
        reverse("engagement:capture", args=[event.pk]),
        {"text": "y" * 2001, "author_role": "cc_manager", "source": "live"},
    )
    assert "2001 characters long" in response.content.decode()
    assert Comment.objects.count() == 0


def test_a_held_comment_can_be_added_to_the_event(facilitator_client):
    event = EventFactory(area=facilitator_client.area, status=EventStatus.CLOSED)
    held = CommentFactory(event=event, status=CommentStatus.HELD, text="Late but useful")
    page = facilitator_client.get(event.get_absolute_url()).content.decode()
    assert "Sent after the event closed" in page and "Late but useful" in page
    facilitator_client.post(reverse("engagement:comment_accept", args=[held.pk]))
    held.refresh_from_db()
    assert held.status == CommentStatus.ACCEPTED


def test_opening_and_closing_an_event(facilitator_client):
    event = EventFactory(area=facilitator_client.area, status=EventStatus.PLANNED)
    facilitator_client.post(reverse("engagement:event_status", args=[event.pk]), {"status": "open"})
    event.refresh_from_db()
    assert event.status == EventStatus.OPEN
    facilitator_client.post(reverse("engagement:event_status", args=[event.pk]), {"status": "nonsense"})
    event.refresh_from_db()
    assert event.status == EventStatus.OPEN


def test_the_role_is_picked_for_every_comment_not_carried_over_from_the_last(facilitator_client):
    event = EventFactory(area=facilitator_client.area)
    url = reverse("engagement:capture", args=[event.pk])
    response = facilitator_client.post(
        url, {"text": "Saturdays", "author_role": "vcs_provider", "source": "live"}, follow=True
    )
    page = response.content.decode()
    assert "1 comment saved" in page
    assert (
        'name="author_role"' in page
        and "checked" not in page.split('name="author_role"', 1)[1].split("</fieldset>")[0]
    )
    refused = facilitator_client.post(url, {"text": "Sundays too", "source": "live"})
    assert "Select the role of the person who said it" in refused.content.decode()
    assert Comment.objects.count() == 1


def test_the_event_form_uses_radios_without_an_empty_choice_and_the_govuk_date_input(facilitator_client):
    page = facilitator_client.get(reverse("engagement:event_create", args=[facilitator_client.area.slug]))
    html = page.content.decode()
    assert "---------" not in html
    assert 'class="govuk-date-input"' in html
    for part in ("day", "month", "year"):
        assert f'name="date_{part}"' in html

    response = facilitator_client.post(
        reverse("engagement:event_create", args=[facilitator_client.area.slug]),
        {"title": "Workshop", "kind": "workshop", "date_day": "28", "date_month": "10", "date_year": "2011"},
    )
    assert Event.objects.get().date.isoformat() == "2011-10-28"
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter the date of the event"),
        ("28", "", "2011", "The date of the event must include a month"),
        ("31", "2", "2011", "The date of the event must be a real date"),
        ("28", "10", "11", "The year must include 4 numbers"),
    ],
)
def test_a_wrong_date_says_what_is_wrong_and_keeps_what_was_typed(
    facilitator_client, day, month, year, message
):
    response = facilitator_client.post(
        reverse("engagement:event_create", args=[facilitator_client.area.slug]),
        {"title": "Workshop", "kind": "workshop", "date_day": day, "date_month": month, "date_year": year},
    )
    html = response.content.decode()
    assert message in html
    assert f'name="date_day" type="text" inputmode="numeric" value="{day}"' in html
    assert Event.objects.count() == 0
