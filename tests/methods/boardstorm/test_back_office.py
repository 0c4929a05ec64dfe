"""The facilitator's board: headings managed, ideas typed in and moved, the projector, summary and exports."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from coproduce.accounts.models import AreaRole
from coproduce.directory.models import Role
from coproduce.engagement.models import Comment, Method, MethodStep
from coproduce.methods import services as method_services
from coproduce.methods.boardstorm import services
from coproduce.methods.models.boardstorm import BoardHeading, BoardIdea
from tests.factories import AreaFactory, member

pytestmark = pytest.mark.django_db


def session_page(staff, board) -> str:
    return staff.get(reverse("methods:session", args=[board.pk])).content.decode()


def test_the_facilitator_page_shows_the_board_live_and_its_forms(staff, board, headings, person):
    services.idea_add(session=board, person=person, text="Joint training days", heading=headings[0])
    page = session_page(staff, board)
    assert f'data-live-feed="{reverse("boardstorm:board_feed", args=[board.pk])}"' in page
    for text in ("The board", "Headings", "Add an idea from a sticky note", "Move ideas between headings"):
        assert text in page
    assert "Joint training days" in page


def test_the_live_board_is_a_fragment_with_roles_and_held_ideas(staff, board, headings, person):
    services.idea_add(session=board, person=person, text="Share premises", heading=headings[0])
    page = staff.get(reverse("boardstorm:board_feed", args=[board.pk])).content.decode()
    assert "Share premises" in page and "VCS provider" in page and "<html" not in page


def test_a_heading_is_added_renamed_reordered_and_deleted(staff, board, headings, person):
    response = staff.post(reverse("boardstorm:heading_add", args=[board.pk]), {"heading-title": "Premises"})
    assert response.status_code == 302 and response.url.endswith("#board-headings")
    premises = BoardHeading.objects.get(title="Premises")
    assert premises.number == 4

    staff.post(
        reverse("boardstorm:heading_edit", args=[premises.pk]), {"title": "Shared premises", "number": 1}
    )
    assert list(board.headings.values_list("title", flat=True)) == [
        "Shared premises",
        "Working with schools",
        "Funding",
        "Reaching families",
    ]

    services.idea_add(session=board, person=person, text="Use the library", heading=premises)
    page = staff.get(reverse("boardstorm:heading_delete", args=[premises.pk])).content.decode()
    assert "its 1 idea stays on the board, under “No heading”" in page
    response = staff.post(reverse("boardstorm:heading_delete", args=[premises.pk]), follow=True)
    assert "is still on the board, under “No heading”" in response.content.decode()
    assert BoardIdea.objects.get().heading is None
    assert Comment.objects.get().text == "Use the library"


def test_a_heading_with_no_words_is_given_back_with_the_problem(staff, board):
    response = staff.post(reverse("boardstorm:heading_add", args=[board.pk]), {"heading-title": ""})
    assert response.status_code == 400 and "Enter the heading" in response.content.decode()


def test_a_place_off_the_board_is_refused(staff, board, headings):
    response = staff.post(
        reverse("boardstorm:heading_edit", args=[headings[0].pk]), {"title": "Schools", "number": 9}
    )
    assert response.status_code == 400
    assert "There are 3 headings: enter a place from 1 to 3" in response.content.decode()
    assert "Schools" in response.content.decode()


def test_a_sticky_note_is_typed_in_under_a_heading(staff, board, headings, facilitator):
    response = staff.post(
        reverse("boardstorm:idea_add", args=[board.pk]),
        {"idea-text": "Family hubs", "idea-heading": headings[2].pk, "idea-role": Role.PARENT_CARER},
    )
    assert response.status_code == 302
    idea = BoardIdea.objects.get()
    assert (idea.heading, idea.comment.author_role, idea.comment.captured_by, idea.comment.method_step) == (
        headings[2],
        Role.PARENT_CARER,
        facilitator,
        MethodStep.BOARDSTORM,
    )


def test_a_sticky_note_with_a_problem_is_given_back(staff, board, headings):
    response = staff.post(
        reverse("boardstorm:idea_add", args=[board.pk]), {"idea-text": "Keep me", "idea-role": Role.OTHER}
    )
    page = response.content.decode()
    assert (
        response.status_code == 400 and "Choose the heading the idea goes under" in page and "Keep me" in page
    )


def test_an_idea_is_moved_with_a_plain_form(staff, board, headings, person):
    idea = services.idea_add(session=board, person=person, text="Pooled budgets", heading=headings[0])
    response = staff.post(
        reverse("boardstorm:idea_move", args=[board.pk]), {"idea": idea.comment.pk, "heading": headings[1].pk}
    )
    assert response.url.endswith("#board-move")
    idea.refresh_from_db()
    assert idea.heading == headings[1]
    staff.post(reverse("boardstorm:idea_move", args=[board.pk]), {"idea": idea.comment.pk, "heading": "none"})
    idea.refresh_from_db()
    assert idea.heading is None


def test_a_comment_that_is_not_an_idea_cannot_be_moved(staff, board, headings, person):
    other = method_services.session_create(event=board.event, method=Method.BOARDSTORM)
    stranger = services.idea_add(session=other, person=person, text="Elsewhere", heading=None)
    response = staff.post(
        reverse("boardstorm:idea_move", args=[board.pk]),
        {"idea": stranger.comment.pk, "heading": headings[0].pk},
        follow=True,
    )
    assert "That idea is not on this board" in response.content.decode()
    stranger.refresh_from_db()
    assert stranger.heading is None


def test_the_projector_shows_the_headings_as_columns(staff, board, headings, person):
    services.idea_add(session=board, person=person, text="Saturday stay and play", heading=headings[2])
    page = staff.get(reverse("methods:present_feed", args=[board.pk])).content.decode()
    assert "cp-board--present" in page and "Saturday stay and play" in page
    assert page.index("Working with schools") < page.index("Funding") < page.index("Reaching families")


def test_the_summary_lists_the_ideas_by_heading(staff, board, headings, person):
    services.idea_add(session=board, person=person, text="Share the school run", heading=headings[0])
    services.heading_delete(heading=headings[1])
    page = staff.get(reverse("methods:summary", args=[board.pk])).content.decode()
    assert "Ideas by heading" in page
    assert "1. Working with schools (1)" in page and "Share the school run" in page


def test_the_export_has_every_idea_with_its_heading_and_is_safe_in_a_spreadsheet(
    staff, board, headings, person, facilitator
):
    services.idea_add(session=board, person=person, text='=HYPERLINK("x")', heading=headings[1])
    services.idea_add(session=board, person=person, text="No heading yet", heading=None)
    services.idea_add(session=board, person=person, text="Joint training", heading=headings[0])
    response = staff.get(reverse("methods:export", args=[board.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Heading number", "Heading", "Comment id", "Time", "Role", "Status", "Idea"]
    assert [(r[1], r[6]) for r in rows[1:]] == [
        ("Working with schools", "Joint training"),
        ("Funding", '\'=HYPERLINK("x")'),
        ("No heading", "No heading yet"),
    ]
    book = load_workbook(io.BytesIO(staff.get(reverse("methods:export", args=[board.pk, "xlsx"])).content))
    assert book.active.max_row == 4


@pytest.mark.parametrize(
    "name,kwargs",
    [
        ("boardstorm:heading_add", lambda b, h: [b.pk]),
        ("boardstorm:heading_edit", lambda b, h: [h.pk]),
        ("boardstorm:heading_delete", lambda b, h: [h.pk]),
        ("boardstorm:idea_add", lambda b, h: [b.pk]),
        ("boardstorm:idea_move", lambda b, h: [b.pk]),
        ("boardstorm:board_feed", lambda b, h: [b.pk]),
    ],
)
def test_only_those_who_run_events_in_the_area_manage_the_board(client, board, headings, name, kwargs):
    url = reverse(name, args=kwargs(board, headings[0]))
    client.force_login(member(board.event.area, AreaRole.VIEWER))
    assert client.post(url, {"heading-title": "X", "title": "X", "number": 1}).status_code == 403
    client.force_login(member(AreaFactory(), AreaRole.FACILITATOR))
    assert client.post(url, {"heading-title": "X", "title": "X", "number": 1}).status_code == 404
    assert BoardHeading.objects.count() == 3


def test_a_session_of_another_method_has_no_board(staff, event):
    other = method_services.session_create(event=event, method=Method.KJ)
    assert staff.get(reverse("boardstorm:board_feed", args=[other.pk])).status_code == 404
