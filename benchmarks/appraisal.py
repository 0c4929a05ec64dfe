"""Benchmark: the options appraisal's arithmetic (coproduce/analysis/appraisal.py) at a large appraisal's size.

10 options × 12 criteria × 60 partners of three roles (seeded random scores on 0-4 and weight proposals on
1-10): the score summaries overall and by role, the agreed weights, the weighted ranking, every criterion's
switching values and rank acceptability from 10,000 Dirichlet weight sets. Timed as the median of several
repeats inside one process, so Python's start and the imports (numpy and the analysis package) are not
counted. Writes docs/benchmarks-appraisal.md.

Its last line reads: appraisal: options=10 criteria=12 raters=60 draws=10000 seconds=X
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks-appraisal.md"
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from coproduce.analysis.appraisal import (  # noqa: E402
    DEFAULT_CONCENTRATION,
    Rating,
    WeightProposal,
    agreed_weights,
    rank_acceptability,
    score_summary,
    switching_values,
    weighted_ranking,
)

OPTIONS, CRITERIA, RATERS, DRAWS = 10, 12, 60, 10_000
ROLES = ("commissioner", "centre manager", "VCS")


def appraisal_data(seed: int) -> tuple[list[str], list[str], list[Rating], list[WeightProposal]]:
    """Every partner scores every option on every criterion and proposes a weight for every criterion.

    Each option has an underlying quality per criterion and partners score around it (±1, clipped to
    0-4), so the options differ as real ones do rather than all averaging 2.
    """
    rng = random.Random(seed)
    options = [f"option {i + 1}" for i in range(OPTIONS)]
    criteria = [f"criterion {j + 1}" for j in range(CRITERIA)]
    quality = {(o, c): rng.uniform(0.5, 3.5) for o in options for c in criteria}
    ratings, proposals = [], []
    for r in range(RATERS):
        rater, role = f"partner {r + 1}", ROLES[r % len(ROLES)]
        for option in options:
            for criterion in criteria:
                score = min(4, max(0, round(quality[(option, criterion)] + rng.uniform(-1, 1))))
                ratings.append(Rating(rater, role, option, criterion, score))
        proposals.extend(WeightProposal(rater, role, c, rng.randint(1, 10)) for c in criteria)
    return options, criteria, ratings, proposals


def appraise(options: list[str], criteria: list[str], ratings: list[Rating], proposals: list[WeightProposal]):
    overall = score_summary(ratings, options=options, criteria=criteria)
    by_role = score_summary(ratings, options=options, criteria=criteria, by_role=True)
    weights = agreed_weights(proposals, criteria=criteria)
    matrix = overall.matrix()
    ranking = weighted_ranking(matrix, weights)
    switches = switching_values(matrix, weights)
    acceptability = rank_acceptability(matrix, weights, draws=DRAWS, seed=0)
    return by_role, ranking, switches, acceptability


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    data = appraisal_data(seed=0)
    appraise(*data)  # once untimed: first-call costs (numpy's lazy set-up) are not the appraisal's
    times = []
    for _ in range(args.repeats):
        started = time.perf_counter()
        by_role, ranking, switches, acceptability = appraise(*data)
        times.append(time.perf_counter() - started)
    seconds = statistics.median(times)

    # Each step on its own, to show where the time goes (medians of the same number of repeats).
    options, criteria, ratings, proposals = data
    overall = score_summary(ratings, options=options, criteria=criteria)
    weights = agreed_weights(proposals, criteria=criteria)
    matrix = overall.matrix()
    steps = {
        "score summary, overall": lambda: score_summary(ratings, options=options, criteria=criteria),
        "score summary, by role": lambda: score_summary(
            ratings, options=options, criteria=criteria, by_role=True
        ),
        "agreed weights": lambda: agreed_weights(proposals, criteria=criteria),
        "weighted ranking": lambda: weighted_ranking(matrix, weights),
        "switching values (12 criteria)": lambda: switching_values(matrix, weights),
        f"rank acceptability ({DRAWS:,} draws)": lambda: rank_acceptability(
            matrix, weights, draws=DRAWS, seed=0
        ),
    }
    step_rows = []
    for name, step in steps.items():
        step_times = []
        for _ in range(args.repeats):
            started = time.perf_counter()
            step()
            step_times.append(time.perf_counter() - started)
        step_rows.append(f"| {name} | {statistics.median(step_times) * 1000:.2f} |")

    top = ranking.options[0]
    never = sum(s.never for s in switches)
    print(f"ratings={len(ratings)} proposals={len(proposals)} top={top.option} total={top.total:.3f}")
    print(f"switching values: {never} of {CRITERIA} criteria never change the winner")
    print(f"rank 1 acceptability of {top.option}: {acceptability.first[top.option]:.3f}")
    print("times (s): " + " ".join(f"{t:.3f}" for t in times))
    first = sorted(acceptability.first.items(), key=lambda item: -item[1])[:3]
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    DOC.write_text(
        "# Benchmark: the options appraisal's arithmetic\n\n"
        f"Written by `make bench-appraisal` (benchmarks/appraisal.py) on {datetime.date.today():%-d %B %Y}, "
        f"{os.cpu_count()} cores (shared; load average {load} at the end), Python {platform.python_version()}, "
        f"numpy {np.__version__}.\n\n"
        f"{OPTIONS} options × {CRITERIA} criteria × {RATERS} partners of {len(ROLES)} roles: {len(ratings):,} "
        f"seeded random scores on 0-4 and {len(proposals)} weight proposals on 1-10. One run computes the score "
        "summaries overall and by role, the agreed weights, the weighted ranking of the mean scores, the "
        f"switching values of all {CRITERIA} criteria and rank acceptability from {DRAWS:,} Dirichlet weight sets "
        f"(concentration {DEFAULT_CONCENTRATION:g}).\n\n"
        f"**{seconds:.3f} s** for the whole run: the median of {args.repeats} repeats in one process after one "
        "untimed warm-up run; the process's start and its imports (numpy and the analysis package) are not "
        f"counted. The repeats took {', '.join(f'{t:.3f}' for t in times)} s. The target is under 1 s.\n\n"
        "| step | median ms |\n| --- | ---: |\n" + "\n".join(step_rows) + "\n\n"
        f"Result (seed 0): {top.option} comes first with {top.total:.3f}; {never} of {CRITERIA} criteria never "
        "change the winner; first-place acceptability " + ", ".join(f"{o} {s:.1%}" for o, s in first) + ".\n",
        encoding="utf-8",
    )
    print(
        f"appraisal: options={OPTIONS} criteria={CRITERIA} raters={RATERS} draws={DRAWS} seconds={seconds:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
