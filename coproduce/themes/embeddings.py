"""The engine's embedding cache, kept in the database so every worker and re-run shares it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from coproduce.themes.models import EmbeddingCacheEntry


class DatabaseEmbeddingCache:
    def get_many(self, model: str, hashes: Iterable[str]) -> dict[str, np.ndarray]:
        wanted = list(hashes)
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(wanted), 500):
            rows = EmbeddingCacheEntry.objects.filter(model=model, text_hash__in=wanted[start : start + 500])
            for text_hash, vector in rows.values_list("text_hash", "vector"):
                found[text_hash] = np.frombuffer(bytes(vector), dtype=np.float32)
        return found

    def put_many(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        EmbeddingCacheEntry.objects.bulk_create(
            [
                EmbeddingCacheEntry(
                    model=model, text_hash=h, vector=np.asarray(v, dtype=np.float32).tobytes()
                )
                for h, v in vectors.items()
            ],
            ignore_conflicts=True,  # another worker may have embedded the same text meanwhile
        )
