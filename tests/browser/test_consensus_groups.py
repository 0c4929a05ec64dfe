"""The results page with opinion groups: common ground by role and by group side by side, the agreed message."""

import pytest

from coproduce.accounts.models import AreaRole
from coproduce.consensus import services
from coproduce.consensus.models import Vote
from coproduce.directory.models import Role
from coproduce.engagement.models import EventStatus
from tests.browser.conftest import new_page, serious_accessibility_violations, sign_in
from tests.factories import AreaFactory, EventFactory, PersonFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXTS = [
    "Families need to know what their children's centre offers",
    "The council should run the centres itself",
    "Small charities should be able to bid together",
    "Contracts should be let for five years",
]
ROLES = [Role.VCS_PROVIDER, Role.LA_PROFESSIONAL, Role.CC_MANAGER]


def test_the_results_page_shows_groups_their_representative_statements_and_the_agreed_message(
    live_server, browser, screenshot_dir
):
    area = AreaFactory(name="London Borough of Bexley", slug="bexley")
    event = EventFactory(area=area, title="Workshop: agreeing the challenge", status=EventStatus.CLOSED)
    statements = [services.statement_create(event=event, text=text) for text in TEXTS]
    # Twelve people in two camps that cut across the roles; everyone agrees on the first statement.
    for n in range(12):
        person = PersonFactory(area=area)
        for i, statement in enumerate(statements):
            agrees = i == 0 or (i % 2 == n % 2)
            Vote.objects.create(
                statement=statement,
                person=person,
                role=ROLES[n % 3],
                choice="agree" if agrees else "disagree",
            )
    staff = new_page(browser)
    sign_in(staff, live_server.url, member(area, AreaRole.VIEWER).username)
    staff.goto(f"{live_server.url}/manage/events/{event.pk}/consensus/")
    agreed = staff.locator(".cp-agreed-message")
    agreed.get_by_text(TEXTS[0]).wait_for()
    assert TEXTS[1] not in agreed.inner_text()
    assert TEXTS[0] in staff.locator("#common-ground-roles").locator("..").inner_text()
    assert TEXTS[0] in staff.locator("#common-ground-groups").locator("..").inner_text()
    assert staff.locator(".cp-opinion-group").count() == 2
    assert "Group 1: 6 people" in staff.locator("#opinion-groups ~ .cp-opinion-group").first.inner_text()
    problems = serious_accessibility_violations(staff)
    staff.screenshot(path=screenshot_dir / "backoffice-consensus-groups.png", full_page=True)
    assert not problems, problems
