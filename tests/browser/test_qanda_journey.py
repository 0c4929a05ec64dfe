"""Questions and answers: a parent on a phone with JavaScript off asks a question (a mistake first, nothing
lost), a commissioner moderates and answers it, and the answer emailed to the parent opens on the phone;
another question is followed by email, confirmed and stopped. axe finds no serious or critical violation on
any of the new pages."""

import re
from urllib.parse import urlparse

import pytest
from django.core import mail

from coproduce.accounts.models import AreaRole
from coproduce.qanda.models import Question, QuestionStatus
from tests.browser.conftest import PHONE, _open_contexts, new_page, serious_accessibility_violations, sign_in
from tests.factories import AreaFactory, ChallengeFactory, member
from tests.qanda.factories import AskedQuestionFactory, PublishedQuestionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LINK = re.compile(r"https?://\S+")
# Generous: the first pages of a live server on a busy machine can take more than the usual 15 s.
WAIT_MS = 60_000


def phone_without_javascript(browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    _open_contexts.append(context)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    return page


def axe_without_javascript(checker, page, base_url: str) -> list[str]:
    """axe needs JavaScript (its timers never fire in a page without it), so the phone's page, as it shows
    it, is checked in a page with JavaScript on the same site (for its stylesheets)."""
    html = page.content()
    checker.goto(base_url + "/privacy/")
    checker.set_content(html)
    return serious_accessibility_violations(checker)


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def link_in(message, base_url: str, part: str) -> str:
    """The link in an email that contains ``part``, on the live server."""
    url = next(u for u in LINK.findall(message.body) if part in u)
    return base_url + urlparse(url).path


def test_a_parent_asks_on_a_phone_without_javascript_and_reads_the_commissioners_answer(
    live_server, browser, screenshot_dir
):
    area = AreaFactory(name="London Borough of Bexley", slug="bexley", is_published=True)
    ChallengeFactory(area=area, number=1, text="How to improve engagement of the local VCS?")
    commissioner = member(area, AreaRole.COMMISSIONER)
    to_reject = AskedQuestionFactory(area=area, text="Buy followers cheap!!!")
    waiting = PublishedQuestionFactory(area=area, text="When will this year's KPI figures be published?")
    problems = {}

    phone = phone_without_javascript(browser)
    checker = new_page(browser, phone=True)
    checker.set_default_timeout(WAIT_MS)
    phone.goto(f"{live_server.url}/areas/bexley/")
    phone.get_by_role("link", name="Questions and answers").click()
    phone.get_by_role("heading", name="Questions and answers").wait_for()
    problems["questions"] = axe_without_javascript(checker, phone, live_server.url)
    phone.get_by_role("button", name="Ask a question").click()
    phone.get_by_label("Your question").fill("Will the Hollyfield centre open on Saturday mornings?")
    phone.get_by_label("Email address (optional)").fill("parent@example")
    phone.get_by_role("button", name="Send my question").click()
    phone.locator(".govuk-error-summary").get_by_text(
        "Enter an email address in the correct format"
    ).wait_for()
    assert phone.get_by_label("Your question").input_value().startswith("Will the Hollyfield centre")
    problems["ask-error"] = axe_without_javascript(checker, phone, live_server.url)
    assert fits_the_phone(phone)
    phone.screenshot(path=screenshot_dir / "qanda-ask-error-phone.png", full_page=True)
    phone.get_by_label("Email address (optional)").fill("parent@example.org")
    phone.get_by_role("button", name="Send my question").click()
    phone.get_by_text("Question sent").wait_for()
    problems["asked"] = axe_without_javascript(checker, phone, live_server.url)
    question = Question.objects.get(text__startswith="Will the Hollyfield")
    assert question.status == QuestionStatus.PENDING
    phone.goto(f"{live_server.url}/areas/bexley/questions/")
    assert phone.get_by_text("Hollyfield").count() == 0  # not public until moderated

    desk = new_page(browser)
    desk.set_default_timeout(WAIT_MS)
    sign_in(desk, live_server.url, commissioner.username)
    desk.goto(f"{live_server.url}/manage/areas/bexley/")
    desk.get_by_role("link", name="Questions from the public").click()
    desk.get_by_role("heading", name="Waiting for moderation (2)").wait_for()
    problems["queue"] = serious_accessibility_violations(desk)
    desk.goto(f"{live_server.url}{to_reject.get_absolute_url()}reject/")
    problems["reject"] = serious_accessibility_violations(desk)
    desk.get_by_label("Why it is rejected").fill("Advertising")
    desk.get_by_role("button", name="Reject").click()
    desk.get_by_text("It will never be public").wait_for()
    desk.goto(f"{live_server.url}{question.get_absolute_url()}edit/")
    problems["edit"] = serious_accessibility_violations(desk)
    desk.goto(f"{live_server.url}{question.get_absolute_url()}")
    problems["moderate"] = serious_accessibility_violations(desk)
    desk.get_by_label("Topic").select_option(label="Challenge 1: How to improve engagement of the local VCS?")
    desk.get_by_role("button", name="Approve and publish").click()
    desk.get_by_text("The question is published.").wait_for()
    desk.get_by_label("Official answer").fill(
        "Yes: Hollyfield opens on Saturdays from 9am to 1pm from September, as parents asked."
    )
    desk.get_by_role("button", name="Publish the official answer").click()
    desk.get_by_text("The official answer is published").wait_for()
    problems["answered"] = serious_accessibility_violations(desk)
    desk.screenshot(path=screenshot_dir / "qanda-backoffice-answered.png", full_page=True)

    # The worker (run at once in tests) emailed the parent once; the link opens the answer on the phone.
    told = [m for m in mail.outbox if m.to == ["parent@example.org"]]
    assert len(told) == 1 and "Hollyfield opens on Saturdays" in told[0].body
    phone.goto(link_in(told[0], live_server.url, "/questions/"))
    phone.get_by_text("Official answer").first.wait_for()
    phone.get_by_text("Hollyfield opens on Saturdays from 9am").wait_for()
    problems["question"] = axe_without_javascript(checker, phone, live_server.url)
    assert fits_the_phone(phone)
    phone.screenshot(path=screenshot_dir / "qanda-answer-phone.png", full_page=True)
    phone.get_by_role("link", name="Questions and answers").click()
    phone.get_by_role("heading", name="Challenge 1: How to improve engagement of the local VCS?").wait_for()
    phone.screenshot(path=screenshot_dir / "qanda-faq-phone.png", full_page=True)

    # Another parent follows the question still waiting for its answer, confirms by the emailed link, stops.
    phone.get_by_role("link", name=waiting.text).click()
    phone.get_by_label("Email address").fill("carer@example.org")
    phone.get_by_role("button", name="Follow").click()
    phone.get_by_text("Check your email").wait_for()
    confirm = [m for m in mail.outbox if m.to == ["carer@example.org"]]
    assert len(confirm) == 1
    phone.goto(link_in(confirm[0], live_server.url, "/questions/follow/"))
    problems["follow-confirm"] = axe_without_javascript(checker, phone, live_server.url)
    phone.get_by_role("button", name="Yes, email me when it is answered").click()
    phone.get_by_text("You are following it").wait_for()
    phone.get_by_role("link", name="Stop following it").click()
    problems["follow-stop"] = axe_without_javascript(checker, phone, live_server.url)
    phone.get_by_role("button", name="Stop emails and delete my address").click()
    phone.get_by_text("You will get no more emails about it").wait_for()
    assert not waiting.followers.exists()
    assert {page: found for page, found in problems.items() if found} == {}
