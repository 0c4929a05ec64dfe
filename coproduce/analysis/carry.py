"""Carry human names and pins from a previous result to a re-run on more (or edited) comments.

Old themes are matched one-to-one to the new run's themes by Hungarian matching on a score mixing member
overlap (Jaccard over the comments both runs have) and cosine between centroids (the old centroid is
recomputed from the new embeddings of its members). A renamed old theme gives a ``Rename`` of its match;
a pinned comment gives a ``Pin`` to its old theme's match. A theme people made by merging (``previous``'s
``merged``: the themes a merge kept) gives a ``Merge`` of its match with the new themes that no old theme
matches and whose comments were mostly in it; a comment people moved (``previous``'s ``moved``) gives a
``Move`` to its old theme's match. What has no match is reported, not guessed. Splits are not carried: the
re-run clusters afresh, and a theme split before is matched as the themes it became.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from coproduce.analysis.assign import centroids_of
from coproduce.analysis.config import EngineConfig
from coproduce.analysis.edits import Edit, Merge, Move, Pin, Rename
from coproduce.analysis.result import CommentId, QualityWarning

# A new theme is one of a merged old theme's parts when more than this share of its comments were in it.
MOSTLY = 0.5


def match_themes(
    old_members: Mapping[int, set[CommentId]],
    new_members: Mapping[int, set[CommentId]],
    *,
    embeddings: np.ndarray,
    index_of: Mapping[CommentId, int],
    config: EngineConfig,
) -> dict[int, int]:
    """Old theme id -> new theme id, for the pairs that match well enough."""
    old_ids, new_ids = sorted(old_members), sorted(new_members)
    if not old_ids or not new_ids:
        return {}
    common = set(index_of)
    score = np.zeros((len(old_ids), len(new_ids)))
    old_of = np.full(len(index_of), -1)
    for theme in old_ids:
        for comment in old_members[theme] & common:
            old_of[index_of[comment]] = theme
    new_of = np.full(len(index_of), -1)
    for theme in new_ids:
        for comment in new_members[theme]:
            new_of[index_of[comment]] = theme
    old_centroids = centroids_of(embeddings, old_of, old_ids)
    new_centroids = centroids_of(embeddings, new_of, new_ids)
    cosine = np.clip(old_centroids @ new_centroids.T, 0, 1)
    known_before = {c for members in old_members.values() for c in members} & common
    for row, theme in enumerate(old_ids):
        old = old_members[theme] & common
        for col, other in enumerate(new_ids):
            new = new_members[other] & known_before
            union = old | new
            overlap = len(old & new) / len(union) if union else 0.0
            score[row, col] = (
                config.match_overlap_weight * overlap + (1 - config.match_overlap_weight) * cosine[row, col]
            )
    rows, cols = linear_sum_assignment(score, maximize=True)
    return {
        old_ids[r]: new_ids[c]
        for r, c in zip(rows, cols, strict=True)
        if score[r, c] >= config.match_min_score
    }


def carry_edits(
    previous: Mapping[str, Any],
    new_members: Mapping[int, set[CommentId]],
    *,
    embeddings: np.ndarray,
    index_of: Mapping[CommentId, int],
    config: EngineConfig,
) -> tuple[list[Edit], list[QualityWarning]]:
    """Renames, pins, merges and moves from ``previous`` (a ``ThemeResult.to_dict()``, with the optional
    ``merged`` and ``moved`` lists the caller keeps) as edits on the new base result."""
    old_members: dict[int, set[CommentId]] = {int(t["id"]): set() for t in previous.get("themes", [])}
    pins: list[tuple[CommentId, int]] = []
    for a in previous.get("assignments", []):
        old_members.setdefault(int(a["theme"]), set()).add(a["comment_id"])
        if a.get("pinned"):
            pins.append((a["comment_id"], int(a["theme"])))
    match = match_themes(old_members, new_members, embeddings=embeddings, index_of=index_of, config=config)
    edits: list[Edit] = []
    notes: list[QualityWarning] = []
    renamed: Sequence[dict[str, Any]] = [t for t in previous.get("themes", []) if t.get("renamed")]
    for old in sorted(renamed, key=lambda t: int(t["id"])):
        if int(old["id"]) in match:
            edits.append(Rename(match[int(old["id"])], str(old["label"])))
        else:
            notes.append(
                QualityWarning("edit_not_carried", f"The name “{old['label']}” matches no theme in this run.")
            )
    for comment, theme in sorted(pins, key=lambda p: (str(p[0]), p[1])):
        if comment not in index_of:
            continue  # the comment is gone
        if theme in match:
            edits.append(Pin(comment, match[theme]))
        else:
            notes.append(
                QualityWarning(
                    "edit_not_carried",
                    f"Comment {comment!r} was pinned to a theme that has no match in this run.",
                )
            )
    edits.extend(_carried_merges(previous, old_members, new_members, match, index_of))
    pinned = {comment for comment, _ in pins}
    theme_of = {a["comment_id"]: int(a["theme"]) for a in previous.get("assignments", [])}
    for comment in sorted(set(previous.get("moved", [])) - pinned, key=str):
        if comment not in index_of or comment not in theme_of:
            continue  # the comment is gone
        if theme_of[comment] in match:
            edits.append(Move(comment, match[theme_of[comment]]))
        else:
            notes.append(
                QualityWarning(
                    "edit_not_carried",
                    f"Comment {comment!r} was moved to a theme that has no match in this run.",
                )
            )
    return edits, notes


def _carried_merges(
    previous: Mapping[str, Any],
    old_members: Mapping[int, set[CommentId]],
    new_members: Mapping[int, set[CommentId]],
    match: Mapping[int, int],
    index_of: Mapping[CommentId, int],
) -> list[Edit]:
    """A merged old theme's match absorbs the new themes that no old theme matches and whose comments (of
    those the old run had) were mostly in the merged theme: the re-run found apart what people put together."""
    known_before = {c for members in old_members.values() for c in members} & set(index_of)
    matched = set(match.values())
    merges: list[Edit] = []
    for kept in sorted({int(t) for t in previous.get("merged", [])}):
        if kept not in match or kept not in old_members:
            continue
        absorbed = []
        for theme in sorted(set(new_members) - matched):
            known = new_members[theme] & known_before
            if known and len(known & old_members[kept]) / len(known) > MOSTLY:
                absorbed.append(theme)
        if absorbed:
            merges.append(Merge((match[kept], *absorbed)))
            matched.update(absorbed)
    return merges
