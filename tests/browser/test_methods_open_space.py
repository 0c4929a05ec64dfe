"""Open Space: participants propose topics and tick the ones they want on their phones; the facilitator
sets rooms and slots, schedules the agenda, sees its clash figures, and is stopped from double-booking a room;
participants find their sessions and send notes."""

import re

import pytest

from coproduce.accounts.models import AreaRole
from coproduce.engagement.models import Comment, EventStatus, Method, MethodStep
from coproduce.methods.models import OpenSpacePlacement, OpenSpaceTopic
from tests.browser.conftest import PHONE, join, new_page, serious_accessibility_violations, sign_in
from tests.factories import AreaFactory, EventFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def join_open_space(phone, base_url, event, role):
    join(phone, base_url, event, role)
    phone.get_by_role("link", name="Take part: Open Space").click()


def go_to(desk, stage):
    desk.get_by_role("button", name=re.compile(rf"^(Start here|Go to this stage)\s*: {stage}")).click()
    desk.get_by_text(f"The room is now at: {stage}.").wait_for()


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_an_open_space_from_marketplace_to_notes(live_server, browser, screenshot_dir):
    area = AreaFactory(name="London Borough of Bexley", slug="bexley")
    event = EventFactory(
        area=area, title="Workshop: working together", status=EventStatus.OPEN, methods=[Method.OPEN_SPACE]
    )
    facilitator = member(area, AreaRole.FACILITATOR)
    problems = {}

    desk = new_page(browser)
    sign_in(desk, live_server.url, facilitator.username)
    desk.goto(f"{live_server.url}/manage/events/{event.pk}/methods/new/")
    desk.get_by_label("Open Space (planned for this event)").check()
    desk.get_by_role("button", name="Set it up").click()
    go_to(desk, "Proposing sessions")
    session = event.method_sessions.get()

    provider = new_page(browser, phone=True)
    join_open_space(provider, live_server.url, event, "VCS provider")
    provider.get_by_label("What do you want to talk about?").fill("Sharing premises after 6pm")
    provider.get_by_role("button", name="Propose this topic").click()
    provider.get_by_text("is on the marketplace").wait_for()
    problems["participant-propose"] = serious_accessibility_violations(provider)
    assert fits_the_phone(provider)
    provider.screenshot(path=screenshot_dir / "method-open_space-participant.png", full_page=True)

    manager = new_page(browser, phone=True)
    join_open_space(manager, live_server.url, event, "Children's-centre manager")
    manager.get_by_label("What do you want to talk about?").fill("One referral form for everyone")
    manager.get_by_role("button", name="Propose this topic").click()
    manager.get_by_text("is on the marketplace").wait_for()
    desk.reload()
    desk.get_by_label("Add a topic to the marketplace").fill("Small grants for small groups")
    desk.get_by_role("button", name="Add the topic").click()
    desk.get_by_text("“Small grants for small groups” is on the marketplace.").wait_for()

    go_to(desk, "Marketplace")
    for phone, ticks in (
        (provider, ["Sharing premises after 6pm", "One referral form for everyone"]),
        (
            manager,
            ["One referral form for everyone", "Sharing premises after 6pm", "Small grants for small groups"],
        ),
    ):
        phone.reload()
        for title in ticks:
            phone.get_by_label(title).check()
        phone.get_by_role("button", name="Save my choices").click()
        phone.get_by_text("Saved: you want to join").wait_for()
    problems["participant-interest"] = serious_accessibility_violations(manager)
    manager.screenshot(path=screenshot_dir / "method-open_space-participant-interest.png", full_page=True)

    # Rooms and slots, then the schedule, by keyboard where it matters.
    desk.reload()
    desk.get_by_label("Rooms").fill("Main hall, 30\nLibrary, 12")
    desk.get_by_label("Time slots").fill("10:00 to 10:45\n11:00 to 11:45")
    desk.get_by_label("Seconds the scheduler may take").fill("2")
    desk.get_by_role("button", name="Save rooms and time slots").click()
    desk.get_by_text("This takes up to 2 seconds").wait_for()
    desk.get_by_role("button", name="Schedule").focus()
    desk.keyboard.press("Enter")
    desk.get_by_text("The agenda is ready").wait_for()
    assert OpenSpacePlacement.objects.count() == 3
    desk.locator("#open-space-clashes").get_by_text("the solver proved at least").wait_for()
    problems["facilitator"] = serious_accessibility_violations(desk)
    desk.screenshot(path=screenshot_dir / "method-open_space-facilitator.png", full_page=True)

    # Moving a topic into a taken room is refused, with what was chosen kept.
    premises = OpenSpaceTopic.objects.get(title__startswith="Sharing")
    placed = OpenSpacePlacement.objects.exclude(topic=premises).first()
    desk.get_by_label("Topic", exact=True).select_option(label=premises.title)
    desk.get_by_label("Room", exact=True).select_option(placed.room)
    desk.get_by_label("Time slot", exact=True).select_option(placed.slot)
    desk.get_by_role("button", name="Move the topic").click()
    desk.locator(".govuk-error-summary").get_by_text("is already taken at").wait_for()
    problems["facilitator-move-refused"] = serious_accessibility_violations(desk)
    desk.screenshot(path=screenshot_dir / "method-open_space-move-refused.png", full_page=True)
    desk.get_by_role("link", name="Back to the session").click()

    go_to(desk, "Agenda")
    projector = new_page(browser)
    sign_in(projector, live_server.url, facilitator.username)
    projector.goto(f"{live_server.url}/manage/methods/{session.pk}/present/")
    projector.get_by_text("Where and when").wait_for()
    problems["projector"] = serious_accessibility_violations(projector)
    projector.screenshot(path=screenshot_dir / "method-open_space-projector.png")

    manager.reload()
    manager.get_by_role("heading", name="My agenda").wait_for()
    problems["participant-agenda"] = serious_accessibility_violations(manager)
    assert fits_the_phone(manager)
    manager.screenshot(path=screenshot_dir / "method-open_space-participant-agenda.png", full_page=True)

    go_to(desk, "Session notes")
    provider.reload()
    provider.get_by_label("Which session is it from?").select_option(label="Sharing premises after 6pm")
    provider.get_by_label("What did the session say?").fill("Two centres can open their halls to VCS groups.")
    provider.get_by_role("button", name="Send the note").click()
    provider.get_by_text("Your note on “Sharing premises after 6pm” has been sent").wait_for()
    problems["participant-notes"] = serious_accessibility_violations(provider)
    provider.screenshot(path=screenshot_dir / "method-open_space-participant-notes.png", full_page=True)
    note = Comment.objects.get(method_step=MethodStep.OPEN_SPACE)
    assert note.open_space_note.topic == premises

    desk.goto(f"{live_server.url}/manage/methods/{session.pk}/summary/")
    desk.get_by_text("Two centres can open their halls to VCS groups.").wait_for()
    problems["summary"] = serious_accessibility_violations(desk)
    desk.screenshot(path=screenshot_dir / "method-open_space-summary.png", full_page=True)
    assert not any(problems.values()), problems
