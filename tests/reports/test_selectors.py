"""The case-study report reads everything from the data, in the case study's order, with honest empty states."""

import datetime

import pytest

from coproduce.directory.models import Role
from coproduce.engagement.models import EventKind, Method
from coproduce.proposals.models import ActionStatus, ProgressNote
from coproduce.reports.selectors import area_report
from coproduce.themes.models import RunStatus
from tests.factories import (
    ActionFactory,
    AreaFactory,
    AttendanceFactory,
    ChallengeFactory,
    CommentFactory,
    EventFactory,
    OrganisationFactory,
    PersonFactory,
    ProposalFactory,
)
from tests.reports.helpers import finished_run, paired_answers

pytestmark = pytest.mark.django_db


def test_participants_are_people_not_attendances():
    area = AreaFactory()
    workshop = EventFactory(area=area, date=datetime.date(2011, 10, 28), methods=[Method.OPEN_SPACE])
    training = EventFactory(
        area=area,
        kind=EventKind.TRAINING,
        date=datetime.date(2012, 2, 13),
        methods=[Method.OPEN_SPACE, Method.KJ],
    )
    regular = PersonFactory(area=area, role=Role.CC_MANAGER)
    AttendanceFactory(event=workshop, person=regular)
    AttendanceFactory(event=training, person=regular)
    AttendanceFactory(event=workshop, person=PersonFactory(area=area, role=Role.VCS_PROVIDER))
    AttendanceFactory(event=training, person=PersonFactory(area=area, role=Role.VCS_PROVIDER))

    part = area_report(area).participation

    assert part.people_total == 3
    assert part.attendance_total == 4
    assert [(label, n) for _, label, n in part.people_by_role] == [
        ("Children's-centre manager", 1),
        ("VCS provider", 2),
    ]
    assert [r.total for r in part.events] == [2, 2]
    assert part.roles == [(Role.CC_MANAGER, "Children's-centre manager"), (Role.VCS_PROVIDER, "VCS provider")]
    assert part.events[0].by_role == [1, 1]
    assert (part.first_date, part.last_date) == (datetime.date(2011, 10, 28), datetime.date(2012, 2, 13))
    assert "VCS provider: 2 people" in part.people_chart.description


def test_methods_are_listed_with_the_events_that_used_them():
    area = AreaFactory()
    workshop = EventFactory(area=area, methods=[Method.KJ, Method.SIX_HATS])
    training = EventFactory(area=area, methods=[Method.KJ])

    methods = area_report(area).methods

    assert [(m.label, m.events) for m in methods] == [
        ("De Bono's six thinking hats", [workshop]),
        ("KJ (affinity) method", [workshop, training]),
    ]


def test_an_area_with_nothing_yet_has_an_empty_report():
    report = area_report(AreaFactory())

    assert report.report is None
    assert report.participation.events == [] and report.participation.people_total == 0
    assert report.challenges == [] and report.methods == []
    assert report.themes is None
    assert report.proposals == []
    assert report.impact.surveys == [] and report.impact.headlines == []
    assert report.actions.rows == [] and report.actions.overdue == 0


def test_themes_come_from_the_current_run_with_roles_shares_and_the_most_confident_examples(settings):
    # Nobody attended here: the small-group rule (tested in tests/privacy) would hide every role.
    settings.SMALL_GROUP_MIN = 0
    area = AreaFactory()
    event = EventFactory(area=area, title="Listening event")
    vcs = [CommentFactory(event=event, author_role=Role.VCS_PROVIDER, text=f"VCS {i}") for i in range(4)]
    la = CommentFactory(event=event, author_role=Role.LA_PROFESSIONAL, text="The council view")
    other = CommentFactory(event=event, author_role=Role.CC_MANAGER, text="Centre view")
    finished_run(
        area,
        {"Old theme": [(c, 0.9) for c in [*vcs, la, other]]},
        finished_at=datetime.datetime(2012, 1, 1, tzinfo=datetime.UTC),
    )
    finished_run(
        area,
        {
            "Knowing what the VCS offers": [
                (vcs[0], 0.4),
                (vcs[1], 0.95),
                (vcs[2], 0.8),
                (vcs[3], 0.6),
                (la, 0.7),
            ],
            "Commissioning timetables": [(other, 0.5)],
        },
    )
    area.analysis_runs.create(status=RunStatus.FAILED)  # a newer failed run does not hide the current one

    themes = area_report(area).themes

    assert themes is not None and themes.comment_total == 6
    first, second = themes.themes
    assert (first.label, first.size, round(first.share, 3)) == ("Knowing what the VCS offers", 5, 0.833)
    assert [(r.label, r.plural, r.count) for r in first.roles] == [
        ("VCS provider", "VCS providers", 4),
        ("Local-authority professional", "local-authority professionals", 1),
    ]
    assert [e.text for e in first.examples] == ["VCS 1", "VCS 2", "The council view"]
    assert (
        first.examples[0].role_label == "VCS provider" and first.examples[0].event_title == "Listening event"
    )
    assert second.label == "Commissioning timetables" and [e.text for e in second.examples] == ["Centre view"]


