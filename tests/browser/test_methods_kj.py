"""The KJ method: participants write notes on their phones; the facilitator groups them on the board (by
drag and drop, by the keyboard, with the engine's suggestions), names the groups, and the room dot-votes."""

import re

import pytest

from coproduce.accounts.models import AreaRole
from coproduce.engagement.models import EventStatus, Method
from coproduce.methods import services as method_services
from coproduce.methods.kj import services
from coproduce.methods.models import KJDot, KJGroup, KJMove, KJPlacement
from tests.browser.conftest import (
    PHONE,
    join,
    new_page,
    reload_page,
    serious_accessibility_violations,
    sign_in,
)
from tests.factories import AreaFactory, AttendanceFactory, EventFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MORE_NOTES = [
    "Weekend opening so working parents can come",
    "Saturday stay and play for dads",
    "Commissioning timetables are not published early enough",
    "Tell the voluntary sector when contracts will be tendered",
    "Small charities cannot afford to bid for big contracts",
    "Split contracts into lots small charities can bid for",
]


def drag(page, note: str, column: str) -> None:
    """Drag a note by its text onto a column; the drag starts before the page scrolls to the column."""
    page.locator(note).hover(position={"x": 12, "y": 12})
    page.mouse.down()
    box = page.locator(note).bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 20, steps=2)
    page.locator(column).hover(position={"x": 30, "y": 30})
    page.mouse.up()


def test_notes_are_grouped_named_and_dot_voted(live_server, browser, screenshot_dir):
    area = AreaFactory(name="London Borough of Bexley", slug="bexley")
    event = EventFactory(
        area=area, title="Workshop: engaging the VCS", status=EventStatus.OPEN, methods=[Method.KJ]
    )
    facilitator = member(area, AreaRole.FACILITATOR)
    session = method_services.session_create(event=event, method=Method.KJ, title="What gets in the way?")
    method_services.session_go_to(session=session, step="write")
    take_part = f"{live_server.url}/join/{event.join_code}/methods/{session.pk}/"
    problems = {}

    phone = new_page(browser, phone=True)
    join(phone, live_server.url, event, "Children's-centre manager")
    phone.goto(take_part)
    phone.get_by_label("Write one idea per note").fill("Parents need Saturday sessions at the centre")
    phone.get_by_role("button", name="Send note").click()
    phone.get_by_text("Your note has been sent").wait_for()
    phone.get_by_text("You have sent 1 note.").wait_for()
    problems["participant-write"] = serious_accessibility_violations(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot(path=screenshot_dir / "method-kj-participant.png", full_page=True)
    others = AttendanceFactory(event=event).person
    for text in MORE_NOTES:
        services.note_write(session=session, person=others, text=text)

    desk = new_page(browser)
    sign_in(desk, live_server.url, facilitator.username)
    desk.goto(f"{live_server.url}/manage/methods/{session.pk}/")
    desk.get_by_role("button", name=re.compile(r"^Go to this stage\s*: Grouping")).click()
    desk.get_by_role("button", name="Suggest groups for the ungrouped notes").click()
    desk.get_by_text("groups suggested").wait_for()
    suggested = KJGroup.objects.filter(session=session, suggested=True).count()
    assert suggested >= 2
    desk.get_by_role("button", name=re.compile(r"^Accept all")).click()
    desk.get_by_text(f"{suggested} suggested groups accepted").wait_for()

    # A group of our own, then one note into it by the keyboard and one by drag and drop.
    desk.get_by_label("Add a group").fill("Weekends")
    desk.get_by_role("button", name="Add the group").click()
    weekends = KJGroup.objects.get(session=session, name="Weekends")
    first, second = session.comments.order_by("pk")[:2]
    select = desk.locator(f"#move-{first.pk}")
    select.select_option(label="Weekends")
    select.focus()
    desk.keyboard.press("Tab")
    desk.keyboard.press("Enter")
    desk.locator(f"#group-{weekends.pk} #note-{first.pk}").wait_for()
    drag(desk, f"#note-{second.pk}", f"#group-{weekends.pk}")
    desk.locator(f"#group-{weekends.pk} #note-{second.pk}").wait_for()
    assert set(KJPlacement.objects.filter(group=weekends).values_list("comment", flat=True)) == {
        first.pk,
        second.pk,
    }
    assert KJMove.objects.filter(to_group=weekends).count() == 2
    desk.get_by_label("Name of group 1").fill("Early notice of tenders")
    desk.get_by_role("button", name="Rename group 1").click()
    desk.get_by_text("is now called “Early notice of tenders”").wait_for()
    problems["facilitator"] = serious_accessibility_violations(desk)
    desk.screenshot(path=screenshot_dir / "method-kj-facilitator.png", full_page=True)
    desk.get_by_role("link", name="Open the board on a page of its own").click()
    desk.get_by_role("heading", name=re.compile("^Board: What gets in the way")).wait_for()
    problems["board"] = serious_accessibility_violations(desk)
    desk.screenshot(path=screenshot_dir / "method-kj-board.png", full_page=True)

    projector = new_page(browser)
    sign_in(projector, live_server.url, facilitator.username)
    projector.goto(f"{live_server.url}/manage/methods/{session.pk}/present/")
    projector.get_by_role("heading", name="Early notice of tenders").wait_for()
    problems["projector"] = serious_accessibility_violations(projector)
    projector.screenshot(path=screenshot_dir / "method-kj-projector.png", full_page=True)

    reload_page(phone)
    phone.get_by_role("heading", name="Early notice of tenders").wait_for()
    problems["participant-board"] = serious_accessibility_violations(phone)
    phone.screenshot(path=screenshot_dir / "method-kj-participant-board.png", full_page=True)

    # Dot voting, on the phone with no script needed.
    method_services.session_go_to(session=session, step="vote")
    reload_page(phone)
    phone.get_by_text("You have 3 of 3 dots left.").wait_for()
    phone.get_by_role("button", name="Add a dot to Weekends").click()
    phone.get_by_role("button", name="Add a dot to Weekends").click()
    phone.get_by_role("button", name="Add a dot to Early notice of tenders").click()
    phone.get_by_text("You have 0 of 3 dots left.").wait_for()
    phone.get_by_role("button", name="Remove a dot from Weekends").click()
    phone.get_by_text("You have 1 of 3 dots left.").wait_for()
    problems["participant-vote"] = serious_accessibility_violations(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot(path=screenshot_dir / "method-kj-participant-vote.png", full_page=True)
    assert KJDot.objects.filter(group=weekends).count() == 1

    projector.reload()
    projector.get_by_text("Dots placed: 2").wait_for()
    problems["projector-vote"] = serious_accessibility_violations(projector)
    projector.screenshot(path=screenshot_dir / "method-kj-projector-vote.png", full_page=True)
    assert not any(problems.values()), problems
