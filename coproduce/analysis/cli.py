"""``coproduce themes FILE``: themes from a CSV or XLSX of comments, as a table, JSON or CSV.
``coproduce consensus FILE``: Pol.is opinion groups, group-aware consensus and representative statements
from a Pol.is export (participants-votes.csv or votes.csv, with the comments.csv beside it if there is one).

Exit codes: 0 done, 2 the file or the options cannot be used, 3 the comments are too many for the memory
there is (either way one line on stderr says why, never a traceback).
Progress goes to stderr, and only when stderr is a terminal (or with ``--progress``).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from coproduce.analysis.cluster import TooManyComments
from coproduce.analysis.comments_file import CommentsFileError, read_comments
from coproduce.analysis.config import EngineConfig
from coproduce.analysis.edits import EditError, edits_from_json
from coproduce.analysis.embed import EMBEDDER_NAMES, EmbedderUnavailable, make_embedder
from coproduce.analysis.polis_files import PolisFileError
from coproduce.analysis.result import ThemeResult

EXIT_BAD_INPUT = 2
EXIT_TOO_LARGE = 3


def default_cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(os.environ.get("COPRODUCE_EMBEDDING_CACHE", Path(base) / "coproduce" / "embeddings.sqlite3"))


def embedder_name(option: str | None) -> str:
    """``--embedder`` if given, else ``THEMES_EMBEDDER`` (the variable the web app's settings read), else auto."""
    if option:
        return option
    name = os.environ.get("THEMES_EMBEDDER", "").strip() or "auto"
    if name not in EMBEDDER_NAMES:
        raise EmbedderUnavailable(f"THEMES_EMBEDDER={name!r} is not one of {', '.join(EMBEDDER_NAMES)}")
    return name


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="coproduce", description="Tools for co-produced commissioning.")
    commands = parser.add_subparsers(dest="command", required=True)
    themes = commands.add_parser(
        "themes",
        help="find the themes in a file of comments",
        description="Find the themes in a CSV (UTF-8) or XLSX file of comments, one comment a row.",
    )
    themes.add_argument("file", type=Path, help="a .csv or .xlsx file with a header row")
    themes.add_argument(
        "--text-column", help="the column with the comments (default: text/comment/response, else the first)"
    )
    themes.add_argument("--label-column", help="a column of human theme labels to measure agreement with")
    themes.add_argument(
        "--themes", type=int, metavar="K", help="how many themes (default: the engine chooses)"
    )
    themes.add_argument("--format", choices=("table", "json", "csv"), default="table")
    themes.add_argument("--out", type=Path, help="write here instead of standard output")
    themes.add_argument(
        "--embedder",
        choices=EMBEDDER_NAMES,
        default=None,
        help="the embedding model (default: $THEMES_EMBEDDER, as the web app reads it, else auto)",
    )
    themes.add_argument("--seed", type=int, default=0)
    themes.add_argument("--edits", type=Path, help="a JSON list of edit operations to apply")
    themes.add_argument("--cache", type=Path, help=f"embedding cache file (default {default_cache_path()})")
    themes.add_argument("--no-cache", action="store_true", help="do not read or write the embedding cache")
    shown = themes.add_mutually_exclusive_group()
    shown.add_argument("--progress", action="store_true", default=None, help="always show progress on stderr")
    shown.add_argument("--no-progress", dest="progress", action="store_false", help="never show progress")
    consensus = commands.add_parser(
        "consensus",
        help="opinion groups and consensus from a Pol.is export",
        description=(
            "Opinion groups (as Pol.is computes them), group-aware consensus and each group's representative "
            "statements from a Pol.is participants-votes.csv or votes.csv (or the folder of an export); the "
            "comments.csv beside it, if any, gives the statements' text and moderation."
        ),
    )
    consensus.add_argument(
        "file", type=Path, help="participants-votes.csv, votes.csv, or a folder holding them"
    )
    consensus.add_argument("--format", choices=("table", "json"), default="table")
    return parser


