"""The event services: a create and an update each leave one history row; an update keeps what it is not given."""

import datetime

import pytest

from coproduce.engagement import services
from coproduce.engagement.models import EventKind, EventStatus, Method
from tests.factories import AreaFactory, EventFactory

pytestmark = pytest.mark.django_db


def test_event_create_is_audited_with_methods_once_each():
    event = services.event_create(
        area=AreaFactory(),
        kind=EventKind.WORKSHOP,
        title="Workshop 1",
        date=datetime.date(2026, 3, 1),
        methods=[Method.KJ, Method.KJ, Method.ORID],
    )
    assert event.methods == [Method.KJ, Method.ORID]
    assert event.join_code
    assert [r.history_type for r in event.history.all()] == ["+"]


def test_event_update_changes_only_what_is_given_in_one_history_row():
    event = EventFactory(title="Old", venue="Hall")
    before = event.history.count()

    services.event_update(event=event, title="New", status=EventStatus.CLOSED)

    event.refresh_from_db()
    assert (event.title, event.venue, event.status) == ("New", "Hall", EventStatus.CLOSED)
    assert event.closed_at is not None
    assert event.history.count() == before + 1
