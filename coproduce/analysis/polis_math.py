"""Opinion groups, group-aware consensus and representative statements, computed as Pol.is computes them.

Why not the ``red-dwarf`` library (PyPI, 0.4.0)? It was checked first: its own ``run_pipeline`` docstring
says it still lacks Pol.is's base clusters ("so can't match output of conversations larger than 100
participants") and k-smoothing, and it pulls in requests-cache, requests-ratelimiter and fake-useragent (for
downloading conversations) that a council server has no use for. So each step is written here in numpy,
following Pol.is's own math (github.com/compdemocracy/polis, ``math/src/polismath/math/``:
``conversation.clj``, ``pca.clj``, ``clusters.clj``, ``repness.clj``, ``stats.clj``); the comment on each
step names the function it follows. Where red-dwarf does the same step, it is cited too.

Plain arrays in, plain data out; no Django. There is no randomness anywhere (Pol.is seeds its k-means with
the first distinct points, and PCA here is exact), so the same votes always give the same groups, whatever
order the votes arrived in: participants and statements are taken in id order.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import threadpool_limits

AGREE, DISAGREE, PASS = 1.0, -1.0, 0.0


@dataclass(frozen=True)
class PolisParams:
    """Pol.is's published defaults (``conversation.clj`` ``base-conv-update-graph`` ``:opts'``, and the
    ``in-conv`` rule); change them only to study the method, never to fit one conversation."""

    min_votes: int = 7  # in-conv: at least min(7, statements) votes
    greedy_n: int = 15  # in-conv: if fewer, the most active voters are added up to 15
    base_k: int = 100
    base_iters: int = 100
    max_k: int = 5
    # The group k-means runs at most 20 steps: conversation.clj passes (:group-iters opts') = 100 as
    # :cluster-iters, a keyword clusters.clj kmeans does not take, so its own default, :max-iters 20, holds.
    group_iters: int = 20
    group_k_buffer: int = 4  # k-smoothing: a new k is taken after it is best this many refreshes running
    same_clustering_threshold: float = 0.01  # clusters.clj same-clustering?
    z_90: float = 1.2816  # stats.clj z-sig-90?
    representative_max: int = 5  # repness.clj select-rep-comments (take 5)
    # How the PCA fills a vote never cast: "mean", the statement's mean vote (Pol.is since commit 90b5b9e62,
    # 2017-10-21), or "zero", as a pass (Pol.is before it: conversation.clj :mat "swap nils for zeros").
    missing_votes: str = "mean"
    # Whether a moderated-out (or meta) statement's zeroed column counts as a vote for everyone in the
    # in-conv vote counts. Before that same commit Pol.is counted :user-vote-counts on the zeroed
    # rating matrix; since, on the raw one (the "raw-rating-mat split").
    count_zeroed_as_votes: bool = False

    @classmethod
    def before_2017_10_21(cls) -> PolisParams:
        """Pol.is's math as it ran until commit 90b5b9e62 (2017-10-21, "missing-vote fill 0 → column-mean;
        raw-rating-mat split", compdemocracy/polis delphi/docs/MATH_ALGORITHM_HISTORY.md): unseen votes
        filled with 0 in the PCA, and the zeroed columns of moderated-out and meta statements counted as
        votes when deciding who is in the conversation. Only to reproduce groups Pol.is computed then
        (exports of conversations whose last vote is older); coproduce itself uses the defaults."""
        return cls(missing_votes="zero", count_zeroed_as_votes=True)


@dataclass
class Cluster:
    id: int
    members: list[int]  # participant ids (base clusters) or base cluster ids (groups)
    center: np.ndarray


@dataclass
class ClusterState:
    """What Pol.is keeps between refreshes of a conversation: who is in the conversation (once in, always
    in), the base clusters and each k's group clustering (warm starts), and the k-smoother."""

    in_conv: set[int] = field(default_factory=set)
    base_clusters: list[Cluster] = field(default_factory=list)
    group_clusterings: dict[int, list[Cluster]] = field(default_factory=dict)
    last_k: int | None = None
    last_k_count: int = 0
    smoothed_k: int | None = None


