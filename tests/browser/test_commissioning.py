"""The commissioning timetable as a commissioner keeps it and as the public reads it on a phone: the
process page with its timeline, a milestone refused for its date, a Procurement Act warning, the timeline
page, and the published timetable; axe finds no serious or critical violation on any of them."""

import pytest

from coproduce.commissioning.models import CommissioningProcess, Milestone
from coproduce.demo.loader import DEMO_PASSWORD, load_demo
from tests.browser.conftest import new_page, serious_accessibility_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Children's centre services 2012–15"


def test_a_commissioner_keeps_the_timetable_and_the_public_reads_it(live_server, browser, screenshot_dir):
    load_demo()
    process = CommissioningProcess.objects.get(area__slug="bexley", title=TITLE)
    milestones = process.milestones.count()
    problems = {}

    page = new_page(browser)
    sign_in(page, live_server.url, "commissioner", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/manage/areas/bexley/")
    page.get_by_role("link", name="Commissioning timetable", exact=True).click()
    page.get_by_role("heading", name="Commissioning", level=1).wait_for()
    problems["list"] = serious_accessibility_violations(page)
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("heading", name=TITLE, level=1).wait_for()
    assert page.get_by_role("img", name=f"Timeline of {TITLE}").count() == 1
    table = page.get_by_role("table").filter(has_text="Milestones, in the order they begin")
    assert "Co-production consultation" in table.locator("tbody tr").first.inner_text()
    assert page.locator(".govuk-warning-text").count() == 0
    problems["process"] = serious_accessibility_violations(page)
    page.screenshot(path=screenshot_dir / "commissioning-process.png", full_page=True)

    # A milestone before the process starts: a clear message, and nothing saved.
    page.get_by_role("link", name="Add a milestone").click()
    page.get_by_label("Kind").select_option(label="Market engagement")
    page.get_by_label("Title").fill("Soft market testing")
    due = page.get_by_role("group", name="End or due date")
    due.get_by_label("Day").fill("1")
    due.get_by_label("Month").fill("9")
    due.get_by_label("Year").fill("2011")
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert "The milestone must not start before the process starts on 1 October 2011" in summary.inner_text()
    assert Milestone.objects.filter(process=process).count() == milestones
    problems["refused"] = serious_accessibility_violations(page)
    page.screenshot(path=screenshot_dir / "commissioning-milestone-refused.png", full_page=True)

    # Market engagement after the tender notice: saved, with the Procurement Act 2023 warning.
    due = page.get_by_role("group", name="End or due date")
    due.get_by_label("Day").fill("5")
    due.get_by_label("Month").fill("11")
    due.get_by_label("Year").fill("2012")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Milestone added.").wait_for()
    warning = page.locator('[data-warning="engagement_after_tender"]')
    assert "preliminary market engagement notice" in warning.inner_text()
    problems["warned"] = serious_accessibility_violations(page)
    page.screenshot(path=screenshot_dir / "commissioning-warning.png", full_page=True)

    page.get_by_role("link", name="The timeline on a page of its own").click()
    page.get_by_role("heading", name=f"Timeline: {TITLE}", level=1).wait_for()
    problems["timeline"] = serious_accessibility_violations(page)
    page.screenshot(path=screenshot_dir / "commissioning-timeline.png", full_page=True)

    phone = new_page(browser, phone=True)
    phone.goto(f"{live_server.url}/areas/bexley/commissioning/")
    phone.get_by_role("heading", name="Commissioning timetable", level=1).wait_for()
    assert phone.get_by_role("img", name=f"Timeline of {TITLE}").count() == 1
    assert phone.get_by_role("link", name="release package").get_attribute("href") == (
        "/areas/bexley/ocds/release-package.json"
    )
    problems["public"] = serious_accessibility_violations(phone)
    phone.screenshot(path=screenshot_dir / "commissioning-public-phone.png", full_page=True)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the public timetable scrolls sideways on a phone ({width}px)"

    assert problems == {name: [] for name in problems}
