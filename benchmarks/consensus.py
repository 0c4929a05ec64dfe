"""Benchmark: opinion groups against Pol.is's own, on three real Pol.is conversations (open data, CC BY 4.0).

For each conversation in ../shared/data/consensus/ (or --data): read its export (votes.csv, comments.csv,
participants-votes.csv for Pol.is's ``group-id``), run the whole computation once as a first refresh
(opinion groups, group-aware consensus, representative statements; Pol.is's published defaults, nothing
tuned per conversation) and compare our groups with Pol.is's by the adjusted Rand index, on the participants
both Pol.is and we grouped. ``seconds`` is the computation, the median of --repeats runs in this process
(Python's start and the imports not counted); ``read_seconds`` is reading the three files, once.

Also shown, to say where a miss comes from: ``ari_at_polis_k``, the ARI of our clustering with Pol.is's
number of groups (computed anyway, among the 2 to 5 the silhouette compares), and how many people Pol.is
grouped that the 7-vote rule leaves out.

Prints one JSON line per conversation with keys set, ari, groups, polis_groups, seconds (and the extras),
and writes them to docs/benchmarks-consensus.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks-consensus.md"
DATA = ROOT.parent / "shared" / "data" / "consensus"
SETS = ("brexit-consensus", "scoop-hivemind.ubi", "vtaiwan.uberx")
sys.path.insert(0, str(ROOT))

from coproduce.analysis.metrics import ari  # noqa: E402
from coproduce.analysis.polis_files import read_path  # noqa: E402
from coproduce.analysis.polis_math import compute  # noqa: E402


def measure(folder: Path, repeats: int) -> dict:
    started = time.perf_counter()
    conversation = read_path(folder)
    read_seconds = time.perf_counter() - started
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = compute(
            conversation.votes,
            conversation.participants,
            conversation.statement_ids,
            conversation.moderated_out,
        )
        times.append(time.perf_counter() - started)
    polis = conversation.polis_groups
    both = sorted(p for p in polis if p in result.group_of)
    score = ari([polis[p] for p in both], [result.group_of[p] for p in both])
    polis_k = len(set(polis.values()))
    at_polis_k = None
    clustering = result.state.group_clusterings.get(polis_k)
    if clustering is not None:
        members = {c.id: c.members for c in result.state.base_clusters}
        group_of = {p: i for i, g in enumerate(clustering) for b in g.members for p in members[b]}
        at_polis_k = round(ari([polis[p] for p in both], [group_of[p] for p in both]), 3)
    return {
        "set": folder.name,
        "ari": round(score, 3),
        "groups": result.n_groups,
        "polis_groups": polis_k,
        "seconds": round(statistics.median(times), 3),
        "read_seconds": round(read_seconds, 3),
        "ari_at_polis_k": at_polis_k,
        "silhouettes": {str(k): round(v, 3) for k, v in sorted(result.silhouettes.items())},
        "participants": len(conversation.participants),
        "statements": len(conversation.statements),
        "moderated_out": int(conversation.moderated_out.sum()),
        "polis_grouped": len(polis),
        "we_grouped": len(result.group_of),
        "compared": len(both),
        "polis_grouped_left_out": len(set(polis) - set(result.group_of)),
    }


def write_doc(rows: list[dict], command: str) -> None:
    lines = [
        "# Benchmark: opinion groups against Pol.is's own",
        "",
        f"Command: `{command}` (benchmarks/consensus.py). Measured {datetime.date.today().isoformat()} on "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}.",
        "",
        "Data: three Pol.is conversations from Pol.is's open data (CC BY 4.0, see ../shared/data/consensus/"
        "LICENCE.txt), each with the opinion group Pol.is itself put each participant in (`group-id` in "
        "participants-votes.csv). The computation (coproduce/analysis/polis_math.py) runs once, as a first "
        "refresh, with Pol.is's published defaults (7 votes, base k 100, 2 to 5 groups by silhouette); "
        "nothing is tuned per conversation. ARI is the adjusted Rand index of our groups against Pol.is's "
        "on the participants both grouped. `seconds` is the whole computation (groups, group-aware "
        "consensus, representative statements), the median of 5 runs in one process; `read_seconds` reads "
        "the export's files once. `ari_at_polis_k` is the ARI of our clustering with Pol.is's number of "
        "groups, to show whether a miss is in the grouping or in the choice of how many groups.",
        "",
        "Targets (issue 16): ARI ≥ 0.8, the same number of groups as Pol.is, under 1 s each.",
        "",
        "| set | ARI | groups (ours / Pol.is) | seconds | read s | ARI at Pol.is's k | silhouette by k "
        "| Pol.is grouped / we grouped / compared |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r['set']} | {r['ari']:.3f} | {r['groups']} / {r['polis_groups']} | {r['seconds']:.3f} "
            f"| {r['read_seconds']:.3f} | {r['ari_at_polis_k']} | "
            + ", ".join(f"{k}: {v}" for k, v in r["silhouettes"].items())
            + f" | {r['polis_grouped']} / {r['we_grouped']} / {r['compared']} |"
        )
    lines += ["", "JSON lines as printed:", "", "```"] + [json.dumps(r) for r in rows] + ["```", ""]
    DOC.write_text("\n".join(lines) + NOTES, encoding="utf-8")


NOTES = """
## Where the targets are missed, and why

See the table above for the figures of this run; the reasons below were found by looking, not tuned away.

- **The number of groups.** Pol.is's count is the end of a history: it recomputes as votes arrive and
  changes k only after a new k has had the best silhouette for 4 refreshes running (k-smoothing), starting
  each k-means from the last refresh's clusters. A single computation on the final votes has no history,
  and on brexit-consensus and vtaiwan.uberx the silhouettes of 2, 3 and 4 groups lie within 0.04 of each
  other, so the first refresh can pick a different k. With Pol.is's k the same clustering agrees with
  Pol.is far better (`ARI at Pol.is's k`). Replaying a conversation's votes in time order through 30
  refreshes (the k-smoothing and warm starts as Pol.is keeps them) was tried: vtaiwan.uberx came out with
  Pol.is's 2 groups (ARI 0.909) but brexit-consensus with 4 (ARI 0.48), so it is not a general fix and
  the benchmark stays with the single computation. The web app keeps the k-smoothing state between
  refreshes, as Pol.is does.
- **scoop-hivemind.ubi.** Several of its statements are demographic questions ("I am 55 years of age or
  older", "I am male"). Pol.is marks such statements as *meta* and leaves them out of the clustering;
  the open-data export does not say which statements were meta (comments.csv has no such column), so here
  they drive the groups (our groups' representative statements are the age questions). Pol.is also
  grouped all 234 participants, 40 of them with a single vote, which its current 7-vote rule would not do:
  the export was made by an older Pol.is whose in-conversation rule differed.
- **People Pol.is grouped and we do not.** Pol.is keeps anyone who was once "in the conversation" (at
  least min(7, statements so far) votes), so people who voted on every statement early on stay grouped;
  a single computation only sees the final count of statements.
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    rows = []
    for name in SETS:
        row = measure(args.data / name, args.repeats)
        print(json.dumps(row), flush=True)
        rows.append(row)
    write_doc(rows, "make bench-consensus")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