@dataclass(frozen=True)
class Representative:
    """A statement that sets a group apart (repness.clj finalize-cmt-stats)."""

    statement: int
    repful_for: str  # "agree" or "disagree"
    n_success: int  # the group's agrees (or disagrees)
    n_trials: int  # the group's votes on it
    p_success: float  # (n_success + 1) / (n_trials + 2)
    p_test: float  # z of the group's own proportion
    repness: float  # the group's proportion over everyone else's
    repness_test: float  # z of the two-proportion test, group against everyone else
    best_agree: bool = False


@dataclass
class PolisResult:
    participants: tuple[int, ...]  # every participant with a vote, in id order
    statements: tuple[int, ...]  # every statement column, in id order
    projection: np.ndarray  # participants × 2
    in_conv: tuple[int, ...]  # the participants clustered
    group_of: dict[int, int]  # participant id → group number (1, 2, …), for in-conv participants
    groups: list[list[int]]  # group number - 1 → participant ids
    silhouettes: dict[int, float]  # k → silhouette of that group clustering
    best_k: int | None  # the k with the best silhouette this time
    n_groups: int  # the smoothed k actually shown
    group_votes: np.ndarray  # groups × statements × 3: agrees, disagrees, votes seen (in-conv only)
    group_agreement: np.ndarray  # groups × statements: (agrees + 1) / (seen + 2)
    consensus: np.ndarray  # per statement: the product over groups of group_agreement (NaN if moderated out)
    representative: list[list[Representative]]  # group number - 1 → its representative statements
    moderated_out: np.ndarray
    state: ClusterState
    reason: str


# --- Who is clustered -----------------------------------------------------------------------------------


def in_conversation(
    vote_counts: np.ndarray,
    participants: Sequence[int],
    n_statements: int,
    params: PolisParams,
    previous: set[int],
) -> set[int]:
    """conversation.clj ``:in-conv``: everyone already in, plus anyone with at least min(7, statements)
    votes; if that leaves fewer than 15, the most active others are added until there are 15."""
    in_conv = set(previous) & set(participants)
    threshold = min(params.min_votes, n_statements)
    in_conv.update(p for p, n in zip(participants, vote_counts.tolist(), strict=True) if n >= threshold)
    if len(in_conv) < params.greedy_n:
        # sort-by (comp - second): most votes first; ties in id order (stable sort), participants with no
        # vote at all never count
        others = sorted(
            (
                (-n, p)
                for p, n in zip(participants, vote_counts.tolist(), strict=True)
                if p not in in_conv and n > 0
            )
        )
        in_conv.update(p for _, p in others[: params.greedy_n - len(in_conv)])
    return in_conv


# --- PCA and the sparsity-aware projection ---------------------------------------------------------------


def pca_components(
    rating: np.ndarray, n_comps: int = 2, missing_votes: str = "mean"
) -> tuple[np.ndarray, np.ndarray]:
    """conversation.clj ``:mat`` then pca.clj ``powerit-pca``: unseen votes replaced by the column's mean
    (``missing_votes="zero"``: by 0, as Pol.is did before 2017-10-21), the columns centred (pca.clj
    ``(- data center)``, center the column means of the filled matrix), and the first principal components. Pol.is finds them by power iteration (100
    iterations from the last refresh's vectors); here they are computed exactly, from the eigenvectors of
    XᵀX (statements × statements, so cheap however many people vote). Returns (center, components); each
    component's sign is fixed (largest entry positive) so that results do not flip between runs."""
    seen = ~np.isnan(rating)
    counts = seen.sum(axis=0)
    sums = np.where(seen, rating, 0.0).sum(axis=0)
    if missing_votes == "zero":
        center = sums / rating.shape[0]  # the mean of the column with every unseen vote a 0
        centred = np.where(seen, rating, 0.0) - center
    elif missing_votes == "mean":
        center = np.divide(sums, counts, out=np.zeros(rating.shape[1]), where=counts > 0)
        centred = np.where(seen, rating - center, 0.0)  # an imputed mean minus the mean is 0
    else:
        raise ValueError(f"missing_votes must be 'mean' or 'zero', not {missing_votes!r}")
    values, vectors = np.linalg.eigh(centred.T @ centred)
    order = np.argsort(values)[::-1][: min(n_comps, *rating.shape)]
    comps = vectors[:, order].T
    for comp in comps:
        if comp[np.argmax(np.abs(comp))] < 0:
            comp *= -1
    if len(comps) < n_comps:  # fewer statements or people than components: pad with zero components
        comps = np.vstack([comps, np.zeros((n_comps - len(comps), rating.shape[1]))])
    return center, comps


