"""Boardstorm: a facilitator sets up the board's headings; participants put ideas under them from their
phones and the board fills up live; the facilitator types in a sticky note and moves ideas by keyboard."""

import re

import pytest

from coproduce.accounts.models import AreaRole
from coproduce.engagement.models import EventStatus, Method, MethodStep
from coproduce.methods.models.boardstorm import BoardIdea
from tests.browser.conftest import PHONE, join, new_page, serious_accessibility_violations, sign_in
from tests.factories import AreaFactory, EventFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "How can centres and the VCS work together?"


def test_a_boardstorm_from_headings_to_the_summary(live_server, browser, screenshot_dir):
    area = AreaFactory(name="London Borough of Bexley", slug="bexley")
    event = EventFactory(
        area=area, title="Workshop: working together", status=EventStatus.OPEN, methods=[Method.BOARDSTORM]
    )
    facilitator = member(area, AreaRole.FACILITATOR)
    problems = {}

    desk = new_page(browser)
    sign_in(desk, live_server.url, facilitator.username)
    desk.goto(f"{live_server.url}/manage/events/{event.pk}/")
    desk.get_by_role("link", name="Run a method").click()
    desk.get_by_label("Boardstorm (planned for this event)").check()
    desk.get_by_label("Title (optional)").fill(TITLE)
    desk.get_by_role("button", name="Set it up").click()
    for heading in ("Working with schools", "Funding", "Reaching families"):
        desk.get_by_label("Heading", exact=True).fill(heading)
        desk.get_by_role("button", name="Add the heading").click()
        desk.get_by_text(f"Heading added: {heading}.").wait_for()
    desk.get_by_role("button", name=re.compile(r"^Start here\s*: Ideas")).click()
    desk.get_by_text("The room is now at: Ideas.").wait_for()

    # A participant on a phone: a mistake first (nothing typed is lost), then an idea under "Funding".
    phone = new_page(browser, phone=True)
    join(phone, live_server.url, event, "VCS provider")
    phone.get_by_role("link", name=f"Take part: {TITLE}").click()
    phone.get_by_label("Your idea").fill("A small-grants pot the VCS can bid for together")
    phone.get_by_role("button", name="Put it on the board").click()
    phone.locator(".govuk-error-summary").get_by_text("Choose the heading your idea goes under").wait_for()
    assert phone.get_by_label("Your idea").input_value() == "A small-grants pot the VCS can bid for together"
    problems["participant-error"] = serious_accessibility_violations(phone)
    phone.screenshot(path=screenshot_dir / "method-boardstorm-participant-error.png", full_page=True)
    phone.get_by_label("Funding", exact=True).check()
    phone.get_by_role("button", name="Put it on the board").click()
    phone.get_by_text("Your idea is on the board under “Funding”").wait_for()

    # The facilitator's board shows it without a reload.
    desk.locator("#board-live").get_by_text("A small-grants pot the VCS can bid for together").wait_for(
        timeout=12_000
    )

    # A second idea from the phone, which arrives on the phone's own board live too.
    phone.get_by_label("Working with schools", exact=True).check()
    phone.get_by_label("Your idea").fill("Joint training days for centre and school staff")
    phone.get_by_role("button", name="Put it on the board").click()
    phone.get_by_text("Your idea is on the board under “Working with schools”").wait_for()

    # A sticky note typed in, and then moved by keyboard from "No heading" to "Reaching families".
    desk.get_by_label("The idea on the sticky note").fill("Stay and play at the library on Saturdays")
    desk.get_by_label("Under the heading").select_option(label="No heading")
    desk.get_by_label("Role of who wrote it").select_option(label="Parent or carer")
    desk.get_by_role("button", name="Put it on the board").click()
    desk.get_by_text("Idea added under “No heading”.").wait_for()
    phone.locator("#board").get_by_text("Stay and play at the library on Saturdays").wait_for(timeout=12_000)
    move = desk.get_by_label(re.compile(r"^Move to \(idea: Stay and play"))
    move.focus()
    move.select_option(label="Reaching families")
    desk.keyboard.press("Tab")
    desk.keyboard.press("Enter")
    desk.get_by_text("Idea moved to “Reaching families”").wait_for()
    problems["participant"] = serious_accessibility_violations(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot(path=screenshot_dir / "method-boardstorm-participant.png", full_page=True)

    # Deleting a heading keeps its ideas.
    desk.get_by_role("link", name="Delete Funding").click()
    desk.get_by_text("its 1 idea stays on the board, under “No heading”").wait_for()
    problems["delete"] = serious_accessibility_violations(desk)
    desk.get_by_role("button", name="Delete the heading").click()
    desk.get_by_text("Heading deleted: Funding.").wait_for()
    desk.locator("#board-live").get_by_text("A small-grants pot the VCS can bid for together").wait_for()
    problems["facilitator"] = serious_accessibility_violations(desk)
    desk.screenshot(path=screenshot_dir / "method-boardstorm-facilitator.png", full_page=True)

    session = event.method_sessions.get()
    projector = new_page(browser)
    sign_in(projector, live_server.url, facilitator.username)
    projector.goto(f"{live_server.url}/manage/methods/{session.pk}/present/")
    projector.get_by_role("heading", name=re.compile("^Reaching families")).wait_for()
    problems["projector"] = serious_accessibility_violations(projector)
    projector.screenshot(path=screenshot_dir / "method-boardstorm-projector.png", full_page=True)

    desk.goto(f"{live_server.url}/manage/methods/{session.pk}/summary/")
    desk.get_by_role("heading", name="Ideas by heading").wait_for()
    problems["summary"] = serious_accessibility_violations(desk)
    desk.emulate_media(media="print")
    desk.screenshot(path=screenshot_dir / "method-boardstorm-summary.png", full_page=True)

    ideas = {i.comment.text: (i.heading.title if i.heading else None) for i in BoardIdea.objects.all()}
    assert ideas == {
        "A small-grants pot the VCS can bid for together": None,
        "Joint training days for centre and school staff": "Working with schools",
        "Stay and play at the library on Saturdays": "Reaching families",
    }
    assert {i.comment.method_step for i in BoardIdea.objects.all()} == {MethodStep.BOARDSTORM}
    assert not any(problems.values()), problems
