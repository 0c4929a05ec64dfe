"""The results page computes the groups once per state of the votes and keeps Pol.is's k-smoothing state."""

import pytest
from django.core.cache import cache

from coproduce.analysis.polis_math import ClusterState
from coproduce.consensus import selectors, services
from coproduce.consensus.models import Vote
from coproduce.directory.models import Role
from tests.factories import EventFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_with_two_camps():
    event = EventFactory()
    statements = [services.statement_create(event=event, text=f"Statement {i}") for i in range(4)]
    people = [PersonFactory(area=event.area) for _ in range(10)]
    for n, person in enumerate(people):
        role = Role.VCS_PROVIDER if n < 5 else Role.LA_PROFESSIONAL
        for i, statement in enumerate(statements):
            agrees = i == 0 or (i % 2 == n % 2)
            Vote.objects.create(
                statement=statement, person=person, role=role, choice="agree" if agrees else "disagree"
            )
    return event, statements, people


def test_a_refresh_with_no_new_vote_reads_the_last_result(monkeypatch, event_with_two_camps):
    event, statements, people = event_with_two_camps
    calls = []
    real = selectors.compute_consensus
    monkeypatch.setattr(selectors, "compute_consensus", lambda *a, **k: calls.append(1) or real(*a, **k))
    first = selectors.event_consensus(event)
    again = selectors.event_consensus(event)
    assert len(calls) == 1
    assert [g.size for g in again.groups] == [g.size for g in first.groups] == [5, 5]
    assert [row.statement.text for row in first.agreed_message] == ["Statement 0"]
    # The k-smoothing state is kept for the next refresh.
    assert isinstance(cache.get(f"consensus-state:{event.pk}:0"), ClusterState)
    # A changed vote is a new state of the votes: computed again.
    vote = Vote.objects.filter(statement=statements[1]).first()
    vote.choice = "pass"
    vote.save()
    selectors.event_consensus(event)
    assert len(calls) == 2
    # The public page shows a different set of statements: its own result and state.
    selectors.event_consensus(event, public=True)
    assert len(calls) == 3


def test_a_withdrawn_statement_is_left_out_of_the_opinion_groups(event_with_two_camps):
    event, statements, _ = event_with_two_camps
    statements[0].withdrawn_reason = "Quoted a hidden comment"
    statements[0].save()
    consensus = selectors.event_consensus(event)
    withdrawn = next(row for row in consensus.rows if row.statement.pk == statements[0].pk)
    assert withdrawn.result.by_group == [] and not withdrawn.result.groups_common_ground
    assert all(s.pk != statements[0].pk for g in consensus.groups for s, _ in g.representative)
