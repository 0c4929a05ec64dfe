"""The programme roll-up: the areas the reader may view, side by side, and the themes recurring across them."""

import datetime

import pytest
from django.urls import reverse

from coproduce.accounts.models import AreaRole, Membership
from coproduce.directory.models import Role
from coproduce.programmes.models import Area
from coproduce.proposals.models import ActionStatus
from coproduce.reports.rollup import programme_rollup
from tests.factories import (
    ActionFactory,
    AreaFactory,
    AttendanceFactory,
    CommentFactory,
    EventFactory,
    PersonFactory,
    ProgrammeFactory,
    ProposalFactory,
    UserFactory,
    member,
)
from tests.reports.helpers import finished_run, paired_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    programme = ProgrammeFactory()
    bexley = AreaFactory(programme=programme, name="Bexley")
    riverside = AreaFactory(programme=programme, name="Riverside")
    secret = AreaFactory(programme=programme, name="Secret borough")
    for area, labels in [
        (bexley, ["Commissioning timetables", "Change management"]),
        (riverside, ["Timetables for commissioning", "Parent forums"]),
        (secret, ["Change management", "Parent forums"]),
    ]:
        event = EventFactory(area=area)
        AttendanceFactory(event=event, person=PersonFactory(area=area, role=Role.VCS_PROVIDER))
        AttendanceFactory(event=event, person=PersonFactory(area=area, role=Role.CC_MANAGER))
        finished_run(area, {label: [(CommentFactory(event=event), 0.9)] for label in labels})
    proposal = ProposalFactory(area=bexley)
    ActionFactory(proposal=proposal, status=ActionStatus.DONE)
    ActionFactory(proposal=proposal, due_date=datetime.date(2012, 3, 31))
    paired_answers(bexley, Role.VCS_PROVIDER, [(2, 4)] * 16 + [(3, 3)] * 3)
    return programme


def test_themes_recurring_across_the_areas_shown(programme):
    shown = Area.objects.exclude(name="Secret borough")

    rollup = programme_rollup(programme, shown)

    assert [a.name for a in rollup.areas] == ["Bexley", "Riverside"]
    assert [(r.shared_words, r.areas) for r in rollup.recurring] == [
        (["commissioning", "timetable"], ["Bexley", "Riverside"])
    ]
    # With the third area, "Change management" and "Parent forums" recur too.
    everything = programme_rollup(programme, Area.objects.all())
    assert len(everything.recurring) == 3


def test_participation_impact_and_actions_per_area(programme):
    rollup = programme_rollup(programme, Area.objects.all())

    bexley = rollup.participation[0]
    assert bexley.area.people_count == 2 and bexley.area.event_count == 1
    assert rollup.roles == [
        (Role.CC_MANAGER, "Children's-centre manager"),
        (Role.VCS_PROVIDER, "VCS provider"),
    ]
    assert bexley.people_by_role == [1, 1]
    assert [h.sentence for h in rollup.impact[0].impact.headlines] == [
        "84% of VCS providers (16 of 19) were more positive about tackling the key challenges."
    ]
    assert rollup.impact[1].impact.surveys == []
    actions = rollup.actions[0]
    assert (actions.total, actions.overdue) == (2, 1)
    assert actions.by_status[[code for code, _ in rollup.statuses].index(ActionStatus.DONE)] == 1


def test_the_page_leaves_out_the_areas_the_user_may_not_view(client, programme):
    bexley, riverside, _ = Area.objects.order_by("name")
    user = member(bexley, AreaRole.VIEWER)
    Membership.objects.create(user=user, area=riverside, role=AreaRole.FACILITATOR)
    client.force_login(user)

    html = client.get(reverse("reports:programme", args=[programme.pk])).content.decode()

    assert "Bexley" in html and "Riverside" in html and "Secret borough" not in html
    assert "Commissioning timetables" in html
    pdf = client.get(reverse("reports:programme_pdf", args=[programme.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_someone_with_no_area_in_the_programme_gets_a_404(client, programme):
    client.force_login(member(AreaFactory(), AreaRole.PROGRAMME_LEAD))
    assert client.get(reverse("reports:programme", args=[programme.pk])).status_code == 404
    assert client.get(reverse("reports:programme_pdf", args=[programme.pk])).status_code == 404


def test_a_superuser_sees_every_area(client, programme):
    client.force_login(UserFactory(is_superuser=True))
    html = client.get(reverse("reports:programme", args=[programme.pk])).content.decode()
    assert "Secret borough" in html


def test_with_no_analysis_anywhere_the_roll_up_says_so(client):
    area = AreaFactory()
    client.force_login(member(area, AreaRole.VIEWER))
    html = client.get(reverse("reports:programme", args=[area.programme_id])).content.decode()
    assert "No area has been analysed yet" in html
    assert "No survey has answers yet." in html
