"""Consensus across roles from agree / disagree / pass votes on statements, as Pol.is measures it.

Plain data in, plain data out (no Django): the web app hands over votes and shows what comes back.
Agreement is the share of a role's votes on a statement that were "agree" (a pass counts as a vote
that did not agree), with a Wilson 95% interval from scipy. Opinion groups, their agreement and
representative statements are Pol.is's (``polis_math``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from scipy.stats import binomtest

from coproduce.analysis.polis_math import (
    ClusterState,
    PolisParams,
    PolisResult,
    Representative,
    common_ground,
    compute,
)

AGREE, DISAGREE, PASS = "agree", "disagree", "pass"
VOTE_VALUE = {AGREE: 1.0, DISAGREE: -1.0, PASS: 0.0}


@dataclass(frozen=True)
class Vote:
    statement: int
    participant: int
    role: str
    choice: str  # agree, disagree or pass


@dataclass(frozen=True)
class ConsensusRules:
    """When a statement counts as common ground or divisive. Roles with fewer votes are not judged."""

    min_votes_per_role: int = 3
    common_ground_share: float = 0.6  # agreement at least this in every judged role
    min_roles: int = 2  # common ground needs at least this many judged roles
    divisive_gap: float = 0.4  # agreement in one role this much above another
    # Opinion groups need enough people and statements to mean anything.
    min_participants_for_groups: int = 8
    min_statements_for_groups: int = 3
    max_groups: int = 5  # Pol.is's max-k


@dataclass(frozen=True)
class Share:
    agree: int
    disagree: int
    passed: int
    share: float  # agree / all votes
    low: float  # Wilson 95% interval
    high: float

    @property
    def votes(self) -> int:
        return self.agree + self.disagree + self.passed


@dataclass(frozen=True)
class GroupShare:
    """One opinion group's votes on a statement, and its smoothed agreement (agrees + 1) / (votes + 2)."""

    agree: int
    disagree: int
    votes: int
    smoothed: float


@dataclass
class StatementResult:
    statement: int
    overall: Share
    by_role: dict[str, Share]
    judged_roles: list[str]  # roles with enough votes to be judged
    common_ground: bool  # across roles
    divisive: bool
    gap: float  # largest difference in agreement between judged roles
    by_group: list[GroupShare] = field(default_factory=list)  # opinion group number - 1 → its votes
    group_consensus: float | None = None  # Pol.is's group-aware consensus (product over groups)
    groups_common_ground: bool = False  # common ground across opinion groups

    @property
    def agreed_message(self) -> bool:
        """Every judged role and every opinion group agrees: the clear message the case study asks for."""
        return self.common_ground and self.groups_common_ground


@dataclass
class OpinionGroup:
    number: int
    participants: list[int]
    roles: dict[str, int]  # people in the group by role
    # Its representative statements (Pol.is's repness), as (statement, group agreement, everyone else's).
    distinctive: list[tuple[int, float, float]] = field(default_factory=list)
    representative: list[Representative] = field(default_factory=list)


@dataclass
class ConsensusResult:
    statements: list[StatementResult]
    groups: list[OpinionGroup]
    groups_reason: str  # why there are (or are not) opinion groups
    participants: int
    votes: int
    state: ClusterState | None = None  # hand to the next refresh


def wilson_share(agree: int, disagree: int, passed: int) -> Share:
    n = agree + disagree + passed
    if n == 0:
        return Share(0, 0, 0, 0.0, 0.0, 1.0)
    interval = binomtest(agree, n).proportion_ci(confidence_level=0.95, method="wilson")
    return Share(agree, disagree, passed, agree / n, float(interval.low), float(interval.high))


def _share_of(counts: dict[str, int]) -> Share:
    return wilson_share(counts[AGREE], counts[DISAGREE], counts[PASS])


def statement_results(
    votes: Iterable[Vote], statements: Sequence[int], rules: ConsensusRules
) -> list[StatementResult]:
    overall: dict[int, dict[str, int]] = {s: defaultdict(int) for s in statements}
    by_role: dict[int, dict[str, dict[str, int]]] = {
        s: defaultdict(lambda: defaultdict(int)) for s in statements
    }
    for vote in votes:
        if vote.statement not in overall:
            continue
        overall[vote.statement][vote.choice] += 1
        by_role[vote.statement][vote.role][vote.choice] += 1

    results = []
    for statement in statements:
        roles = {role: _share_of(counts) for role, counts in sorted(by_role[statement].items())}
        judged = [role for role, share in roles.items() if share.votes >= rules.min_votes_per_role]
        shares = [roles[role].share for role in judged]
        gap = max(shares) - min(shares) if len(shares) >= 2 else 0.0
        results.append(
            StatementResult(
                statement=statement,
                overall=_share_of(overall[statement]),
                by_role=roles,
                judged_roles=judged,
                common_ground=len(judged) >= rules.min_roles
                and all(share >= rules.common_ground_share for share in shares),
                divisive=len(judged) >= 2 and gap >= rules.divisive_gap,
                gap=gap,
            )
        )
    return results


