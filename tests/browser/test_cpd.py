"""CPD in commissioning: a facilitator gives CPD for a training session on a desktop, and an attendee adds
their reflection on a phone by their own link; axe finds no serious or critical violation on any page."""

import pytest

from coproduce.accounts.models import AreaRole
from coproduce.cpd.models import CpdRecord
from tests.browser.conftest import PHONE, new_page, serious_accessibility_violations, sign_in
from tests.factories import AreaFactory, AttendanceFactory, OrganisationFactory, TrainingEventFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_facilitator_gives_cpd_and_an_attendees_reflection_is_added_on_a_phone(
    live_server, browser, screenshot_dir
):
    area = AreaFactory(name="London Borough of Bexley", slug="bexley")
    forum = OrganisationFactory(area=area, name="Heathway Community Forum")
    event = TrainingEventFactory(area=area, title="Training session workshop: commissioning")
    for name in ("Priya Sharma", "Tom Okafor", "Jo Reeves"):
        AttendanceFactory(event=event, person__name=name, person__organisation=forum)
    facilitator = member(area, AreaRole.FACILITATOR)
    problems = {}

    desk = new_page(browser)
    sign_in(desk, live_server.url, facilitator.username)
    desk.goto(f"{live_server.url}/manage/areas/bexley/")
    desk.get_by_role("link", name="CPD in commissioning").click()
    desk.get_by_role("link", name="Give CPD for Training session workshop: commissioning").click()
    desk.get_by_label("Hours").fill("three")
    desk.get_by_label("Topic").fill("Commissioning for children's centres")
    desk.get_by_label("Learning objectives").fill(
        "The commissioning cycle\nThe procurement options\nCo-production"
    )
    desk.get_by_role("button", name="Save and give CPD to attendees").click()
    desk.locator(".govuk-error-summary").get_by_text("Enter the hours as a number").wait_for()
    assert desk.get_by_label("Learning objectives").input_value().startswith("The commissioning cycle")
    problems["give-error"] = serious_accessibility_violations(desk)
    desk.get_by_label("Hours").fill("3")
    desk.get_by_role("button", name="Save and give CPD to attendees").click()
    desk.get_by_text("CPD given: 3 new records").wait_for()
    problems["given"] = serious_accessibility_violations(desk)
    desk.screenshot(path=screenshot_dir / "backoffice-cpd-given.png", full_page=True)
    assert CpdRecord.objects.filter(event=event).count() == 3

    # The facilitator hands Priya her own link; she adds her reflection on her phone, with no account.
    record = CpdRecord.objects.get(person__name="Priya Sharma")
    desk.get_by_role("link", name="Priya Sharma", exact=True).click()
    link = desk.get_by_label("Link for Priya Sharma").input_value()
    assert link.endswith(record.get_reflection_url())
    problems["record-desk"] = serious_accessibility_violations(desk)

    phone = new_page(browser, phone=True)
    phone.goto(link)
    phone.get_by_role("heading", name=event.title).wait_for()
    phone.get_by_label("Reflection").fill("x" * 5001)
    phone.get_by_role("button", name="Save my reflection").click()
    phone.locator(".govuk-error-summary").get_by_text("5,000 characters or fewer").wait_for()
    problems["reflection-error"] = serious_accessibility_violations(phone)
    phone.get_by_label("Reflection").fill(
        "Seeing the commissioning cycle drawn out showed me when we can speak up: long before a tender."
    )
    assert fits_the_phone(phone)
    phone.get_by_role("button", name="Save my reflection").click()
    phone.get_by_text("Your reflection is saved").wait_for()
    problems["reflection"] = serious_accessibility_violations(phone)
    assert fits_the_phone(phone)
    phone.screenshot(path=screenshot_dir / "phone-cpd-reflection.png", full_page=True)
    record.refresh_from_db()
    assert record.reflection.endswith("long before a tender.")

    # Back at the desk: the reflection, its history, and the log's hours.
    desk.reload()
    desk.get_by_text("Reflection: — → Seeing the commissioning cycle").wait_for()
    problems["record-after"] = serious_accessibility_violations(desk)
    desk.screenshot(path=screenshot_dir / "backoffice-cpd-record.png", full_page=True)
    desk.locator("main").get_by_role("link", name="Priya Sharma").first.click()
    desk.get_by_text("1 record, 3 hours in all").wait_for()
    problems["log"] = serious_accessibility_violations(desk)
    assert not any(problems.values()), problems
