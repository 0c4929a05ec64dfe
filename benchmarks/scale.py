"""Theme-engine scale benchmark (``make bench-scale``): time and peak memory from 12,500 to 100,000 comments.

Data: Banking77 (train + test, /work/shared/data/themes) repeated with small seeded perturbations (a word
dropped, two neighbouring words swapped, a word doubled) so that every text differs. Each size runs in its
own child process, whose peak resident set size is read from the operating system (``os.wait4``), so one
size's memory does not hide another's. The growth exponent is the least-squares slope of log(time) against
log(n); n log n growth shows as an exponent a little above 1.

The 1% re-analysis: 10,000 comments analysed with a cached embedder (MiniLM, embeddings in a SQLite cache)
and the result saved as JSON; then 100 new comments added and the 10,100 analysed again with that result as
``previous`` (only the 100 new texts are embedded, and the engine warm-starts: the earlier comments keep their
themes and the new ones join them, see ``coproduce.analysis.pipeline.warm_start``); the ratio is the second
run's time (reading the saved result included) over a full run of the 10,100 with an empty cache and no
previous result. The TF-IDF embedder is refitted on each corpus, so it is never cached: the re-analysis is
measured with MiniLM, as the issue means it ("embeddings cached"). ``--incremental-only`` runs just this part.

Writes docs/benchmarks-scale.md; the last line of stdout reads
``scale: n=100000 seconds=X peak_rss_gb=Y exponent=Z incremental_ratio=W``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA = Path(os.environ.get("THEMES_DATA", "/work/shared/data/themes"))
SIZES = (12_500, 25_000, 50_000, 100_000)


def banking77() -> tuple[list[str], list[str]]:
    rows: list[dict[str, str]] = []
    for name in ("banking77_train.csv", "banking77_test.csv"):
        with (DATA / name).open(newline="", encoding="utf-8") as handle:
            rows.extend(csv.DictReader(handle))
    return [r["text"] for r in rows], [r["category"] for r in rows]


def perturb(text: str, rng: random.Random) -> str:
    words = text.split()
    if len(words) < 2:
        return text + " " + text
    i = rng.randrange(len(words))
    action = rng.randrange(3)
    if action == 0 and len(words) > 3:
        del words[i]
    elif action == 1 and i + 1 < len(words):
        words[i], words[i + 1] = words[i + 1], words[i]
    else:
        words.insert(i, words[i])
    return " ".join(words)


def comments(n: int, seed: int = 0) -> tuple[list[str], list[str]]:
    """``n`` distinct comments: Banking77 as it is, then perturbed copies until there are enough."""
    texts, labels = banking77()
    rng = random.Random(seed)
    seen: set[str] = set()
    out_texts: list[str] = []
    out_labels: list[str] = []
    rounds = 0
    while len(out_texts) < n:
        for text, label in zip(texts, labels, strict=True):
            candidate = text
            for _ in range(rounds):
                candidate = perturb(candidate, rng)
            tries = 0
            while candidate in seen and tries < 5:
                candidate, tries = perturb(candidate, rng), tries + 1
            if candidate in seen:
                continue
            seen.add(candidate)
            out_texts.append(candidate)
            out_labels.append(label)
            if len(out_texts) == n:
                break
        rounds += 1
    return out_texts, out_labels


# ------------------------------------------------------------------------------------- one child run
def child(args: argparse.Namespace) -> int:
    from coproduce.analysis.cache import SqliteEmbeddingCache
    from coproduce.analysis.embed import make_embedder
    from coproduce.analysis.metrics import nmi
    from coproduce.analysis.pipeline import WARM_START_MARK, analyse

    texts, labels = comments(args.n)
    if args.new:
        extra, extra_labels = comments(args.n + args.new, seed=1)
        texts, labels = texts + extra[args.n :], labels + extra_labels[args.n :]
    embedder = make_embedder(args.embedder)
    cache = SqliteEmbeddingCache(args.cache) if args.cache else None
    if args.preload:  # as in the web app's worker after its first run: the libraries are imported already
        if "+onnx" in embedder.name:
            import onnxruntime  # noqa: F401
            import tokenizers  # noqa: F401
        else:
            import sentence_transformers  # noqa: F401
            import torch  # noqa: F401
    start = time.perf_counter()
    previous = json.loads(Path(args.previous).read_text(encoding="utf-8")) if args.previous else None
    result = analyse(
        texts, embedder=embedder, cache=cache, n_themes=args.themes, previous=previous, fresh=args.fresh
    )
    seconds = time.perf_counter() - start
    if args.save:
        Path(args.save).write_text(json.dumps(result.to_dict()), encoding="utf-8")
    pred = [a.theme for a in result.assignments]
    sizes = sorted((t.size for t in result.themes), reverse=True)
    print(
        json.dumps(
            {
                "n": len(texts),
                "seconds": seconds,
                "themes": result.n_themes,
                "largest_share": sizes[0] / len(texts),
                "nmi": nmi(labels, pred),
                "timings": {k: round(v, 2) for k, v in result.timings.items()},
                "embedder": result.embedder,
                "warm_start": result.reason.startswith(WARM_START_MARK),
            }
        )
    )
    return 0


def run_child(
    n: int,
    embedder: str,
    *,
    themes: int | None = None,
    new: int = 0,
    cache: str | None = None,
    save: str | None = None,
    previous: str | None = None,
    fresh: bool = False,
    preload: bool = False,
) -> dict[str, Any]:
    """One size in a child process: its JSON line plus its own peak RSS (GiB) and wall time."""
    command = [sys.executable, __file__, "--child", "--n", str(n), "--embedder", embedder, "--new", str(new)]
    if themes:
        command += ["--themes", str(themes)]
    for flag, value in (("--cache", cache), ("--save", save), ("--previous", previous)):
        if value:
            command += [flag, value]
    if fresh:
        command.append("--fresh")
    if preload:
        command.append("--preload")
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)  # noqa: S603
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"the run of {n} comments failed (exit {process.returncode})")
    data: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    data["peak_rss_gb"] = usage.ru_maxrss / 1024 / 1024  # ru_maxrss is in KiB on Linux
    data["wall"] = time.perf_counter() - started
    return data


def exponent(points: list[tuple[int, float]]) -> float:
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def incremental(embedder: str) -> dict[str, Any]:
    """A full run of 10,100 comments with an empty cache vs a re-run after 10,000 of them were analysed
    (their embeddings cached, their result given as ``previous``)."""
    with tempfile.TemporaryDirectory() as tmp:
        full = run_child(10_000, embedder, new=100, cache=str(Path(tmp) / "full.sqlite3"))
        preload = embedder != "tfidf"
        # The same two runs in a process that has imported the embedding libraries already (the web
        # app's worker imports them once): the model itself still loads inside the timed run.
        full_loaded = (
            run_child(10_000, embedder, new=100, cache=str(Path(tmp) / "full2.sqlite3"), preload=True)
            if preload
            else full
        )
        warm_cache, saved = str(Path(tmp) / "warm.sqlite3"), str(Path(tmp) / "first.json")
        first = run_child(10_000, embedder, cache=warm_cache, save=saved)
        before_again = Path(tmp) / "before-again.sqlite3"
        before_again.write_bytes(Path(warm_cache).read_bytes())  # the cache as the second re-run finds it
        again = run_child(10_000, embedder, new=100, cache=warm_cache, previous=saved)
        again_loaded = (
            run_child(10_000, embedder, new=100, cache=str(before_again), previous=saved, preload=True)
            if preload
            else again
        )
        # the same re-run finding the themes afresh, as every re-run did before the warm start
        afresh = run_child(10_000, embedder, new=100, cache=warm_cache, previous=saved, fresh=True)
    return {
        "full": full,
        "first": first,
        "again": again,
        "afresh": afresh,
        "ratio": again["seconds"] / full["seconds"],
        "ratio_afresh": afresh["seconds"] / full["seconds"],
        "full_loaded": full_loaded,
        "again_loaded": again_loaded,
        "ratio_loaded": again_loaded["seconds"] / full_loaded["seconds"],
    }


def incremental_line(inc: dict[str, Any]) -> str:
    full, again = inc["full"], inc["again"]
    return (
        f"incremental: full={full['seconds']:.1f}s (nmi {full['nmi']:.3f}, {full['themes']} themes) "
        f"again={again['seconds']:.1f}s (nmi {again['nmi']:.3f}, {again['themes']} themes, warm start "
        f"{'yes' if again['warm_start'] else 'no'}) ratio={inc['ratio']:.3f}; afresh={inc['afresh']['seconds']:.1f}s "
        f"(nmi {inc['afresh']['nmi']:.3f}) ratio_afresh={inc['ratio_afresh']:.3f}; libraries imported: "
        f"full={inc['full_loaded']['seconds']:.1f}s again={inc['again_loaded']['seconds']:.1f}s "
        f"ratio_loaded={inc['ratio_loaded']:.3f} load={load_average()}"
    )


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text(encoding="ascii").split()[:3])
    except OSError:
        return "unknown"


def write_report(
    path: Path, command: str, runs: list[dict[str, Any]], slope: float, inc: dict[str, Any]
) -> None:
    lines = [
        "# Theme engine at scale",
        "",
        f"Command: `{command}` ({dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {platform.machine()}, "
        f"{len(os.sched_getaffinity(0))} CPUs, Python {platform.python_version()}).",
        "",
        "Banking77 (train + test, 13,083 texts, 77 categories) repeated with small seeded perturbations (a word "
        "dropped, swapped or doubled) so that every comment differs. Each size runs in its own process; peak "
        "RSS is that process's own (`os.wait4`). The engine chooses the number of themes. "
        f"Embedder: {runs[0]['embedder']} (MiniLM on 100,000 comments would take most of an hour on 2 cores; "
        "the embedding is batched and cached either way).",
        "",
        "| comments | seconds | peak RSS (GiB) | themes | largest theme | NMI vs category | stages (s) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in runs:
        stages = ", ".join(f"{k} {v}" for k, v in r["timings"].items() if k != "total")
        lines.append(
            f"| {r['n']:,} | {r['seconds']:.1f} | {r['peak_rss_gb']:.2f} | {r['themes']} | "
            f"{r['largest_share']:.1%} | {r['nmi']:.3f} | {stages} |"
        )
    lines += [
        "",
        f"Growth exponent (slope of log time against log n): **{slope:.2f}** (n log n over this range: about "
        f"{exponent([(n, n * math.log(n)) for n in SIZES]):.2f}; n^2: 2).",
        "",
        f"1% re-analysis ({inc['full']['embedder']}): a full run of 10,100 comments took "
        f"{inc['full']['seconds']:.1f} s ({inc['full']['themes']} themes, NMI {inc['full']['nmi']:.3f}); after "
        f"10,000 were analysed (embeddings cached, result kept), adding 100 and re-analysing with that result as "
        f"`previous` took {inc['again']['seconds']:.1f} s ({inc['again']['themes']} themes, NMI "
        f"{inc['again']['nmi']:.3f}, warm start: {'yes' if inc['again']['warm_start'] else 'no'}): ratio "
        f"**{inc['ratio']:.3f}**. The same re-run finding the themes afresh (`fresh=True`, what every re-run did "
        f"before the warm start) took {inc['afresh']['seconds']:.1f} s (NMI {inc['afresh']['nmi']:.3f}): ratio "
        f"{inc['ratio_afresh']:.3f}. Every run is a new process, so the re-analysis pays for importing the "
        "embedding libraries and loading the model to embed its 100 new comments; in a process that has imported "
        f"them already, as the web app's worker has after its first run, the full run took "
        f"{inc['full_loaded']['seconds']:.1f} s and the re-analysis {inc['again_loaded']['seconds']:.1f} s: ratio "
        f"{inc['ratio_loaded']:.3f}. Load average at the end: {load_average()} (2 cores, shared). The re-analysis "
        "keeps the 10,000 comments' themes and puts each new comment in the theme of most of its 10 nearest "
        "earlier comments (the engine's own feature space); up to 5% new comments and 5% removed, with the same "
        "embedder and number of themes asked, else it finds the themes afresh (`fresh=True` forces that). "
        "The TF-IDF embedder is refitted on each corpus and never cached, so this part uses MiniLM.",
        "",
        "Stages (s) of the full run: "
        + ", ".join(f"{k} {v}" for k, v in inc["full"]["timings"].items())
        + "; of the re-analysis: "
        + ", ".join(f"{k} {v}" for k, v in inc["again"]["timings"].items())
        + " (its embed stage includes loading the model for the 100 new comments; its cluster stage is the "
        "warm start: the feature space and the new comments' nearest earlier ones).",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--new", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--cache", help=argparse.SUPPRESS)
    parser.add_argument("--save", help=argparse.SUPPRESS)
    parser.add_argument("--previous", help=argparse.SUPPRESS)
    parser.add_argument("--fresh", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--preload", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--incremental-only",
        action="store_true",
        help="only the 1%% re-analysis at 10,000 comments (prints its line; writes no report)",
    )
    parser.add_argument("--themes", type=int, help="ask for this many themes (default: the engine chooses)")
    names = ("tfidf", "minilm", "minilm-onnx", "auto")
    parser.add_argument("--embedder", default="tfidf", choices=names)
    # "auto" is what the web app uses: MiniLM through ONNX Runtime where it is installed.
    parser.add_argument("--incremental-embedder", default="auto", choices=names)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks-scale.md"))
    args = parser.parse_args(argv)
    if args.child:
        return child(args)
    if args.incremental_only:
        print(incremental_line(incremental(args.incremental_embedder)), flush=True)
        return 0
    runs = []
    for n in (int(s) for s in args.sizes.split(",")):
        r = run_child(n, args.embedder, themes=args.themes)
        runs.append(r)
        print(
            f"n={r['n']} seconds={r['seconds']:.1f} peak_rss_gb={r['peak_rss_gb']:.2f} themes={r['themes']} "
            f"largest={r['largest_share']:.3f} nmi={r['nmi']:.3f} {r['timings']}",
            flush=True,
        )
    slope = exponent([(r["n"], r["seconds"]) for r in runs])
    inc = incremental(args.incremental_embedder)
    print(incremental_line(inc), flush=True)
    command = "make bench-scale" + (f" BENCH_SCALE_ARGS='{' '.join(argv)}'" if argv else "")
    write_report(Path(args.out), command, runs, slope, inc)
    last = runs[-1]
    print(
        f"scale: n={last['n']} seconds={last['seconds']:.1f} peak_rss_gb={last['peak_rss_gb']:.2f} "
        f"exponent={slope:.2f} incremental_ratio={inc['ratio']:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
