"""The pages: a partner's form keeps what they typed when it is refused, an exclusion needs its reason, and
the area's back office links to the appraisals."""

import pytest
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.appraisal.models import Score
from tests.factories import appraisal_with_options, member

pytestmark = pytest.mark.django_db


def test_a_refused_score_form_keeps_what_was_typed_and_saves_nothing(client):
    appraisal = appraisal_with_options()
    client.force_login(member(appraisal.area, AreaRole.CENTRE_MANAGER))
    options, criteria = list(appraisal.options.all()), list(appraisal.criteria.all())
    data = {f"score_{o.pk}_{c.pk}": "3" for o in options for c in criteria}
    data[f"score_{options[0].pk}_{criteria[0].pk}"] = "9"
    data |= {f"weight_{criteria[0].pk}": "ten", f"weight_{criteria[1].pk}": "40"}
    response = client.post(reverse("appraisal:score", args=[appraisal.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Score “In-house” on “Strategic fit” from 0 to 4, not 9" in page
    assert "The weight for “Strategic fit” must be a number, like 20 or 2.5" in page
    assert 'value="ten"' in page and 'value="40"' in page
    assert (
        f'id="id_score_{options[1].pk}_{criteria[1].pk}_3" name="score_{options[1].pk}_{criteria[1].pk}" type="radio" value="3" checked'
        in page
    )
    assert not Score.objects.exists()


def test_an_exclusion_without_a_reason_is_refused_on_the_page(client):
    appraisal = appraisal_with_options()
    client.force_login(member(appraisal.area, AreaRole.COMMISSIONER))
    option = appraisal.options.last()
    response = client.post(reverse("appraisal:option_exclude", args=[option.pk]), {"excluded_on": "scope"})
    assert response.status_code == 400
    assert "Say why the option is excluded" in response.content.decode()
    option.refresh_from_db()
    assert option.is_shortlisted


def test_the_areas_back_office_links_to_its_appraisals(client):
    appraisal = appraisal_with_options(title="Family support 2012-15")
    client.force_login(member(appraisal.area, AreaRole.VIEWER))
    page = client.get(appraisal.area.get_absolute_url()).content.decode()
    assert reverse("appraisal:list", args=[appraisal.area.slug]) in page
    listing = client.get(reverse("appraisal:list", args=[appraisal.area.slug])).content.decode()
    assert appraisal.title in listing
