"""Six thinking hats and ORID: a facilitator steps the room through the stages from the back office and the
projector; participants answer each stage on their phones; every answer is kept with its stage."""

import re

import pytest

from coproduce.accounts.models import AreaRole
from coproduce.engagement.models import Comment, EventStatus, Method, MethodStep
from tests.browser.conftest import PHONE, join, new_page, serious_accessibility_violations, sign_in
from tests.factories import AreaFactory, EventFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_six_hats_round_and_an_orid_conversation(live_server, browser, screenshot_dir):
    area = AreaFactory(name="London Borough of Bexley", slug="bexley")
    event = EventFactory(
        area=area,
        title="Workshop: engaging the VCS",
        status=EventStatus.OPEN,
        methods=[Method.SIX_HATS, Method.ORID],
    )
    facilitator = member(area, AreaRole.FACILITATOR)
    problems = {}

    desk = new_page(browser)
    sign_in(desk, live_server.url, facilitator.username)
    desk.goto(f"{live_server.url}/manage/events/{event.pk}/")
    desk.get_by_role("link", name="Run a method").click()
    desk.get_by_label("De Bono's six thinking hats (planned for this event)").check()
    desk.get_by_label("Minutes for each timed stage").fill("3")
    desk.get_by_role("button", name="Set it up").click()
    desk.get_by_role("button", name=re.compile(r"^Start here\s*: White hat")).click()
    desk.get_by_text("The room is now at: White hat: facts.").wait_for()

    phone = new_page(browser, phone=True)
    join(phone, live_server.url, event, "VCS provider")
    phone.get_by_role("link", name="Take part: De Bono's six thinking hats").click()
    phone.get_by_label("What do we know?").fill("Six VCS groups already run sessions in centres.")
    phone.get_by_role("button", name="Send answer").click()
    phone.get_by_text("Your answer has been sent").wait_for()
    problems["participant"] = serious_accessibility_violations(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot(path=screenshot_dir / "method-six_hats-participant.png", full_page=True)

    # The facilitator moves the room on by keyboard; the phone's next answer goes to the new hat.
    desk.get_by_role("button", name=re.compile(r"^Go to this stage\s*: Black hat")).focus()
    desk.keyboard.press("Enter")
    desk.get_by_text("The room is now at: Black hat: cautions.").wait_for()
    phone.reload()
    phone.get_by_label("What could go wrong?").fill("Small groups could be priced out of tenders.")
    phone.get_by_role("button", name="Send answer").click()
    phone.get_by_text("Your answer has been sent").wait_for()
    desk.reload()
    desk.get_by_text("Small groups could be priced out of tenders.").wait_for()
    problems["facilitator"] = serious_accessibility_violations(desk)
    desk.screenshot(path=screenshot_dir / "method-six_hats-facilitator.png", full_page=True)

    projector = new_page(browser)
    sign_in(projector, live_server.url, facilitator.username)
    projector.goto(f"{live_server.url}/manage/methods/{event.method_sessions.get().pk}/present/")
    projector.get_by_text("Black hat: cautions").first.wait_for()
    problems["projector"] = serious_accessibility_violations(projector)
    projector.screenshot(path=screenshot_dir / "method-six_hats-projector.png")

    assert list(Comment.objects.order_by("pk").values_list("method_step", flat=True)) == [
        MethodStep.WHITE,
        MethodStep.BLACK,
    ]

    # ORID with a reworded first question.
    desk.goto(
        f"{live_server.url}/manage/methods/new/".replace("/methods/new/", f"/events/{event.pk}/methods/new/")
    )
    desk.get_by_label("Focused conversation (ORID) (planned for this event)").check()
    desk.get_by_role("button", name="Set it up").click()
    desk.get_by_text("Change the questions").click()
    desk.get_by_label("Objective").fill("What did you hear about the commissioning timetable?")
    desk.get_by_role("button", name="Save the questions").click()
    desk.get_by_role("button", name=re.compile(r"^Start here\s*: Objective")).click()
    phone.goto(f"{live_server.url}/join/{event.join_code}/comment/")
    phone.get_by_role("link", name="Take part: Focused conversation (ORID)").click()
    phone.get_by_label("What did you hear about the commissioning timetable?").fill("Contracts end in March.")
    phone.get_by_role("button", name="Send answer").click()
    phone.get_by_text("Your answer has been sent").wait_for()
    phone.screenshot(path=screenshot_dir / "method-orid-participant.png", full_page=True)
    desk.reload()
    problems["orid-facilitator"] = serious_accessibility_violations(desk)
    desk.screenshot(path=screenshot_dir / "method-orid-facilitator.png", full_page=True)
    assert (
        Comment.objects.filter(method_step=MethodStep.OBJECTIVE, text="Contracts end in March.").count() == 1
    )

    summary = desk
    summary.goto(f"{live_server.url}/manage/methods/{event.method_sessions.first().pk}/summary/")
    problems["summary"] = serious_accessibility_violations(summary)
    assert not any(problems.values()), problems