def test_proposals_name_their_themes_challenges_owner_and_evidence_count():
    area = AreaFactory()
    challenge = ChallengeFactory(area=area, number=2)
    comments = CommentFactory.create_batch(3, event=EventFactory(area=area))
    run = finished_run(area, {"Market place": [(c, 0.9) for c in comments]})
    owner = OrganisationFactory(area=area, name="Acorn Toy Library")
    proposal = ProposalFactory(area=area, title="Performance management", owner=owner)
    proposal.challenges.add(challenge)
    proposal.themes.add(run.themes.get())
    proposal.evidence.add(*comments[:2])
    ProposalFactory(area=area, title="Draft, not published")
    proposal.is_published = True
    proposal.save()

    back_office = area_report(area).proposals
    public = area_report(area, public=True).proposals

    assert [p.title for p in back_office] == ["Performance management", "Draft, not published"]
    assert [p.title for p in public] == ["Performance management"]
    (listed,) = public
    assert listed.evidence_count == 2
    assert [c.number for c in listed.challenges.all()] == [2]
    assert [t.label for t in listed.themes.all()] == ["Market place"]
    assert listed.owner.name == "Acorn Toy Library"


def test_the_action_plan_shows_owner_due_date_overdue_and_the_latest_note():
    area = AreaFactory()
    proposal = ProposalFactory(area=area, is_published=True)
    late = ActionFactory(
        proposal=proposal, due_date=datetime.date(2012, 3, 31), status=ActionStatus.IN_PROGRESS
    )
    ActionFactory(proposal=proposal, due_date=datetime.date(2012, 1, 31), status=ActionStatus.DONE)
    ActionFactory(proposal=proposal, due_date=None)
    ProgressNote.objects.create(action=late, text="First meeting held")
    ProgressNote.objects.create(action=late, text="Venue booked")
    ActionFactory(proposal=ProposalFactory(area=area), title="Of an unpublished proposal")

    plan = area_report(area).actions
    public_plan = area_report(area, public=True).actions

    assert plan.total == 4 and public_plan.total == 3
    first, second, third = public_plan.rows
    assert (first.action.status, first.overdue, first.latest_note) == (ActionStatus.DONE, False, None)
    assert second.action == late and second.overdue and second.latest_note.text == "Venue booked"
    assert third.action.due_date is None and not third.overdue
    assert public_plan.overdue == 1
    assert ("in_progress", "In progress", 1) in public_plan.by_status


def test_impact_headlines_come_from_the_surveys():
    area = AreaFactory()
    # 16 of 19 VCS providers more positive, as in the case study.
    paired_answers(area, Role.VCS_PROVIDER, [(2, 4)] * 16 + [(3, 3)] * 3)

    impact = area_report(area).impact

    assert len(impact.surveys) == 1
    assert [h.sentence for h in impact.headlines] == [
        "84% of VCS providers (16 of 19) were more positive about tackling the key challenges."
    ]


def test_the_report_reads_a_big_area_in_a_bounded_number_of_queries(django_assert_max_num_queries):
    area = AreaFactory()
    events = EventFactory.create_batch(5, area=area)
    for event in events:
        for _ in range(3):
            AttendanceFactory(event=event)
    comments = [CommentFactory(event=event) for event in events for _ in range(4)]
    finished_run(area, {f"Theme {i}": [(c, 0.5)] for i, c in enumerate(comments)})
    for proposal in ProposalFactory.create_batch(4, area=area):
        ActionFactory.create_batch(3, proposal=proposal)
    paired_answers(area, Role.VCS_PROVIDER, [(2, 4)] * 12)

    # The count does not grow with events, comments, themes, proposals or actions.
    with django_assert_max_num_queries(30):
        area_report(area)
