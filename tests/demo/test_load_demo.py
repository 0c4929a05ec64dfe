"""The demo as loaded: Bexley as the case study tells it, its sign-ins, votes, survey figures and report."""

import csv
import datetime
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.models import AreaRole, Membership
from coproduce.consensus.selectors import event_consensus
from coproduce.demo.loader import DEMO_PASSWORD, load_demo
from coproduce.directory.models import OrganisationKind, Person, Role
from coproduce.engagement.models import Comment, CommentSource, EventKind, EventStatus, Method
from coproduce.engagement.selectors import participants_in
from coproduce.marketplace.models import Match
from coproduce.programmes.models import Area
from coproduce.proposals.models import Action, ActionStatus, Proposal, ProposalStatus
from tests.once import built_once

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "coproduce" / "demo" / "data"
# Typed from seed/case-study-bexley.txt, not imported from the demo data, so a paraphrase would be caught.
CHALLENGE_1 = (
    "How to improve engagement of the local voluntary and community sector (VCS) in the delivery of "
    "children's centres and their services?"
)
CHALLENGE_2 = "How to work collaboratively to deliver children's centres and children's centre services?"
SIX_PROPOSALS = [
    "Performance management",
    "Community engagement",
    "Partnership working",
    "Bexley offer and vision",
    "Localised commissioning",
    "Change management",
]
THE_THREE_ROLES = {"la", "cc", "vcs"}


def csv_rows(name):
    with (DATA / name).open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def role_group(role):
    return {Role.LA_PROFESSIONAL: "la", Role.CC_MANAGER: "cc", Role.CC_STAFF: "cc", Role.VCS_PROVIDER: "vcs"}[
        role
    ]


