"""Before and after surveys: a participant answers both waves on a phone, paired by a code they write down;
a facilitator opens the waves, types in a paper form by keyboard, and reads the impact by role."""

import re

import pytest

from coproduce.accounts.models import AreaRole
from coproduce.directory.models import Role
from coproduce.surveys.models import QuestionKind, Response, ResponseSource, SurveyStatus, Wave
from tests.browser.conftest import PHONE, new_page, serious_accessibility_violations, sign_in
from tests.factories import AreaFactory, QuestionFactory, SurveyFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_participant_answers_both_waves_and_a_facilitator_types_in_paper(
    live_server, browser, screenshot_dir
):
    area = AreaFactory(name="London Borough of Bexley", slug="bexley")
    survey = SurveyFactory(
        area=area,
        title="How partners feel about commissioning",
        status=SurveyStatus.BEFORE,
        introduction="Five questions, five minutes. We ask them again after the workshops.",
    )
    QuestionFactory(
        survey=survey,
        number=1,
        text="How positive do you feel about the VCS delivering children's centre services?",
        topic="the VCS delivering children's centre services",
    )
    QuestionFactory(
        survey=survey,
        number=2,
        kind=QuestionKind.TEXT,
        text="What would make working together easier?",
        topic="",
    )
    facilitator = member(area, AreaRole.FACILITATOR)
    problems = {}

    # Before: the participant joins with the code on their phone and answers.
    phone = new_page(browser, phone=True)
    phone.goto(f"{live_server.url}/join/")
    phone.get_by_label("Event code").fill(survey.join_code.lower())
    phone.get_by_role("button", name="Continue").click()
    phone.get_by_role("heading", name=survey.title).wait_for()
    phone.get_by_role("button", name="Send my answers").click()
    phone.locator(".govuk-error-summary").get_by_text("Choose an answer to question 1").wait_for()
    problems["answer-error"] = serious_accessibility_violations(phone)
    phone.screenshot(path=screenshot_dir / "participant-survey-error.png", full_page=True)
    phone.goto(f"{live_server.url}/survey/{survey.join_code}/")
    phone.get_by_label("VCS provider", exact=True).check()
    phone.get_by_role("group", name=re.compile("^1. How positive")).get_by_label("Fairly negative").check()
    phone.get_by_label("2. What would make working together easier?").fill(
        "Knowing when services are going to be commissioned."
    )
    problems["answer"] = serious_accessibility_violations(phone)
    assert fits_the_phone(phone)
    phone.screenshot(path=screenshot_dir / "participant-survey-before.png", full_page=True)
    phone.get_by_role("button", name="Send my answers").click()
    code = phone.locator("#pairing-code .cp-join-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{8}", code)
    phone.get_by_text("Write this down: you'll be asked for it afterwards").wait_for()
    problems["thanks"] = serious_accessibility_violations(phone)
    assert fits_the_phone(phone)
    phone.screenshot(path=screenshot_dir / "participant-survey-code.png", full_page=True)
    phone.context.close()

    # The facilitator opens the after wave from the survey page.
    staff = new_page(browser)
    sign_in(staff, live_server.url, facilitator.username)
    staff.goto(f"{live_server.url}/manage/areas/bexley/")
    staff.get_by_role("link", name="Surveys and the impact by role").click()
    staff.get_by_role("link", name=survey.title).click()
    staff.get_by_role("button", name="Close the before wave and open the after wave").click()
    staff.get_by_text("The after wave is open").wait_for()
    problems["survey"] = serious_accessibility_violations(staff)
    staff.screenshot(path=screenshot_dir / "backoffice-survey.png", full_page=True)

    # After, on another phone: the participant types the code they wrote down.
    phone = new_page(browser, phone=True)
    phone.goto(f"{live_server.url}/survey/{survey.join_code}/")
    phone.get_by_label("Your pairing code from the first survey (optional)").fill(code.lower())
    phone.get_by_label("VCS provider", exact=True).check()
    phone.get_by_role("group", name=re.compile("^1. How positive")).get_by_label("Very positive").check()
    problems["answer-after"] = serious_accessibility_violations(phone)
    assert fits_the_phone(phone)
    phone.screenshot(path=screenshot_dir / "participant-survey-after.png", full_page=True)
    phone.get_by_role("button", name="Send my answers").click()
    phone.get_by_text("Your answers have been matched with your first ones").wait_for()
    phone.context.close()
    assert set(Response.objects.values_list("wave", "pairing_code")) == {
        (Wave.BEFORE, code),
        (Wave.AFTER, code),
    }

    # A paper form typed in with the keyboard alone.
    staff.get_by_role("link", name="Type in a paper form").click()
    staff.get_by_label("After", exact=True).focus()
    staff.keyboard.press("ArrowUp")  # before
    staff.keyboard.press("Tab")  # the role radios, none chosen yet
    staff.keyboard.press("ArrowDown")  # the second role: children's-centre manager
    staff.keyboard.press("Tab")
    staff.keyboard.type("paper001")
    staff.keyboard.press("Tab")  # the known participant: left empty
    staff.keyboard.press("Tab")  # question 1
    for _ in range(3):
        staff.keyboard.press("ArrowDown")  # to "4 – Fairly positive"
    staff.keyboard.press("Tab")
    staff.keyboard.type("A named contact at the council.")
    problems["paper"] = serious_accessibility_violations(staff)
    staff.screenshot(path=screenshot_dir / "backoffice-survey-paper.png", full_page=True)
    staff.keyboard.press("Tab")
    staff.keyboard.press("Enter")
    staff.get_by_text("Paper form saved: before, Children's-centre manager").wait_for()
    paper = Response.objects.get(source=ResponseSource.PAPER)
    assert (paper.wave, paper.role, paper.pairing_code, paper.entered_by) == (
        Wave.BEFORE,
        Role.CC_MANAGER,
        "PAPER001",
        facilitator,
    )
    assert set(paper.answers.values_list("scale", "text")) == {
        (4, ""),
        (None, "A named contact at the council."),
    }

    # The impact by role.
    staff.goto(f"{live_server.url}/manage/surveys/{survey.pk}/results/")
    staff.get_by_text("2 responses before and 1 after; 1 participant answered both").wait_for()
    staff.get_by_text("Knowing when services are going to be commissioned.").wait_for()
    problems["results"] = serious_accessibility_violations(staff)
    staff.screenshot(path=screenshot_dir / "backoffice-survey-results.png", full_page=True)
    assert not any(problems.values()), problems
