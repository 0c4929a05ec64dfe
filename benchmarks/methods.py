"""Benchmark: the workshop methods' scheduling (coproduce/planning), on the tests' random instances.

Open Space: 30 sessions, 5 rooms, 6 slots, 80 people, a 10-second limit, seeds 0-2: the clashes found,
the bound the solver proved, whether that is optimal, the naive schedule's clashes and the time taken.
Speed dating: the rotation of 40 people with 60, and its rounds (the least possible is 60).

Its last line reads: methods: open_space_optimal=N/3 rotation_rounds=N seconds=X
"""

from __future__ import annotations

import datetime
import os
import platform
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks-methods.md"
sys.path.insert(0, str(ROOT))

from coproduce.planning import plan_rotation, schedule_open_space  # noqa: E402
from tests.planning.test_open_space import random_instance  # noqa: E402


def main() -> int:
    started = time.monotonic()
    optimal = 0
    rows = []
    for seed in range(3):
        sessions, rooms, slots, interest = random_instance(random.Random(seed), 30, 5, 6, 80)
        t = time.monotonic()
        schedule = schedule_open_space(sessions, rooms, slots, interest, time_limit=10.0)
        optimal += schedule.proven_optimal
        rows.append(
            f"| {seed} | {schedule.clashes} | {schedule.lower_bound} | {'yes' if schedule.proven_optimal else 'no'} "
            f"| {schedule.naive_clashes} | {time.monotonic() - t:.1f} |"
        )
        print(
            f"open space seed={seed}: clashes={schedule.clashes} proven_bound={schedule.lower_bound} "
            f"optimal={schedule.proven_optimal} naive={schedule.naive_clashes} seconds={time.monotonic() - t:.1f}"
        )
    t = time.monotonic()
    plan = plan_rotation(list(range(40)), list(range(100, 160)))
    print(
        f"speed dating 40x60: rounds={len(plan.rounds)} (least possible 60) seconds={time.monotonic() - t:.3f}"
    )
    DOC.write_text(
        "# Benchmark: scheduling for the workshop methods\n\n"
        f"Written by `make bench-methods` (benchmarks/methods.py) on {datetime.date.today():%-d %B %Y}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}.\n\n"
        "Open Space: 30 sessions, 5 rooms, 6 slots, 80 people (the tests' `random_instance`), HiGHS with a "
        "10-second limit. Clashes are pairs of wanted sessions at the same time, summed over people.\n\n"
        "| seed | clashes | proven lower bound | optimal | naive schedule | seconds |\n"
        "| ---: | ---: | ---: | --- | ---: | ---: |\n" + "\n".join(rows) + "\n\n"
        f"Speed dating: 40 people with 60 meet in {len(plan.rounds)} rounds (the least possible is 60).\n",
        encoding="utf-8",
    )
    print(
        f"methods: open_space_optimal={optimal}/3 rotation_rounds={len(plan.rounds)} "
        f"seconds={time.monotonic() - started:.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
