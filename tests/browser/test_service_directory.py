"""The service directory: a VCS member lists a service on a phone (an upside-down age range is refused
first), a facilitator approves it on a desktop, and it appears in the Open Referral UK API; axe finds no
serious or critical violation on any page."""

import pytest

from coproduce.accounts.models import AreaRole
from coproduce.service_directory.models import Service
from tests.browser.conftest import PHONE, new_page, serious_accessibility_violations, sign_in
from tests.factories import AreaFactory, OrganisationFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_vcs_member_lists_a_service_a_facilitator_approves_it_and_the_api_shows_it(
    live_server, browser, screenshot_dir
):
    area = AreaFactory(name="London Borough of Bexley", slug="bexley")
    forum = OrganisationFactory(area=area, kind="vcs", name="Heathway Community Forum")
    vcs = member(area, AreaRole.VCS_MEMBER, organisation=forum)
    facilitator = member(area, AreaRole.FACILITATOR)
    problems = {}

    phone = new_page(browser, phone=True)
    sign_in(phone, live_server.url, vcs.username)
    phone.goto(f"{live_server.url}/manage/areas/bexley/")
    phone.get_by_role("link", name="Service directory").click()
    phone.get_by_role("link", name="Heathway Community Forum").click()
    phone.get_by_role("link", name="List a service").click()
    problems["form"] = serious_accessibility_violations(phone)
    phone.get_by_label("Name of the service").fill("Heathway stay and play")
    phone.get_by_label("What the service does").fill("Songs, messy play and a cuppa for parents and carers.")
    phone.get_by_label("Play and learning").check()
    phone.get_by_label("Minimum age").fill("5")
    phone.get_by_label("Maximum age").fill("0")
    phone.get_by_label("Name of the place").fill("Heathway Community Hall")
    phone.get_by_label("Address line").fill("88 Heathway Parade")
    phone.get_by_label("Town").fill("Bexleyheath")
    phone.get_by_label("Postcode").fill("DA7 4BT")
    phone.get_by_label("Tuesday").check()
    phone.get_by_label("Thursday").check()
    phone.get_by_label("Start time").fill("09:30")
    phone.get_by_label("End time").fill("11:30")
    phone.get_by_role("button", name="Send for review").click()
    summary = phone.locator(".govuk-error-summary")
    summary.get_by_text("The maximum age must be the same as or more than the minimum age (5)").wait_for()
    assert phone.get_by_label("Name of the place").input_value() == "Heathway Community Hall"
    assert Service.objects.count() == 0
    problems["form-error"] = serious_accessibility_violations(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot(path=screenshot_dir / "phone-service-listing-error.png", full_page=True)
    phone.get_by_label("Minimum age").fill("0")
    phone.get_by_label("Maximum age").fill("5")
    phone.get_by_role("button", name="Send for review").click()
    phone.get_by_text("is sent for review").wait_for()
    problems["sent"] = serious_accessibility_violations(phone)
    service = Service.objects.get()
    assert not service.is_published

    desk = new_page(browser)
    sign_in(desk, live_server.url, facilitator.username)
    desk.goto(f"{live_server.url}/manage/areas/bexley/services/")
    desk.get_by_role("link", name="Changes to review").click()
    problems["reviews"] = serious_accessibility_violations(desk)
    desk.get_by_role("link", name="Heathway stay and play").click()
    desk.get_by_text("Tuesday, Thursday, 09:30 to 11:30").wait_for()
    problems["review"] = serious_accessibility_violations(desk)
    desk.screenshot(path=screenshot_dir / "backoffice-service-review.png", full_page=True)
    desk.get_by_role("button", name="Approve and publish").click()
    desk.get_by_text("is approved and published").wait_for()
    problems["approved"] = serious_accessibility_violations(desk)

    desk.goto(f"{live_server.url}/manage/services/{service.pk}/")
    desk.get_by_text("Published", exact=True).wait_for()
    problems["service"] = serious_accessibility_violations(desk)
    desk.screenshot(path=screenshot_dir / "backoffice-service-published.png", full_page=True)

    response = desk.request.get(f"{live_server.url}/api/oruk/services?search=stay")
    body = response.json()
    assert response.headers["access-control-allow-origin"] == "*"
    assert [s["name"] for s in body["contents"]] == ["Heathway stay and play"]
    assert body["contents"][0]["minimum_age"] == 0 and body["contents"][0]["maximum_age"] == 5
    assert {page: found for page, found in problems.items() if found} == {}
