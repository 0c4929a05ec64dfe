"""A facilitator keeps an event's attendance register, and every people figure of the area agrees with it."""

import pytest
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.directory.models import Role
from coproduce.engagement.models import Attendance, RegisterEntry
from coproduce.engagement.selectors import people_taking_part
from coproduce.programmes.models import Area
from coproduce.reports.dashboard import area_summaries
from coproduce.reports.selectors import participation
from tests.factories import AreaFactory, CommentFactory, EventFactory, PersonFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(area=AreaFactory(is_published=True))


@pytest.fixture
def facilitator(client, event):
    client.force_login(member(event.area, AreaRole.FACILITATOR))
    return client


def contributor(event, role=Role.PARENT_CARER):
    """A participant who joined by code and sent a comment."""
    person = PersonFactory(area=event.area, role=role)
    Attendance.objects.create(event=event, person=person)
    CommentFactory(event=event, author=person, author_role=role)
    return person


def test_a_facilitator_adds_edits_and_removes_names_on_the_register(facilitator, event):
    url = reverse("engagement:register", args=[event.pk])
    response = facilitator.post(
        url, {"name": "Amina Patel", "organisation": "Brook Lane Children's Centre", "role": Role.CC_MANAGER}
    )
    assert response.status_code == 302
    entry = RegisterEntry.objects.get()
    assert (entry.name, entry.organisation, entry.role) == (
        "Amina Patel",
        "Brook Lane Children's Centre",
        Role.CC_MANAGER,
    )
    page = facilitator.get(url).content.decode()
    assert "Amina Patel" in page and "Brook Lane Children&#x27;s Centre" in page

    edit = reverse("engagement:register_entry", args=[entry.pk])
    facilitator.post(
        edit, {"name": "Amina Patel", "organisation": "Family Hub North", "role": Role.CC_MANAGER}
    )
    entry.refresh_from_db()
    assert entry.organisation == "Family Hub North"
    assert entry.history.count() == 2

    facilitator.post(reverse("engagement:register_entry_remove", args=[entry.pk]))
    assert not RegisterEntry.objects.exists()


def test_a_name_is_required_unless_a_participant_is_ticked(facilitator, event):
    response = facilitator.post(reverse("engagement:register", args=[event.pk]), {"role": Role.OTHER})
    assert response.status_code == 400
    assert "Enter the name of who came" in response.content.decode()


def test_a_facilitator_ticks_a_participant_who_came(facilitator, event):
    person = contributor(event)
    facilitator.post(
        reverse("engagement:register", args=[event.pk]),
        {"person": person.pk, "name": "", "role": person.role},
    )
    assert RegisterEntry.objects.get().person == person


def test_the_areas_people_figures_agree(client, facilitator, event):
    area = event.area
    second = EventFactory(area=area)
    came_twice = contributor(event)
    Attendance.objects.create(event=second, person=came_twice)
    contributor(second, Role.VCS_PROVIDER)
    RegisterEntry.objects.create(
        event=event, name="Amina Patel", organisation="Family Hub", role=Role.CC_MANAGER
    )
    RegisterEntry.objects.create(event=event, person=came_twice, role=came_twice.role)  # ticked: counted once

    assert people_taking_part(area) == 3
    dashboard = facilitator.get(reverse("programmes:area", args=[area.slug])).content.decode()
    assert "3 people have taken part" in dashboard
    public = client.get(reverse("public:area", args=[area.slug])).content.decode()
    assert "3 people have taken part" in public
    assert area_summaries(Area.objects.filter(pk=area.pk)).get().people_count == 3
    assert participation(area).people_total == 3
    detail = facilitator.get(reverse("engagement:event", args=[event.pk])).content.decode()
    assert ">2<" in detail.split(">People<", 1)[1][:120]
