import pytest

from coproduce.directory.models import Role
from coproduce.engagement.models import Method
from coproduce.methods import services as method_services
from coproduce.methods.open_space import services
from coproduce.methods.open_space.agenda import RoomSpec
from tests.factories import AttendanceFactory


@pytest.fixture
def method():
    return Method.OPEN_SPACE


@pytest.fixture
def open_space(event):
    session = method_services.session_create(event=event, method=Method.OPEN_SPACE)
    # A short time limit keeps the tests fast; these problems are solved to optimality at once anyway.
    services.agenda_setup_set(
        session=session,
        rooms=[RoomSpec("Hall", 30), RoomSpec("Library", 12), RoomSpec("Garden", None)],
        slots=["10:00", "11:00"],
        time_limit=2,
    )
    return session


@pytest.fixture
def people(event):
    return [AttendanceFactory(event=event, person__role=Role.VCS_PROVIDER).person for _ in range(4)]
