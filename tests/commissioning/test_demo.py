"""The demo's commissioning timetable: Bexley's 2012–15 process, first milestone the co-production
consultation (the case study's workshops), linked to the demo's proposals and actions, published and marked
illustrative; loading again changes nothing, and a reset loads it afresh."""

import datetime

import pytest

from coproduce.commissioning.models import CommissioningProcess, MilestoneKind
from coproduce.demo.commissioning import TITLE
from coproduce.demo.loader import load_demo

D = datetime.date


@pytest.mark.django_db
def test_the_demo_timetable_loads_once_and_again_after_a_reset(client):
    load_demo()
    process = CommissioningProcess.objects.get(area__slug="bexley")
    assert process.title == TITLE and process.is_published and process.is_illustrative
    milestones = list(process.milestones.order_by("due_date", "pk"))
    assert [m.kind for m in milestones] == [
        MilestoneKind.CONSULTATION,
        MilestoneKind.MARKET_ENGAGEMENT,
        MilestoneKind.SPECIFICATION,
        MilestoneKind.TENDER,
        MilestoneKind.AWARD,
        MilestoneKind.CONTRACT_START,
        MilestoneKind.REVIEW,
        MilestoneKind.REVIEW,
    ]
    consultation = milestones[0]
    assert (consultation.start_date, consultation.due_date) == (D(2011, 10, 28), D(2012, 2, 13))
    assert [p.title for p in consultation.proposals.all()] == ["Localised commissioning"]
    assert consultation.actions.count() == 1
    assert "Market place" in milestones[1].title
    assert {p.title for p in process.proposals.all()} == {"Localised commissioning", "Performance management"}

    load_demo()
    assert CommissioningProcess.objects.filter(area__slug="bexley").count() == 1

    load_demo(reset=True)
    again = CommissioningProcess.objects.get(area__slug="bexley")
    assert again.pk != process.pk and again.milestones.count() == 8

    client.force_login(again.area.memberships.get(role="commissioner").user)
    page = client.get(again.get_absolute_url()).content.decode()
    assert "Illustrative" in page
    assert "govuk-warning-text" not in page  # the demo's order follows the Act's notices
