"""Options appraisal: a commissioner builds one from the area's themes (a long list, an exclusion with its
reason, a criterion citing a theme), three partners of different roles score it (one on a phone), and the
ranking, the view by role and the sensitivity appear; axe finds nothing serious on any page."""

import re

import pytest

from coproduce.accounts.models import AreaRole
from coproduce.appraisal.models import Appraisal, Score
from coproduce.engagement.models import CommentStatus
from coproduce.themes.models import RunStatus, Theme, ThemeAssignment
from tests.browser.conftest import PHONE, new_page, serious_accessibility_violations, sign_in
from tests.factories import AnalysisRunFactory, AreaFactory, CommentFactory, EventFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CRITERIA = ["Strategic fit", "Value for money", "Affordability"]
OPTIONS = ["In-house", "Run by the voluntary and community sector", "Mixed economy"]
LABELS = {
    0: "0: Does not meet",
    1: "1: Meets a little",
    2: "2: Partly meets",
    3: "3: Largely meets",
    4: "4: Fully meets",
}


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def score(page, table: dict[str, list[int]], weights: list[str]) -> None:
    for option, values in table.items():
        for criterion, value in zip(CRITERIA, values, strict=True):
            group = page.get_by_role("group", name=re.compile(rf"^{criterion}\W+{re.escape(option)}$"))
            group.get_by_label(LABELS[value], exact=True).check()
    for criterion, weight in zip(CRITERIA, weights, strict=True):
        page.get_by_label(f"Weight for {criterion}").fill(weight)


