"""A VCS member lists and changes their organisation's services; a facilitator reviews them; what is
published stays visible while a change waits; bad input names the field and changes nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.service_directory import taxonomy_seed
from coproduce.service_directory.models import ChangeStatus, Service, ServiceChange
from tests.factories import AreaFactory, OrganisationFactory, member

pytestmark = pytest.mark.django_db

PLAY = str(taxonomy_seed.term_id("play-and-learning"))
FORM = {
    "name": "Stay and play",
    "description": "Songs, messy play and a cuppa for parents.",
    "taxonomy_terms": [PLAY],
    "status": "active",
    "minimum_age": "0",
    "maximum_age": "5",
    "location_name": "Crayford Children's Centre",
    "address_1": "Iron Mill Lane",
    "city": "Crayford",
    "postal_code": "da1 4rs",
    "days": ["MO", "WE"],
    "opens_at": "09:30",
    "closes_at": "11:30",
    "cost_amount": "",
    "contact_name": "Amina",
    "contact_title": "Coordinator",
    "url": "",
    "email": "",
}


@pytest.fixture
def world():
    area = AreaFactory()
    organisation = OrganisationFactory(area=area, kind="vcs", name="Bexley Toy Library")
    vcs = Client()
    vcs.force_login(member(area, AreaRole.VCS_MEMBER, organisation=organisation))
    facilitator = Client()
    facilitator.force_login(member(area, AreaRole.FACILITATOR))
    return area, organisation, vcs, facilitator


def propose(client, organisation, **changes):
    return client.post(reverse("service_directory:service_create", args=[organisation.pk]), FORM | changes)


def published_names() -> set[str]:
    body = Client().get("/api/oruk/services", {"per_page": 100}).json()
    return {s["name"] for s in body["contents"]}


def test_a_listed_service_waits_for_review_then_is_published(world):
    area, organisation, vcs, facilitator = world
    response = propose(vcs, organisation)
    service = Service.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "service_directory:service", args=[service.pk]
    )
    assert not service.is_published and published_names() == set()
    change = service.changes.get()
    assert change.status == ChangeStatus.PENDING and change.proposed["minimum_age"] == 0
    assert (
        "Stay and play"
        in facilitator.get(reverse("service_directory:reviews", args=[area.slug])).content.decode()
    )
    page = facilitator.get(reverse("service_directory:review", args=[change.pk])).content.decode()
    assert "Iron Mill Lane, Crayford, DA1 4RS" in page and "Monday, Wednesday, 09:30 to 11:30" in page
    facilitator.post(reverse("service_directory:review", args=[change.pk]), {"decision": "approve"})
    service.refresh_from_db()
    assert service.is_published and published_names() == {"Stay and play"}
    body = Client().get(f"/api/oruk/services/{service.pk}").json()
    assert body["minimum_age"] == 0 and body["maximum_age"] == 5
    assert body["schedules"][0]["byday"] == "MO,WE" and body["schedules"][0]["opens_at"] == "09:30"
    assert body["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "DA1 4RS"
    assert body["attributes"][0]["taxonomy_term_id"] == PLAY
    assert body["contacts"][0]["name"] == "Amina"


def test_published_data_stays_visible_while_a_change_is_pending(world):
    area, organisation, vcs, facilitator = world
    propose(vcs, organisation)
    service = Service.objects.get()
    facilitator.post(
        reverse("service_directory:review", args=[service.changes.get().pk]), {"decision": "approve"}
    )
    vcs.post(
        reverse("service_directory:service_edit", args=[service.pk]),
        FORM | {"name": "Stay, play and sing", "maximum_age": "4"},
    )
    assert published_names() == {"Stay and play"}
    assert Client().get(f"/api/oruk/services/{service.pk}").json()["maximum_age"] == 5
    change = service.changes.get(status=ChangeStatus.PENDING)
    page = facilitator.get(reverse("service_directory:review", args=[change.pk])).content.decode()
    assert "Changed" in page and "Stay, play and sing" in page
    # Changing the proposal again replaces the pending one, it does not queue a second.
    vcs.post(
        reverse("service_directory:service_edit", args=[service.pk]),
        FORM | {"name": "Stay, play and sing", "maximum_age": "3"},
    )
    assert service.changes.filter(status=ChangeStatus.PENDING).count() == 1
    facilitator.post(reverse("service_directory:review", args=[change.pk]), {"decision": "approve"})
    assert published_names() == {"Stay, play and sing"}
    assert Client().get(f"/api/oruk/services/{service.pk}").json()["maximum_age"] == 3
    # Every change is in the history: created, then the approved change.
    assert [h.name for h in service.history.order_by("history_date")][-1] == "Stay, play and sing"
    assert service.history.filter(name="Stay and play").exists()


def test_sending_back_needs_a_reason_and_the_organisation_sees_it(world):
    area, organisation, vcs, facilitator = world
    propose(vcs, organisation)
    change = ServiceChange.objects.get()
    url = reverse("service_directory:review", args=[change.pk])
    response = facilitator.post(url, {"decision": "send_back", "reason": "  "})
    assert response.status_code == 200 and "Say why the change is sent back" in response.content.decode()
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING
    facilitator.post(url, {"decision": "send_back", "reason": "Please give the postcode of the hall."})
    change.refresh_from_db()
    assert change.status == ChangeStatus.SENT_BACK and not change.service.is_published
    page = vcs.get(reverse("service_directory:service", args=[change.service.pk])).content.decode()
    assert "Please give the postcode of the hall." in page
    # The form starts from the sent-back proposal, so nothing typed is lost.
    form = vcs.get(reverse("service_directory:service_edit", args=[change.service.pk])).content.decode()
    assert "Iron Mill Lane" in form


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"minimum_age": "11", "maximum_age": "5"},
            "maximum_age",
            "The maximum age must be the same as or more than the minimum age (11)",
        ),
        (
            {"opens_at": "14:00", "closes_at": "13:00"},
            "closes_at",
            "The end time must be after the start time (14:00)",
        ),
        ({"opens_at": "25:00"}, "opens_at", "Enter the start time as a time, such as 09:30"),
        ({"closes_at": ""}, "closes_at", "Enter both the start and end times, or neither"),
        ({"days": []}, "days", "Select the days it runs at these times"),
        ({"minimum_age": "-1"}, "minimum_age", "The minimum age must be 0 or more"),
        ({"postal_code": "XYZ 123"}, "postal_code", "Enter a real postcode, such as DA6 7AT"),
        ({"taxonomy_terms": []}, "taxonomy_terms", "Select at least one type of service"),
        ({"cost_amount": "-2"}, "cost_amount", "The charge cannot be below zero"),
        ({"name": ""}, "name", "Enter the name of the service"),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(world, changes, field, message):
    area, organisation, vcs, facilitator = world
    response = propose(vcs, organisation, **changes)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="id_{field}-error"' in page
    assert message in page
    assert Service.objects.count() == 0 and ServiceChange.objects.count() == 0


def test_a_bad_change_to_a_published_service_changes_nothing(world):
    area, organisation, vcs, facilitator = world
    propose(vcs, organisation)
    service = Service.objects.get()
    facilitator.post(
        reverse("service_directory:review", args=[service.changes.get().pk]), {"decision": "approve"}
    )
    before = service.history.count()
    response = vcs.post(
        reverse("service_directory:service_edit", args=[service.pk]),
        FORM | {"minimum_age": "9", "maximum_age": "2"},
    )
    assert response.status_code == 200 and "maximum age must be" in response.content.decode()
    assert service.changes.count() == 1 and service.history.count() == before


def test_only_the_organisations_own_people_may_list_its_services(world):
    area, organisation, vcs, facilitator = world
    other = OrganisationFactory(area=area, kind="vcs", name="Crayford Dads")
    assert propose(vcs, other).status_code == 403
    # A VCS member may not review, even their own listing.
    propose(vcs, organisation)
    change = ServiceChange.objects.get()
    assert (
        vcs.post(reverse("service_directory:review", args=[change.pk]), {"decision": "approve"}).status_code
        == 403
    )
    assert not Service.objects.get().is_published
    outsider = Client()
    outsider.force_login(member(AreaFactory(), AreaRole.FACILITATOR))
    assert outsider.get(reverse("service_directory:review", args=[change.pk])).status_code == 404
    assert outsider.get(reverse("service_directory:service", args=[change.service.pk])).status_code == 404
