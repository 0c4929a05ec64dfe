"""Is an embedder's Bexley score beyond seed noise? The Bexley demo (6 themes asked) through the whole pipeline
for clusterer seeds 0-9, per embedder: NMI against the demo's evidence patterns (benchmarks/themes.py's
``bexley_demo``), mean, standard deviation and lowest.

Run: ``HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/bexley_seeds.py [EMBEDDER ...]`` (default: minilm-onnx
minilm-onnx-int8). Prints one line per seed and a summary line per embedder; writes nothing.
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import themes as bench  # noqa: E402

from coproduce.analysis import pipeline  # noqa: E402
from coproduce.analysis.config import EngineConfig  # noqa: E402
from coproduce.analysis.embed import make_embedder  # noqa: E402


def main(names: list[str]) -> None:
    analyse = pipeline.analyse
    for name in names:
        embedder = make_embedder(name)
        scores = []
        for seed in range(10):
            # bexley_demo imports pipeline.analyse when it runs: give it this seed's configuration.
            pipeline.analyse = lambda texts, seed=seed, **kw: analyse(
                texts, config=EngineConfig(seed=seed), **kw
            )
            try:
                result = bench.bexley_demo(embedder, quiet=True)["6 asked"]
            finally:
                pipeline.analyse = analyse
            scores.append(result["nmi"])
            print(f"{name} seed {seed}: NMI {result['nmi']:.3f}, sizes {result['sizes']}", flush=True)
        print(
            f"bexley-seeds: embedder={name} mean={statistics.mean(scores):.3f} "
            f"sd={statistics.stdev(scores):.3f} min={min(scores):.3f}",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1:] or ["minilm-onnx", "minilm-onnx-int8"])
