import pytest

from coproduce.directory.models import Role
from coproduce.engagement.models import Method
from coproduce.methods import services as method_services
from tests.factories import AttendanceFactory


@pytest.fixture
def method():
    return Method.SPEED_DATING


@pytest.fixture
def speed_dating(event):
    return method_services.session_create(event=event, method=Method.SPEED_DATING, step_minutes=4)


def attend(event, role, n):
    return [AttendanceFactory(event=event, person__role=role).person for _ in range(n)]


@pytest.fixture
def providers(event):
    return attend(event, Role.VCS_PROVIDER, 5)


@pytest.fixture
def managers(event):
    return attend(event, Role.CC_MANAGER, 3)
