"""A participant joins an event by code on their phone, picks a role and sends comments, with no account."""

import pytest
from django.urls import reverse

from coproduce.directory.models import Person, Role
from coproduce.engagement.models import Comment, CommentStatus, EventStatus
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def join(client, event, role=Role.VCS_PROVIDER):
    response = client.post(reverse("public:join"), {"code": event.join_code.lower()})
    assert response.status_code == 302
    response = client.post(response.url, {"role": role})
    assert response.status_code == 302
    return response.url


def test_a_participant_joins_by_code_and_their_comment_is_kept(client):
    event = EventFactory()
    comment_url = join(client, event)

    response = client.post(comment_url, {"text": "  Small charities cannot bid on three-year contracts.  "})

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.text == "Small charities cannot bid on three-year contracts."
    assert comment.author_role == Role.VCS_PROVIDER
    assert comment.status == CommentStatus.ACCEPTED
    assert comment.author.attendances.filter(event=event).exists()
    page = client.get(comment_url)
    assert "Your comment has been sent" in page.content.decode()
    assert "You have sent 1 comment" in page.content.decode()


def test_an_unknown_code_says_so(client):
    response = client.post(reverse("public:join"), {"code": "ZZZZZZ"})
    assert response.status_code == 404
    assert "There is no event with that code" in response.content.decode()


def test_a_participant_must_pick_a_role(client):
    event = EventFactory()
    response = client.post(reverse("public:join_event", args=[event.join_code]), {})
    assert response.status_code == 200
    assert "Select the role that best describes you" in response.content.decode()
    assert Person.objects.count() == 0


def test_an_empty_comment_gets_a_message_and_saves_nothing(client):
    event = EventFactory()
    comment_url = join(client, event)
    response = client.post(comment_url, {"text": "   "})
    assert response.status_code == 400
    assert "Enter your comment" in response.content.decode()
    assert Comment.objects.count() == 0


def test_an_over_long_comment_is_given_back_not_dropped(client):
    event = EventFactory()
    comment_url = join(client, event)
    text = "x" * 2500
    response = client.post(comment_url, {"text": text})
    assert response.status_code == 400
    body = response.content.decode()
    assert "2500 characters long" in body
    assert text in body  # still in the box
    assert Comment.objects.count() == 0


def test_a_comment_sent_after_the_event_closed_is_held_not_lost(client):
    event = EventFactory()
    comment_url = join(client, event)
    event.status = EventStatus.CLOSED
    event.save()

    response = client.post(comment_url, {"text": "One more thought about venues."}, follow=True)

    comment = Comment.objects.get()
    assert comment.status == CommentStatus.HELD
    assert "This event has closed" in response.content.decode()
    assert "We have kept it" in response.content.decode()


def test_a_planned_event_cannot_be_joined_yet(client):
    event = EventFactory(status=EventStatus.PLANNED)
    response = client.get(reverse("public:join_event", args=[event.join_code]))
    assert "has not opened yet" in response.content.decode()


def test_a_comment_whose_session_expired_is_given_back_after_choosing_a_role(client):
    event = EventFactory()
    comment_url = reverse("public:participate", args=[event.join_code])
    response = client.post(comment_url, {"text": "Please keep this."})
    assert response.status_code == 302
    assert Comment.objects.count() == 0
    response = client.post(reverse("public:join_event", args=[event.join_code]), {"role": Role.CC_MANAGER})
    page = client.get(response.url)
    assert "Please keep this." in page.content.decode()


def test_the_same_browser_is_one_person_across_events_of_an_area(client):
    first = EventFactory()
    second = EventFactory(area=first.area)
    client.post(join(client, first), {"text": "At the first event"})
    client.post(join(client, second), {"text": "At the second event"})
    assert Person.objects.count() == 1
    assert Person.objects.get().attendances.count() == 2


def test_a_participant_cannot_comment_on_an_event_they_did_not_join(client):
    joined = EventFactory()
    other = EventFactory(area=joined.area)
    join(client, joined)
    response = client.post(reverse("public:participate", args=[other.join_code]), {"text": "Sneaky"})
    assert response.status_code == 302
    assert Comment.objects.count() == 0


def test_participants_are_rate_limited_with_their_text_kept(client, settings):
    settings.RATELIMIT_ENABLE = True
    settings.PARTICIPANT_RATE = "2/m"
    event = EventFactory()
    comment_url = join(client, event)
    client.post(comment_url, {"text": "first"})
    client.post(comment_url, {"text": "second"})
    response = client.post(comment_url, {"text": "third, over the limit"})
    assert response.status_code == 429
    assert "third, over the limit" in response.content.decode()
    assert Comment.objects.count() == 2


def test_comments_are_limited_per_participant_so_a_room_on_one_wifi_can_all_speak(client, settings):
    event = EventFactory()
    comment_url = join(client, event)
    neighbour = type(client)()  # another phone on the same address
    join(neighbour, event)
    settings.RATELIMIT_ENABLE = True
    settings.PARTICIPANT_RATE = "2/m"
    for phone in (client, neighbour):
        for n in range(2):
            assert phone.post(comment_url, {"text": f"comment {n}"}).status_code == 302
    assert client.post(comment_url, {"text": "one too many"}).status_code == 429
    assert Comment.objects.count() == 4
