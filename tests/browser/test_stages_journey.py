"""Consensus before solutions, end to end: phones add statements, the facilitator approves them, twelve
phones vote, the results show opinion groups, representative statements and common ground by role and by
group, and a challenge goes from the blank page to agreed with its evidence kept.

Three phones are real browser contexts at 390x844 (they submit statements and vote through the pages);
the other nine vote through the same participant endpoints (join by code, choose a role, vote) with
Django's test client, in-process against the same database, because nine more browsers would make this
test several times slower on a two-core machine.
"""

import pytest
from django.test import Client
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.consensus.models import Statement, StatementStatus, Vote
from coproduce.directory.models import Role
from coproduce.engagement.models import EventStatus
from coproduce.programmes.models import ChallengeStage
from tests.browser.conftest import join, new_page, serious_accessibility_violations, sign_in
from tests.factories import AreaFactory, EventFactory, StatementFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDING = "How to improve engagement of the local VCS in the delivery of children's centres?"
# Six statements the room splits on: camp A agrees with the first three and disagrees with the rest.
SPLIT = [
    "Open competition is the fairest way to choose who runs centre services.",
    "The council should run children's centres in-house.",
    "Three-year contracts are long enough.",
    "Small VCS groups need help to form consortia.",
    "Centre budgets should be published line by line.",
    "Parents' forums should sit on advisory boards.",
]
FROM_PHONES = [
    "Families do not know what the VCS already offers near them.",
    "VCS groups hear about commissioning too late to take part.",
]
LABELS = {
    Role.VCS_PROVIDER: "VCS provider",
    Role.LA_PROFESSIONAL: "Local-authority professional",
    Role.CC_MANAGER: "Children's-centre manager",
}
# Twelve people: (role, camp). Each role is in both camps, so the groups are not the roles.
PEOPLE = [(role, camp) for camp in "AB" for role in LABELS for _ in range(2)]


def choice(text: str, camp: str) -> str:
    if text in SPLIT:
        return "agree" if (SPLIT.index(text) < 3) == (camp == "A") else "disagree"
    return "agree"  # the draft wording and the phones' statements: everyone agrees


def vote_by_client(event, role: str, camp: str) -> None:
    client = Client()
    response = client.post(reverse("public:join"), {"code": event.join_code})
    assert client.post(response.url, {"role": role}).status_code == 302
    for statement in Statement.objects.filter(event=event, is_open=True):
        response = client.post(
            reverse("public:vote", args=[event.join_code]),
            {"statement": statement.pk, "choice": choice(statement.text, camp)},
        )
        assert response.status_code == 302