def sparsity_aware_projection(rating: np.ndarray, center: np.ndarray, comps: np.ndarray) -> np.ndarray:
    """pca.clj ``sparsity-aware-project-ptpt``: each participant's projection uses only the votes they cast
    (vote - center, dotted with each component), scaled by sqrt(statements / statements they voted on), so
    people who voted on little are pushed out from the centre rather than bunched in it. (red-dwarf:
    ``SparsityAwareScaler``.)"""
    seen = ~np.isnan(rating)
    centred = np.where(seen, rating - center, 0.0)
    n_voted = seen.sum(axis=1)
    scale = np.sqrt(rating.shape[1] / np.maximum(n_voted, 1))
    return (centred @ comps.T) * scale[:, None]


# --- k-means as clusters.clj does it ---------------------------------------------------------------------


def _weighted_mean(points: np.ndarray, weights: np.ndarray | None) -> np.ndarray:
    if weights is None:
        return points.mean(axis=0)
    return (points * weights[:, None]).sum(axis=0) / weights.sum()


def init_clusters(positions: np.ndarray, k: int) -> list[Cluster]:
    """clusters.clj ``init-clusters``: the first k distinct points, in data order, as centres."""
    _, first = np.unique(positions, axis=0, return_index=True)
    return [Cluster(i, [], positions[index].copy()) for i, index in enumerate(sorted(first.tolist())[:k])]


