"""What the engine hands back: themes, one assignment per comment, warnings, timings; and ``to_dict()``.

A :class:`ThemeResult` also carries (unserialised) the working state the edit operations need: the texts,
their embeddings in canonical order and the partition of comments into themes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

CommentId = str | int


@dataclass(frozen=True)
class Theme:
    id: int
    label: str  # what people see: the human name if renamed, else the engine's short label
    key_phrases: tuple[str, ...]  # c-TF-IDF 1-2-grams, best first
    size: int
    representative_ids: tuple[CommentId, ...]  # the comments closest to the centroid, closest first
    representatives: tuple[str, ...]  # their texts
    engine_label: str  # the engine's title: a short phrase from the theme's comments (label.py)
    renamed: bool = False
    description: str = ""  # the engine's one-sentence description: the theme's most representative sentence

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "key_phrases": list(self.key_phrases),
            "size": self.size,
            "representative_ids": list(self.representative_ids),
            "representatives": list(self.representatives),
            "engine_label": self.engine_label,
            "renamed": self.renamed,
            "description": self.description,
        }


@dataclass(frozen=True)
class Assignment:
    comment_id: CommentId
    theme: int
    confidence: float
    secondary: tuple[int, ...] = ()
    needs_review: bool = False
    pinned: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "comment_id": self.comment_id,
            "theme": self.theme,
            "confidence": round(self.confidence, 4),
            "secondary": list(self.secondary),
            "needs_review": self.needs_review,
            "pinned": self.pinned,
        }


@dataclass(frozen=True)
class QualityWarning:
    code: str  # small_theme, similar_labels, overlapping_themes, edit_not_carried
    message: str
    themes: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "themes": list(self.themes)}


@dataclass
class Partition:
    """Which theme each comment is in (canonical order), human names, pins; what edits change."""

    theme_of: np.ndarray
    names: dict[int, str] = field(default_factory=dict)
    pinned: dict[int, int] = field(default_factory=dict)  # canonical index -> theme id
    next_id: int = 1
    split_from: dict[int, int] = field(default_factory=dict)  # theme a split made -> the theme it split

    def copy(self) -> Partition:
        return Partition(
            self.theme_of.copy(), dict(self.names), dict(self.pinned), self.next_id, dict(self.split_from)
        )

    def theme_ids(self) -> list[int]:
        return sorted({int(t) for t in self.theme_of})


@dataclass
class WorkingState:
    """The engine's inputs in canonical order (sorted by text hash, then text, then id)."""

    texts: list[str]
    ids: list[CommentId]
    embeddings: np.ndarray  # L2-normalised, what confidence and representatives are measured on
    vectors: np.ndarray  # after the reduce stage, what the clusterer saw
    position: np.ndarray  # position[c] = index in the caller's input of canonical comment c
    partition: Partition
    engine: Any  # the Engine that made this result, used to replay edits
    # The clusterer's feature space, for secondary themes; it depends only on the texts and embeddings, so it
    # is computed once and shared by every replay of edits on this state.
    features: np.ndarray | None = None

    def index_of(self) -> dict[CommentId, int]:
        return {comment: c for c, comment in enumerate(self.ids)}


@dataclass
class ThemeResult:
    themes: list[Theme]  # largest first
    assignments: list[Assignment]  # one per comment, in the caller's order
    reason: str  # why this number of themes (from the cluster stage)
    scores: dict[int, float]  # score per candidate number of themes, when the engine chose
    warnings: list[QualityWarning]
    timings: dict[str, float]  # seconds per stage
    edits: tuple[Any, ...] = ()  # the edit operations applied on top of ``base``, oldest first
    embedder: str = ""
    n_themes_asked: int | None = None  # what the caller asked for (None: the engine chose), for warm starts
    base: ThemeResult | None = field(default=None, repr=False, compare=False)  # before any edits
    state: WorkingState | None = field(default=None, repr=False, compare=False)

    @property
    def n_themes(self) -> int:
        return len(self.themes)

    def theme(self, theme_id: int) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(f"no theme {theme_id}")

    def members(self, theme_id: int) -> list[CommentId]:
        return [a.comment_id for a in self.assignments if a.theme == theme_id]

    def to_dict(self) -> dict[str, Any]:
        return {
            "n_themes": self.n_themes,
            "reason": self.reason,
            "scores": {str(k): round(v, 6) for k, v in sorted(self.scores.items())},
            "embedder": self.embedder,
            "n_themes_asked": self.n_themes_asked,
            "themes": [t.to_dict() for t in self.themes],
            "assignments": [a.to_dict() for a in self.assignments],
            "warnings": [w.to_dict() for w in self.warnings],
            "edits": [e.to_dict() for e in self.edits],  # each edit serialises itself (edits.py)
            # [theme, the theme it was split from] for each theme people's splits made, so that a re-run
            # can split the successor again (carry.py).
            "split_from": sorted([t, f] for t, f in self.state.partition.split_from.items())
            if self.state
            else [],
            "timings": {k: round(v, 4) for k, v in self.timings.items()},
        }