class _ProgressBar:
    """A tqdm bar per stage on stderr; nothing at all when disabled."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bars: dict[str, Any] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        from tqdm import tqdm

        if stage not in self.bars:
            self.bars[stage] = tqdm(total=total, desc=stage, file=sys.stderr, leave=False, unit="comment")
        bar = self.bars[stage]
        bar.update(done - bar.n)

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "consensus":
            return _consensus(args)
        return _themes(args)
    except (CommentsFileError, EmbedderUnavailable, EditError, PolisFileError) as error:
        print(f"coproduce: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except TooManyComments as error:
        print(f"coproduce: error: {error}", file=sys.stderr)
        return EXIT_TOO_LARGE


def _themes(args: argparse.Namespace) -> int:
    from coproduce.analysis.cache import SqliteEmbeddingCache
    from coproduce.analysis.metrics import ari, hungarian_accuracy, nmi
    from coproduce.analysis.pipeline import analyse

    if args.themes is not None and args.themes < 1:
        raise CommentsFileError("--themes must be at least 1")
    comments = read_comments(args.file, text_column=args.text_column, label_column=args.label_column)
    edits = []
    if args.edits:
        try:
            edits = edits_from_json(args.edits.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise EditError(f"cannot read edits from {args.edits}: {error}") from error
    config = EngineConfig(seed=args.seed)
    embedder = make_embedder(embedder_name(args.embedder), seed=args.seed)
    cache = None
    if embedder.cacheable and not args.no_cache:
        cache = SqliteEmbeddingCache(args.cache or default_cache_path())
    progress = _ProgressBar(sys.stderr.isatty() if args.progress is None else args.progress)
    try:
        result = analyse(
            comments.texts,
            ids=comments.ids,
            n_themes=args.themes,
            config=config,
            embedder=embedder,
            cache=cache,
            edits=edits,
            progress=progress,
        )
    finally:
        progress.close()
    metrics: dict[str, float] = {}
    if comments.labels is not None:
        pairs = [
            (label, a.theme) for label, a in zip(comments.labels, result.assignments, strict=True) if label
        ]
        true, pred = [p[0] for p in pairs], [p[1] for p in pairs]
        metrics = {"nmi": nmi(true, pred), "ari": ari(true, pred), "acc": hungarian_accuracy(true, pred)}
    texts = dict(zip(comments.ids, comments.texts, strict=True))
    render = {"table": render_table, "json": render_json, "csv": render_csv}[args.format]
    output = render(result, metrics, texts, args.label_column)
    if args.out:
        args.out.write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)
    return 0


def render_json(
    result: ThemeResult, metrics: dict[str, float], texts: dict[Any, str], label_column: str | None
) -> str:
    data = result.to_dict()
    data["metrics"] = {k: round(v, 6) for k, v in metrics.items()}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_csv(
    result: ThemeResult, metrics: dict[str, float], texts: dict[Any, str], label_column: str | None
) -> str:
    labels = {t.id: t.label for t in result.themes}
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["row", "theme", "theme_label", "confidence", "secondary_themes", "needs_review", "text"])
    for a in result.assignments:
        writer.writerow(
            [
                a.comment_id,
                a.theme,
                labels[a.theme],
                f"{a.confidence:.3f}",
                " ".join(str(t) for t in a.secondary),
                "yes" if a.needs_review else "",
                texts[a.comment_id],
            ]
        )
    return buffer.getvalue()


def render_table(
    result: ThemeResult, metrics: dict[str, float], texts: dict[Any, str], label_column: str | None
) -> str:
    out = io.StringIO()
    total = len(result.assignments)
    review = sum(a.needs_review for a in result.assignments)
    out.write(
        f"{result.n_themes} themes from {total} comments ({result.reason}; embedder {result.embedder})\n\n"
    )
    width = max([len(str(t.id)) for t in result.themes] + [1])
    for theme in result.themes:
        share = theme.size / total if total else 0
        out.write(f"{theme.id:>{width}}. {theme.label}  ({theme.size} comments, {share:.0%})\n")
        for text in theme.representatives:
            out.write(
                textwrap.indent(textwrap.shorten(f"“{text}”", 100, placeholder="…”"), " " * (width + 4))
                + "\n"
            )
        out.write("\n")
    if review:
        out.write(f"{review} comments fit their theme weakly and are flagged for review.\n")
    _write_warnings(out, result)
    if metrics:
        out.write(
            f"Agreement with column {label_column!r}: NMI {metrics['nmi']:.3f}, ARI {metrics['ari']:.3f}, "
            f"accuracy {metrics['acc']:.3f}\n"
        )
    stages = ", ".join(f"{k} {v:.1f}s" for k, v in result.timings.items())
    out.write(f"Timings: {stages}\n")
    return out.getvalue()


def _write_warnings(out: TextIO, result: ThemeResult) -> None:
    if result.warnings:
        out.write("Warnings:\n")
        for warning in result.warnings:
            out.write(f"  - {warning.message}\n")


def _consensus(args: argparse.Namespace) -> int:
    import time

    from coproduce.analysis.polis_files import read_path
    from coproduce.analysis.polis_math import compute

    started = time.perf_counter()
    conversation = read_path(args.file)
    read = time.perf_counter()
    result = compute(
        conversation.votes, conversation.participants, conversation.statement_ids, conversation.moderated_out
    )
    seconds = time.perf_counter() - read
    data = consensus_data(conversation, result, seconds=seconds, read_seconds=read - started)
    sys.stdout.write(render_consensus_json(data) if args.format == "json" else render_consensus_table(data))
    return 0


def consensus_data(conversation: Any, result: Any, *, seconds: float, read_seconds: float) -> dict[str, Any]:
    """What ``coproduce consensus`` prints, as plain data (the JSON output is exactly this)."""
    from coproduce.analysis.polis_math import common_ground

    texts = {s.id: s.text for s in conversation.statements}
    agreed = common_ground(result)
    return {
        "file": str(conversation.source),
        "participants": len(conversation.participants),
        "statements": len(conversation.statements),
        "moderated_out": int(conversation.moderated_out.sum()),
        "clustered": len(result.in_conv),
        "n_groups": result.n_groups,
        "reason": result.reason,
        "groups": {str(p): g for p, g in sorted(result.group_of.items())},
        "consensus": [
            {
                "statement": result.statements[j],
                "text": texts.get(result.statements[j], ""),
                "group_aware_consensus": round(float(result.consensus[j]), 6),
                "agreement_by_group": [round(float(a), 6) for a in result.group_agreement[:, j]],
            }
            for j in agreed
        ],
        "representative": {
            str(number): [
                {
                    "statement": r.statement,
                    "text": texts.get(r.statement, ""),
                    "repful_for": r.repful_for,
                    "n_success": r.n_success,
                    "n_trials": r.n_trials,
                    "p_success": round(r.p_success, 6),
                    "repness": round(r.repness, 6),
                    "repness_test": round(r.repness_test, 6),
                    "best_agree": r.best_agree,
                }
                for r in reps
            ]
            for number, reps in enumerate(result.representative, start=1)
        },
        "seconds": round(seconds, 4),
        "read_seconds": round(read_seconds, 4),
    }


def render_consensus_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_consensus_table(data: dict[str, Any]) -> str:
    out = io.StringIO()
    out.write(
        f"{data['participants']} participants, {data['statements']} statements "
        f"({data['moderated_out']} moderated out); {data['clustered']} clustered.\n{data['reason']}\n\n"
    )
    sizes: dict[int, int] = {}
    for group in data["groups"].values():
        sizes[group] = sizes.get(group, 0) + 1
    out.write("Groups (participant: group):\n")
    for number in sorted(sizes):
        members = [p for p, g in data["groups"].items() if g == number]
        listed = textwrap.fill(", ".join(members), 100, initial_indent="    ", subsequent_indent="    ")
        out.write(f"  Group {number}, {sizes[number]} people:\n{listed}\n")
    out.write("\nGroup-aware consensus (every group at least 60% agreement, smoothed):\n")
    for row in data["consensus"] or [{"statement": None}]:
        if row["statement"] is None:
            out.write("  none\n")
            continue
        shares = " ".join(f"{a:.0%}" for a in row["agreement_by_group"])
        text = textwrap.shorten(row["text"] or f"statement {row['statement']}", 70, placeholder="…")
        out.write(f"  {row['group_aware_consensus']:.3f}  [{shares}]  #{row['statement']} {text}\n")
    for number, reps in data["representative"].items():
        out.write(f"\nGroup {number}, representative statements:\n")
        for r in reps:
            text = textwrap.shorten(r["text"] or f"statement {r['statement']}", 70, placeholder="…")
            out.write(
                f"  {r['repful_for']:<8} {r['n_success']}/{r['n_trials']}  repness {r['repness']:.2f} "
                f"(z {r['repness_test']:.2f})  #{r['statement']} {text}\n"
            )
    out.write(f"\nseconds: {data['seconds']:.3f} (reading the files: {data['read_seconds']:.3f})\n")
    return out.getvalue()


if __name__ == "__main__":
    raise SystemExit(main())
