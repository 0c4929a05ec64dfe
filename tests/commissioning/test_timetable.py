"""The Procurement Act 2023 order warnings: each fires on the order it names, and not on a sound one."""

import datetime

import pytest

from coproduce.commissioning.timetable import Dated, timetable_warnings
from tests.factories import CommissioningProcessFactory, MilestoneFactory, member

D = datetime.date
SOUND = [
    Dated("consultation", "Workshops", D(2011, 10, 28), D(2012, 2, 13)),
    Dated("market_engagement", "Market place event", D(2012, 6, 14), D(2012, 7, 13)),
    Dated("tender", "Tender", D(2012, 10, 8), D(2012, 12, 14)),
    Dated("award", "Award", D(2013, 2, 1), D(2013, 2, 1)),
    Dated("contract_start", "Contract starts", D(2013, 4, 1), D(2013, 4, 1)),
]


def codes(milestones):
    return [w.code for w in timetable_warnings(milestones)]


def replaced(kind, start, end):
    return [Dated(m.kind, m.title, start, end) if m.kind == kind else m for m in SOUND]


def test_a_sound_timetable_has_no_warnings():
    assert codes(SOUND) == []


def test_market_engagement_after_the_tender_notice_is_warned_of():
    warnings = timetable_warnings(replaced("market_engagement", D(2012, 11, 1), D(2012, 11, 2)))
    assert [w.code for w in warnings] == ["engagement_after_tender"]
    assert "preliminary market engagement notice" in warnings[0].text
    assert "Procurement Act 2023" in warnings[0].text


def test_market_engagement_ending_the_day_the_tender_starts_is_too_late():
    assert codes(replaced("market_engagement", D(2012, 9, 1), D(2012, 10, 8))) == ["engagement_after_tender"]


def test_a_consultation_ending_after_the_tender_starts_is_warned_of():
    warnings = timetable_warnings(replaced("consultation", D(2012, 9, 1), D(2012, 10, 9)))
    assert [w.code for w in warnings] == ["consultation_after_tender"]
    assert "9 October 2012" in warnings[0].text and "8 October 2012" in warnings[0].text


def test_a_consultation_ending_the_day_the_tender_starts_is_not():
    assert codes(replaced("consultation", D(2012, 9, 1), D(2012, 10, 8))) == []


def test_a_tender_with_no_market_engagement_must_say_why():
    assert codes([m for m in SOUND if m.kind != "market_engagement"]) == ["no_engagement"]


def test_no_tender_no_notice_warnings():
    assert codes([SOUND[0], SOUND[1]]) == []


def test_an_award_before_the_tender_ends_and_a_contract_before_the_award():
    assert codes(replaced("award", D(2012, 12, 1), D(2012, 12, 1))) == ["award_before_tender_ends"]
    assert codes(replaced("contract_start", D(2013, 2, 1), D(2013, 2, 1))) == ["contract_before_award"]


@pytest.mark.django_db
def test_the_warnings_show_on_the_process_page_and_cancelled_milestones_are_left_out(client):
    process = CommissioningProcessFactory()
    MilestoneFactory(process=process, kind="tender", start_date=D(2012, 3, 1), due_date=D(2012, 4, 30))
    late = MilestoneFactory(
        process=process, kind="market_engagement", start_date=D(2012, 5, 1), due_date=D(2012, 5, 2)
    )
    client.force_login(member(process.area, "viewer"))
    page = client.get(process.get_absolute_url()).content.decode()
    assert 'class="govuk-warning-text" data-warning="engagement_after_tender"' in page
    late.status = "cancelled"
    late.save()
    page = client.get(process.get_absolute_url()).content.decode()
    assert "engagement_after_tender" not in page
    assert 'data-warning="no_engagement"' in page


@pytest.mark.django_db
def test_a_milestone_past_its_date_and_not_done_is_marked_overdue(client):
    process = CommissioningProcessFactory()
    MilestoneFactory(process=process, title="Specification", due_date=D(2012, 9, 28), status="in_progress")
    MilestoneFactory(process=process, title="Tender", due_date=D(2012, 12, 14), status="done")
    client.force_login(member(process.area, "viewer"))
    page = client.get(process.get_absolute_url()).content.decode()
    assert page.count(">Overdue</strong>") == 1
