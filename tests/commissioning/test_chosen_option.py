"""A commissioning process carries out the delivery model its options appraisal agreed: the process page, and
its Open Contracting planning rationale, name the chosen option once the appraisal is agreed, and only then."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from coproduce.accounts.models import AreaRole
from coproduce.commissioning import selectors, services
from coproduce.commissioning.models import CommissioningProcess
from coproduce.commissioning.ocds.releases import process_releases
from coproduce.demo.loader import load_demo
from tests.factories import AreaFactory, CommissioningProcessFactory, appraisal_with_options, member

pytestmark = pytest.mark.django_db


def test_the_chosen_option_is_the_agreed_appraisals_preferred_option(client):
    process = CommissioningProcessFactory()
    appraisal = appraisal_with_options(process.area, options=("In-house", "Mixed economy"))
    services.process_update(process=process, appraisal=appraisal)
    client.force_login(member(process.area, AreaRole.VIEWER))

    assert selectors.chosen_option(process) is None  # still open for scoring
    page = client.get(reverse("commissioning:process", args=[process.pk])).content.decode()
    assert "Not agreed yet" in page and escape(appraisal.title) in page

    mixed = appraisal.options.get(title="Mixed economy")
    appraisal.status, appraisal.preferred_option = "agreed", mixed
    appraisal.save()
    process.refresh_from_db()
    assert selectors.chosen_option(process) == mixed
    page = client.get(reverse("commissioning:process", args=[process.pk])).content.decode()
    assert "Mixed economy, agreed in the options appraisal" in page
    planning = process_releases(process)[0]["planning"]
    assert planning["rationale"].endswith(f"“{appraisal.title}”: Mixed economy.")


def test_an_appraisal_of_another_area_is_refused_and_nothing_changes():
    process = CommissioningProcessFactory()
    elsewhere = appraisal_with_options(AreaFactory())
    with pytest.raises(ValidationError) as refused:
        services.process_update(process=process, appraisal=elsewhere)
    assert "appraisal" in refused.value.message_dict
    process.refresh_from_db()
    assert process.appraisal is None


def test_the_demo_timetable_carries_out_the_demo_appraisals_mixed_economy():
    load_demo()
    process = CommissioningProcess.objects.get(area__slug="bexley")
    option = selectors.chosen_option(process)
    assert option is not None and option.title == "Mixed economy"
