"""The cluster stage: group comment embeddings into themes, choosing how many when not told.

Contract (the pipeline depends on it, the benchmark tunes what is behind it):
- input: L2-normalised embeddings, shape (n, d), rows already in a canonical order;
- every row gets a theme (no outlier bin); labels run 0..k-1;
- the same input and seed give the same labels.

The default (``default_clusterer()``) is spectral clustering on a sparse k-nearest-neighbour cosine graph
(never an n x n matrix), with the number of themes chosen by the largest eigengap of the graph's
normalised Laplacian (at least 7 themes from 70 comments, unless the comments split cleanly into fewer),
followed by a neighbour-vote clean-up that moves only clear strays. Given the comments' texts
(``fit(..., texts=...)``) it also mixes in lexical similarity (TF-IDF reduced by SVD, i.e. LSA), which helps
markedly when all comments share one topic.
``benchmarks/themes.py`` measures it against human labels and BERTopic; ``docs/benchmarks.md`` has figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix


@dataclass(frozen=True)
class Clustering:
    labels: np.ndarray  # int, shape (n,), every row in 0..n_themes-1
    n_themes: int
    reason: str  # why this number of themes, in words a facilitator can read
    scores: dict[int, float] = field(default_factory=dict)  # score per candidate k, when the engine chose
    # the clusterer's feature space for these comments (``features(embeddings, texts, seed=0)``), when it
    # computed one, so the assign stage need not compute it again
    features: np.ndarray | None = field(default=None, repr=False, compare=False)


class Clusterer(Protocol):
    def fit(
        self,
        embeddings: np.ndarray,
        n_themes: int | None = None,
        *,
        seed: int = 0,
        texts: Sequence[str] | None = None,  # the comments, in the same order; a clusterer may ignore them
    ) -> Clustering: ...


class KMeansClusterer:
    """Baseline: k-means; when not told k, the k in a range with the best silhouette."""

    def __init__(self, k_min: int = 2, k_max: int = 20) -> None:
        self.k_min, self.k_max = k_min, k_max

    def fit(
        self,
        embeddings: np.ndarray,
        n_themes: int | None = None,
        *,
        seed: int = 0,
        texts: Sequence[str] | None = None,  # not used: the baseline clusters embeddings alone
    ) -> Clustering:
        from sklearn.cluster import KMeans
        from sklearn.metrics import silhouette_score

        n = len(embeddings)
        if n == 0:
            return Clustering(np.zeros(0, dtype=int), 0, "no comments")
        if n_themes is not None:
            k = max(1, min(n_themes, n))
            labels = (
                KMeans(k, n_init=10, random_state=seed).fit_predict(embeddings) if k > 1 else np.zeros(n, int)
            )
            return Clustering(labels.astype(int), k, f"asked for {n_themes}")
        scores: dict[int, float] = {}
        best: tuple[float, int, np.ndarray] | None = None
        for k in range(self.k_min, min(self.k_max, n - 1) + 1):
            labels = KMeans(k, n_init=10, random_state=seed).fit_predict(embeddings)
            score = float(silhouette_score(embeddings, labels, metric="cosine"))
            scores[k] = score
            if best is None or score > best[0]:
                best = (score, k, labels)
        if best is None:
            return Clustering(np.zeros(n, dtype=int), 1, "too few comments to split")
        return Clustering(
            best[2].astype(int),
            best[1],
            f"silhouette {best[0]:.3f}, the highest for k in {self.k_min}..{self.k_max}",
            scores,
        )


def _normalise(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms > 0, norms, 1.0)


def lexical_features(texts: Sequence[str], dimensions: int = 100, *, seed: int = 0) -> np.ndarray | None:
    """LSA vectors of the texts (sublinear TF-IDF of words seen at least twice, then truncated SVD), L2-normalised.

    Stop words are kept: in short comments "not", "why" and "how" carry meaning. None when the texts have
    too few shared words to say anything.
    """
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        tfidf = TfidfVectorizer(sublinear_tf=True, min_df=2).fit_transform(list(texts))
    except ValueError:  # empty vocabulary
        return None
    if tfidf.shape[1] < 3:
        return None
    dims = min(dimensions, tfidf.shape[1] - 1, len(texts) - 1)
    if dims < 2:
        return None
    return _normalise(TruncatedSVD(dims, random_state=seed).fit_transform(tfidf))


def combine_features(embeddings: np.ndarray, lexical: np.ndarray | None, weight: float) -> np.ndarray:
    """[embedding, weight * lexical], L2-normalised: a cosine of (1 - w')*semantic + w'*lexical similarity."""
    if lexical is None or weight <= 0:
        return np.asarray(embeddings, dtype=np.float64)
    return _normalise(np.hstack([np.asarray(embeddings, dtype=np.float64), weight * lexical]))


# Up to this many comments nearest neighbours are found exactly (blocked matrix products, never n x n at
# once); above it by an HNSW index (hnswlib), whose cost grows as n log n. Exact search costs n^2 d: at
# 10,000 comments about a second, at 100,000 two minutes on one core.
EXACT_NEIGHBOURS_LIMIT = 10_000
_BLOCK_ELEMENTS = 4_000_000  # rows x n similarities held at once by the exact search (32 MB of float64)


class TooManyComments(MemoryError):
    """The comments cannot be analysed in the memory this machine has; the message says so in one line."""


def nearest_neighbours(
    x: np.ndarray, n_neighbors: int, *, seed: int = 0, exact_limit: int = EXACT_NEIGHBOURS_LIMIT
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's ``n_neighbors`` most cosine-similar other rows: (indices, similarities), most similar first.

    ``x`` must be L2-normalised. Ties are broken by row order (which the caller makes canonical), so the
    result is deterministic; the approximate index is built on one thread for the same reason.
    """
    x = np.ascontiguousarray(x, dtype=np.float64)
    n = len(x)
    nn = max(0, min(n_neighbors, n - 1))
    if nn == 0:
        return np.zeros((n, 0), dtype=np.int64), np.zeros((n, 0))
    if n <= exact_limit:
        return _exact_neighbours(x, nn)
    return _approximate_neighbours(x, nn, seed=seed)


def nearest_in(queries: np.ndarray, reference: np.ndarray, n_neighbors: int, *, seed: int = 0) -> np.ndarray:
    """Each query row's ``n_neighbors`` most cosine-similar rows of ``reference`` (indices into it).

    Both L2-normalised. Exact while queries x reference is small, else through an HNSW index of the
    reference built on one thread (deterministic).
    """
    queries = np.ascontiguousarray(queries, dtype=np.float64)
    reference = np.ascontiguousarray(reference, dtype=np.float64)
    nn = max(1, min(n_neighbors, len(reference)))
    if len(queries) * len(reference) <= EXACT_NEIGHBOURS_LIMIT**2:
        return _exact_neighbours(queries, nn, reference=reference)[0]
    index = _hnsw_index(reference, seed=seed)
    index.set_ef(max(2 * nn, 50))
    labels, distances = index.knn_query(queries.astype(np.float32), k=nn, num_threads=1)
    order = np.lexsort((labels, distances), axis=1)
    return np.take_along_axis(labels.astype(np.int64), order, axis=1)


def _hnsw_index(x: np.ndarray, *, seed: int) -> Any:
    import hnswlib

    n, d = x.shape
    index = hnswlib.Index(space="ip", dim=d)
    try:
        index.init_index(max_elements=n, ef_construction=100, M=16, random_seed=seed)
    except (MemoryError, RuntimeError) as error:
        raise TooManyComments(f"not enough memory for a neighbour index of {n:,} comments") from error
    index.add_items(x.astype(np.float32), np.arange(n), num_threads=1)  # one thread: the same graph each run
    return index


def _exact_neighbours(
    x: np.ndarray, nn: int, *, reference: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Blocked exact search; without ``reference`` among ``x`` itself, each row's own entry excluded."""
    n = len(x)
    other = x if reference is None else reference
    idx = np.empty((n, nn), dtype=np.int64)
    sims = np.empty((n, nn))
    block = max(1, _BLOCK_ELEMENTS // len(other))
    for start in range(0, n, block):
        stop = min(n, start + block)
        sim = x[start:stop] @ other.T
        if reference is None:
            sim[np.arange(stop - start), np.arange(start, stop)] = -np.inf
        order = _top_columns(sim, nn)
        idx[start:stop] = order
        sims[start:stop] = np.take_along_axis(sim, order, axis=1)
    return idx, sims


def _top_columns(sim: np.ndarray, nn: int) -> np.ndarray:
    """The columns of each row's ``nn`` largest values, largest first, ties broken by column: exactly
    ``np.argsort(-sim, axis=1, kind="stable")[:, :nn]``, without sorting whole rows (a partition finds each
    row's nn-th value, then only the columns at or above it are sorted; on Banking77 test the full sort
    was most of the neighbour search)."""
    if nn >= sim.shape[1]:
        return np.argsort(-sim, axis=1, kind="stable")[:, :nn]
    threshold = np.partition(sim, sim.shape[1] - nn, axis=1)[:, sim.shape[1] - nn :][:, :1]
    candidate = sim >= threshold  # every column of the top nn, and any tied with the nn-th
    counts = candidate.sum(axis=1)
    out = np.empty((len(sim), nn), dtype=np.int64)
    plain = counts == nn
    if plain.all():
        top = np.nonzero(candidate)[1].reshape(-1, nn)  # row by row, columns ascending
        order = np.argsort(-np.take_along_axis(sim, top, axis=1), axis=1, kind="stable")
        return np.take_along_axis(top, order, axis=1)
    if plain.any():
        top = np.nonzero(candidate[plain])[1].reshape(-1, nn)
        order = np.argsort(-np.take_along_axis(sim[plain], top, axis=1), axis=1, kind="stable")
        out[plain] = np.take_along_axis(top, order, axis=1)
    for row in np.flatnonzero(~plain):  # ties at the nn-th value: sort that row's candidates
        cols = np.flatnonzero(candidate[row])
        out[row] = cols[np.argsort(-sim[row, cols], kind="stable")[:nn]]
    return out


def _approximate_neighbours(x: np.ndarray, nn: int, *, seed: int) -> tuple[np.ndarray, np.ndarray]:
    n = len(x)
    index = _hnsw_index(x, seed=seed)
    data = x.astype(np.float32)
    index.set_ef(max(2 * (nn + 1), 50))
    labels, distances = index.knn_query(data, k=nn + 1, num_threads=1)
    labels = labels.astype(np.int64)
    sims = 1.0 - distances.astype(np.float64)
    # drop each row's own entry (or, when duplicates crowd it out, the least similar one)
    own = labels == np.arange(n)[:, None]
    missing = ~own.any(axis=1)
    own[missing, -1] = True
    keep = ~own
    labels = labels[keep].reshape(n, nn)
    sims = sims[keep].reshape(n, nn)
    # order each row by (-similarity, index) so ties do not depend on the index's traversal
    order = np.lexsort((labels, -sims), axis=1)
    return np.take_along_axis(labels, order, axis=1), np.take_along_axis(sims, order, axis=1)


def knn_graph(neighbours: np.ndarray, n: int | None = None) -> csr_matrix:
    """Symmetric 0/0.5/1 sparse adjacency of each row's nearest neighbours (``neighbours[i]``: row i's)."""
    from scipy.sparse import csr_matrix

    n = len(neighbours) if n is None else n
    nn = neighbours.shape[1] if neighbours.ndim == 2 else 0
    rows = np.repeat(np.arange(n), nn)
    adj = csr_matrix((np.ones(n * nn), (rows, neighbours.ravel())), shape=(n, n))
    return ((adj + adj.T) * 0.5).tocsr()


def spectrum(adjacency: Any, n_components: int, *, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The smallest ``n_components`` eigenvalues of the normalised Laplacian and the spectral embedding.

    ``adjacency`` is sparse (or dense for small graphs). The embedding is the eigenvectors scaled by D^-1/2
    (as scikit-learn's ``spectral_embedding``). Up to 1,000 comments the eigenproblem is solved densely.
    """
    from scipy.sparse import csr_matrix, diags, issparse
    from scipy.sparse.linalg import eigsh

    adjacency = adjacency if issparse(adjacency) else csr_matrix(np.asarray(adjacency, dtype=np.float64))
    n = adjacency.shape[0]
    degree = np.asarray(adjacency.sum(axis=1)).ravel()
    d_inv_sqrt = 1.0 / np.sqrt(np.where(degree > 0, degree, 1.0))
    m = n_components
    # normalised adjacency D^-1/2 A D^-1/2; its largest eigenvalues are 1 - the Laplacian's smallest
    scale = diags(d_inv_sqrt)
    norm_adj = (scale @ adjacency @ scale).tocsr()
    if n <= 1000 or m >= n - 1:
        vals, vecs = np.linalg.eigh(norm_adj.toarray())
        vals, vecs = vals[::-1][:m], vecs[:, ::-1][:, :m]
    else:
        v0 = np.random.RandomState(seed).uniform(-1, 1, n)
        vals, vecs = eigsh(norm_adj, k=m, which="LA", v0=v0, tol=1e-6)
        order = np.argsort(-vals)
        vals, vecs = vals[order], vecs[:, order]
    # fix each eigenvector's sign so the result does not depend on the solver's whim
    signs = np.sign(vecs[np.argmax(np.abs(vecs), axis=0), np.arange(vecs.shape[1])])
    vecs = vecs * np.where(signs == 0, 1.0, signs)
    return 1.0 - vals, vecs * d_inv_sqrt[:, None]


def most_themes(n_comments: int) -> int:
    """The most themes the engine considers for ``n_comments``: max(2 sqrt(n), n / 10), at most 300.

    2 sqrt(n) alone left 150 true themes among 4,500 comments out of reach (it allows 134).
    """
    return min(300, max(int(np.ceil(2 * np.sqrt(n_comments))), n_comments // 10))


def modularity(adjacency: Any, labels: np.ndarray) -> float:
    """Newman's modularity of ``labels`` on a symmetric sparse graph: the share of link weight inside
    groups minus what random links with the same degrees would put there."""
    coo = adjacency.tocoo()
    total = float(coo.data.sum())
    if total <= 0:
        return 0.0
    labels = np.asarray(labels, dtype=int)
    k = int(labels.max()) + 1
    inside = labels[coo.row] == labels[coo.col]
    within = np.bincount(labels[coo.row][inside], weights=coo.data[inside], minlength=k)
    degree = np.bincount(labels[coo.row], weights=coo.data, minlength=k)
    return float((within / total - (degree / total) ** 2).sum())


def neighbour_vote(
    neighbours: np.ndarray,
    labels: np.ndarray,
    n_neighbors: int,
    rounds: int = 3,
    majority: float = 0.0,
) -> np.ndarray:
    """Move each comment to the theme most of its nearest neighbours have (its own theme wins ties).

    With ``majority`` > 0 a comment moves only when more than that share of its neighbours are in the
    other theme: a stray among its true theme's members moves, a comment on a boundary stays.

    ``neighbours`` is each row's neighbour indices, most similar first (from :func:`nearest_neighbours`),
    or, for small sets, a square similarity matrix. A theme that a round would empty keeps its members, so
    the number of themes never changes.
    """
    n = len(labels)
    k = int(labels.max()) + 1 if n else 0
    nn = min(n_neighbors, n - 1)
    if nn < 1 or k < 2:
        return labels
    if np.issubdtype(neighbours.dtype, np.floating):
        sim = np.array(neighbours, dtype=np.float64, copy=True)
        np.fill_diagonal(sim, -np.inf)
        idx = np.argsort(-sim, axis=1, kind="stable")[:, :nn]
    else:
        idx = np.asarray(neighbours)[:, :nn]
    nn = idx.shape[1]
    rows = np.repeat(np.arange(n), nn)
    weight = np.ones(n * nn)
    for _ in range(rounds):
        # sparse vote counts: n x k dense would be 100,000 x 150 floats, fine, but there is no need
        from scipy.sparse import csr_matrix

        votes = csr_matrix((weight, (rows, labels[idx].ravel())), shape=(n, k)).toarray()
        votes[np.arange(n), labels] += 0.5
        moved = votes.argmax(axis=1)
        if majority > 0:
            moved = np.where(votes[np.arange(n), moved] > majority * nn, moved, labels)
        emptied = np.setdiff1d(np.arange(k), moved)
        for theme in emptied:
            moved[labels == theme] = theme
        if np.array_equal(moved, labels):
            break
        labels = moved
    return labels


# A grouping with a mean silhouette above this is "a reasonable structure" (Kaufman and Rousseeuw, 1990): the
# engine accepts fewer themes than ``SpectralClusterer.fewest_chosen`` only for such a clean split.
CLEAN_SILHOUETTE = 0.5


class SpectralClusterer:
    """Spectral clustering of a k-nearest-neighbour cosine graph; the number of themes from its spectrum.

    1. Features: the embeddings; with ``texts`` also LSA vectors, weighted by ``lexical_weight``.
    2. Graph: each comment linked to its ``n_neighbors`` most similar comments (symmetrised, sparse; exact
       search up to ``EXACT_NEIGHBOURS_LIMIT`` comments, an HNSW index above).
    3. Number of themes, when not given: the k in ``k_min..k_max`` after which the normalised Laplacian's
       eigenvalues jump the most (the graph falls most naturally into k loosely linked groups), but not below
       ``fewest_chosen(n)`` (7 from 70 comments; one per 10 comments below) unless that split is clean (its
       grouping's mean silhouette on the features above ``CLEAN_SILHOUETTE``, as well-separated data has). On
       small real sets the largest gap marks a coarse level: 3-6 super-groups of ThemeFinder's 10-12 themes on
       100 responses, 3 on the Bexley demo's 200 comments written to 6 proposals (docs/benchmarks.md). With
       ``k_candidates`` > 1: of that many largest gaps, the one whose k-means grouping has the highest
       modularity (5 themes for Bexley where the largest gap gives 3, but 21 for Banking77's 77 intents where
       it gives 69; not the default). ``k_max`` defaults to max(2 sqrt(n), n / 10), at
       most 300 (150 themes among 4,500 comments can be reached). ``k_min`` is 3: the gap after 2 often marks
       a for/against split (a stance, not a theme). Features and spectrum use fixed seeds, so the number of
       themes does not change with ``seed``.
    4. k-means (``n_init`` starts) on the first k row-normalised eigenvectors.
    5. ``vote_rounds`` rounds of neighbour voting: a comment moves when more than ``vote_majority`` of its
       ``vote_neighbors`` nearest are in one other theme. A plurality vote (``vote_majority=0``) let one theme
       absorb its neighbours' boundaries round after round: Bexley's 200 comments with 6 asked went from
       45 / 42 / 32 / 31 / 28 / 22 to 114 / 28 / 17 / 15 / 15 / 11.
    6. Above ``spectral_limit`` comments, steps 2-5 run on that many comments spread evenly through the
       (hash-)canonical order, and every other comment joins the theme most of its nearest sampled comments
       are in: the eigenproblem of 100,000 comments took ARPACK many minutes.

    ``max_threads`` caps BLAS/OpenMP threads while fitting (None: no cap). One thread is the default because
    on a small shared server OpenMP's spinning threads made k-means 3-8x slower (measured on 2 busy cores).
    """

    def __init__(
        self,
        *,
        n_neighbors: int = 15,
        lexical_weight: float = 0.475,
        lexical_dimensions: int = 100,
        vote_neighbors: int = 10,
        vote_rounds: int = 3,
        vote_majority: float = 2 / 3,
        k_min: int = 3,
        k_floor: int = 7,
        k_floor_comments: int = 10,
        k_max: int | None = None,
        k_candidates: int = 1,
        n_init: int = 10,
        spectral_limit: int = 10_000,
        max_threads: int | None = 1,
    ) -> None:
        self.n_neighbors = n_neighbors
        self.lexical_weight = lexical_weight
        self.lexical_dimensions = lexical_dimensions
        self.vote_neighbors = vote_neighbors
        self.vote_rounds = vote_rounds
        self.vote_majority = vote_majority
        self.k_min = k_min
        self.k_floor = k_floor
        self.k_floor_comments = k_floor_comments
        self.k_max = k_max
        self.k_candidates = k_candidates
        self.n_init = n_init
        self.spectral_limit = spectral_limit
        self.max_threads = max_threads

    def fewest_chosen(self, n_comments: int) -> int:
        """The fewest themes the engine chooses for ``n_comments`` unless the comments split cleanly into fewer:
        ``k_floor`` (7), or one per ``k_floor_comments`` (10) comments in smaller sets, never below ``k_min``."""
        return max(self.k_min, min(self.k_floor, n_comments // max(self.k_floor_comments, 1)))

    @staticmethod
    def _clean_split(x: np.ndarray, vectors: np.ndarray, k: int) -> bool:
        """Whether the spectral grouping into ``k`` is well separated in the features: mean cosine silhouette
        above ``CLEAN_SILHOUETTE`` (on at most 2,000 comments, a fixed sample, so the cost stays bounded)."""
        from sklearn.cluster import KMeans
        from sklearn.metrics import silhouette_score

        trial = KMeans(k, n_init=3, random_state=0).fit_predict(_normalise(vectors[:, :k]))
        if len(set(trial.tolist())) < 2:
            return False
        sample = min(len(x), 2_000)
        score = silhouette_score(x, trial, metric="cosine", sample_size=sample, random_state=0)
        return bool(score > CLEAN_SILHOUETTE)

    def features(self, embeddings: np.ndarray, texts: Sequence[str] | None, *, seed: int = 0) -> np.ndarray:
        if texts is None or self.lexical_weight <= 0:
            return np.asarray(embeddings, dtype=np.float64)
        if len(texts) != len(embeddings):
            raise ValueError(f"{len(texts)} texts for {len(embeddings)} embeddings")
        lexical = lexical_features(texts, self.lexical_dimensions, seed=seed)
        return combine_features(embeddings, lexical, self.lexical_weight)

    def fit(
        self,
        embeddings: np.ndarray,
        n_themes: int | None = None,
        *,
        seed: int = 0,
        texts: Sequence[str] | None = None,
    ) -> Clustering:
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=self.max_threads):
            return self._fit(embeddings, n_themes, seed=seed, texts=texts)

    def _fit(
        self, embeddings: np.ndarray, n_themes: int | None, *, seed: int, texts: Sequence[str] | None
    ) -> Clustering:
        n = len(embeddings)
        if n == 0:
            return Clustering(np.zeros(0, dtype=int), 0, "no comments")
        if n_themes is not None and n_themes < 1:
            raise ValueError("n_themes must be at least 1")
        if n_themes == 1 or n == 1:
            return Clustering(np.zeros(n, dtype=int), 1, "asked for 1" if n_themes else "only one comment")
        if n_themes is not None and n_themes >= n:
            return Clustering(np.arange(n, dtype=int), n, f"asked for {n_themes}; one theme per comment")
        if n_themes is None and n < 2 * max(self.k_min, 2):
            return Clustering(np.zeros(n, dtype=int), 1, "too few comments to split")

        x = self.features(embeddings, texts, seed=0)
        if n > self.spectral_limit:
            return replace(self._fit_sampled(x, n_themes, seed=seed), features=x)
        return replace(self._fit_features(x, n_themes, seed=seed), features=x)

    def _fit_sampled(self, x: np.ndarray, n_themes: int | None, *, seed: int) -> Clustering:
        """Themes found on ``spectral_limit`` comments spread evenly through the canonical order (a hash
        order, so an unbiased sample); every other comment joins the theme most of its nearest sampled
        comments are in. The spectrum of a graph of 100,000 comments takes ARPACK many minutes; this keeps
        the cost of finding themes fixed and the rest at n log n."""
        n = len(x)
        sample = np.unique(np.linspace(0, n - 1, self.spectral_limit).round().astype(np.int64))
        core = self._fit_features(x[sample], n_themes, seed=seed)
        nearest = nearest_in(x, x[sample], self.vote_neighbors, seed=0)
        k = core.n_themes
        rows = np.repeat(np.arange(n), nearest.shape[1])
        from scipy.sparse import csr_matrix

        votes = csr_matrix((np.ones(rows.size), (rows, core.labels[nearest].ravel())), shape=(n, k)).toarray()
        votes[np.arange(n), core.labels[nearest[:, 0]]] += 0.5  # ties go to the nearest sampled comment
        labels = votes.argmax(axis=1)
        labels[sample] = core.labels
        labels = _dense(labels)
        reason = (
            f"{core.reason}; found on {len(sample):,} of the {n:,} comments spread evenly through them, every "
            f"other comment in the theme of most of its {nearest.shape[1]} nearest of those"
        )
        return Clustering(labels, int(labels.max()) + 1, reason, core.scores)

    def _fit_features(self, x: np.ndarray, n_themes: int | None, *, seed: int) -> Clustering:
        from sklearn.cluster import KMeans

        n = len(x)
        neighbours, _ = nearest_neighbours(x, max(self.n_neighbors, self.vote_neighbors), seed=0)
        adjacency = knn_graph(neighbours[:, : self.n_neighbors], n)
        scores: dict[int, float] = {}
        # The graph and its spectrum do not depend on the seed (fixed start vectors): the number of themes is
        # a property of the comments, not of a random draw; the seed only starts k-means.
        if n_themes is None:
            floor = self.fewest_chosen(n)
            k_max = max(floor, min(self.k_max or most_themes(n), n - 2))
            eigenvalues, vectors = spectrum(adjacency, k_max + 1, seed=0)
            gaps = np.diff(eigenvalues)  # gaps[k-1] = eigenvalue k+1 - eigenvalue k (1-based)
            gap_of = {c: round(float(gaps[c - 1]), 6) for c in range(self.k_min, k_max + 1)}
            widest = max(gap_of, key=lambda c: (gap_of[c], -c))
            # Below the floor only a clean split counts: its grouping's mean silhouette on the features above
            # 0.5, "a reasonable structure" (Kaufman and Rousseeuw), as well-separated data has. On 100 real
            # responses the widest gap marked 3-6 super-groups of 10-12 themes with silhouettes of 0.13-0.17.
            clean = widest >= floor or self._clean_split(x, vectors, widest)
            allowed = gap_of if clean else {c: g for c, g in gap_of.items() if c >= floor}
            if self.k_candidates <= 1:
                scores = gap_of
                k = max(allowed, key=lambda c: (allowed[c], -c))
                if widest >= floor:
                    within = f"largest eigengap, {scores[k]:.4f}, for {self.k_min} to {k_max} themes"
                elif clean:
                    within = (
                        f"largest eigengap, {scores[k]:.4f}, for {self.k_min} to {k_max} themes; a clean split "
                        f"(silhouette above {CLEAN_SILHOUETTE})"
                    )
                else:
                    within = (
                        f"largest eigengap, {scores[k]:.4f}, for {floor} to {k_max} themes; the larger gap "
                        f"after {widest} marks a coarser split that is not clean"
                    )
                reason = (
                    f"{k} themes: the comments' similarity graph ({self.n_neighbors} nearest neighbours each) "
                    f"splits most cleanly into {k} groups ({within})"
                )
            else:
                # Of the numbers after which the spectrum jumps most, the one whose grouping keeps most links
                # inside themes beyond chance. Measured: 5 themes for Bexley (largest gap: 3), but 21 for
                # Banking77's 77 intents (largest gap: 69), so it is not the default.
                candidates = sorted(sorted(allowed, key=lambda c: (-allowed[c], c))[: self.k_candidates])
                for c in candidates:
                    trial = KMeans(c, n_init=3, random_state=0).fit_predict(_normalise(vectors[:, :c]))
                    scores[c] = round(modularity(adjacency, trial), 6)
                k = max(scores, key=lambda c: (scores[c], -c))
                reason = (
                    f"{k} themes: the comments' similarity graph ({self.n_neighbors} nearest neighbours each) "
                    f"splits most cleanly into {k} groups (of the {len(candidates)} numbers from {self.k_min} to "
                    f"{k_max} with the largest eigengaps, the one whose groups have the highest modularity, "
                    f"{scores[k]:.3f})"
                )
        else:
            k = n_themes
            _, vectors = spectrum(adjacency, k, seed=0)
            reason = f"asked for {n_themes}"
        embedding = _normalise(vectors[:, :k])
        labels = KMeans(k, n_init=self.n_init, random_state=seed).fit_predict(embedding).astype(int)
        labels = _dense(labels)
        if self.vote_rounds > 0:
            labels = neighbour_vote(
                neighbours,
                labels,
                self.vote_neighbors,
                self.vote_rounds,
                self.vote_majority,
            )
        labels = _dense(labels)
        return Clustering(labels, int(labels.max()) + 1, reason, scores)


def _dense(labels: np.ndarray) -> np.ndarray:
    """Labels renumbered 0..k-1 in order of first appearance (so empty k-means clusters leave no hole)."""
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    order = np.argsort(np.argsort(first))
    return order[inverse].astype(int)


def default_clusterer() -> SpectralClusterer:
    """The best configuration measured by ``benchmarks/themes.py`` (see docs/benchmarks.md)."""
    return SpectralClusterer()
