"""Reads for statements and votes: the consensus results of an event."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max

from coproduce.analysis.consensus import ConsensusResult, GroupShare, Share, StatementResult
from coproduce.analysis.consensus import Vote as VoteRecord
from coproduce.analysis.consensus import consensus as compute_consensus
from coproduce.analysis.polis_math import Representative
from coproduce.consensus.models import Statement, StatementStatus, Vote
from coproduce.core.exports import Table
from coproduce.directory.models import Role
from coproduce.engagement.models import Event

ROLE_LABELS = dict(Role.choices)


@dataclass
class StatementRow:
    statement: Statement
    result: StatementResult

    def roles(self) -> list[tuple[str, Share, bool]]:
        """(role label, share, judged) for each role that voted, in the order roles are listed."""
        return [
            (ROLE_LABELS[role], self.result.by_role[role], role in self.result.judged_roles)
            for role in ROLE_LABELS
            if role in self.result.by_role
        ]

    def groups(self) -> list[tuple[int, GroupShare, bool]]:
        """(group number, its votes, judged) for each opinion group."""
        return [
            (number, share, share.votes >= 3) for number, share in enumerate(self.result.by_group, start=1)
        ]


@dataclass
class GroupRow:
    number: int
    size: int
    roles: list[tuple[str, int]]  # (role label, people)
    distinctive: list[tuple[Statement, float, float]]  # statement, group's agreement, everyone else's
    representative: list[tuple[Statement, Representative]]


@dataclass
class EventConsensus:
    rows: list[StatementRow]
    result: ConsensusResult
    groups: list[GroupRow]

    @property
    def common_ground(self) -> list[StatementRow]:
        return [row for row in self.rows if row.result.common_ground]

    @property
    def divisive(self) -> list[StatementRow]:
        return [row for row in self.rows if row.result.divisive]

    @property
    def groups_common_ground(self) -> list[StatementRow]:
        """Common ground across opinion groups, highest group-aware consensus first."""
        rows = [row for row in self.rows if row.result.groups_common_ground]
        return sorted(rows, key=lambda row: -(row.result.group_consensus or 0.0))

    @property
    def agreed_message(self) -> list[StatementRow]:
        """What every role and every opinion group agrees on."""
        return [row for row in self.groups_common_ground if row.result.common_ground]


# A computed result is kept until the votes change; the k-smoothing state, between refreshes, for a day
# of quiet (Pol.is keeps it with the conversation).
RESULT_TIMEOUT = 60 * 60
STATE_TIMEOUT = 24 * 60 * 60


def vote_state_key(event: Event, statements: list[Statement], *, public: bool) -> str:
    """A cache key that changes whenever a vote is cast, changed or withdrawn, or a statement is added,
    taken down or put back: (event, votes, last vote id, last change, the statements shown)."""
    state = Vote.objects.filter(statement__event=event).aggregate(
        n=Count("pk"), last=Max("pk"), changed=Max("updated_at")
    )
    shown = ",".join(f"{s.pk}{'w' if s.withdrawn_reason else ''}" for s in statements)
    digest = hashlib.sha256(shown.encode()).hexdigest()[:16]
    changed = state["changed"].isoformat() if state["changed"] else "-"
    return f"consensus:{event.pk}:{int(public)}:{state['n']}:{state['last']}:{changed}:{digest}"


def _compute(event: Event, statements: list[Statement], *, public: bool) -> ConsensusResult:
    records = [
        VoteRecord(statement, person, role, choice)
        for statement, person, role, choice in Vote.objects.filter(statement__event=event).values_list(
            "statement_id", "person_id", "role", "choice"
        )
    ]
    state_key = f"consensus-state:{event.pk}:{int(public)}"
    result = compute_consensus(
        records,
        [s.pk for s in statements],
        moderated_out=[s.pk for s in statements if s.withdrawn_reason],
        state=cache.get(state_key),
    )
    if result.state is not None:
        cache.set(state_key, result.state, STATE_TIMEOUT)
    return result


def event_consensus(event: Event, *, public: bool = False) -> EventConsensus:
    """Where the roles and the opinion groups agree on the event's statements; ``public`` leaves out
    statements taken down because they quoted words a facilitator has since moderated (taken-down
    statements are left out of the opinion groups either way, as Pol.is leaves out moderated ones).

    The computation runs once per state of the votes: a refresh with no new vote reads the last result,
    and each new computation starts from the last one's groups (Pol.is's k-smoothing). Participants'
    statements count once a facilitator has approved them."""
    approved = event.statements.filter(status=StatementStatus.APPROVED)
    statements = list(approved.filter(withdrawn_reason="") if public else approved)
    key = vote_state_key(event, statements, public=public)
    result = cache.get(key)
    if result is None:
        result = _compute(event, statements, public=public)
        cache.set(key, result, RESULT_TIMEOUT)
    by_pk = {s.pk: s for s in statements}
    rows = [StatementRow(by_pk[r.statement], r) for r in result.statements]
    groups = [
        GroupRow(
            number=g.number,
            size=len(g.participants),
            roles=[(ROLE_LABELS.get(role, role), n) for role, n in g.roles.items()],
            distinctive=[(by_pk[s], mine, theirs) for s, mine, theirs in g.distinctive],
            representative=[(by_pk[r.statement], r) for r in g.representative],
        )
        for g in result.groups
    ]
    return EventConsensus(rows, result, groups)


def participant_votes(event: Event, person_id: int) -> dict[int, str]:
    return dict(
        Vote.objects.filter(statement__event=event, person_id=person_id).values_list("statement_id", "choice")
    )


def vote_tables(event: Event) -> list[Table]:
    """The event's votes, one row each, and agreement by statement and role, for export.

    Participants appear as P1, P2 … numbered in the order they first voted, never by name or id.
    """
    votes = (
        Vote.objects.filter(statement__event=event).select_related("statement").order_by("created_at", "pk")
    )
    numbers: dict[int, str] = {}
    vote_rows = []
    for vote in votes:
        who = numbers.setdefault(vote.person_id, f"P{len(numbers) + 1}")
        vote_rows.append(
            [
                vote.statement_id,
                vote.statement.text,
                who,
                ROLE_LABELS.get(vote.role, vote.role),
                vote.choice,
                vote.updated_at.isoformat(timespec="seconds"),
            ]
        )
    consensus = event_consensus(event)
    share_rows = []
    for row in consensus.rows:
        marks = "common ground" if row.result.common_ground else "divisive" if row.result.divisive else ""
        for label, share, judged in row.roles():
            share_rows.append(
                [
                    row.statement.pk,
                    row.statement.text,
                    label,
                    share.agree,
                    share.disagree,
                    share.passed,
                    round(share.share, 4),
                    round(share.low, 4),
                    round(share.high, 4),
                    "yes" if judged else "no",
                    marks,
                ]
            )
    return [
        Table("Votes", ["statement_id", "statement", "participant", "role", "vote", "voted_at"], vote_rows),
        Table(
            "Agreement by role",
            [
                "statement_id",
                "statement",
                "role",
                "agree",
                "disagree",
                "pass",
                "agreement",
                "wilson_low",
                "wilson_high",
                "judged",
                "statement_is",
            ],
            share_rows,
        ),
    ]
