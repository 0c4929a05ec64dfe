"""Human edits to a theme set as small operation objects, serialisable to JSON and replayable.

A result is always "the engine's base result plus a list of edits". Undo replays all but the last edit on
the base (:func:`coproduce.analysis.pipeline.undo`), so no operation needs an inverse. Theme ids refer to
the themes as they are when the edit is applied; a theme made by a split gets the next unused id, and a
merge keeps the first theme's id. Edits change only the partition (who is in which theme, human names,
pins); labels, confidence and warnings are recomputed afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any, ClassVar

import numpy as np

from coproduce.analysis.cluster import Clusterer
from coproduce.analysis.result import CommentId, Partition


class EditError(ValueError):
    """An edit names a theme or comment that does not exist, or cannot be done."""


class _Serialised:
    """An edit as a plain dict: ``{"op": ..., **fields}``. A method of the edit, so that ``result.py``
    can write a result's edits without importing this module, which imports ``result.py``."""

    op: ClassVar[str]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)  # type: ignore[call-overload]
        return {"op": self.op, **{k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}}


@dataclass(frozen=True)
class Rename(_Serialised):
    theme: int
    label: str
    op: ClassVar[str] = "rename"


@dataclass(frozen=True)
class Merge(_Serialised):
    themes: tuple[int, ...]  # all merged into the first
    op: ClassVar[str] = "merge"


@dataclass(frozen=True)
class Split(_Serialised):
    """Re-cluster only this theme's comments into ``into`` themes; the largest part keeps the theme's id.

    With ``parts`` (one tuple of comment ids per part, ``into`` of them) the split is not re-clustered but
    made as given, as a re-run does to carry a split people made before (carry.py): each part takes its
    listed comments of the theme, every other comment of the theme goes to the part whose centroid is
    nearest, and the first part keeps the theme's id.
    """

    theme: int
    into: int = 2
    parts: tuple[tuple[CommentId, ...], ...] = ()
    op: ClassVar[str] = "split"

    def to_dict(self) -> dict[str, Any]:
        data = {"op": self.op, "theme": self.theme, "into": self.into}
        return {**data, "parts": [list(part) for part in self.parts]} if self.parts else data


@dataclass(frozen=True)
class Move(_Serialised):
    comment: CommentId
    theme: int
    op: ClassVar[str] = "move"


@dataclass(frozen=True)
class Pin(_Serialised):
    """Move a comment and keep it there: through later splits and merges, and through re-runs."""

    comment: CommentId
    theme: int
    op: ClassVar[str] = "pin"


@dataclass(frozen=True)
class Unpin(_Serialised):
    comment: CommentId
    op: ClassVar[str] = "unpin"


Edit = Rename | Merge | Split | Move | Pin | Unpin
EDIT_TYPES: dict[str, type[Edit]] = {cls.op: cls for cls in (Rename, Merge, Split, Move, Pin, Unpin)}


def edit_to_dict(edit: Edit) -> dict[str, Any]:
    return edit.to_dict()


def edit_from_dict(data: dict[str, Any]) -> Edit:
    try:
        cls = EDIT_TYPES[data["op"]]
    except KeyError as error:
        raise EditError(f"unknown edit {data.get('op')!r}; known: {', '.join(EDIT_TYPES)}") from error
    names = {f.name for f in fields(cls)}
    arguments = {k: v for k, v in data.items() if k in names}
    if cls is Merge:
        arguments["themes"] = tuple(arguments.get("themes", ()))
    if cls is Split and "parts" in arguments:
        arguments["parts"] = tuple(tuple(part) for part in arguments["parts"] or ())
    try:
        return cls(**arguments)
    except TypeError as error:
        raise EditError(f"bad {data['op']} edit {data!r}: {error}") from error


def edits_to_json(edits: Sequence[Edit]) -> str:
    return json.dumps([edit_to_dict(e) for e in edits])


def edits_from_json(text: str) -> list[Edit]:
    return [edit_from_dict(d) for d in json.loads(text)]


