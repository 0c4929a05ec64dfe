"""Live statements at an event: the facilitator puts statements to the room, phones vote, results update."""

import pytest

from coproduce.accounts.models import AreaRole
from coproduce.consensus.models import Vote
from coproduce.engagement.models import EventStatus
from tests.browser.conftest import new_page, serious_accessibility_violations, sign_in
from tests.factories import AreaFactory, CommentFactory, EventFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_phones_vote_and_the_facilitators_results_update_by_themselves(live_server, browser, screenshot_dir):
    area = AreaFactory(name="London Borough of Bexley", slug="bexley")
    event = EventFactory(area=area, title="Workshop: engaging the VCS", status=EventStatus.OPEN)
    CommentFactory(event=event, text="We only hear about tenders when it is too late to bid.")
    facilitator = member(area, AreaRole.FACILITATOR)
    problems = {}

    staff = new_page(browser)
    sign_in(staff, live_server.url, facilitator.username)
    staff.goto(f"{live_server.url}/manage/events/{event.pk}/")
    staff.get_by_role("link", name="Statements to vote on").click()
    staff.get_by_role("button", name="Add statement").click()
    staff.locator(".govuk-error-summary").get_by_text("Enter the statement").wait_for()
    problems["statements-error"] = serious_accessibility_violations(staff)
    staff.get_by_label("Statement", exact=True).fill(
        "Families do not know what their children's centre offers"
    )
    staff.get_by_role("button", name="Add statement").click()
    staff.get_by_label("We only hear about tenders").check()
    staff.get_by_role("button", name="Make statements from the ticked comments").click()
    staff.get_by_text("1 statement added from comments").wait_for()
    assert staff.locator("#statements tbody tr").count() == 2
    problems["statements"] = serious_accessibility_violations(staff)
    staff.screenshot(path=screenshot_dir / "backoffice-statements.png", full_page=True)
    staff.get_by_role("link", name="See where the roles agree").click()
    assert "0 votes from 0 people on 2 statements" in staff.locator("#vote-totals").inner_text()

    # Three phones join with different roles and vote; one changes their mind.
    choices = {
        "VCS provider": ["agree", "agree"],
        "Local-authority professional": ["agree", "disagree"],
        "Children's-centre manager": ["agree", "pass"],
    }
    for role, votes in choices.items():
        phone = new_page(browser, phone=True)
        phone.goto(f"{live_server.url}/join/")
        phone.get_by_label("Event code").fill(event.join_code)
        phone.get_by_role("button", name="Continue").click()
        phone.get_by_label(role, exact=True).check()
        phone.get_by_role("button", name="Continue").click()
        phone.get_by_role("link", name="Vote on 2 statements").click()
        for number, choice in enumerate(votes, start=1):
            group = phone.get_by_role("group", name=f"Your vote on statement {number}", exact=True)
            group.get_by_role("button", name=choice.capitalize(), exact=True).click()
            phone.wait_for_load_state()
        if role == "VCS provider":
            problems["vote"] = serious_accessibility_violations(phone)
            phone.screenshot(path=screenshot_dir / "participant-5-vote.png", full_page=True)
            # Changing a vote replaces it.
            phone.get_by_role("group", name="Your vote on statement 2").get_by_role(
                "button", name="Pass"
            ).click()
            phone.wait_for_load_state()
            assert "You have voted on 2 of 2 statements" in phone.locator("#vote-progress").inner_text()
        phone.context.close()

    assert Vote.objects.count() == 6
    # The facilitator's page refreshes by itself.
    staff.locator("#vote-totals").get_by_text("6 votes from 3 people on 2 statements").wait_for(
        timeout=12_000
    )
    problems["results"] = serious_accessibility_violations(staff)
    staff.screenshot(path=screenshot_dir / "backoffice-consensus-live.png", full_page=True)
    assert not any(problems.values()), problems
