"""Shared set-up for the boardstorm tests: an open event with a running board, its people and staff."""

import pytest
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.directory.models import Role
from coproduce.engagement.models import Method
from coproduce.methods import services as method_services
from coproduce.methods.boardstorm import services
from tests.factories import AttendanceFactory, EventFactory, member


@pytest.fixture
def event():
    return EventFactory(methods=[Method.BOARDSTORM])


@pytest.fixture
def board(event):
    session = method_services.session_create(event=event, method=Method.BOARDSTORM, title="Working together")
    return method_services.session_go_to(session=session, step="ideas")


@pytest.fixture
def headings(board):
    return [
        services.heading_add(session=board, title=title)
        for title in ("Working with schools", "Funding", "Reaching families")
    ]


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
    """A browser that joined the event by code, as a VCS provider."""
    response = client.post(reverse("public:join"), {"code": event.join_code})
    client.post(response.url, {"role": Role.VCS_PROVIDER})
    return client


def take_part_url(session) -> str:
    return reverse("methods_public:take_part", args=[session.event.join_code, session.pk])