def vote_matrix(
    votes: Sequence[Vote], statements: Sequence[int]
) -> tuple[list[int], list[int], np.ndarray, dict[int, str]]:
    """The participants (in id order), the statements voted on (in id order), the participants ×
    statements matrix (agree 1, disagree -1, pass 0, unseen NaN) and each participant's latest role."""
    people = sorted({v.participant for v in votes})
    voted_on = sorted({v.statement for v in votes} & set(statements))
    row = {p: i for i, p in enumerate(people)}
    column = {s: j for j, s in enumerate(voted_on)}
    matrix = np.full((len(people), len(voted_on)), np.nan)
    role_of: dict[int, str] = {}
    for vote in votes:
        if vote.statement in column:
            matrix[row[vote.participant], column[vote.statement]] = VOTE_VALUE[vote.choice]
            role_of[vote.participant] = vote.role
    return people, voted_on, matrix, role_of


def opinion_groups(
    votes: Sequence[Vote],
    statements: Sequence[int],
    rules: ConsensusRules,
    *,
    moderated_out: Iterable[int] = (),
    state: ClusterState | None = None,
) -> tuple[list[OpinionGroup], str, PolisResult | None]:
    """Opinion groups as Pol.is computes them (``polis_math.compute``): people with at least 7 votes,
    PCA with the sparsity-aware projection, 100 base clusters, then 2 to 5 groups by silhouette, held
    steady across refreshes by ``state``. Groups are numbered in Pol.is's order, which stays put across
    refreshes; the result does not depend on the order the votes arrive in."""
    people, voted_on, matrix, role_of = vote_matrix(votes, statements)
    if len(people) < rules.min_participants_for_groups or len(voted_on) < rules.min_statements_for_groups:
        return (
            [],
            f"Opinion groups appear once at least {rules.min_participants_for_groups} people have voted "
            f"on at least {rules.min_statements_for_groups} statements "
            f"(so far {len(people)} people, {len(voted_on)} statements).",
            None,
        )
    hidden = set(moderated_out)
    result = compute(
        matrix,
        people,
        voted_on,
        np.array([s in hidden for s in voted_on], dtype=bool),
        params=replace(PolisParams(), max_k=rules.max_groups),
        state=state,
    )
    if not result.groups:
        return [], result.reason, result
    agree = matrix == 1.0
    seen = ~np.isnan(matrix)
    row = {p: i for i, p in enumerate(people)}
    column = {s: j for j, s in enumerate(voted_on)}
    everyone = np.array([row[p] for p in result.in_conv], dtype=int)

    def agreement(rows: np.ndarray, j: int) -> float:
        n = int(seen[rows, j].sum())
        return float(agree[rows, j].sum() / n) if n else 0.0

    groups = []
    for number, (members, representative) in enumerate(
        zip(result.groups, result.representative, strict=True), start=1
    ):
        inside = np.array([row[p] for p in members], dtype=int)
        outside = np.setdiff1d(everyone, inside)
        roles: dict[str, int] = defaultdict(int)
        for person in members:
            roles[role_of[person]] += 1
        groups.append(
            OpinionGroup(
                number=number,
                participants=list(members),
                roles=dict(sorted(roles.items())),
                distinctive=[
                    (
                        r.statement,
                        agreement(inside, column[r.statement]),
                        agreement(outside, column[r.statement]),
                    )
                    for r in representative
                ],
                representative=representative,
            )
        )
    return groups, result.reason, result


def group_common_ground(
    results: list[StatementResult], polis: PolisResult | None, rules: ConsensusRules
) -> None:
    """Fill in each statement's agreement by opinion group and Pol.is's group-aware consensus; a statement
    is common ground across the groups when every group has enough votes on it and its smoothed agreement
    (agrees + 1) / (votes + 2) is at least the common-ground share in every one."""
    if polis is None or not polis.groups:
        return
    column = {s: j for j, s in enumerate(polis.statements)}
    agreed = {
        polis.statements[j]
        for j in common_ground(polis, share=rules.common_ground_share, min_votes=rules.min_votes_per_role)
    }
    for result in results:
        j = column.get(result.statement)
        if j is None or polis.moderated_out[j]:
            continue
        counts = polis.group_votes[:, j, :]
        result.by_group = [
            GroupShare(int(a), int(d), int(n), float(p))
            for (a, d, n), p in zip(counts.tolist(), polis.group_agreement[:, j].tolist(), strict=True)
        ]
        result.group_consensus = float(polis.consensus[j])
        result.groups_common_ground = result.statement in agreed


def consensus(
    votes: Iterable[Vote],
    statements: Sequence[int],
    rules: ConsensusRules | None = None,
    *,
    moderated_out: Iterable[int] = (),
    state: ClusterState | None = None,
) -> ConsensusResult:
    """Agreement by role on each statement, and opinion groups with their common ground. ``state`` is the
    last refresh's ``ConsensusResult.state`` (k-smoothing and warm starts); ``moderated_out`` statements
    are left out of the groups and their statistics."""
    rules = rules or ConsensusRules()
    votes = list(votes)
    groups, reason, polis = opinion_groups(votes, statements, rules, moderated_out=moderated_out, state=state)
    results = statement_results(votes, statements, rules)
    group_common_ground(results, polis, rules)
    return ConsensusResult(
        statements=results,
        groups=groups,
        groups_reason=reason,
        participants=len({v.participant for v in votes}),
        votes=len(votes),
        state=polis.state if polis is not None else state,
    )
