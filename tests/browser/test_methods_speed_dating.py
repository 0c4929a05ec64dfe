"""Speed dating: the facilitator makes the rotation plan for the VCS providers and children's-centre managers
present, prints the cards and runs the rounds; a participant finds their table on the phone and sends what
the two of them could do together; a leaver is absorbed without breaking the plan."""

import re

import pytest

from coproduce.accounts.models import AreaRole
from coproduce.directory.models import Role
from coproduce.engagement.models import Comment, EventStatus, Method, MethodStep
from tests.browser.conftest import PHONE, new_page, serious_accessibility_violations, sign_in
from tests.factories import AreaFactory, AttendanceFactory, EventFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_speed_dating_session_with_cards_rounds_and_a_leaver(live_server, browser, screenshot_dir):
    area = AreaFactory(name="London Borough of Bexley", slug="bexley")
    event = EventFactory(
        area=area,
        title="Market place: VCS and centres",
        status=EventStatus.OPEN,
        methods=[Method.SPEED_DATING],
    )
    for _ in range(4):
        AttendanceFactory(event=event, person__role=Role.VCS_PROVIDER)
    for _ in range(2):
        AttendanceFactory(event=event, person__role=Role.CC_MANAGER)
    facilitator = member(area, AreaRole.FACILITATOR)
    problems = {}

    # A manager joins by code on their phone; opening the method's page makes them one of the people
    # present (joining alone records nobody until they take part).
    phone = new_page(browser, phone=True)
    phone.goto(f"{live_server.url}/join/")
    phone.get_by_label("Event code").fill(event.join_code)
    phone.get_by_role("button", name="Continue").click()
    phone.get_by_label("Children's-centre manager", exact=True).check()
    phone.get_by_role("button", name="Continue").click()
    phone.wait_for_load_state()

    desk = new_page(browser)
    sign_in(desk, live_server.url, facilitator.username)
    desk.goto(f"{live_server.url}/manage/events/{event.pk}/methods/new/")
    desk.get_by_label("Speed dating (planned for this event)").check()
    desk.get_by_label("Minutes for each timed stage").fill("4")
    desk.get_by_role("button", name="Set it up").click()
    desk.wait_for_load_state()
    setup_session = event.method_sessions.get()
    phone.goto(f"{live_server.url}/join/{event.join_code}/methods/{setup_session.pk}/")
    phone.wait_for_load_state()
    desk.reload()
    desk.get_by_text("At the event now: 4 VCS providers and 3 children's-centre managers").wait_for()
    desk.get_by_role("button", name=re.compile(r"^Start here\s*: Seating plan")).click()
    desk.get_by_role("button", name="Make the plan").click()
    desk.get_by_text("4 rounds (the least possible: the larger group has 4 people)").wait_for()
    session = event.method_sessions.get()

    cards = new_page(browser)
    sign_in(cards, live_server.url, facilitator.username)
    cards.goto(f"{live_server.url}/manage/methods/{session.pk}/speed-dating/cards/")
    cards.get_by_role("heading", name="VCS provider 1").wait_for()
    assert cards.locator(".cp-speed-dating-card").count() == 7
    problems["cards"] = serious_accessibility_violations(cards)
    cards.screenshot(path=screenshot_dir / "method-speed_dating-cards.png", full_page=True)
    cards.emulate_media(media="print")
    assert cards.locator(".govuk-header, .govuk-service-navigation").first.is_hidden()
    cards.context.close()

    # Round 1 starts by keyboard.
    desk.get_by_role("button", name="Start round 1").focus()
    desk.keyboard.press("Enter")
    desk.get_by_text("Round 1 has started").wait_for()
    desk.locator("#speed-dating-round").get_by_text("Round 1 of 4").wait_for()

    phone.goto(f"{live_server.url}/join/{event.join_code}/methods/{session.pk}/")
    phone.locator("#my-table").get_by_text("Round 1 of 4").wait_for()
    phone.get_by_label("What could we do together?").fill("Run a joint stay-and-play on Saturdays.")
    phone.get_by_role("button", name="Send our idea").click()
    phone.get_by_text("Your idea from round 1 has been sent").wait_for()
    problems["participant"] = serious_accessibility_violations(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot(path=screenshot_dir / "method-speed_dating-participant.png", full_page=True)
    note = Comment.objects.get(method_step=MethodStep.SPEED_DATING)
    assert note.speed_dating_note.meeting.round == 1

    # A provider leaves after round 1: the rest of the plan is worked out again.
    desk.get_by_label("VCS provider 2", exact=True).check()
    desk.get_by_role("button", name="Update the plan").click()
    desk.get_by_text("more rounds after round 1, the fewest possible").wait_for()
    assert session.meetings.filter(missed=True).count() == 2  # they were to sit round 3 out
    problems["facilitator"] = serious_accessibility_violations(desk)
    desk.screenshot(path=screenshot_dir / "method-speed_dating-facilitator.png", full_page=True)

    projector = new_page(browser)
    sign_in(projector, live_server.url, facilitator.username)
    projector.goto(f"{live_server.url}/manage/methods/{session.pk}/present/")
    projector.locator("#present-round").get_by_text("Round 1 of").wait_for()
    problems["projector"] = serious_accessibility_violations(projector)
    projector.screenshot(path=screenshot_dir / "method-speed_dating-projector.png", full_page=True)

    desk.goto(f"{live_server.url}/manage/methods/{session.pk}/summary/")
    desk.get_by_text("Run a joint stay-and-play on Saturdays.").wait_for()
    problems["summary"] = serious_accessibility_violations(desk)
    desk.screenshot(path=screenshot_dir / "method-speed_dating-summary.png", full_page=True)
    assert not any(problems.values()), problems
