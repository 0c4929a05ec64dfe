"""Shared set-up for the force-field tests: an open event with a running analysis, its people and staff."""

import pytest
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.directory.models import Role
from coproduce.engagement.models import Method
from coproduce.methods import services as method_services
from tests.factories import AttendanceFactory, EventFactory, member

CHANGE = "The VCS delivers outreach for two children's centres from April"


@pytest.fixture
def event():
    return EventFactory(methods=[Method.FORCE_FIELD])


@pytest.fixture
def analysis(event):
    session = method_services.session_create(
        event=event, method=Method.FORCE_FIELD, title="Outreach by the VCS", setup={"change": CHANGE}
    )
    return method_services.session_go_to(session=session, step="forces")


@pytest.fixture
def person(event):
    return AttendanceFactory(event=event).person


@pytest.fixture
def facilitator(event):
    return member(event.area, AreaRole.FACILITATOR)


@pytest.fixture
def staff(client, facilitator):
    client.force_login(facilitator)
    return client


@pytest.fixture
def phone(client, event):
    """A browser that joined the event by code, as a children's-centre manager."""
    response = client.post(reverse("public:join"), {"code": event.join_code})
    client.post(response.url, {"role": Role.CC_MANAGER})
    return client


def take_part_url(session) -> str:
    return reverse("methods_public:take_part", args=[session.event.join_code, session.pk])