def counts():
    """How many rows every project model (history tables included) holds."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"programmes", "directory", "engagement", "proposals", "accounts", "auth"}
    }


def bexley_load() -> Area:
    load_demo()
    return Area.objects.get(slug="bexley")


@pytest.fixture(scope="module")
def bexley_for_module(django_db_setup, django_db_blocker):
    # The tests that take ``bexley`` only read the demo (what one writes is rolled back after it).
    yield from built_once(django_db_blocker, bexley_load)


@pytest.fixture
def bexley(db, bexley_for_module) -> Area:
    return bexley_for_module


def test_bexley_is_published_in_the_programme_with_the_case_study_challenges_verbatim(bexley):
    assert bexley.name == "London Borough of Bexley"
    assert bexley.is_published
    assert bexley.programme.name == "Children's Centres and VCS Programme (4Children)"
    assert "April 2011" in bexley.programme.description
    assert "mixed economy" in bexley.description
    assert [(c.number, c.text) for c in bexley.challenges.all()] == [(1, CHALLENGE_1), (2, CHALLENGE_2)]


def test_bexley_has_the_organisations_the_case_study_names(bexley):
    kinds = list(bexley.organisations.values_list("kind", flat=True))
    assert kinds.count(OrganisationKind.LOCAL_AUTHORITY) == 1
    assert kinds.count(OrganisationKind.CHILDRENS_CENTRE) >= 3
    assert kinds.count(OrganisationKind.VCS) >= 3
    assert OrganisationKind.SCHOOL in kinds
    assert OrganisationKind.PARENTS_FORUM in kinds


def test_fifty_unique_people_took_part_in_bexley(bexley):
    people = participants_in(bexley)
    assert people.count() == 50
    assert Person.objects.filter(area=bexley).count() == 50
    assert all(person.is_illustrative and person.name for person in people)
    assert {role_group(role) for role in people.values_list("role", flat=True)} == THE_THREE_ROLES


def test_the_two_workshops_had_25_people_each_who_together_are_all_50(bexley):
    workshop = bexley.events.get(date=datetime.date(2011, 10, 28))
    training = bexley.events.get(date=datetime.date(2012, 2, 13))
    assert workshop.kind == EventKind.WORKSHOP
    assert {Method.SIX_HATS, Method.KJ, Method.OPEN_SPACE} <= set(workshop.methods)
    assert training.kind == EventKind.TRAINING
    assert {Method.ORID, Method.FORCE_FIELD, Method.SPEED_DATING} <= set(training.methods)
    for event in (workshop, training):
        assert event.status == EventStatus.CLOSED
        assert event.attendances.count() == 25
        assert {
            role_group(role) for role in event.attendees.values_list("role", flat=True)
        } == THE_THREE_ROLES
    at_workshop, at_training = set(workshop.attendees.all()), set(training.attendees.all())
    assert not at_workshop & at_training
    assert at_workshop | at_training == set(participants_in(bexley))


def test_task_group_and_listening_event_draw_on_the_same_fifty_people(bexley):
    task_group = bexley.events.get(kind=EventKind.TASK_GROUP)
    listening = bexley.events.get(kind=EventKind.LISTENING)
    assert (task_group.date, listening.date) == (datetime.date(2011, 9, 22), datetime.date(2011, 10, 5))
    assert task_group.attendances.count() > 0
    assert listening.attendances.count() > 0
    everyone = set(participants_in(bexley))
    assert set(task_group.attendees.all()) <= everyone
    assert set(listening.attendees.all()) <= everyone


def test_every_bexley_comment_is_loaded_into_its_event_as_illustrative(bexley):
    rows = csv_rows("bexley_comments.csv")
    comments = Comment.objects.filter(event__area=bexley).select_related("event", "author")
    assert comments.count() == len(rows) == 200
    assert not comments.filter(is_illustrative=False).exists()
    loaded = sorted((c.text, c.author_role, c.method_step) for c in comments)
    assert loaded == sorted((r["text"], r["role"], r["method_step"]) for r in rows)
    task_group = bexley.events.get(kind=EventKind.TASK_GROUP)
    assert set(task_group.comments.values_list("source", flat=True)) == {CommentSource.FLIPCHART}
    assert set(comments.exclude(event=task_group).values_list("source", flat=True)) == {CommentSource.LIVE}
    for comment in comments:
        assert comment.created_at.date() == comment.event.date
        if comment.author_role in (Role.PARENT_CARER, Role.OTHER):
            assert comment.author is None
        else:
            # Attributed to someone of the same role who was there.
            assert comment.author.role == comment.author_role
            assert comment.author.attendances.filter(event=comment.event).exists()


def test_the_six_proposals_cite_evidence_and_have_owned_actions(bexley):
    proposals = list(
        Proposal.objects.filter(area=bexley).prefetch_related("challenges", "evidence", "actions")
    )
    assert [p.title for p in proposals] == SIX_PROPOSALS
    by_title = {p.title: p for p in proposals}
    assert by_title["Partnership working"].summary.startswith("A workshop aimed at schools and VCS")
    assert "Question and Answer facility" in by_title["Bexley offer and vision"].summary
    assert {p.status for p in proposals} == {
        ProposalStatus.AGREED,
        ProposalStatus.IN_PROGRESS,
        ProposalStatus.DONE,
    }
    cited = []
    # the market place's agreed matches add actions of their own (tests/marketplace/test_demo.py)
    market = set(Match.objects.filter(action__isnull=False).values_list("action", flat=True))
    for proposal in proposals:
        assert proposal.is_published
        assert proposal.owner.area == bexley
        assert proposal.challenges.exists()
        evidence = list(proposal.evidence.all())
        assert 5 <= len(evidence) <= 10
        assert all(comment.event.area == bexley for comment in evidence)
        cited += evidence
        actions = [a for a in proposal.actions.all() if a.pk not in market]
        assert 2 <= len(actions) <= 3
        for action in actions:
            assert action.owner.area == bexley
            assert action.due_date.year == 2012
    assert len(cited) == len(set(cited))
    not_done = Action.objects.filter(proposal__area=bexley).exclude(status=ActionStatus.DONE)
    assert 1 <= not_done.count() <= 3
    assert Action.objects.filter(proposal__area=bexley).overdue().count() == not_done.count()
    assert Action.objects.filter(proposal__area=bexley, progress_notes__isnull=False).exists()


def test_an_open_event_today_has_a_join_code_that_works(bexley, client):
    event = bexley.events.get(status=EventStatus.OPEN)
    assert event.title == "Follow-up workshop: commissioning timetable (live demo)"
    assert event.kind == EventKind.WORKSHOP
    assert event.date == timezone.localdate()
    assert not event.comments.exists()
    assert not event.attendances.exists()
    response = client.post(reverse("public:join"), {"code": event.join_code})
    assert response.status_code == 302


def test_demo_users_have_their_roles_and_the_demo_password(bexley):
    riverside = Area.objects.get(slug="riverside")
    user_model = get_user_model()
    for username in ("lead", "facilitator", "commissioner", "centre", "vcs", "viewer", "admin"):
        assert user_model.objects.get(username=username).check_password(DEMO_PASSWORD)
    assert user_model.objects.get(username="admin").is_superuser

    def roles(username):
        return {(m.area.slug, m.role) for m in Membership.objects.filter(user__username=username)}

    assert roles("lead") == {("bexley", AreaRole.PROGRAMME_LEAD), ("riverside", AreaRole.PROGRAMME_LEAD)}
    assert roles("facilitator") == {("bexley", AreaRole.FACILITATOR)}
    assert roles("commissioner") == {("bexley", AreaRole.COMMISSIONER)}
    assert roles("centre") == {("bexley", AreaRole.CENTRE_MANAGER)}
    assert roles("vcs") == {("bexley", AreaRole.VCS_MEMBER)}
    assert roles("viewer") == {("riverside", AreaRole.VIEWER)}
    centre = Membership.objects.get(user__username="centre").organisation
    vcs = Membership.objects.get(user__username="vcs").organisation
    assert centre.kind == OrganisationKind.CHILDRENS_CENTRE and centre.area == bexley
    assert vcs.kind == OrganisationKind.VCS and vcs.area == bexley
    assert Action.objects.filter(owner=centre).exists()
    assert Action.objects.filter(owner=vcs).exists()
    assert riverside.memberships.count() == 2


def test_the_2011_workshop_voted_on_statements_with_common_ground_and_division(bexley):
    workshop = bexley.events.get(date="2011-10-28")
    assert workshop.results_published
    # Eight statements, and the challenges' draft wordings (the next test).
    statements = workshop.statements.filter(challenge=None)
    assert statements.count() == 8
    assert all(s.is_illustrative and s.votes.count() == 25 for s in statements)
    result = event_consensus(workshop)
    common = [r for r in result.common_ground if r.statement.challenge_id is None]
    divisive = [r for r in result.divisive if r.statement.challenge_id is None]
    assert (len(common), len(divisive)) == (4, 3)
    assert result.result.participants == 25 and len(result.groups) >= 2


def test_bexleys_challenges_were_agreed_by_vote_at_the_2011_workshop_before_solutions(bexley):
    # coproduce/demo/stages.py: consensus on what the challenge is came before the solutions.
    workshop = bexley.events.get(date="2011-10-28")
    one, two = bexley.challenges.order_by("number")
    assert (one.stage, two.stage) == ("solutions", "solutions")
    for challenge in (one, two):
        agreement = challenge.agreement
        assert agreement.wording == challenge.text and agreement.statement.challenge == challenge
        assert (agreement.event, agreement.agreed_on) == (workshop, workshop.date)
        assert agreement.participants == 25 and agreement.common_ground_roles
        assert len(agreement.by_role) == 4 and agreement.by_group and agreement.common_ground_groups
    # Challenge 1's first draft split the room (the VCS disagreed) and was not the one agreed.
    (draft,) = one.draft_wordings.exclude(pk=one.agreement.statement_id)
    assert draft.votes.filter(role=Role.VCS_PROVIDER, choice="disagree").count() == 6
    # The proposals of February 2012 answer agreed challenges: none is flagged.
    assert all(c.is_agreed for p in bexley.proposals.all() for c in p.challenges.all())
    # Loading again changes nothing.
    load_demo()
    assert one.agreements.count() == 1 and workshop.statements.count() == 11


def test_the_case_studys_three_impact_figures_come_out_of_bexleys_survey_answers(bexley):
    from coproduce.surveys.models import Response, Wave
    from coproduce.surveys.selectors import area_impact

    (impact,) = area_impact(bexley)
    # Every one of the 50 participants answered before and after; nothing in the figures is typed in.
    assert (impact.answered_before, impact.answered_after, impact.pairs) == (50, 50, 50)
    assert (
        Response.objects.filter(survey=impact.survey, wave=Wave.AFTER).values("person").distinct().count()
        == 50
    )
    sentences = [headline.sentence for headline in impact.headlines]
    # Typed from seed/case-study-bexley.txt: 84% of VCS, 50% of local-authority attendees on contract
    # competition, 58% of children's-centre managers, each on the case study's own subject.
    assert sentences == [
        "50% of local-authority professionals (7 of 14) were more positive about contract competition issues.",
        "58% of children's-centre managers (7 of 12) were more positive about tackling key challenges.",
        "84% of VCS providers (16 of 19) were more positive about tackling key challenges.",
    ]


def test_bexleys_published_report_states_fifty_participants_and_the_three_impact_figures(bexley, client):
    import re

    response = client.get(reverse("reports_public:area_report", kwargs={"slug": bexley.slug}))
    assert response.status_code == 200
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    assert "50 participants have taken part" in text
    for figure in (
        "84% of VCS providers (16 of 19) were more positive about tackling key challenges",
        "50% of local-authority professionals (7 of 14) were more positive about contract competition issues",
        "58% of children's-centre managers (7 of 12) were more positive about tackling key challenges",
    ):
        assert figure in text.replace("&#x27;", "'")
    assert "Bexley formulated an action plan" in text


def test_the_demo_keeps_its_workshops_methods_as_sessions(bexley):
    from coproduce.methods.models import MethodSession

    sessions = {s.method: s for s in MethodSession.objects.filter(event__area=bexley)}
    assert set(sessions) == {Method.SIX_HATS, Method.ORID, Method.FORCE_FIELD}
    assert sessions[Method.SIX_HATS].comments.count() == 40  # every six-hats comment of the 2011 workshop
    assert set(sessions[Method.SIX_HATS].comments.values_list("method_step", flat=True)) == {
        "white",
        "red",
        "black",
        "yellow",
        "green",
        "blue",
    }
    assert sessions[Method.ORID].comments.count() == 30
    assert sessions[Method.FORCE_FIELD].status == "ready"


# --- service_directory ---
def test_bexleys_six_vcs_groups_have_published_services_and_one_change_waits(bexley, client):
    from coproduce.demo.data import bexley as spec
    from coproduce.service_directory import oruk_schema
    from coproduce.service_directory.models import ChangeStatus, Service, ServiceChange

    published = Service.objects.filter(organisation__area=bexley, is_published=True)
    assert set(published.values_list("organisation__name", flat=True)) == set(spec.VCS_GROUPS)
    page = client.get("/api/oruk/services", {"per_page": 100}).json()
    assert oruk_schema.problems(oruk_schema.response_validator("/services"), page) == []
    assert page["total_items"] == published.count()
    for service in published:
        offer = service.offer()
        assert offer.taxonomy_term_names and offer.postcodes and offer.times
    pending = ServiceChange.objects.get(status=ChangeStatus.PENDING)
    assert pending.service.organisation.name == spec.FORUM and pending.submitted_by.username == "vcs"
    # The published listing is what the API shows while the change waits.
    body = client.get(f"/api/oruk/services/{pending.service.pk}").json()
    assert {s["byday"] for s in body["schedules"]} == {"TU,TH"}
    count = Service.objects.count()
    load_demo()
    assert Service.objects.count() == count and ServiceChange.objects.count() == 1
