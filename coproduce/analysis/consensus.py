"""Consensus across roles from agree / disagree / pass votes on statements, as Pol.is measures it.

Plain data in, plain data out (no Django): the web app hands over votes and shows what comes back.
Agreement is the share of a role's votes on a statement that were "agree" (a pass counts as a vote
that did not agree), with a Wilson 95% interval from scipy.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.stats import binomtest

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
    max_groups: int = 4


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


@dataclass
class StatementResult:
    statement: int
    overall: Share
    by_role: dict[str, Share]
    judged_roles: list[str]  # roles with enough votes to be judged
    common_ground: bool
    divisive: bool
    gap: float  # largest difference in agreement between judged roles


@dataclass
class OpinionGroup:
    number: int
    participants: list[int]
    roles: dict[str, int]  # people in the group by role
    # Statements that set the group apart: (statement, group agreement, everyone else's agreement).
    distinctive: list[tuple[int, float, float]] = field(default_factory=list)


@dataclass
class ConsensusResult:
    statements: list[StatementResult]
    groups: list[OpinionGroup]
    groups_reason: str  # why there are (or are not) opinion groups
    participants: int
    votes: int


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


def opinion_groups(
    votes: Sequence[Vote], statements: Sequence[int], rules: ConsensusRules
) -> tuple[list[OpinionGroup], str]:
    """Pol.is-style groups: PCA of the participant × statement vote matrix, then k-means.

    The number of groups (2..max_groups) is the one with the best silhouette; groups are numbered by
    size, largest first, and the result does not depend on the order the votes arrive in.
    """
    from sklearn.cluster import KMeans
    from sklearn.decomposition import PCA
    from sklearn.metrics import silhouette_score

    people = sorted({v.participant for v in votes})
    voted_on = sorted({v.statement for v in votes} & set(statements))
    if len(people) < rules.min_participants_for_groups or len(voted_on) < rules.min_statements_for_groups:
        return [], (
            f"Opinion groups appear once at least {rules.min_participants_for_groups} people have voted "
            f"on at least {rules.min_statements_for_groups} statements "
            f"(so far {len(people)} people, {len(voted_on)} statements)."
        )
    row = {p: i for i, p in enumerate(people)}
    column = {s: j for j, s in enumerate(voted_on)}
    matrix = np.zeros((len(people), len(voted_on)))  # unseen and passed are both 0, as in Pol.is
    voted = np.zeros_like(matrix, dtype=bool)
    role_of: dict[int, str] = {}
    for vote in votes:
        if vote.statement in column:
            matrix[row[vote.participant], column[vote.statement]] = VOTE_VALUE[vote.choice]
            voted[row[vote.participant], column[vote.statement]] = True
            role_of[vote.participant] = vote.role

    components = min(2, len(voted_on), len(people) - 1)
    points = PCA(n_components=components, random_state=0).fit_transform(matrix)
    best: tuple[float, np.ndarray] | None = None
    # People who voted identically are one point; there cannot be more groups than distinct points.
    distinct = len(np.unique(points.round(9), axis=0))
    for k in range(2, min(rules.max_groups, len(people) - 1, distinct) + 1):
        labels = KMeans(k, n_init=10, random_state=0).fit_predict(points)
        if len(set(labels)) < 2:
            continue
        score = float(silhouette_score(points, labels))
        if best is None or score > best[0] + 1e-9:
            best = (score, labels)
    if best is None:
        return [], "Everyone voted alike, so there are no separate opinion groups."

    score, labels = best
    members: dict[int, list[int]] = defaultdict(list)
    for person, label in zip(people, labels, strict=True):
        members[int(label)].append(person)
    ordered = sorted(members.values(), key=lambda group: (-len(group), group[0]))
    agree = matrix == 1.0

    def agreement(rows: np.ndarray, j: int) -> float:
        n = int(voted[rows, j].sum())
        return float(agree[rows, j].sum() / n) if n else 0.0

    groups = []
    for number, group in enumerate(ordered, start=1):
        inside = np.array([row[p] for p in group])
        outside = np.setdiff1d(np.arange(len(people)), inside)
        rows = []
        for statement, j in column.items():
            mine, theirs = agreement(inside, j), agreement(outside, j)
            rows.append((abs(mine - theirs), statement, mine, theirs))
        rows.sort(key=lambda r: (-r[0], r[1]))
        roles: dict[str, int] = defaultdict(int)
        for person in group:
            roles[role_of[person]] += 1
        groups.append(
            OpinionGroup(
                number=number,
                participants=group,
                roles=dict(sorted(roles.items())),
                distinctive=[(s, mine, theirs) for _, s, mine, theirs in rows[:3]],
            )
        )
    return (
        groups,
        f"{len(groups)} groups, the number with the best silhouette ({score:.2f}) from 2 to {rules.max_groups}.",
    )


def consensus(
    votes: Iterable[Vote], statements: Sequence[int], rules: ConsensusRules | None = None
) -> ConsensusResult:
    rules = rules or ConsensusRules()
    votes = list(votes)
    groups, reason = opinion_groups(votes, statements, rules)
    return ConsensusResult(
        statements=statement_results(votes, statements, rules),
        groups=groups,
        groups_reason=reason,
        participants=len({v.participant for v in votes}),
        votes=len(votes),
    )
