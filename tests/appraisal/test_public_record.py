"""An agreed appraisal's record on the public site: only once published (and its area published), without
the name of the staff member who recorded the agreement; publishing before agreement is refused."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.appraisal import services
from coproduce.appraisal.models import Appraisal
from tests.factories import AreaFactory, UserFactory, appraisal_with_options, member

pytestmark = pytest.mark.django_db


def agreed(area, **kwargs) -> Appraisal:
    appraisal = appraisal_with_options(area, options=("In-house", "Mixed economy"), status="closed", **kwargs)
    return services.appraisal_agree(
        appraisal=appraisal,
        preferred_option=appraisal.options.get(title="Mixed economy"),
        recommendation="Commission a mixed economy with a VCS consortium.",
        agreed_with="The children's centre task group",
        user=UserFactory(first_name="Pat", last_name="Officer-Name"),
    )


def public_url(appraisal: Appraisal) -> str:
    return reverse("appraisal_public:record", args=[appraisal.area.slug, appraisal.pk])


def test_the_record_is_public_only_once_published_and_leaves_out_the_staff_name(client):
    appraisal = agreed(AreaFactory(is_published=True))
    assert client.get(public_url(appraisal)).status_code == 404

    services.appraisal_publish(appraisal=appraisal, publish=True)
    page = client.get(public_url(appraisal))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Mixed economy" in text and "Commission a mixed economy" in text
    assert "Officer-Name" not in text
    area_page = client.get(reverse("public:area", args=[appraisal.area.slug])).content.decode()
    # No links into the back office beyond the header's link every public page has.
    assert text.count("/manage/") == area_page.count("/manage/")
    assert public_url(appraisal) in area_page

    services.appraisal_publish(appraisal=appraisal, publish=False)
    assert client.get(public_url(appraisal)).status_code == 404


def test_an_unpublished_area_hides_a_published_record(client):
    appraisal = agreed(AreaFactory(is_published=False))
    services.appraisal_publish(appraisal=appraisal, publish=True)
    assert client.get(public_url(appraisal)).status_code == 404


def test_publishing_before_agreement_is_refused_and_changes_nothing(client):
    area = AreaFactory(is_published=True)
    appraisal = appraisal_with_options(area)
    with pytest.raises(ValidationError, match="Agree the preferred option"):
        services.appraisal_publish(appraisal=appraisal, publish=True)
    appraisal.refresh_from_db()
    assert not appraisal.is_published

    client.force_login(member(area, AreaRole.COMMISSIONER))
    response = client.post(reverse("appraisal:publish", args=[appraisal.pk]), {"publish": "1"}, follow=True)
    assert "Agree the preferred option before publishing" in response.content.decode()
    appraisal.refresh_from_db()
    assert not appraisal.is_published


def test_a_commissioner_publishes_from_the_record_page(client):
    area = AreaFactory(is_published=True)
    appraisal = agreed(area)
    client.force_login(member(area, AreaRole.COMMISSIONER))
    record = client.get(reverse("appraisal:record", args=[appraisal.pk])).content.decode()
    assert "Publish the record" in record
    client.post(reverse("appraisal:publish", args=[appraisal.pk]), {"publish": "1"})
    appraisal.refresh_from_db()
    assert appraisal.is_published
    assert client.get(public_url(appraisal)).status_code == 200
