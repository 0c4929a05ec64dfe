"""Phones follow the room: the facilitator moves six hats on while three phones hold the White hat page.
Each answer is filed under the question its phone showed, and the late ones are said so on the desk."""

import re

import pytest

from coproduce.accounts.models import AreaRole
from coproduce.engagement.models import Comment, EventStatus, Method, MethodStep
from coproduce.methods import services
from tests.browser.conftest import PHONE, new_page, serious_accessibility_violations, sign_in
from tests.browser.test_methods_stepped import join
from tests.factories import AreaFactory, EventFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def phone_without_javascript(browser):
    page = browser.new_context(viewport=PHONE, java_script_enabled=False).new_page()
    page.set_default_timeout(15_000)
    return page


def filed(text: str) -> tuple[str, str | None]:
    comment = Comment.objects.select_related("late_answer").get(text=text)
    late = getattr(comment, "late_answer", None)
    return comment.method_step, late.room_step if late else None


def test_three_phones_on_the_old_stage_file_their_answers_where_they_were_seen(
    live_server, browser, screenshot_dir
):
    area = AreaFactory(name="London Borough of Bexley", slug="bexley")
    event = EventFactory(area=area, title="Workshop", status=EventStatus.OPEN, methods=[Method.SIX_HATS])
    session = services.session_create(event=event, method=Method.SIX_HATS, step_minutes=5)
    services.session_go_to(session=session, step="white")
    facilitator = member(area, AreaRole.FACILITATOR)
    take_part = f"{live_server.url}/join/{event.join_code}/methods/{session.pk}/"

    following, typing = new_page(browser, phone=True), new_page(browser, phone=True)
    old_form = phone_without_javascript(browser)
    for phone in (following, typing, old_form):
        join(phone, live_server.url, event, "VCS provider")
        phone.goto(take_part)
        phone.get_by_label("What do we know?").wait_for()
    typing.get_by_label("What do we know?").fill("Twelve centres, six VCS groups")

    desk = new_page(browser)
    sign_in(desk, live_server.url, facilitator.username)
    desk.goto(f"{live_server.url}/manage/methods/{session.pk}/")
    desk.get_by_role("button", name=re.compile(r"^Go to this stage\s*: Red hat")).click()
    desk.get_by_text("The room is now at: Red hat: feelings.").wait_for()

    # The phone with an empty box follows: its question and hidden step become Red hat's.
    following.get_by_label("How do you feel about it?").wait_for()
    assert following.locator("input[name=step]").input_value() == "red"
    following.get_by_label("How do you feel about it?").fill("Hopeful, a bit anxious")
    following.get_by_role("button", name="Send answer").click()
    following.get_by_text("Your answer has been sent").wait_for()
    problems = serious_accessibility_violations(following)
    assert following.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # The phone with text typed keeps its question and says the room has moved on.
    typing.get_by_text("The room has moved on").wait_for()
    assert typing.locator("input[name=step]").input_value() == "white"
    typing.get_by_role("button", name="Send answer").click()
    typing.get_by_text("Your answer has been sent").wait_for()

    # The page without JavaScript still shows White hat's question; the server files what it showed.
    assert old_form.get_by_label("What do we know?").is_visible()
    old_form.get_by_label("What do we know?").fill("No figures on dads")
    old_form.get_by_role("button", name="Send answer").click()
    old_form.get_by_text("Your answer has been sent").wait_for()

    assert filed("Hopeful, a bit anxious") == (MethodStep.RED, None)
    assert filed("Twelve centres, six VCS groups") == (MethodStep.WHITE, "red")
    assert filed("No figures on dads") == (MethodStep.WHITE, "red")

    desk.reload()
    desk.get_by_text("arrived after the room moved to Red hat: feelings").first.wait_for()
    assert desk.get_by_text("arrived after the room moved to Red hat: feelings").count() == 2
    desk.screenshot(path=screenshot_dir / "method-six_hats-late-answers.png", full_page=True)
    assert problems == []
