"""Reads for statements and votes: the consensus results of an event."""

from __future__ import annotations

from dataclasses import dataclass

from coproduce.analysis.consensus import ConsensusResult, Share, StatementResult
from coproduce.analysis.consensus import Vote as VoteRecord
from coproduce.analysis.consensus import consensus as compute_consensus
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


@dataclass
class GroupRow:
    number: int
    size: int
    roles: list[tuple[str, int]]  # (role label, people)
    distinctive: list[tuple[Statement, float, float]]  # statement, group's agreement, everyone else's


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


def event_consensus(event: Event, *, public: bool = False) -> EventConsensus:
    """Where the roles agree on the event's statements; ``public`` leaves out statements taken down
    because they quoted words a facilitator has since moderated. Participants' statements count once a
    facilitator has approved them."""
    approved = event.statements.filter(status=StatementStatus.APPROVED)
    statements = list(approved.filter(withdrawn_reason="") if public else approved)
    records = [
        VoteRecord(statement, person, role, choice)
        for statement, person, role, choice in Vote.objects.filter(statement__event=event).values_list(
            "statement_id", "person_id", "role", "choice"
        )
    ]
    result = compute_consensus(records, [s.pk for s in statements])
    by_pk = {s.pk: s for s in statements}
    rows = [StatementRow(by_pk[r.statement], r) for r in result.statements]
    groups = [
        GroupRow(
            number=g.number,
            size=len(g.participants),
            roles=[(ROLE_LABELS.get(role, role), n) for role, n in g.roles.items()],
            distinctive=[(by_pk[s], mine, theirs) for s, mine, theirs in g.distinctive],
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
