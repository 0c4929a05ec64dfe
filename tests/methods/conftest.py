"""Set-up every method's tests share: an open event that offers the method, someone attending, a signed-in
facilitator, and a phone that joined by the event's code. A method's own conftest names its ``method`` (and
the role its phone joins as, where it matters) and adds the session it runs."""

import pytest
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.directory.models import Role
from tests.factories import AttendanceFactory, EventFactory, member


@pytest.fixture
def event(method):
    return EventFactory(methods=[method])


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
def phone_role():
    return Role.VCS_PROVIDER


@pytest.fixture
def phone(client, event, phone_role):
    """A browser that joined the event by code, in the role ``phone_role`` names."""
    response = client.post(reverse("public:join"), {"code": event.join_code})
    client.post(response.url, {"role": phone_role})
    return client
