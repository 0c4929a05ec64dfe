"""A participant on a phone: sees the board, puts an idea under a heading, never loses what they typed."""

import pytest
from django.urls import reverse

from coproduce.engagement.models import Comment, MethodStep
from coproduce.methods import services as method_services
from coproduce.methods.boardstorm import services
from coproduce.methods.models.boardstorm import BoardIdea
from coproduce.public.session import PENDING_TEXT
from tests.methods.pages import take_part_url

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_board_and_the_headings_to_choose_from(phone, board, headings, person):
    services.idea_add(session=board, person=person, text="Joint training days", heading=headings[0])
    page = phone.get(take_part_url(board)).content.decode()
    assert "Which heading does your idea go under?" in page
    for heading in headings:
        assert heading.title in page
    assert "Joint training days" in page
    assert f'data-live-feed="{take_part_url(board)}?fragment=board"' in page


def test_an_idea_goes_on_the_board_under_the_chosen_heading(phone, board, headings):
    response = phone.post(
        take_part_url(board), {"action": "idea", "heading": headings[1].pk, "text": "Pool small grants"}
    )
    assert response.status_code == 302
    idea = BoardIdea.objects.get()
    assert (idea.heading, idea.comment.text, idea.comment.method_step, idea.comment.method_session) == (
        headings[1],
        "Pool small grants",
        MethodStep.BOARDSTORM,
        board,
    )
    page = phone.get(response.url).content.decode()
    assert "Your idea is on the board under “Funding”" in page
    assert "You have added 1 idea." in page


def test_with_no_headings_yet_an_idea_goes_under_no_heading(phone, board):
    page = phone.get(take_part_url(board)).content.decode()
    assert "Which heading does your idea go under?" not in page
    phone.post(take_part_url(board), {"action": "idea", "heading": "none", "text": "Anything at all"})
    assert BoardIdea.objects.get().heading is None


def test_an_idea_without_a_heading_is_given_back_with_the_problem(phone, board, headings):
    response = phone.post(take_part_url(board), {"action": "idea", "text": "Keep these words"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose the heading your idea goes under" in page
    assert "Keep these words" in page
    assert not Comment.objects.exists()


def test_an_empty_idea_is_refused_and_the_heading_kept(phone, board, headings):
    response = phone.post(take_part_url(board), {"action": "idea", "heading": headings[2].pk, "text": " "})
    page = response.content.decode()
    assert response.status_code == 400 and "Write your idea first" in page
    assert f'value="{headings[2].pk}" checked' in page


def test_a_heading_deleted_while_typing_keeps_the_idea_in_the_box(phone, board, headings):
    gone = headings[0].pk
    services.heading_delete(heading=headings[0])
    response = phone.post(take_part_url(board), {"action": "idea", "heading": gone, "text": "My long idea"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "That heading has just been removed from the board: choose another" in page
    assert "My long idea" in page


def test_too_many_ideas_too_fast_are_given_back(phone, board, headings, settings):
    settings.RATELIMIT_ENABLE = True
    settings.PARTICIPANT_RATE = "1/m"
    phone.post(take_part_url(board), {"action": "idea", "heading": headings[0].pk, "text": "First"})
    response = phone.post(
        take_part_url(board), {"action": "idea", "heading": headings[0].pk, "text": "Second"}
    )
    assert response.status_code == 429
    assert "Second" in response.content.decode()
    assert Comment.objects.count() == 1


def test_the_board_fragment_is_the_board_alone(phone, board, headings, person):
    services.idea_add(session=board, person=person, text="Share premises", heading=headings[0])
    response = phone.get(take_part_url(board) + "?fragment=board")
    page = response.content.decode()
    assert "Share premises" in page and "Working with schools" in page
    assert "<html" not in page and "<form" not in page


def test_a_browser_that_has_not_joined_is_sent_to_join_and_its_text_kept(client, board, headings):
    response = client.post(take_part_url(board), {"heading": headings[0].pk, "text": "Not lost"})
    assert response.url == reverse("public:join_event", args=[board.event.join_code])
    assert client.session[PENDING_TEXT] == "Not lost"


def test_after_the_board_closes_there_is_no_form_but_a_late_idea_is_kept(phone, board, headings):
    method_services.session_finish(session=board)
    # A phone that comes back to the closed board is led back to the event (nothing else is running).
    page = phone.get(take_part_url(board), follow=True).content.decode()
    assert "has finished" in page and "Put it on the board" not in page
    response = phone.post(
        take_part_url(board),
        {"action": "idea", "heading": headings[0].pk, "text": "Sent as it closed"},
        follow=True,
    )
    assert "your idea has been kept" in response.content.decode()
    assert BoardIdea.objects.get().comment.text == "Sent as it closed"
