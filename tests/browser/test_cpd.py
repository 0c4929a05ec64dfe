"""CPD in commissioning: a facilitator gives CPD for a training session on a desktop, and an attendee's
reflection is added on a phone; axe finds no serious or critical violation on any page."""

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

    phone = new_page(browser, phone=True)
    sign_in(phone, live_server.url, facilitator.username)
    phone.goto(f"{live_server.url}/manage/events/{event.pk}/cpd/")
    phone.get_by_role("link", name="Add Priya Sharma’s reflection").click()
    phone.get_by_label("Reflection").fill(
        "Seeing the commissioning cycle drawn out showed me when we can speak up: long before a tender."
    )
    problems["reflection-form"] = serious_accessibility_violations(phone)
    assert fits_the_phone(phone)
    phone.get_by_role("button", name="Save the reflection").click()
    phone.get_by_text("Reflection saved for Priya Sharma").wait_for()
    phone.get_by_text("long before a tender").first.wait_for()
    problems["record"] = serious_accessibility_violations(phone)
    assert fits_the_phone(phone)
    phone.screenshot(path=screenshot_dir / "phone-cpd-reflection.png", full_page=True)
    record = CpdRecord.objects.get(person__name="Priya Sharma")
    assert record.reflection.endswith("long before a tender.")
    assert record.history.count() == 2

    phone.get_by_role("link", name="Priya Sharma").first.click()
    phone.get_by_text("1 record, 3 hours in all").wait_for()
    problems["log"] = serious_accessibility_violations(phone)
    assert fits_the_phone(phone)
    assert not any(problems.values()), problems
