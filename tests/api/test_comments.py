"""Comments: the paginated list of an event's comments, capture, and the trail forward."""

import pytest

from coproduce.engagement.models import COMMENT_MAX_LENGTH, Comment, CommentSource, CommentStatus
from tests.api.helpers import error_messages, url
from tests.factories import ActionFactory, CommentFactory, EventFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def test_comments_are_paginated(as_user, area, viewer):
    event = EventFactory(area=area)
    comments = [CommentFactory(event=event) for _ in range(5)]
    CommentFactory()  # another event

    caller = as_user(viewer)
    page = caller.get(url("event_comment_list", event_id=event.pk), limit=2, offset=2).json()

    assert page["count"] == 5
    assert [c["id"] for c in page["items"]] == [c.pk for c in comments[2:4]]
    assert page["items"][0]["area"] == area.slug
    assert page["items"][0]["event_id"] == event.pk


def test_comments_can_be_filtered_by_status(as_user, area, viewer):
    event = EventFactory(area=area)
    CommentFactory(event=event)
    held = CommentFactory(event=event, status=CommentStatus.HELD)

    caller = as_user(viewer)
    page = caller.get(url("event_comment_list", event_id=event.pk), status="held").json()
    assert [c["id"] for c in page["items"]] == [held.pk]
    assert caller.get(url("event_comment_list", event_id=event.pk), status="lost").status_code == 422


def test_a_facilitator_records_a_comment(as_user, area, facilitator):
    event = EventFactory(area=area)

    response = as_user(facilitator).post(
        url("event_comment_create", event_id=event.pk),
        {
            "text": " We need a directory of services. ",
            "author_role": "cc_manager",
            "method_step": "green",
            "source": "flipchart",
        },
    )

    assert response.status_code == 201
    comment = Comment.objects.get()
    assert comment.event == event
    assert comment.text == "We need a directory of services."
    assert comment.author_role == "cc_manager"
    assert comment.method_step == "green"
    assert comment.source == CommentSource.FLIPCHART
    assert comment.captured_by == facilitator
    assert comment.history.get().history_user == facilitator
    assert response.json()["id"] == comment.pk
    assert response.json()["status"] == "accepted"


def test_method_step_and_source_are_optional(as_user, area, facilitator):
    event = EventFactory(area=area)
    response = as_user(facilitator).post(
        url("event_comment_create", event_id=event.pk), {"text": "Hello", "author_role": "other"}
    )
    assert response.status_code == 201
    assert (response.json()["method_step"], response.json()["source"]) == ("", "live")


@pytest.mark.parametrize(
    "change, message",
    [
        ({"author_role": "mayor"}, "'mayor' is not a valid author role. Use one of: 'la_professional'"),
        ({"author_role": None}, "None is not a valid author role"),
        ({"method_step": "purple"}, "'purple' is not a valid method step"),
        ({"source": "email"}, "'email' is not a valid comment source"),
        ({"text": "   "}, "Enter the comment"),
        (
            {"text": "x" * (COMMENT_MAX_LENGTH + 1)},
            f"The comment is {COMMENT_MAX_LENGTH + 1} characters long; it must be {COMMENT_MAX_LENGTH} or fewer",
        ),
    ],
)
def test_a_bad_comment_is_a_422_that_says_why(as_user, area, facilitator, change, message):
    event = EventFactory(area=area)
    body = {"text": "Fine", "author_role": "parent_carer"} | change
    response = as_user(facilitator).post(url("event_comment_create", event_id=event.pk), body)
    assert response.status_code == 422
    assert message in error_messages(response)
    assert Comment.objects.count() == 0


def test_a_comment_at_the_limit_is_kept(as_user, area, facilitator):
    event = EventFactory(area=area)
    body = {"text": "x" * COMMENT_MAX_LENGTH, "author_role": "parent_carer"}
    assert as_user(facilitator).post(url("event_comment_create", event_id=event.pk), body).status_code == 201


def test_a_missing_field_is_a_422(as_user, area, facilitator):
    event = EventFactory(area=area)
    response = as_user(facilitator).post(url("event_comment_create", event_id=event.pk), {"text": "No role"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "author_role"


def test_a_comment_shows_the_proposals_and_actions_it_fed(as_user, area, viewer):
    comment = CommentFactory(event=EventFactory(area=area))
    citing = ProposalFactory(area=area)
    citing.evidence.add(comment)
    action = ActionFactory(proposal=citing)
    ProposalFactory(area=area)  # does not cite it

    response = as_user(viewer).get(url("comment_detail", comment_id=comment.pk))

    assert response.status_code == 200
    body = response.json()
    assert body["text"] == comment.text
    assert body["proposal_ids"] == [citing.pk]
    assert body["action_ids"] == [action.pk]


def test_comments_of_another_area_are_hidden(as_user, outsider, area):
    event = EventFactory(area=area)
    comment = CommentFactory(event=event)
    caller = as_user(outsider)
    assert caller.get(url("event_comment_list", event_id=event.pk)).status_code == 404
    assert caller.get(url("comment_detail", comment_id=comment.pk)).status_code == 404