def test_a_commissioner_builds_an_appraisal_and_three_partners_score_it(live_server, browser, screenshot_dir):
    area = AreaFactory(name="London Borough of Bexley", slug="bexley")
    event = EventFactory(area=area, title="Listening event")
    said = [
        "Families value familiar faces far more than who the provider is on paper.",
        "Our outreach workers know which streets never come through the door.",
    ]
    comments = [CommentFactory(event=event, text=text, status=CommentStatus.ACCEPTED) for text in said]
    run = AnalysisRunFactory(area=area, status=RunStatus.DONE, inputs=[[c.pk, c.text] for c in comments])
    theme = Theme.objects.create(run=run, number=1, label="Familiar faces and local knowledge", size=2)
    for comment in comments:
        ThemeAssignment.objects.create(run=run, theme=theme, comment=comment, confidence=0.9)
    commissioner = member(area, AreaRole.COMMISSIONER)
    centre = member(area, AreaRole.CENTRE_MANAGER)
    vcs = member(area, AreaRole.VCS_MEMBER)
    problems = {}

    # The commissioner starts the appraisal from the area's back office, with some of the presets.
    staff = new_page(browser)
    sign_in(staff, live_server.url, commissioner.username)
    staff.goto(f"{live_server.url}/manage/areas/bexley/")
    staff.get_by_role("link", name="Options appraisals").click()
    staff.get_by_role("link", name="Start an options appraisal").click()
    staff.get_by_label("Title").fill("Delivery of children's centre services 2012-15")
    for unwanted in ("Outsourced", "Lead provider or consortium"):
        staff.get_by_label(unwanted, exact=True).uncheck()
    for unwanted in ("Supplier capacity and capability", "Achievability"):
        staff.get_by_label(unwanted, exact=True).uncheck()
    problems["create"] = serious_accessibility_violations(staff)
    staff.get_by_role("button", name="Save").click()
    staff.get_by_text("Appraisal started").wait_for()
    appraisal = Appraisal.objects.get()

    # Do minimum leaves the short list only with a reason naming the choice that rules it out.
    staff.get_by_role("link", name="Exclude Do minimum").click()
    staff.get_by_role("button", name="Save").click()
    staff.locator(".govuk-error-summary").get_by_text("Say why the option is excluded").wait_for()
    problems["exclude-error"] = serious_accessibility_violations(staff)
    staff.get_by_label("Funding: how it is paid for").check()
    staff.get_by_label("Why is it excluded?").fill("Carrying on as now does not find the savings.")
    staff.get_by_role("button", name="Save").click()
    staff.get_by_text("is excluded from the short list, with its reason").wait_for()

    # Strategic fit cites the theme of what partners said; its comments show as the evidence.
    staff.get_by_role("link", name="Edit Strategic fit and cite themes").click()
    staff.get_by_label("Familiar faces and local knowledge (2 comments)").check()
    problems["criterion"] = serious_accessibility_violations(staff)
    staff.get_by_role("button", name="Save").click()
    staff.get_by_text(said[0]).first.wait_for()
    staff.get_by_role("button", name="Open for scoring").click()
    staff.get_by_text("The appraisal is now: open for scoring").wait_for()
    problems["detail"] = serious_accessibility_violations(staff)
    staff.screenshot(path=screenshot_dir / "appraisal-detail.png", full_page=True)

    # The commissioner scores on the desktop; a weight that is not a number is refused, keeping the scores.
    staff.get_by_role("link", name="Score the options").click()
    score(
        staff,
        {"In-house": [3, 1, 1], OPTIONS[1]: [3, 2, 3], "Mixed economy": [3, 3, 3]},
        ["40", "lots", "30"],
    )
    staff.get_by_role("button", name="Save my scores").click()
    staff.locator(".govuk-error-summary").get_by_text(
        "The weight for “Value for money” must be a number, like 20 or 2.5"
    ).wait_for()
    kept = staff.get_by_role("group", name=re.compile(r"^Affordability\W+Mixed economy$"))
    assert kept.get_by_label(LABELS[3]).is_checked()
    assert staff.get_by_label("Weight for Value for money").input_value() == "lots"
    assert not Score.objects.exists()
    problems["score-error"] = serious_accessibility_violations(staff)
    staff.get_by_label("Weight for Value for money").fill("30")
    staff.get_by_role("button", name="Save my scores").click()
    staff.get_by_text("Your scores and weights are saved").wait_for()

    # The centre manager scores on a phone.
    phone = new_page(browser, phone=True)
    sign_in(phone, live_server.url, centre.username)
    phone.goto(f"{live_server.url}/manage/appraisals/{appraisal.pk}/")
    phone.get_by_role("link", name="Score the options").click()
    score(
        phone, {"In-house": [4, 2, 1], OPTIONS[1]: [2, 3, 3], "Mixed economy": [3, 3, 2]}, ["50", "20", "30"]
    )
    problems["score-phone"] = serious_accessibility_violations(phone)
    assert fits_the_phone(phone)
    phone.screenshot(path=screenshot_dir / "appraisal-score-phone.png", full_page=True)
    phone.get_by_role("button", name="Save my scores").click()
    phone.get_by_text("Your scores and weights are saved").wait_for()

    # A VCS member scores on the desktop.
    desk = new_page(browser)
    sign_in(desk, live_server.url, vcs.username)
    desk.goto(f"{live_server.url}/manage/appraisals/{appraisal.pk}/score/")
    score(desk, {"In-house": [2, 1, 1], OPTIONS[1]: [4, 3, 3], "Mixed economy": [4, 3, 3]}, ["2", "1", "1"])
    desk.get_by_role("button", name="Save my scores").click()
    desk.get_by_text("Your scores and weights are saved").wait_for()
    assert set(Score.objects.values_list("rater_role", flat=True)) == {
        "commissioner",
        "centre_manager",
        "vcs_member",
    }
    assert Score.objects.count() == 27

    # The results: the ranking, each role's view and the sensitivity.
    staff.goto(f"{live_server.url}/manage/appraisals/{appraisal.pk}/results/")
    staff.locator("#ranking-table").wait_for()
    assert staff.locator("#top-option").inner_text() == "Mixed economy"
    for role in ("Commissioner (1 partner)", "Centre manager (1 partner)", "VCS member (1 partner)"):
        staff.get_by_role("heading", name=role).wait_for()
    staff.get_by_role("heading", name="Switching values").wait_for()
    assert staff.locator("#switching-table tbody tr").count() == 3
    assert staff.locator("#acceptability-table tbody tr").count() == 3
    problems["results"] = serious_accessibility_violations(staff)
    staff.screenshot(path=screenshot_dir / "appraisal-results.png", full_page=True)

    # The same results on the phone.
    phone.goto(f"{live_server.url}/manage/appraisals/{appraisal.pk}/results/")
    phone.get_by_role("heading", name="Sensitivity").wait_for()
    problems["results-phone"] = serious_accessibility_violations(phone)
    assert fits_the_phone(phone)
    phone.screenshot(path=screenshot_dir / "appraisal-results-phone.png", full_page=True)

    # Closing and agreeing: the record names the preferred option and who agreed it.
    staff.goto(f"{live_server.url}/manage/appraisals/{appraisal.pk}/")
    staff.get_by_role("button", name="Close scoring").click()
    staff.get_by_role("link", name="Agree the preferred option").click()
    staff.get_by_label("Mixed economy").check()
    staff.get_by_label("Recommendation").fill("Take the mixed economy forward.")
    problems["agree"] = serious_accessibility_violations(staff)
    staff.get_by_role("button", name="Save").click()
    staff.get_by_text("The preferred option is agreed").wait_for()
    assert staff.locator("#record-preferred").inner_text() == "Mixed economy"
    problems["record"] = serious_accessibility_violations(staff)
    staff.screenshot(path=screenshot_dir / "appraisal-record.png", full_page=True)
    pdf = staff.request.get(f"{live_server.url}/manage/appraisals/{appraisal.pk}/record.pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    (screenshot_dir / "appraisal-record.pdf").write_bytes(pdf.body())

    assert problems == {page: [] for page in problems}
