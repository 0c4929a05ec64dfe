"""The boardstorm tests' own set-up: a running board and its headings (the rest is in tests/methods/conftest.py)."""

import pytest

from coproduce.engagement.models import Method
from coproduce.methods import services as method_services
from coproduce.methods.boardstorm import services


@pytest.fixture
def method():
    return Method.BOARDSTORM


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
