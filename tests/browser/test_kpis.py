"""KPIs made transparent: a commissioner adds a KPI and imports its figures (a bad file first), a parent reads
its public page and "you said, we did" on a phone, and a centre manager sees their overdue action on "my
actions"; axe finds no serious or critical violation on any page."""

import datetime

import pytest

from coproduce.accounts.models import AreaRole
from coproduce.directory.models import Role
from coproduce.kpis.models import Kpi
from coproduce.proposals.models import ProposalStatus
from coproduce.themes.models import RunStatus, Theme, ThemeAssignment
from tests.browser.conftest import PHONE, new_page, serious_accessibility_violations, sign_in
from tests.factories import (
    ActionFactory,
    AnalysisRunFactory,
    AreaFactory,
    CommentFactory,
    EventFactory,
    OrganisationFactory,
    ProposalFactory,
    member,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BAD_FILE = b"period,value,explanation\n2012-Q1,66,\n2012-Q2,sixty-eight,\n2012-Q5,62,\n"
GOOD_FILE = (
    b"period,value,explanation\n2012-Q1,66,\n2012-Q2,68,\n"
    b'2012-Q3,62,"Two childminder networks joined late, so places opened in October."\n2012-Q4,67,\n'
)


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def bexley():
    area = AreaFactory(name="London Borough of Bexley", slug="bexley", is_published=True)
    centre = OrganisationFactory(area=area, name="Hollyfield Children's Centre")
    event = EventFactory(area=area, title="Listening event: what families say")
    said = CommentFactory(
        event=event,
        text="We hear about targets but never see the figures or why they were missed.",
        author_role=Role.PARENT_CARER,
    )
    run = AnalysisRunFactory(area=area, status=RunStatus.DONE, inputs=[[said.pk, said.text]])
    theme = Theme.objects.create(
        run=run,
        number=1,
        label="Open figures",
        size=1,
        description="Parents and partners want to see the figures the council watches, and why.",
    )
    ThemeAssignment.objects.create(run=run, theme=theme, comment=said, confidence=0.9)
    proposal = ProposalFactory(
        area=area, title="Bexley offer and vision", is_published=True, status=ProposalStatus.IN_PROGRESS
    )
    proposal.themes.add(theme)
    ActionFactory(
        proposal=proposal,
        owner=centre,
        title="Run a joint change-management workshop",
        due_date=datetime.date(2012, 11, 30),
    )
    return area, centre


def test_a_commissioner_publishes_a_kpi_a_parent_reads_it_on_a_phone_and_a_centre_sees_its_actions(
    live_server, browser, screenshot_dir
):
    area, centre = bexley()
    commissioner = member(area, AreaRole.COMMISSIONER)
    manager = member(area, AreaRole.CENTRE_MANAGER, organisation=centre)
    problems = {}

    desk = new_page(browser)
    sign_in(desk, live_server.url, commissioner.username)
    desk.goto(f"{live_server.url}/manage/areas/bexley/")
    desk.get_by_role("link", name="Key performance indicators").click()
    desk.get_by_role("heading", name="Key performance indicators").wait_for()
    problems["kpi-list-empty"] = serious_accessibility_violations(desk)
    desk.get_by_role("link", name="Add a KPI").click()
    desk.get_by_label("Name").fill("Take-up of the 2-year-old offer")
    desk.get_by_label("Why it matters").fill("Funded early education at two gives children a better start.")
    desk.get_by_label("How it is measured").fill(
        "Eligible two-year-olds in a funded place, as a share of all."
    )
    desk.get_by_label("Unit").fill("%")
    desk.get_by_label("Target").fill("65")
    desk.get_by_label("Source").fill("The council's early-years funding records")
    desk.get_by_label("Bexley offer and vision", exact=True).check()
    desk.get_by_label("Open figures").check()
    problems["kpi-form"] = serious_accessibility_violations(desk)
    desk.get_by_role("button", name="Save").click()
    desk.get_by_text("KPI added: Take-up of the 2-year-old offer").wait_for()
    kpi = Kpi.objects.get()
    problems["kpi-detail-empty"] = serious_accessibility_violations(desk)

    desk.get_by_role("link", name="Import figures from CSV").click()
    desk.get_by_label("CSV file").set_input_files(
        files=[{"name": "figures.csv", "mimeType": "text/csv", "buffer": BAD_FILE}]
    )
    desk.get_by_role("button", name="Import").click()
    desk.get_by_text("Nothing was imported: the file has 2 problems").wait_for()
    desk.get_by_text("Row 3, column “value”: “sixty-eight” is not a number").wait_for()
    desk.get_by_text("Row 4, column “period”: Enter the period as 2012-Q1").wait_for()
    assert kpi.values.count() == 0
    problems["import-refused"] = serious_accessibility_violations(desk)
    desk.screenshot(path=screenshot_dir / "backoffice-kpi-import-refused.png", full_page=True)
    desk.get_by_label("CSV file").set_input_files(
        files=[{"name": "figures.csv", "mimeType": "text/csv", "buffer": GOOD_FILE}]
    )
    desk.get_by_role("button", name="Import").click()
    desk.get_by_text("Imported: 4 figure(s) added, 0 changed.").wait_for()
    # A figure corrected by hand: the period stays, the value and explanation change, the history keeps both.
    desk.get_by_role("link", name="Change 2012 Q4").click()
    problems["value-form"] = serious_accessibility_violations(desk)
    desk.get_by_label("Value").fill("67.5")
    desk.get_by_role("button", name="Save").click()
    desk.get_by_text("Figure for 2012 Q4 saved.").wait_for()
    desk.get_by_role("button", name="Publish on the public site").click()
    desk.get_by_text("Published on the public site.").wait_for()
    problems["kpi-detail"] = serious_accessibility_violations(desk)
    desk.screenshot(path=screenshot_dir / "backoffice-kpi.png", full_page=True)
    assert [str(v.value) for v in kpi.values.all()] == ["66.00", "68.00", "62.00", "67.50"]

    # A parent on a phone: the area's page, the KPI's figures as a chart and a table, why it was missed.
    phone = new_page(browser, phone=True)
    phone.goto(f"{live_server.url}/areas/bexley/")
    phone.get_by_role("link", name="key performance indicators").click()
    phone.get_by_role("heading", name="Key performance indicators").wait_for()
    assert fits_the_phone(phone)
    problems["public-kpi-list"] = serious_accessibility_violations(phone)
    phone.get_by_role("link", name="Take-up of the 2-year-old offer").click()
    phone.get_by_role("heading", name="Take-up of the 2-year-old offer").wait_for()
    rows = phone.locator("#kpi-figures tbody tr")
    assert rows.count() == 4
    missed = rows.nth(2).inner_text()
    assert "2012 Q3" in missed and "62%" in missed and "Target missed" in missed
    assert phone.locator("svg[role=img] g.cp-line-chart__point").count() == 4
    phone.get_by_text("Two childminder networks joined late").first.wait_for()
    assert fits_the_phone(phone)
    problems["public-kpi"] = serious_accessibility_violations(phone)
    phone.screenshot(path=screenshot_dir / "phone-kpi.png", full_page=True)

    phone.get_by_role("link", name="You said, we did").first.click()
    phone.get_by_role("heading", name="Open figures", level=2).wait_for()
    phone.get_by_text("We hear about targets but never see the figures").wait_for()
    phone.get_by_role("link", name="Take-up of the 2-year-old offer").wait_for()
    assert fits_the_phone(phone)
    problems["you-said-we-did"] = serious_accessibility_violations(phone)
    phone.screenshot(path=screenshot_dir / "phone-you-said-we-did.png", full_page=True)

    # The centre manager: their centre's overdue action, on "my actions".
    centre_desk = new_page(browser)
    sign_in(centre_desk, live_server.url, manager.username)
    centre_desk.get_by_role("link", name="My actions").click()
    centre_desk.get_by_role("heading", name="Overdue (1)").wait_for()
    centre_desk.get_by_role("link", name="Run a joint change-management workshop").wait_for()
    problems["my-actions"] = serious_accessibility_violations(centre_desk)
    centre_desk.screenshot(path=screenshot_dir / "backoffice-my-actions.png", full_page=True)

    assert problems == {name: [] for name in problems}
