"""The cluster stage: group comment embeddings into themes, choosing how many when not told.

Contract (the pipeline depends on it, the benchmark tunes what is behind it):
- input: L2-normalised embeddings, shape (n, d), rows already in a canonical order;
- every row gets a theme (no outlier bin); labels run 0..k-1;
- the same input and seed give the same labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np


@dataclass(frozen=True)
class Clustering:
    labels: np.ndarray  # int, shape (n,), every row in 0..n_themes-1
    n_themes: int
    reason: str  # why this number of themes, in words a facilitator can read
    scores: dict[int, float] = field(default_factory=dict)  # score per candidate k, when the engine chose


class Clusterer(Protocol):
    def fit(self, embeddings: np.ndarray, n_themes: int | None = None, *, seed: int = 0) -> Clustering: ...


class KMeansClusterer:
    """Baseline: k-means; when not told k, the k in a range with the best silhouette."""

    def __init__(self, k_min: int = 2, k_max: int = 20) -> None:
        self.k_min, self.k_max = k_min, k_max

    def fit(self, embeddings: np.ndarray, n_themes: int | None = None, *, seed: int = 0) -> Clustering:
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
