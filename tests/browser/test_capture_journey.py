"""The capture journey as people do it: a facilitator sets up an event, a participant joins on a phone."""

import re

import pytest
from django.core.management import call_command

from coproduce.accounts.models import AreaRole
from coproduce.engagement.models import Comment, Event
from tests.browser.conftest import new_page, serious_accessibility_violations, sign_in
from tests.factories import AreaFactory, ChallengeFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_participant_comment_reaches_the_facilitator_and_no_other_area(
    live_server, browser, screenshot_dir
):
    area = AreaFactory(name="London Borough of Bexley", slug="bexley")
    ChallengeFactory(area=area, number=1)
    facilitator = member(area, AreaRole.FACILITATOR)
    outsider = member(AreaFactory(), AreaRole.VIEWER)

    # The facilitator signs in, creates an event and opens capture.
    staff = new_page(browser)
    sign_in(staff, live_server.url, facilitator.username)
    staff.goto(f"{live_server.url}/manage/areas/bexley/")
    staff.get_by_role("link", name="Create an event").click()
    staff.get_by_label("Event name").fill("Listening event: what families need")
    staff.get_by_label("Listening event").check()
    staff.get_by_label("Day").fill("25")
    staff.get_by_label("Month").fill("11")
    staff.get_by_label("Year").fill("2026")
    staff.get_by_label("Focused conversation (ORID)").check()
    staff.get_by_role("button", name="Create event").click()
    staff.get_by_role("button", name="Open the event to participants").click()
    staff.get_by_role("link", name="Open capture").click()
    code = staff.locator("#join-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{6}", code)
    event = Event.objects.get(join_code=code)

    # A participant joins on a phone, with no account, and sends a comment.
    phone = new_page(browser, phone=True)
    phone.goto(f"{live_server.url}/join/")
    phone.screenshot(path=screenshot_dir / "participant-1-join.png", full_page=True)
    phone.get_by_label("Event code").fill(code.lower())
    phone.get_by_role("button", name="Continue").click()
    phone.screenshot(path=screenshot_dir / "participant-2-role.png", full_page=True)
    phone.get_by_label("VCS provider").check()
    phone.get_by_role("button", name="Continue").click()
    phone.get_by_label("Your comment").fill("We could run stay-and-play sessions at the centre on Saturdays.")
    phone.screenshot(path=screenshot_dir / "participant-3-comment.png", full_page=True)
    phone.get_by_role("button", name="Send comment").click()
    assert "Your comment has been sent" in phone.content()
    phone.screenshot(path=screenshot_dir / "participant-4-sent.png", full_page=True)
    assert Comment.objects.filter(event=event, author_role="vcs_provider").count() == 1

    # The facilitator sees it arrive on the capture page without reloading.
    staff.locator("#recent-comments").get_by_text("stay-and-play sessions").wait_for(timeout=12_000)
    assert staff.locator("#comment-total").inner_text() == "1 comment in all"
    staff.screenshot(path=screenshot_dir / "backoffice-capture-live.png", full_page=True)

    # A viewer of another area cannot see it: 404, never the data.
    other = new_page(browser)
    sign_in(other, live_server.url, outsider.username)
    for path in (
        f"/manage/events/{event.pk}/",
        f"/manage/events/{event.pk}/capture/",
        "/manage/areas/bexley/",
    ):
        response = other.goto(f"{live_server.url}{path}")
        assert response.status in (403, 404), path
        assert "stay-and-play" not in other.content()


def test_key_pages_have_no_serious_accessibility_violations(live_server, browser, screenshot_dir):
    call_command("load_demo", "--no-analysis", verbosity=0)
    event = Event.objects.filter(area__slug="bexley", status="open").first()
    workshop = Event.objects.get(area__slug="bexley", date="2011-10-28")
    staff = new_page(browser)
    sign_in(staff, live_server.url, "facilitator", "coproduce-demo")
    pages = {
        "dashboard": "/manage/areas/bexley/",
        "capture": f"/manage/events/{event.pk}/capture/",
        "import": f"/manage/events/{event.pk}/import/",
        "event": f"/manage/events/{event.pk}/",
        "consensus": f"/manage/events/{workshop.pk}/consensus/",
        "statements": f"/manage/events/{workshop.pk}/statements/",
    }
    problems = {}
    for name, path in pages.items():
        staff.goto(f"{live_server.url}{path}")
        staff.screenshot(path=screenshot_dir / f"backoffice-{name}.png", full_page=True)
        problems[name] = serious_accessibility_violations(staff)

    phone = new_page(browser, phone=True)
    for name, path in {
        "join": "/join/",
        "join-role": f"/join/{event.join_code}/",
        "public-area": "/areas/bexley/",
        "public-consensus": f"/join/{workshop.join_code}/results/",
    }.items():
        phone.goto(f"{live_server.url}{path}")
        if name == "public-consensus":
            phone.screenshot(path=screenshot_dir / "participant-6-results.png", full_page=True)
        problems[name] = serious_accessibility_violations(phone)
        # Nothing on a participant's page is wider than the phone.
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390, name
    # The join form's error state too.
    phone.goto(f"{live_server.url}/join/")
    phone.get_by_role("button", name="Continue").click()
    problems["join-error"] = serious_accessibility_violations(phone)
    phone.screenshot(path=screenshot_dir / "participant-0-join-error.png", full_page=True)

    assert not any(problems.values()), problems
