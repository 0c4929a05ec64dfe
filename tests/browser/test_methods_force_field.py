"""Force-field analysis: the facilitator states the change; participants add driving and restraining forces
with their strengths from their phones; the facilitator raises a force from an earlier comment, reweighs
one, and the chart, its text alternative and the totals follow."""

import re

import pytest

from coproduce.accounts.models import AreaRole
from coproduce.directory.models import Role
from coproduce.engagement.models import EventStatus, Method, MethodStep
from coproduce.methods.models.force_field import Force
from tests.browser.conftest import PHONE, join, new_page, serious_accessibility_violations, sign_in
from tests.factories import AreaFactory, CommentFactory, EventFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHANGE = "The VCS runs outreach for two children's centres from April"


def add_force(phone, direction: str, strength: str, text: str) -> None:
    phone.get_by_label(direction).check()
    phone.get_by_label(strength, exact=True).check()
    phone.get_by_label("What is the force?").fill(text)
    phone.get_by_role("button", name="Add the force").click()


def test_a_force_field_from_the_change_to_the_summary(live_server, browser, screenshot_dir):
    area = AreaFactory(name="London Borough of Bexley", slug="bexley")
    event = EventFactory(
        area=area, title="Workshop: outreach", status=EventStatus.OPEN, methods=[Method.FORCE_FIELD]
    )
    earlier = CommentFactory(
        event=event,
        text="Small charities cannot afford to bid for big contracts",
        author_role=Role.VCS_PROVIDER,
    )
    facilitator = member(area, AreaRole.FACILITATOR)
    problems = {}

    desk = new_page(browser)
    sign_in(desk, live_server.url, facilitator.username)
    desk.goto(f"{live_server.url}/manage/events/{event.pk}/")
    desk.get_by_role("link", name="Run a method").click()
    desk.get_by_label("Force-field analysis (planned for this event)").check()
    desk.get_by_label("Title (optional)").fill("Outreach by the VCS")
    desk.get_by_role("button", name="Set it up").click()
    # The change starts as the session's title; the facilitator says it in full.
    assert desk.get_by_label("What change are we analysing?").input_value() == "Outreach by the VCS"
    desk.get_by_label("What change are we analysing?").fill(CHANGE)
    desk.get_by_role("button", name="Save the change").click()
    desk.get_by_text("The change is saved").wait_for()
    desk.get_by_role("button", name=re.compile(r"^Start here\s*: Forces")).click()

    # A participant: a force without a strength is given back, then two forces.
    phone = new_page(browser, phone=True)
    join(phone, live_server.url, event, "Children's-centre manager")
    phone.get_by_role("link", name="Take part: Outreach by the VCS").click()
    phone.get_by_text(CHANGE).wait_for()
    phone.get_by_label("Driving: it pushes the change forward").check()
    phone.get_by_label("What is the force?").fill("Parents trust local charities")
    phone.get_by_role("button", name="Add the force").click()
    phone.locator(".govuk-error-summary").get_by_text("Choose a strength from 1 (very weak) to 5").wait_for()
    assert phone.get_by_label("What is the force?").input_value() == "Parents trust local charities"
    problems["participant-error"] = serious_accessibility_violations(phone)
    phone.screenshot(path=screenshot_dir / "method-force_field-participant-error.png", full_page=True)
    phone.get_by_label("5: very strong").check()
    phone.get_by_role("button", name="Add the force").click()
    phone.get_by_text("Your driving force has been added").wait_for()
    add_force(phone, "Restraining: it holds the change back", "4: strong", "Staff worry about their jobs")
    phone.get_by_text("Your restraining force has been added").wait_for()

    # The facilitator's chart and totals update without a reload.
    live = desk.locator("#force-field-live")
    live.get_by_role("cell", name="Staff worry about their jobs").wait_for(timeout=12_000)
    live.get_by_role("row", name="Restraining forces 1 4").wait_for()

    # A force raised from an earlier comment, by keyboard.
    desk.reload()
    desk.get_by_role("link", name="Raise a force from a comment made at the event").click()
    direction = desk.get_by_label(re.compile(r"^Direction\s*of the force: Small charities"))
    direction.select_option(label="Restraining: it holds the change back")
    strength = desk.get_by_label(re.compile(r"^Strength\s*of the force: Small charities"))
    strength.focus()
    strength.select_option(label="3: moderate")
    desk.keyboard.press("Tab")
    desk.keyboard.press("Enter")
    desk.get_by_text("Raised as a restraining force of strength 3").wait_for()
    desk.get_by_text("Already raised: restraining 3").wait_for()
    problems["raise"] = serious_accessibility_violations(desk)
    desk.screenshot(path=screenshot_dir / "method-force_field-raise.png", full_page=True)

    # A strength changed, with its history.
    desk.get_by_role("link", name="Back to the analysis").click()
    desk.get_by_role("link", name=re.compile(r"^Change strength\s*: Staff worry")).click()
    desk.get_by_label("2: weak").check()
    desk.get_by_role("button", name="Save the strength").click()
    desk.get_by_text("Strength changed from 4 to 2").wait_for()
    desk.locator("#force-field-live").get_by_role("row", name="Restraining forces 2 5").wait_for()
    problems["facilitator"] = serious_accessibility_violations(desk)
    desk.screenshot(path=screenshot_dir / "method-force_field-facilitator.png", full_page=True)

    phone.reload()
    phone.locator("#forces").get_by_text("Small charities cannot afford to bid for big contracts").wait_for()
    problems["participant"] = serious_accessibility_violations(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot(path=screenshot_dir / "method-force_field-participant.png", full_page=True)

    session = event.method_sessions.get()
    projector = new_page(browser)
    sign_in(projector, live_server.url, facilitator.username)
    projector.goto(f"{live_server.url}/manage/methods/{session.pk}/present/")
    projector.get_by_role("heading", name=re.compile("^Driving forces: total 5")).wait_for()
    problems["projector"] = serious_accessibility_violations(projector)
    projector.screenshot(path=screenshot_dir / "method-force_field-projector.png", full_page=True)

    desk.goto(f"{live_server.url}/manage/methods/{session.pk}/summary/")
    desk.get_by_role("img", name=re.compile("^Force field: The VCS runs outreach")).wait_for()
    problems["summary"] = serious_accessibility_violations(desk)
    desk.emulate_media(media="print")
    desk.screenshot(path=screenshot_dir / "method-force_field-summary.png", full_page=True)

    forces = {f.comment.text: (f.direction, f.strength, f.raised_from_id) for f in Force.objects.all()}
    assert forces == {
        "Parents trust local charities": ("driving", 5, None),
        "Staff worry about their jobs": ("restraining", 2, None),
        "Small charities cannot afford to bid for big contracts": ("restraining", 3, earlier.pk),
    }
    assert set(Force.objects.values_list("comment__method_step", flat=True)) == {
        MethodStep.DRIVING,
        MethodStep.RESTRAINING,
    }
    assert not any(problems.values()), problems
