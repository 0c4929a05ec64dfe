"""The case-study report as a facilitator writes and publishes it, and as the public reads it on a phone."""

import datetime

import pytest

from coproduce.accounts.models import AreaRole
from coproduce.directory.models import Role
from coproduce.engagement.models import Method
from coproduce.proposals.models import ActionStatus
from coproduce.reports.models import Report
from tests.browser.conftest import new_page, serious_accessibility_violations, sign_in
from tests.factories import (
    ActionFactory,
    AreaFactory,
    AttendanceFactory,
    ChallengeFactory,
    CommentFactory,
    EventFactory,
    PersonFactory,
    ProposalFactory,
    member,
)
from tests.reports.helpers import finished_run, paired_answers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def bexley():
    area = AreaFactory(name="London Borough of Bexley", slug="bexley", is_published=True)
    ChallengeFactory(
        area=area,
        number=1,
        text="How to improve engagement of the local VCS in the delivery of children's centres?",
    )
    workshop = EventFactory(
        area=area,
        title="Workshop with the VCS",
        venue="Civic Offices",
        methods=[Method.OPEN_SPACE, Method.KJ],
    )
    training = EventFactory(
        area=area, title="Training session", date=datetime.date(2012, 2, 13), methods=[Method.SPEED_DATING]
    )
    for role, count in [(Role.VCS_PROVIDER, 6), (Role.CC_MANAGER, 4), (Role.LA_PROFESSIONAL, 3)]:
        for i in range(count):
            person = PersonFactory(area=area, role=role, name=f"Named person {role} {i}")
            AttendanceFactory(event=workshop, person=person)
            if i % 2:
                AttendanceFactory(event=training, person=person)
    said = [
        CommentFactory(
            event=workshop, author_role=Role.VCS_PROVIDER, text="We do not know what centres need."
        ),
        CommentFactory(
            event=workshop, author_role=Role.CC_MANAGER, text="A market place would show the offer."
        ),
        CommentFactory(event=training, author_role=Role.LA_PROFESSIONAL, text="Publish the timetable early."),
    ]
    run = finished_run(
        area,
        {"Knowing what the VCS offers": [(said[0], 0.9), (said[1], 0.8)], "Timetables": [(said[2], 0.7)]},
    )
    proposal = ProposalFactory(area=area, title="Performance management", is_published=True)
    proposal.themes.add(run.themes.first())
    proposal.evidence.add(said[0])
    ActionFactory(proposal=proposal, title="Hold a market-place event", due_date=datetime.date(2012, 3, 31))
    ActionFactory(proposal=proposal, title="Map the VCS offer", status=ActionStatus.DONE)
    paired_answers(area, Role.VCS_PROVIDER, [(2, 4)] * 16 + [(3, 3)] * 3)
    return area


def test_a_facilitator_writes_and_publishes_the_report_and_the_public_reads_it_on_a_phone(
    live_server, browser, screenshot_dir
):
    area = bexley()
    facilitator = member(area, AreaRole.FACILITATOR)
    problems = {}

    page = new_page(browser)
    sign_in(page, live_server.url, facilitator.username)
    page.goto(f"{live_server.url}/manage/areas/bexley/")
    page.get_by_role("link", name="The case-study report").click()
    page.get_by_role("heading", name="London Borough of Bexley: case study", level=1).wait_for()
    assert page.get_by_role("img", name="People who took part, by role").count() == 1
    problems["report"] = serious_accessibility_violations(page)

    # Everything by keyboard: follow the link, type, move on with Tab, send with Enter.
    page.get_by_role("link", name="Write the narrative").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Write the narrative", level=1).wait_for()
    problems["edit"] = serious_accessibility_violations(page)
    page.get_by_label("Introduction").focus()
    page.keyboard.type("Bexley needed to make savings.")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("It considered a mixed economy <with the VCS>.")
    page.keyboard.press("Tab")
    page.keyboard.type("We allowed time for a blank page, and told it as it is.")
    # Past the three other narrative fields, the choice of analysis (one radio group) and the one survey.
    for _ in range(6):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Save the narrative"
    page.screenshot(path=screenshot_dir / "backoffice-report-edit.png", full_page=True)
    page.keyboard.press("Enter")
    page.get_by_text("The report's narrative is saved.").wait_for()
    assert page.get_by_text("It considered a mixed economy <with the VCS>.").count() == 1

    page.get_by_role("button", name="Publish the report").focus()
    page.keyboard.press("Enter")
    page.get_by_text("The report is published on the public site.").wait_for()
    assert Report.objects.get(area=area).is_published
    assert page.get_by_text("Changed since publication").count() == 0
    page.screenshot(path=screenshot_dir / "backoffice-report.png", full_page=True)

    # The roll-up across the programme's areas, from the list of areas.
    page.get_by_role("link", name="Areas", exact=True).first.click()
    page.get_by_role("link", name="roll-up across areas").click()
    page.get_by_role("heading", name="Themes that recur across areas").wait_for()
    problems["roll-up"] = serious_accessibility_violations(page)
    page.screenshot(path=screenshot_dir / "backoffice-programme-roll-up.png", full_page=True)

    phone = new_page(browser, phone=True)
    phone.goto(f"{live_server.url}/areas/bexley/")
    phone.get_by_role("link", name="Read the case-study report").click()
    phone.get_by_role("heading", name="London Borough of Bexley: case study", level=1).wait_for()
    # The contents list leads to each section; the comments quoted are folded away until asked for.
    contents = phone.get_by_role("navigation", name="Contents")
    contents.get_by_role("link", name="Common emerging themes").click()
    assert phone.evaluate("location.hash") == "#themes"
    assert not phone.get_by_text("We do not know what centres need.").is_visible()
    phone.get_by_text("What people said: 2 comments quoted").click()
    phone.get_by_text("We do not know what centres need.").wait_for()
    assert phone.get_by_role("link", name="Download the report as a PDF").get_attribute("href") == (
        "/areas/bexley/report.pdf"
    )
    text = phone.locator("main").inner_text()
    assert "Bexley needed to make savings." in text
    assert "84% of VCS providers (16 of 19) were more positive about tackling the key challenges." in text
    assert "We do not know what centres need." in text
    assert "Named person" not in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    problems["public report"] = serious_accessibility_violations(phone)
    phone.screenshot(path=screenshot_dir / "public-report-phone.png", full_page=True)
    assert not any(problems.values()), problems
