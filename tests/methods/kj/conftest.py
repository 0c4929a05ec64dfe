"""Shared set-up for the KJ tests: an open event with a KJ session, its notes and its facilitators."""

import pytest

from coproduce.accounts.models import AreaRole
from coproduce.engagement.models import Method
from coproduce.methods import services as method_services
from coproduce.methods.kj import services
from tests.factories import member

NOTES = [
    "Parents need Saturday sessions at the children's centre",
    "Weekend opening so working parents can come",
    "Saturday stay and play for dads",
    "Commissioning timetables are not published early enough",
    "Tell the voluntary sector when contracts will be tendered",
    "A clear commissioning timetable for the next three years",
    "Small charities cannot afford to bid for big contracts",
    "Split contracts into lots small charities can bid for",
]


@pytest.fixture
def method():
    return Method.KJ


@pytest.fixture
def kj(event):
    session = method_services.session_create(event=event, method=Method.KJ, setup={"dots": 3})
    return method_services.session_go_to(session=session, step="write")


@pytest.fixture
def notes(kj, person):
    return [services.note_write(session=kj, person=person, text=text) for text in NOTES]


@pytest.fixture
def facilitators(event):
    return member(event.area, AreaRole.FACILITATOR), member(event.area, AreaRole.PROGRAMME_LEAD)
