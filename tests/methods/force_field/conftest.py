"""The force-field tests' own set-up: a running analysis of one change (the rest is in tests/methods/conftest.py)."""

import pytest

from coproduce.directory.models import Role
from coproduce.engagement.models import Method
from coproduce.methods import services as method_services

CHANGE = "The VCS delivers outreach for two children's centres from April"


@pytest.fixture
def method():
    return Method.FORCE_FIELD


@pytest.fixture
def phone_role():
    return Role.CC_MANAGER


@pytest.fixture
def analysis(event):
    session = method_services.session_create(
        event=event, method=Method.FORCE_FIELD, title="Outreach by the VCS", setup={"change": CHANGE}
    )
    return method_services.session_go_to(session=session, step="forces")