def clean_start_clusters(
    ids: np.ndarray, positions: np.ndarray, clusters: list[Cluster], k: int, weights: np.ndarray | None
) -> list[Cluster]:
    """clusters.clj ``clean-start-clusters``: last refresh's clusters recentred on their members' new
    positions (those gone are dropped), identical ones merged, then, while there could be more clusters,
    the point farthest from its centre is split off as a new one."""
    row = {int(m): i for i, m in enumerate(ids.tolist())}
    kept: list[Cluster] = []
    for cluster in clusters:  # safe-recenter-clusters
        rows = [row[m] for m in cluster.members if m in row]
        if rows:
            w = weights[rows] if weights is not None else None
            kept.append(Cluster(cluster.id, [int(ids[r]) for r in rows], _weighted_mean(positions[rows], w)))
    if not kept:
        return init_clusters(positions, k)
    merged: list[Cluster] = []  # uniqify-clusters
    for cluster in kept:
        same = next((c for c in merged if np.array_equal(c.center, cluster.center)), None)
        if same is None:
            merged.append(cluster)
        else:
            same.members = same.members + cluster.members
    possible = min(k, len(np.unique(positions, axis=0)))
    clusters = merged
    while True:
        for cluster in clusters:  # recenter-clusters
            rows = [row[m] for m in cluster.members]
            if rows:
                cluster.center = _weighted_mean(
                    positions[rows], weights[rows] if weights is not None else None
                )
        if len(clusters) >= possible:
            return clusters
        centers = np.array([c.center for c in clusters])
        nearest = np.sqrt(((positions[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)).min(axis=1)
        far = int(np.argmax(nearest))  # most-distal
        if nearest[far] <= 0:
            return clusters
        member = int(ids[far])
        for cluster in clusters:
            cluster.members = [m for m in cluster.members if m != member]
        clusters = [c for c in clusters if c.members] + [
            Cluster(max(c.id for c in clusters) + 1, [member], positions[far].copy())
        ]


def kmeans(
    ids: np.ndarray,
    positions: np.ndarray,
    k: int,
    *,
    last_clusters: list[Cluster] | None,
    max_iters: int,
    weights: np.ndarray | None,
    threshold: float,
) -> list[Cluster]:
    """clusters.clj ``kmeans``: Lloyd's steps from the last clusters (or the first distinct points), each
    point to its nearest centre, empty clusters dropped, centres the (weighted) mean of their members;
    stop when no centre moves 0.01 or after max_iters."""
    clusters = (
        clean_start_clusters(ids, positions, last_clusters, k, weights)
        if last_clusters
        else init_clusters(positions, k)
    )
    w = weights if weights is not None else np.ones(len(positions))
    for _ in range(max_iters + 1):
        centers = np.array([c.center for c in clusters])
        # Squared distances as |x|² - 2x·c + |c|² (|x|² is the same for every centre, so left out).
        nearest = ((centers**2).sum(axis=1)[None, :] - 2.0 * positions @ centers.T).argmin(axis=1)
        # Each centre the weighted mean of its members, computed for all clusters at once.
        totals = np.bincount(nearest, weights=w, minlength=len(clusters))
        sums = np.stack(
            [
                np.bincount(nearest, weights=w * positions[:, d], minlength=len(clusters))
                for d in range(positions.shape[1])
            ],
            axis=1,
        )
        order = np.argsort(nearest, kind="stable")
        bounds = np.cumsum(np.bincount(nearest, minlength=len(clusters)))
        members = np.split(ids[order], bounds[:-1])
        new = [
            Cluster(cluster.id, members[index].tolist(), sums[index] / totals[index])
            for index, cluster in enumerate(clusters)
            if len(members[index])
        ]
        if _same_clustering(clusters, new, threshold):
            return new
        clusters = new
    return clusters


def _same_clustering(a: list[Cluster], b: list[Cluster], threshold: float) -> bool:
    """clusters.clj ``same-clustering?``: the sorted centres pairwise closer than the threshold."""
    if len(a) != len(b):
        return False
    ca = sorted(tuple(c.center.tolist()) for c in a)
    cb = sorted(tuple(c.center.tolist()) for c in b)
    return all(math.dist(x, y) < threshold for x, y in zip(ca, cb, strict=True))


def silhouette(distances: np.ndarray, labels: np.ndarray) -> float:
    """clusters.clj ``silhouette``: the mean over points (here base clusters, unweighted) of (b - a) /
    max(a, b), a the mean distance to the rest of its own cluster, b the least mean distance to another
    cluster; a point alone in its cluster scores 0."""
    scores = []
    clusters = np.unique(labels)
    for i in range(len(labels)):
        own = labels == labels[i]
        own[i] = False
        if not own.any():
            scores.append(0.0)
            continue
        a = distances[i, own].mean()
        b = min(distances[i, labels == c].mean() for c in clusters if c != labels[i])
        scores.append((b - a) / max(a, b) if max(a, b) > 0 else 0.0)
    return float(np.mean(scores))


def smooth_k(previous: ClusterState, this_k: int, available: set[int], buffer: int) -> tuple[int, int]:
    """conversation.clj ``:group-k-smoother``: count how many refreshes running ``this_k`` has had the best
    silhouette; switch to it once that reaches ``buffer`` (or when there is no shown k yet, or the shown one
    can no longer be computed). Returns (the count, the k to show)."""
    count = previous.last_k_count + 1 if previous.last_k == this_k else 1
    if count >= buffer or previous.smoothed_k is None or previous.smoothed_k not in available:
        return count, this_k
    return count, previous.smoothed_k


def max_k(n_base_clusters: int, params: PolisParams) -> int:
    """conversation.clj ``max-k-fn``: at most 5 groups, and at most 2 + (base clusters / 12)."""
    return min(params.max_k, 2 + n_base_clusters // 12)


# --- Statistics: group-aware consensus and representativeness --------------------------------------------


def prop_test(successes: np.ndarray, n: np.ndarray) -> np.ndarray:
    """stats.clj ``prop-test``: z of a proportion against one half, with one added to each count."""
    s, n = successes + 1.0, n + 1.0
    return 2.0 * np.sqrt(n) * (s / n - 0.5)


def two_prop_test(
    succ_in: np.ndarray, succ_out: np.ndarray, pop_in: np.ndarray, pop_out: np.ndarray
) -> np.ndarray:
    """stats.clj ``two-prop-test``: z of the group's proportion against everyone else's (one added to each
    count; 0 where the pooled proportion is 1)."""
    s1, s2, n1, n2 = succ_in + 1.0, succ_out + 1.0, pop_in + 1.0, pop_out + 1.0
    pi1, pi2 = s1 / n1, s2 / n2
    pooled = (s1 + s2) / (n1 + n2)
    spread = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (pi1 - pi2) / spread
    return np.where(pooled >= 1.0, 0.0, z)


def count_group_votes(rating: np.ndarray, rows_by_group: list[np.ndarray]) -> np.ndarray:
    """conversation.clj ``:group-votes``: per group and statement, the agrees, disagrees and votes seen
    (agree, disagree or pass) among the group's members."""
    counts = np.zeros((len(rows_by_group), rating.shape[1], 3))
    for g, rows in enumerate(rows_by_group):
        block = rating[rows]
        counts[g, :, 0] = (block == AGREE).sum(axis=0)
        counts[g, :, 1] = (block == DISAGREE).sum(axis=0)
        counts[g, :, 2] = (~np.isnan(block)).sum(axis=0)
    return counts


def group_aware_consensus(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """conversation.clj ``:group-aware-consensus``: per statement, the product over groups of
    (agrees + 1) / (seen + 2) ("+1 acts as a dumb prior"). Returns (per-group agreement, product)."""
    agreement = (counts[:, :, 0] + 1.0) / (counts[:, :, 2] + 2.0)
    return agreement, agreement.prod(axis=0)


def representative_statements(
    counts: np.ndarray, statements: Sequence[int], moderated_out: np.ndarray, params: PolisParams
) -> list[list[Representative]]:
    """repness.clj ``conv-repness`` and ``select-rep-comments``: per group, the statements it agrees (or
    disagrees) with much more than everyone else. A statement qualifies when both the group's own
    proportion and its difference from the rest are significant at 90% (z > 1.2816); the qualifying ones
    are sorted by repness × repness z × proportion × proportion z, the group's best agreed statement is put
    first, and five are kept, agrees before disagrees. If none qualifies, the best one is still shown."""
    na, nd, ns = counts[:, :, 0], counts[:, :, 1], counts[:, :, 2]
    rest_na, rest_nd, rest_ns = na.sum(axis=0) - na, nd.sum(axis=0) - nd, ns.sum(axis=0) - ns
    pa, pd = (na + 1) / (ns + 2), (nd + 1) / (ns + 2)
    pat, pdt = prop_test(na, ns), prop_test(nd, ns)
    ra, rd = pa / ((rest_na + 1) / (rest_ns + 2)), pd / ((rest_nd + 1) / (rest_ns + 2))
    rat, rdt = two_prop_test(na, rest_na, ns, rest_ns), two_prop_test(nd, rest_nd, ns, rest_ns)
    z = params.z_90

    def finalize(g: int, j: int, best_agree: bool = False) -> Representative:
        # The best agreed statement is told as an agree (Pol.is adds :n-agree and :best-agree to it so that
        # its client shows it so); otherwise whichever of agree and disagree sets the group apart more.
        agree = best_agree or rat[g, j] > rdt[g, j]
        return Representative(
            statement=int(statements[j]),
            repful_for="agree" if agree else "disagree",
            n_success=int(na[g, j] if agree else nd[g, j]),
            n_trials=int(ns[g, j]),
            p_success=float(pa[g, j] if agree else pd[g, j]),
            p_test=float(pat[g, j] if agree else pdt[g, j]),
            repness=float(ra[g, j] if agree else rd[g, j]),
            repness_test=float(rat[g, j] if agree else rdt[g, j]),
            best_agree=best_agree,
        )

    result = []
    for g in range(counts.shape[0]):
        sufficient: list[int] = []
        best: int | None = None
        best_agree: int | None = None
        for j in range(counts.shape[1]):
            if moderated_out[j]:
                continue
            if (rat[g, j] > z and pat[g, j] > z) or (rdt[g, j] > z and pdt[g, j] > z):  # passes-by-test?
                sufficient.append(j)
            # beats-best-by-test?
            if not sufficient and (
                best is None or max(rat[g, j], rdt[g, j]) > max(rat[g, best], rdt[g, best])
            ):
                best = j
            if _beats_best_agree(g, j, best_agree, na, nd, ra, rat, pa, pat, z):
                best_agree = j
        head = [finalize(g, best_agree, best_agree=True)] if best_agree is not None else []
        if not sufficient:
            result.append(head or ([finalize(g, best)] if best is not None else []))
            continue
        chosen = [finalize(g, j) for j in sufficient if j != best_agree]
        chosen.sort(key=lambda r: (-(r.repness * r.repness_test * r.p_success * r.p_test), r.statement))
        picked = (head + chosen)[: params.representative_max]
        result.append(
            [r for r in picked if r.repful_for == "agree"] + [r for r in picked if r.repful_for != "agree"]
        )
    return result


def _beats_best_agree(g, j, current, na, nd, ra, rat, pa, pat, z) -> bool:  # type: ignore[no-untyped-def]
    """repness.clj ``beats-best-agr?``."""
    if na[g, j] == 0 and nd[g, j] == 0:
        return False
    if current is not None and ra[g, current] > 1.0:
        return bool(
            ra[g, j] * rat[g, j] * pa[g, j] * pat[g, j]
            > ra[g, current] * rat[g, current] * pa[g, current] * pat[g, current]
        )
    if current is not None:
        return bool(pa[g, j] * pat[g, j] > pa[g, current] * pat[g, current])
    return bool(pat[g, j] > z or (ra[g, j] > 1.0 and pa[g, j] > 0.5))


def common_ground(result: PolisResult, *, share: float = 0.6, min_votes: int = 3) -> list[int]:
    """The statement columns every opinion group agrees on: in each group at least ``min_votes`` votes and
    a smoothed agreement of at least ``share``; highest group-aware consensus first (moderated-out
    statements never). The same rule as common ground across roles."""
    if not result.groups:
        return []
    agreement = result.group_agreement
    votes = result.group_votes[:, :, 2]
    ok = (agreement >= share).all(axis=0) & (votes >= min_votes).all(axis=0) & ~result.moderated_out
    columns = np.flatnonzero(ok).tolist()
    return sorted(columns, key=lambda j: (-float(result.consensus[j]), result.statements[j]))


# --- The whole computation -------------------------------------------------------------------------------


def compute(
    votes: np.ndarray,
    participants: Sequence[int],
    statements: Sequence[int],
    moderated_out: np.ndarray | None = None,
    *,
    params: PolisParams | None = None,
    state: ClusterState | None = None,
) -> PolisResult:
    """One refresh of a conversation: ``votes`` is participants × statements (1 agree, -1 disagree, 0
    pass, NaN unseen), rows and columns in the order of ``participants`` and ``statements``. ``state`` is
    what the last refresh returned (None the first time); the result carries the state for the next."""
    # One BLAS thread: the matrices are small, and on a busy two-core server OpenBLAS's threads cost
    # a hundred times the arithmetic (measured: XᵀX and its eigenvectors for vtaiwan, 1.5 s against 15 ms).
    with threadpool_limits(limits=1, user_api="blas"):
        return _compute(votes, participants, statements, moderated_out, params=params, state=state)


def _compute(
    votes: np.ndarray,
    participants: Sequence[int],
    statements: Sequence[int],
    moderated_out: np.ndarray | None,
    *,
    params: PolisParams | None,
    state: ClusterState | None,
) -> PolisResult:
    params = params or PolisParams()
    previous = state or ClusterState()
    participants = [int(p) for p in participants]
    statements = [int(s) for s in statements]
    mod_out = (
        np.zeros(len(statements), dtype=bool) if moderated_out is None else np.asarray(moderated_out, bool)
    )
    # Rows and columns in id order, so the result cannot depend on the order votes arrived in.
    row_order = np.argsort(participants, kind="stable")
    col_order = np.argsort(statements, kind="stable")
    raw = np.asarray(votes, dtype=float)[row_order][:, col_order]
    participants = [participants[i] for i in row_order]
    statements = [statements[j] for j in col_order]
    mod_out = mod_out[col_order]
    # Pol.is's rating matrix has a row per voter and a column per statement voted on.
    voted_rows = (~np.isnan(raw)).any(axis=1)
    voted_cols = (~np.isnan(raw)).any(axis=0)
    raw = raw[voted_rows][:, voted_cols]
    participants = [p for p, keep in zip(participants, voted_rows.tolist(), strict=True) if keep]
    statements = [s for s, keep in zip(statements, voted_cols.tolist(), strict=True) if keep]
    mod_out = mod_out[voted_cols]
    n, m = raw.shape
    empty = PolisResult(
        participants=tuple(participants),
        statements=tuple(statements),
        projection=np.zeros((n, 2)),
        in_conv=(),
        group_of={},
        groups=[],
        silhouettes={},
        best_k=None,
        n_groups=0,
        group_votes=np.zeros((0, m, 3)),
        group_agreement=np.zeros((0, m)),
        consensus=np.full(m, np.nan),
        representative=[],
        moderated_out=mod_out,
        state=previous,
        reason="",
    )
    if n < 2 or m < 2:
        empty.reason = "Opinion groups appear once at least two people have voted on at least two statements."
        return empty

    # conversation.clj :rating-mat: moderated-out statements' columns are set to 0 for everyone (so they
    # carry no variance, though they still count as "voted on" in the projection's scaling, as in Pol.is).
    rating = raw.copy()
    rating[:, mod_out] = 0.0
    # :user-vote-counts is counted on the raw matrix (before 2017-10-21, on the zeroed one); :in-conv (see
    # in_conversation).
    vote_counts = (~np.isnan(rating if params.count_zeroed_as_votes else raw)).sum(axis=1)
    in_conv = in_conversation(vote_counts, participants, m, params, previous.in_conv)
    # :mat, :pca, :proj
    center, comps = pca_components(rating, missing_votes=params.missing_votes)
    projection = sparsity_aware_projection(rating, center, comps)

    in_rows = np.array([i for i, p in enumerate(participants) if p in in_conv], dtype=int)
    ids = np.array(participants, dtype=np.int64)[in_rows]
    points = projection[in_rows]
    # :base-clusters: k-means with k = 100 on the in-conv participants' projections.
    base = sorted(
        kmeans(
            ids,
            points,
            params.base_k,
            last_clusters=previous.base_clusters,
            max_iters=params.base_iters,
            weights=None,
            threshold=params.same_clustering_threshold,
        ),
        key=lambda c: c.id,
    )
    base_ids = np.array([c.id for c in base], dtype=np.int64)
    base_centers = np.array([c.center for c in base])
    base_weights = np.array([len(c.members) for c in base], dtype=float)  # :base-clusters-weights
    # :bucket-dists
    bucket_dists = np.sqrt(((base_centers[:, None, :] - base_centers[None, :, :]) ** 2).sum(axis=2))
    # :group-clusterings for k = 2 … max-k-fn, weighted by base cluster sizes, and their silhouettes.
    clusterings: dict[int, list[Cluster]] = {}
    silhouettes: dict[int, float] = {}
    position_of = {int(b): i for i, b in enumerate(base_ids.tolist())}
    for k in range(2, max_k(len(base), params) + 1):
        clustering = sorted(
            kmeans(
                base_ids,
                base_centers,
                k,
                last_clusters=previous.group_clusterings.get(k),
                max_iters=params.group_iters,
                weights=base_weights,
                threshold=params.same_clustering_threshold,
            ),
            key=lambda c: c.id,
        )
        if len(clustering) < 2:
            continue
        clusterings[k] = clustering
        labels = np.zeros(len(base), dtype=int)
        for label, cluster in enumerate(clustering):
            labels[[position_of[b] for b in cluster.members]] = label
        silhouettes[k] = silhouette(bucket_dists, labels)
    if not clusterings:
        empty.projection = projection
        empty.in_conv = tuple(sorted(in_conv))
        empty.state = ClusterState(in_conv=in_conv, base_clusters=base)
        empty.reason = "Everyone voted alike so far, so there are no separate opinion groups."
        return empty

    # :group-k-smoother: a new best k replaces the shown one only after being best group_k_buffer times
    # running (the first time, it is taken at once).
    this_k = max(clusterings, key=lambda k: (silhouettes[k], -k))
    this_k_count, smoothed_k = smooth_k(previous, this_k, set(clusterings), params.group_k_buffer)
    group_clusters = clusterings[smoothed_k]

    members_of_base = {c.id: c.members for c in base}
    groups = [sorted(p for b in g.members for p in members_of_base[b]) for g in group_clusters]
    group_of = {p: number for number, members in enumerate(groups, start=1) for p in members}
    row_of = {p: i for i, p in enumerate(participants)}
    rows_by_group = [np.array([row_of[p] for p in members], dtype=int) for members in groups]
    # :group-votes on the raw matrix; :group-aware-consensus; :repness (moderated-out statements left out).
    counts = count_group_votes(raw, rows_by_group)
    agreement, consensus = group_aware_consensus(counts)
    consensus = np.where(mod_out, np.nan, consensus)
    representative = representative_statements(counts, statements, mod_out, params)

    reason = f"{smoothed_k} groups"
    if len(clusterings) == 1:
        reason += f" (from {len(base)} distinct base clusters, Pol.is's rule allows no other number)"
    elif smoothed_k == this_k:
        reason += (
            f", the number with the best silhouette ({silhouettes[this_k]:.2f}) from 2 to {max(clusterings)}"
        )
    else:
        reason += (
            f", held from the last refresh: {this_k} has the best silhouette now, and is taken once it stays "
            f"best for {params.group_k_buffer} refreshes running"
        )
    threshold = min(params.min_votes, m)
    if all(vote_counts[i] >= threshold for i in in_rows.tolist()):
        reason += f", among the {len(in_conv)} people who voted on at least {threshold} statements."
    else:
        reason += (
            f", among {len(in_conv)} people: everyone who voted on at least {threshold} statements, and the "
            f"most active others to make {params.greedy_n}, as Pol.is does."
        )
    return PolisResult(
        participants=tuple(participants),
        statements=tuple(statements),
        projection=projection,
        in_conv=tuple(sorted(in_conv)),
        group_of=group_of,
        groups=groups,
        silhouettes=silhouettes,
        best_k=this_k,
        n_groups=smoothed_k,
        group_votes=counts,
        group_agreement=agreement,
        consensus=consensus,
        representative=representative,
        moderated_out=mod_out,
        state=ClusterState(
            in_conv=in_conv,
            base_clusters=base,
            group_clusterings=clusterings,
            last_k=this_k,
            last_k_count=this_k_count,
            smoothed_k=smoothed_k,
        ),
        reason=reason,
    )
