"""The area dashboard counts people once, shows comments by event and role, and lists overdue actions."""

import datetime

import pytest

from coproduce.accounts.models import AreaRole
from coproduce.directory.models import Role
from coproduce.engagement import selectors as people
from coproduce.proposals.models import ActionStatus
from coproduce.reports import dashboard
from tests.factories import (
    ActionFactory,
    AreaFactory,
    AttendanceFactory,
    CommentFactory,
    EventFactory,
    PersonFactory,
    ProposalFactory,
    member,
)

pytestmark = pytest.mark.django_db


def test_people_who_come_to_two_events_are_counted_once():
    area = AreaFactory()
    first, second = EventFactory(area=area), EventFactory(area=area)
    regular = PersonFactory(area=area, role=Role.CC_MANAGER)
    AttendanceFactory(event=first, person=regular)
    AttendanceFactory(event=second, person=regular)
    AttendanceFactory(event=second, person=PersonFactory(area=area, role=Role.VCS_PROVIDER))
    AttendanceFactory(event=first, person=PersonFactory(area=area, role=Role.VCS_PROVIDER))

    assert people.participants_in(area).count() == 3
    by_role = {code: n for code, _, n in people.participants_by_role(area)}
    assert by_role[Role.CC_MANAGER] == 1 and by_role[Role.VCS_PROVIDER] == 2
    assert sum(by_role.values()) == 3


def test_comments_are_counted_by_event_and_role():
    area = AreaFactory()
    event = EventFactory(area=area)
    CommentFactory.create_batch(3, event=event, author_role=Role.VCS_PROVIDER)
    CommentFactory(event=event, author_role=Role.LA_PROFESSIONAL)
    CommentFactory(event=EventFactory(), author_role=Role.LA_PROFESSIONAL)  # another area

    matrix = dashboard.comments_by_event_and_role(area)
    roles = [code for code, _ in matrix.roles]
    ((_, cells, total),) = matrix.rows
    assert cells[roles.index(Role.VCS_PROVIDER)] == 3
    assert cells[roles.index(Role.LA_PROFESSIONAL)] == 1
    assert total == matrix.total == 4


def test_overdue_means_past_due_and_not_done():
    area = AreaFactory()
    proposal = ProposalFactory(area=area)
    late = ActionFactory(
        proposal=proposal, due_date=datetime.date(2012, 3, 31), status=ActionStatus.IN_PROGRESS
    )
    ActionFactory(proposal=proposal, due_date=datetime.date(2012, 3, 31), status=ActionStatus.DONE)
    ActionFactory(proposal=proposal, due_date=datetime.date(2999, 1, 1))
    assert list(dashboard.overdue_actions(area)) == [late]


def test_the_dashboard_shows_the_figures_as_tables(client):
    area = AreaFactory(name="Bexley")
    event = EventFactory(area=area, title="October workshop")
    AttendanceFactory(event=event, person=PersonFactory(area=area, role=Role.VCS_PROVIDER))
    CommentFactory(event=event, author_role=Role.VCS_PROVIDER)
    client.force_login(member(area, AreaRole.VIEWER))

    page = client.get(area.get_absolute_url()).content.decode()

    assert "People by role" in page and "Comments by event and role" in page
    assert "1 person has taken part" in page
    assert "October workshop" in page
    assert "No actions are overdue" in page
    assert "Create an event" not in page  # a viewer cannot


def test_the_programme_view_lists_only_my_areas(client):
    mine = AreaFactory(name="Mine")
    AreaFactory(name="Theirs")
    client.force_login(member(mine, AreaRole.PROGRAMME_LEAD))
    page = client.get("/manage/").content.decode()
    assert "Mine" in page and "Theirs" not in page
