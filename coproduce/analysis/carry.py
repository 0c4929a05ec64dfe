"""Carry human names and pins from a previous result to a re-run on more (or edited) comments.

Old themes are matched one-to-one to the new run's themes by Hungarian matching on a score mixing member
overlap (Jaccard over the comments both runs have) and cosine between centroids (the old centroid is
recomputed from the new embeddings of its members). A renamed old theme gives a ``Rename`` of its match;
a pinned comment gives a ``Pin`` to its old theme's match. A theme people made by merging (``previous``'s
``merged``: the themes a merge kept) gives a ``Merge`` of its match with the new themes that no old theme
matches and whose comments were mostly in it; a comment people moved (``previous``'s ``moved``) gives a
``Move`` to its old theme's match. A theme people split (``previous``'s ``split_from``) is matched as the one
theme it was, and its match is split again as they split it: a ``Split`` with its parts given, each part
taking its comments that are still in the match and the rest going to the nearest part, after a ``Merge``
of the new themes no old theme matches whose comments were mostly in it. The parts then carry their names,
pins and moves like any theme. What has no match is reported by the themes' titles, not guessed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from coproduce.analysis.assign import centroids_of
from coproduce.analysis.config import EngineConfig
from coproduce.analysis.edits import Edit, Merge, Move, Pin, Rename, Split
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
    """Splits, renames, pins, merges and moves from ``previous`` (a ``ThemeResult.to_dict()``, with the
    optional ``merged`` and ``moved`` lists the caller keeps) as edits on the new base result."""
    old_members: dict[int, set[CommentId]] = {int(t["id"]): set() for t in previous.get("themes", [])}
    pins: list[tuple[CommentId, int]] = []
    for a in previous.get("assignments", []):
        old_members.setdefault(int(a["theme"]), set()).add(a["comment_id"])
        if a.get("pinned"):
            pins.append((a["comment_id"], int(a["theme"])))
    labels = {int(t["id"]): str(t["label"]) for t in previous.get("themes", [])}
    groups = split_groups(previous.get("split_from", []), old_members)
    # A split theme is matched as the one theme it was, since a re-run clusters afresh (and mostly finds it
    # whole again); its successor is then split as people split it.
    matched_as = dict(old_members)
    for group in groups:
        matched_as[group[0]] = set().union(*(old_members[t] for t in group))
        for part in group[1:]:
            del matched_as[part]
    match = match_themes(matched_as, new_members, embeddings=embeddings, index_of=index_of, config=config)
    successor = {old: new for old, new in match.items() if old not in {g[0] for g in groups}}
    edits: list[Edit] = []
    notes: list[QualityWarning] = []
    taken = set(match.values())
    next_id = max(new_members, default=0) + 1  # the id the next split makes (edits.py)
    dropped: set[int] = set()
    for group in groups:
        carried, parts_to, note = _carried_split(
            group, matched_as[group[0]], old_members, labels, match, new_members, taken, next_id, index_of
        )
        edits.extend(carried)
        successor.update(parts_to)
        next_id += sum(1 for new in parts_to.values() if new >= next_id)
        if note:
            notes.append(note)
            dropped.update(t for t in group if t not in parts_to)
    renamed: Sequence[dict[str, Any]] = [t for t in previous.get("themes", []) if t.get("renamed")]
    for old in sorted(renamed, key=lambda t: int(t["id"])):
        if int(old["id"]) in successor:
            edits.append(Rename(successor[int(old["id"])], str(old["label"])))
        elif int(old["id"]) not in dropped:  # a dropped split's note names its themes already
            notes.append(
                QualityWarning("edit_not_carried", f"The name “{old['label']}” matches no theme in this run.")
            )
    for comment, theme in sorted(pins, key=lambda p: (str(p[0]), p[1])):
        if comment not in index_of:
            continue  # the comment is gone
        if theme in successor:
            edits.append(Pin(comment, successor[theme]))
        else:
            notes.append(
                QualityWarning(
                    "edit_not_carried",
                    f"Comment {comment!r} was pinned to a theme that has no match in this run.",
                )
            )
    edits.extend(_carried_merges(previous, old_members, new_members, successor, taken, index_of))
    pinned = {comment for comment, _ in pins}
    theme_of = {a["comment_id"]: int(a["theme"]) for a in previous.get("assignments", [])}
    for comment in sorted(set(previous.get("moved", [])) - pinned, key=str):
        if comment not in index_of or comment not in theme_of:
            continue  # the comment is gone
        if theme_of[comment] in successor:
            edits.append(Move(comment, successor[theme_of[comment]]))
        else:
            notes.append(
                QualityWarning(
                    "edit_not_carried",
                    f"Comment {comment!r} was moved to a theme that has no match in this run.",
                )
            )
    return edits, notes


def split_groups(
    split_from: Sequence[Sequence[int]], old_members: Mapping[int, set[CommentId]]
) -> list[list[int]]:
    """The themes still there that people made by splitting one theme, one list per split theme (splits of
    its parts included), the theme that kept the split theme's id first; only lists of two or more, since a
    split undone by a merge leaves one theme, which is carried as any other."""
    parent = {int(theme): int(origin) for theme, origin in split_from}

    def root(theme: int) -> int:
        seen = {theme}
        while theme in parent and parent[theme] not in seen:
            theme = parent[theme]
            seen.add(theme)
        return theme

    by_root: dict[int, list[int]] = {}
    for theme in sorted(old_members):
        if theme in parent or any(origin == theme for origin in parent.values()):
            by_root.setdefault(root(theme), []).append(theme)
    groups = []
    for origin, themes in sorted(by_root.items()):
        if len(themes) > 1:
            groups.append(sorted(themes, key=lambda t: (t != origin, t)))
    return groups


def _carried_split(
    group: list[int],
    whole: set[CommentId],
    old_members: Mapping[int, set[CommentId]],
    labels: Mapping[int, str],
    match: Mapping[int, int],
    new_members: Mapping[int, set[CommentId]],
    taken: set[int],
    next_id: int,
    index_of: Mapping[CommentId, int],
) -> tuple[list[Edit], dict[int, int], QualityWarning | None]:
    """The edits that split the successor of ``group``'s split theme again (its comments: ``whole``), the
    old themes -> their new ids, and a note when the split cannot be carried.

    The successor first takes in the new themes no old theme matches whose comments (of those known
    before) were mostly in the split theme: the re-run may have found it apart along other lines. Then each
    part takes its comments that are still in the successor, and the rest goes to the nearest part."""
    names = " and ".join(f"“{labels.get(t, '')}”" for t in group)
    if group[0] not in match:
        return (
            [],
            {},
            _not_carried(f"The split into {names} was not carried: no theme in this run matches them."),
        )
    kept = match[group[0]]
    known_before = {c for members in old_members.values() for c in members} & set(index_of)
    absorbed = []
    for theme in sorted(set(new_members) - taken):
        known = new_members[theme] & known_before
        if known and len(known & whole) / len(known) > MOSTLY:
            absorbed.append(theme)
    pool = set().union(new_members[kept], *(new_members[t] for t in absorbed))
    parts = [(t, tuple(sorted(old_members[t] & pool, key=str))) for t in group]
    parts = [(t, part) for t, part in parts if part]
    if len(parts) < 2:
        still = " and ".join(f"“{labels.get(t, '')}”" for t, _ in parts)
        why = f"only {still} still has comments in it" if parts else "none of their comments are in it"
        return (
            [],
            {t: kept for t, _ in parts},
            _not_carried(f"The split into {names} was not carried: {why} in this run."),
        )
    taken.update(absorbed)
    edits: list[Edit] = [Merge((kept, *absorbed))] if absorbed else []
    edits.append(Split(kept, into=len(parts), parts=tuple(part for _, part in parts)))
    parts_to = {parts[0][0]: kept} | {t: next_id + n for n, (t, _) in enumerate(parts[1:])}
    return edits, parts_to, None


def _not_carried(message: str) -> QualityWarning:
    return QualityWarning("edit_not_carried", message)


def _carried_merges(
    previous: Mapping[str, Any],
    old_members: Mapping[int, set[CommentId]],
    new_members: Mapping[int, set[CommentId]],
    successor: Mapping[int, int],
    taken: set[int],
    index_of: Mapping[CommentId, int],
) -> list[Edit]:
    """A merged old theme's successor absorbs the new themes that no old theme matches (nor a carried split
    took in) and whose comments (of those the old run had) were mostly in the merged theme: the re-run found
    apart what people put together."""
    known_before = {c for members in old_members.values() for c in members} & set(index_of)
    merges: list[Edit] = []
    for kept in sorted({int(t) for t in previous.get("merged", [])}):
        if kept not in successor or kept not in old_members:
            continue
        absorbed = []
        for theme in sorted(set(new_members) - taken):
            known = new_members[theme] & known_before
            if known and len(known & old_members[kept]) / len(known) > MOSTLY:
                absorbed.append(theme)
        if absorbed:
            merges.append(Merge((successor[kept], *absorbed)))
            taken.update(absorbed)
    return merges
