"""The optional reduce stage between embed and cluster. The default does nothing.

A reducer (UMAP, PCA, ...) gets the L2-normalised embeddings in canonical order and returns the vectors the
clusterer sees. Confidence, secondary themes and representatives are always measured on the embeddings.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np


class Reducer(Protocol):
    def fit_transform(self, embeddings: np.ndarray, *, seed: int = 0) -> np.ndarray: ...


class NoReduction:
    """Hands the embeddings to the clusterer unchanged."""

    def fit_transform(self, embeddings: np.ndarray, *, seed: int = 0) -> np.ndarray:
        return embeddings
