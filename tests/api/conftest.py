"""Helpers for calling the API as a user with a bearer token."""

import pytest

from coproduce.accounts.models import ApiToken, AreaRole
from tests.api.helpers import Caller
from tests.factories import AreaFactory, member


@pytest.fixture
def as_user(client):
    """``as_user(user)`` calls the API with a fresh token for ``user``; ``as_user(None)`` sends no token."""

    def make(user) -> Caller:
        if user is None:
            return Caller(client, None)
        _, raw = ApiToken.issue(user=user, name="test")
        return Caller(client, raw)

    return make


@pytest.fixture
def area():
    return AreaFactory()


@pytest.fixture
def other_area():
    return AreaFactory()


@pytest.fixture
def facilitator(area):
    return member(area, AreaRole.FACILITATOR)


@pytest.fixture
def viewer(area):
    return member(area, AreaRole.VIEWER)


@pytest.fixture
def commissioner(area):
    return member(area, AreaRole.COMMISSIONER)


@pytest.fixture
def outsider(other_area):
    """A programme lead, but in another area."""
    return member(other_area, AreaRole.PROGRAMME_LEAD)