def test_phones_add_and_vote_then_a_challenge_is_agreed_with_its_evidence(
    live_server, browser, screenshot_dir
):
    area = AreaFactory(name="London Borough of Bexley", slug="bexley", is_published=True)
    event = EventFactory(area=area, title="Workshop: engaging the VCS", status=EventStatus.OPEN)
    for text in SPLIT:
        StatementFactory(event=event, text=text)
    facilitator = member(area, AreaRole.FACILITATOR)
    problems = {}

    # The facilitator writes the challenge: it starts at the blank page.
    staff = new_page(browser)
    sign_in(staff, live_server.url, facilitator.username)
    staff.goto(f"{live_server.url}/manage/areas/bexley/")
    staff.get_by_role("link", name="Add a challenge").click()
    staff.get_by_role("button", name="Save").click()
    staff.locator(".govuk-error-summary").get_by_text("Enter the challenge").wait_for()
    problems["challenge-form-error"] = serious_accessibility_violations(staff)
    staff.get_by_label("Challenge").fill("Working title: the VCS and children's centres")
    staff.get_by_role("button", name="Save").click()
    staff.get_by_text("at the blank page: listening first").wait_for()
    assert staff.locator('[data-stage="blank_page"]').count() == 1
    # Draft wordings put to the vote at the event.
    staff.get_by_label("Event").select_option(value=str(event.pk))
    staff.get_by_label("Draft wordings").fill(WORDING)
    staff.get_by_role("button", name="Put to the vote").click()
    staff.get_by_text("1 draft wording put to the vote").wait_for()
    assert staff.locator('[data-stage="agreeing"]').count() == 1
    problems["challenge-agreeing"] = serious_accessibility_violations(staff)
    challenge_url = staff.url

    # Three phones join; two add statements (one too soon after their first).
    phones = []
    for role, camp in PEOPLE[:1] + PEOPLE[2:3] + PEOPLE[6:7]:
        phone = new_page(browser, phone=True)
        join(phone, live_server.url, event, LABELS[role])
        phones.append((phone, camp))
    for (phone, _), text in zip(phones, FROM_PHONES, strict=False):
        phone.goto(f"{live_server.url}/join/{event.join_code}/statement/")
        phone.get_by_label("Your statement").fill(text)
        phone.get_by_role("button", name="Send statement").click()
        phone.get_by_text("Waiting for the facilitator").wait_for()
    first = phones[0][0]
    first.get_by_label("Your statement").fill("A second one straight away")
    first.get_by_role("button", name="Send statement").click()
    first.locator(".govuk-error-summary").get_by_text("You can add one statement a minute").wait_for()
    problems["phone-statement-error"] = serious_accessibility_violations(first)
    first.screenshot(path=screenshot_dir / "participant-statement-too-soon.png", full_page=True)
    first.goto(f"{live_server.url}/join/{event.join_code}/statement/")
    problems["phone-statement"] = serious_accessibility_violations(first)
    first.screenshot(path=screenshot_dir / "participant-statement.png", full_page=True)
    assert Statement.objects.filter(status=StatementStatus.PENDING).count() == 2

    # The facilitator approves both; nobody could vote on them before.
    staff.goto(f"{live_server.url}/manage/events/{event.pk}/statements/")
    assert staff.locator("#pending-statements tbody tr").count() == 2
    problems["statements-pending"] = serious_accessibility_violations(staff)
    staff.screenshot(path=screenshot_dir / "backoffice-statements-pending.png", full_page=True)
    for text in FROM_PHONES:
        row = staff.locator("#pending-statements tbody tr", has_text=text)
        row.get_by_role("button", name="Approve").click()
        staff.get_by_text("Statement approved").wait_for()
    assert not Statement.objects.filter(status=StatementStatus.PENDING).exists()

    # Twelve phones vote on the nine statements: three in the browser, nine by the endpoints.
    for phone, camp in phones:
        phone.goto(f"{live_server.url}/join/{event.join_code}/vote/")
        for section in phone.locator("section.cp-vote").all():
            text = section.locator(".cp-comment-text").inner_text()
            section.get_by_role("button", name=choice(text, camp).capitalize(), exact=True).click()
            phone.wait_for_load_state()
        assert "You have voted on 9 of 9 statements" in phone.locator("#vote-progress").inner_text()
    problems["vote"] = serious_accessibility_violations(phones[0][0])
    others = [p for n, p in enumerate(PEOPLE) if n not in (0, 2, 6)]
    for role, camp in others:
        vote_by_client(event, role, camp)
    assert Vote.objects.filter(statement__event=event).count() == 12 * 9

    # The results: opinion groups with representative statements, common ground by role and by group.
    staff.goto(f"{live_server.url}/manage/events/{event.pk}/consensus/")
    staff.locator("#vote-totals").get_by_text("108 votes from 12 people on 9 statements").wait_for()
    groups = staff.locator("section.cp-opinion-group")
    assert groups.count() == 2
    assert all("Representative statements" in g.inner_text() for g in groups.all())
    by_roles = staff.locator("section[aria-labelledby='common-ground-roles']").inner_text()
    by_groups = staff.locator("section[aria-labelledby='common-ground-groups']").inner_text()
    for text in [WORDING, *FROM_PHONES]:
        assert text in by_roles and text in by_groups
    assert not any(text in by_groups for text in SPLIT)
    assert WORDING in staff.locator("section.cp-agreed-message").inner_text()
    problems["results"] = serious_accessibility_violations(staff)
    staff.screenshot(path=screenshot_dir / "backoffice-stages-results.png", full_page=True)

    # The challenge is agreed on that vote; the evidence is kept on the challenge.
    staff.goto(challenge_url)
    staff.get_by_role("button", name="Agree this wording").click()
    staff.get_by_text("agreed, with its evidence kept").wait_for()
    assert staff.locator('[data-stage="agreed"]').count() == 1
    evidence = staff.locator(".cp-evidence").inner_text()
    assert "12 people voted, 12 agreed" in evidence and "Every opinion group agreed" in evidence
    assert "Agreement by opinion group" in evidence and "Agreement by role" in evidence
    problems["challenge-agreed"] = serious_accessibility_violations(staff)
    staff.screenshot(path=screenshot_dir / "backoffice-challenge-agreed.png", full_page=True)
    challenge = area.challenges.get()
    assert (challenge.stage, challenge.text) == (ChallengeStage.AGREED, WORDING)
    assert challenge.agreement.participants == 12 and len(challenge.agreement.by_group) == 2

    # The public area page shows the stage and the evidence, on a phone.
    public = new_page(browser, phone=True)
    public.goto(f"{live_server.url}/areas/bexley/")
    public.get_by_text("How it was agreed").click()
    public.get_by_text("12 people voted, 12 agreed").wait_for()
    problems["public-area"] = serious_accessibility_violations(public)
    public.screenshot(path=screenshot_dir / "public-area-challenge-agreed.png", full_page=True)
    assert not any(problems.values()), problems
