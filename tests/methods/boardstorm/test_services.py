"""Boardstorm services: headings numbered and reordered, ideas kept as comments, nothing ever lost."""

import pytest
from django.core.exceptions import ValidationError

from coproduce.directory.models import Role
from coproduce.engagement.models import Comment, CommentStatus, EventStatus, Method, MethodStep
from coproduce.methods import services as method_services
from coproduce.methods.boardstorm import selectors, services
from coproduce.methods.boardstorm.selectors import NO_HEADING
from coproduce.methods.models.boardstorm import BoardIdea

pytestmark = pytest.mark.django_db


def titles(session):
    return list(session.headings.values_list("number", "title"))


def test_headings_are_numbered_in_the_order_they_are_added(board, headings):
    assert titles(board) == [(1, "Working with schools"), (2, "Funding"), (3, "Reaching families")]


def test_a_heading_needs_words(board):
    with pytest.raises(ValidationError, match="Enter the heading"):
        services.heading_add(session=board, title="   ")


def test_a_heading_moved_to_another_place_makes_room(board, headings):
    services.heading_change(heading=headings[2], title="Reaching all families", number=1)
    assert titles(board) == [(1, "Reaching all families"), (2, "Working with schools"), (3, "Funding")]
    services.heading_change(heading=headings[2], title="Reaching all families", number=99)
    assert titles(board) == [(1, "Working with schools"), (2, "Funding"), (3, "Reaching all families")]


def test_an_idea_is_a_comment_of_the_event_under_its_heading(board, headings, person):
    idea = services.idea_add(session=board, person=person, text="A schools liaison post", heading=headings[0])
    comment = idea.comment
    assert (comment.event, comment.method_session, comment.method_step, comment.author) == (
        board.event,
        board,
        MethodStep.BOARDSTORM,
        person,
    )
    assert idea.heading == headings[0]


def test_deleting_a_heading_keeps_its_ideas_under_no_heading(board, headings, person):
    for text in ("Joint training days", "Share the school run"):
        services.idea_add(session=board, person=person, text=text, heading=headings[0])
    assert services.heading_delete(heading=headings[0]) == 2
    assert Comment.objects.filter(method_step=MethodStep.BOARDSTORM).count() == 2
    assert BoardIdea.objects.filter(heading__isnull=True).count() == 2
    columns = selectors.board(board)
    assert [c.title for c in columns] == ["Funding", "Reaching families", NO_HEADING]
    assert [c.text for c in columns[-1].ideas] == ["Joint training days", "Share the school run"]
    assert titles(board) == [(1, "Funding"), (2, "Reaching families")]


def test_an_idea_moves_to_another_heading_or_to_none(board, headings, person):
    idea = services.idea_add(session=board, person=person, text="Pooled budgets", heading=headings[0])
    services.idea_move(session=board, comment=idea.comment, heading=headings[1])
    idea.refresh_from_db()
    assert idea.heading == headings[1]
    services.idea_move(session=board, comment=idea.comment, heading=None)
    idea.refresh_from_db()
    assert idea.heading is None


def test_a_heading_of_another_board_is_refused(board, headings, person):
    other = method_services.session_create(event=board.event, method=Method.BOARDSTORM)
    foreign = services.heading_add(session=other, title="Elsewhere")
    with pytest.raises(ValidationError, match="another board"):
        services.idea_add(session=board, person=person, text="An idea", heading=foreign)
    assert not Comment.objects.exists()


def test_an_empty_idea_is_refused(board, person):
    with pytest.raises(ValidationError):
        services.idea_add(session=board, person=person, text="  ", heading=None)


def test_a_facilitator_types_in_a_sticky_note(board, headings, facilitator):
    idea = services.idea_capture(
        session=board,
        text="Family hubs in libraries",
        role=Role.PARENT_CARER,
        heading=headings[2],
        user=facilitator,
    )
    assert (idea.comment.author_role, idea.comment.captured_by, idea.comment.method_step) == (
        Role.PARENT_CARER,
        facilitator,
        MethodStep.BOARDSTORM,
    )


def test_an_idea_typed_in_through_the_session_capture_is_on_the_board_under_no_heading(
    board, headings, facilitator
):
    comment = method_services.facilitator_contribute(
        session=board,
        text="From the flipchart",
        role=Role.OTHER,
        method_step=MethodStep.BOARDSTORM,
        user=facilitator,
    )
    columns = selectors.board(board)
    assert columns[-1].title == NO_HEADING and columns[-1].ideas == [comment]
    services.idea_move(session=board, comment=comment, heading=headings[1])
    assert selectors.board(board)[1].ideas == [comment]


def test_an_idea_sent_after_the_event_closed_is_kept_but_not_shown_to_the_room(board, person):
    board.event.status = EventStatus.CLOSED
    board.event.save()
    idea = services.idea_add(session=board, person=person, text="Late idea", heading=None)
    assert idea.comment.status == CommentStatus.HELD
    assert selectors.board(board)[-1].ideas == []
    assert selectors.board(board, include_held=True)[-1].ideas == [idea.comment]


def test_an_empty_board_still_has_a_place_for_ideas(board):
    assert [c.title for c in selectors.board(board)] == [NO_HEADING]