def apply_edit(
    partition: Partition,
    edit: Edit,
    *,
    index_of: dict[CommentId, int],
    vectors: np.ndarray,
    clusterer: Clusterer,
    seed: int = 0,
) -> None:
    """Change ``partition`` in place as ``edit`` says; raise :class:`EditError` if it cannot."""
    existing = set(partition.theme_ids())

    def theme(theme_id: int) -> int:
        if theme_id not in existing:
            raise EditError(f"{edit.op}: there is no theme {theme_id}")
        return theme_id

    def comment(comment_id: CommentId) -> int:
        if comment_id not in index_of:
            raise EditError(f"{edit.op}: there is no comment {comment_id!r}")
        return index_of[comment_id]

    if isinstance(edit, Rename):
        partition.names[theme(edit.theme)] = edit.label.strip()
        if not partition.names[edit.theme]:
            del partition.names[edit.theme]
    elif isinstance(edit, Merge):
        targets = [theme(t) for t in edit.themes]
        if len(set(targets)) < 2:
            raise EditError("merge: name at least two different themes")
        keep = targets[0]
        for other in targets[1:]:
            partition.theme_of[partition.theme_of == other] = keep
            partition.names.pop(other, None)
        partition.pinned = {c: keep if t in targets else t for c, t in partition.pinned.items()}
    elif isinstance(edit, Split) and edit.parts:
        _split_as_given(partition, theme(edit.theme), edit, index_of=index_of, vectors=vectors)
    elif isinstance(edit, Split):
        _split(partition, theme(edit.theme), edit.into, vectors=vectors, clusterer=clusterer, seed=seed)
    elif isinstance(edit, Move | Pin):
        index = comment(edit.comment)
        partition.theme_of[index] = theme(edit.theme)
        if isinstance(edit, Pin) or index in partition.pinned:
            partition.pinned[index] = edit.theme
    elif isinstance(edit, Unpin):
        partition.pinned.pop(comment(edit.comment), None)
    else:  # pragma: no cover - the union above is exhaustive
        raise EditError(f"unknown edit {edit!r}")
    for index, pinned_theme in partition.pinned.items():
        partition.theme_of[index] = pinned_theme
    alive = set(partition.theme_ids())
    partition.names = {t: name for t, name in partition.names.items() if t in alive}


def _split(
    partition: Partition, theme_id: int, into: int, *, vectors: np.ndarray, clusterer: Clusterer, seed: int
) -> None:
    members = np.flatnonzero(partition.theme_of == theme_id)
    free = np.array([m for m in members if m not in partition.pinned], dtype=int)
    if into < 2 or len(free) < into:
        raise EditError(
            f"split: theme {theme_id} has {len(free)} unpinned comments, cannot make {into} themes"
        )
    labels = np.asarray(clusterer.fit(vectors[free], into, seed=seed).labels, dtype=int)
    parts = [free[labels == label] for label in sorted(set(labels.tolist()))]
    parts.sort(key=lambda part: (-len(part), int(part.min())))  # largest keeps the id
    _new_themes(partition, theme_id, parts[1:])


def _split_as_given(
    partition: Partition, theme_id: int, edit: Split, *, index_of: dict[CommentId, int], vectors: np.ndarray
) -> None:
    """``edit.parts`` decide: each part takes its listed comments that are (unpinned) in the theme, the
    theme's other unpinned comments go to the part with the nearest centroid; the first part keeps the id."""
    if edit.into != len(edit.parts) or edit.into < 2:
        raise EditError(f"split: {len(edit.parts)} parts given for {edit.into} themes")
    in_theme = partition.theme_of == theme_id
    part_of: dict[int, int] = {}
    for number, part in enumerate(edit.parts):
        for comment_id in part:
            index = index_of.get(comment_id)
            if index is not None and in_theme[index] and index not in partition.pinned:
                part_of.setdefault(index, number)
    given = [
        np.array(sorted(i for i, n in part_of.items() if n == number), dtype=int)
        for number in range(edit.into)
    ]
    if any(not len(part) for part in given):
        raise EditError(f"split: a part given has none of theme {theme_id}'s comments")
    rest = np.array(
        [i for i in np.flatnonzero(in_theme) if i not in part_of and i not in partition.pinned], dtype=int
    )
    parts = [list(part) for part in given]
    if len(rest):
        centroids = np.stack([vectors[part].mean(axis=0) for part in given])
        # Squared distances without an n x parts x dimensions array: |v|^2 - 2 v.c + |c|^2 (|v|^2 is the
        # same for every part, so it is left out).
        distance = (centroids**2).sum(axis=1)[None, :] - 2 * vectors[rest] @ centroids.T
        for index, number in zip(rest, distance.argmin(axis=1), strict=True):
            parts[int(number)].append(int(index))
    _new_themes(partition, theme_id, [np.array(part, dtype=int) for part in parts[1:]])


def _new_themes(partition: Partition, theme_id: int, parts: Sequence[np.ndarray]) -> None:
    """Each part becomes a theme with the next unused id, remembered as split from ``theme_id``."""
    for part in parts:
        partition.theme_of[part] = partition.next_id
        partition.split_from[partition.next_id] = theme_id
        partition.next_id += 1
