"""The assign stage: score every comment against every theme centroid.

Each comment keeps the theme it was given (by the clusterer or by a person); this stage measures how well
it fits there (confidence, see :class:`~coproduce.analysis.config.EngineConfig`), flags weak fits for
review, and lists secondary themes the comment clearly also speaks to. With
``reassign_to_nearest_centroid`` it first moves every comment to its nearest centroid (once, at analysis
time; never after human edits).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from coproduce.analysis.config import EngineConfig


@dataclass(frozen=True)
class Placement:
    theme_of: np.ndarray  # theme id per comment
    theme_ids: list[int]  # the row order of centroids and the column order of similarity
    centroids: np.ndarray  # (themes, d), L2-normalised mean of each theme's members
    similarity: np.ndarray  # (comments, themes) cosine to each centroid
    confidence: np.ndarray  # (comments,) in 0..1
    secondary: list[tuple[int, ...]]  # per comment, other theme ids, closest first
    needs_review: np.ndarray  # (comments,) bool


class Assigner(Protocol):
    def assign(
        self,
        embeddings: np.ndarray,
        theme_of: np.ndarray,
        *,
        reassign: bool = False,
        features: np.ndarray | None = None,
    ) -> Placement: ...


def centroids_of(embeddings: np.ndarray, theme_of: np.ndarray, theme_ids: Sequence[int]) -> np.ndarray:
    """L2-normalised mean embedding of each theme, rows in ``theme_ids`` order."""
    centroids = np.zeros((len(theme_ids), embeddings.shape[1]), dtype=np.float64)
    for row, theme in enumerate(theme_ids):
        members = embeddings[theme_of == theme]
        if len(members):
            centroids[row] = members.mean(axis=0)
    norms = np.linalg.norm(centroids, axis=1, keepdims=True)
    return np.divide(centroids, norms, out=np.zeros_like(centroids), where=norms > 0)


class CentroidAssigner:
    def __init__(self, config: EngineConfig | None = None) -> None:
        self.config = config or EngineConfig()

    def assign(
        self,
        embeddings: np.ndarray,
        theme_of: np.ndarray,
        *,
        reassign: bool = False,
        features: np.ndarray | None = None,  # the clusterer's feature space, for neighbour secondaries
    ) -> Placement:
        config = self.config
        theme_of = np.asarray(theme_of, dtype=int).copy()
        theme_ids = sorted({int(t) for t in theme_of})
        vectors = np.asarray(embeddings, dtype=np.float64)
        centroids = centroids_of(vectors, theme_of, theme_ids)
        if reassign and len(theme_ids) > 1:
            theme_of = np.asarray(theme_ids)[np.argmax(vectors @ centroids.T, axis=1)]
            theme_ids = sorted({int(t) for t in theme_of})
            centroids = centroids_of(vectors, theme_of, theme_ids)
        similarity = vectors @ centroids.T if len(theme_ids) else np.zeros((len(theme_of), 0))
        column = {t: c for c, t in enumerate(theme_ids)}
        own_col = np.array([column[int(t)] for t in theme_of], dtype=int)
        n = len(theme_of)
        own = self._own_similarity(vectors, theme_of, own_col, similarity)
        if len(theme_ids) > 1:
            others = similarity.copy()
            others[np.arange(n), own_col] = -np.inf
            margin = own - others.max(axis=1)
            confidence = 1.0 / (1.0 + np.exp(-margin / config.confidence_temperature))
        else:
            confidence = np.ones(n)
        if config.secondary_method == "neighbours":
            secondary = neighbour_secondary(
                vectors if features is None else features,
                theme_of,
                n_neighbors=config.secondary_neighbours,
                share=config.secondary_share,
            )
        else:
            secondary = []
            for i in range(n):
                close = [
                    (-similarity[i, c], t)
                    for t, c in column.items()
                    if c != own_col[i]
                    and similarity[i, c] >= own[i] - config.secondary_margin
                    and similarity[i, c] >= config.secondary_floor
                ]
                secondary.append(tuple(t for _, t in sorted(close)[: config.max_secondary]))
        return Placement(
            theme_of=theme_of,
            theme_ids=theme_ids,
            centroids=centroids,
            similarity=similarity,
            confidence=confidence,
            secondary=secondary,
            needs_review=confidence < config.review_threshold,
        )

    @staticmethod
    def _own_similarity(
        vectors: np.ndarray, theme_of: np.ndarray, own_col: np.ndarray, similarity: np.ndarray
    ) -> np.ndarray:
        """Cosine to the own theme's centroid left without this comment, so small themes are not flattered.

        A comment alone in its theme keeps similarity to itself (1).
        """
        n = len(theme_of)
        if n == 0:
            return np.zeros(0)
        themes, inverse, sizes = np.unique(theme_of, return_inverse=True, return_counts=True)
        sums = np.zeros((len(themes), vectors.shape[1]))
        np.add.at(sums, inverse, vectors)
        own = similarity[np.arange(n), own_col].copy()
        # one batch at a time keeps the n x d "rest of my theme" vectors small
        for start in range(0, n, 8192):
            rows = np.arange(start, min(n, start + 8192))
            shared = sizes[inverse[rows]] > 1
            rest = sums[inverse[rows]] - vectors[rows]
            norm = np.linalg.norm(rest, axis=1)
            dots = np.einsum("ij,ij->i", vectors[rows], rest)
            fitted = np.divide(dots, norm, out=np.zeros_like(dots), where=norm > 0)
            own[rows] = np.where(shared, fitted, own[rows])
        return np.asarray(own)


def neighbour_secondary(
    features: np.ndarray, theme_of: np.ndarray, *, n_neighbors: int, share: float
) -> list[tuple[int, ...]]:
    """Each comment's secondary theme: the other theme most common among its nearest neighbours (cosine),
    when at least ``share`` of them are in it; ties go to the lower theme id. At most one."""
    from scipy.sparse import csr_matrix

    from coproduce.analysis.cluster import nearest_neighbours

    n = len(theme_of)
    k = min(n_neighbors, n - 1)
    if k < 1 or len(set(theme_of.tolist())) < 2:
        return [() for _ in range(n)]
    norms = np.linalg.norm(features, axis=1, keepdims=True)
    unit = np.divide(features, norms, out=np.zeros_like(features, dtype=np.float64), where=norms > 0)
    neighbours, _ = nearest_neighbours(unit, k)
    themes, column = np.unique(theme_of, return_inverse=True)
    rows = np.repeat(np.arange(n), neighbours.shape[1])
    counts = csr_matrix(
        (np.ones(rows.size), (rows, column[neighbours].ravel())), shape=(n, len(themes))
    ).toarray()
    counts[np.arange(n), column] = 0  # the comment's own theme is not a secondary one
    best = counts.argmax(axis=1)  # ties go to the first column, the lower theme id
    enough = counts[np.arange(n), best] >= max(share * k, 1)
    return [(int(themes[best[i]]),) if enough[i] else () for i in range(n)]
