"""Quality checks on a theme set, reported as warnings (rules after i.AI ThemeFinder).

- ``small_theme``: fewer than ``min_theme_count`` comments, or less than ``min_theme_share`` of them;
- ``similar_labels``: two themes whose label words overlap (Jaccard) at least ``similar_label_jaccard``;
- ``overlapping_themes``: two themes sharing (as primary or secondary theme) at least ``overlap_share``
  of the smaller theme's comments.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import combinations

from coproduce.analysis.config import EngineConfig
from coproduce.analysis.result import Assignment, QualityWarning, Theme

_WORD = re.compile(r"[a-z0-9]+")


def label_words(theme: Theme) -> set[str]:
    return set(_WORD.findall(theme.label.lower()))


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def quality_warnings(
    themes: Sequence[Theme], assignments: Sequence[Assignment], config: EngineConfig
) -> list[QualityWarning]:
    warnings: list[QualityWarning] = []
    total = len(assignments)
    by_id = sorted(themes, key=lambda t: t.id)
    for theme in by_id:
        share = theme.size / total if total else 0.0
        if len(themes) > 1 and (theme.size < config.min_theme_count or share < config.min_theme_share):
            warnings.append(
                QualityWarning(
                    "small_theme",
                    f"Theme {theme.id} “{theme.label}” has only {theme.size} comment"
                    f"{'' if theme.size == 1 else 's'} ({share:.0%}); consider merging it.",
                    (theme.id,),
                )
            )
    for a, b in combinations(by_id, 2):
        similarity = jaccard(label_words(a), label_words(b))
        if similarity >= config.similar_label_jaccard:
            warnings.append(
                QualityWarning(
                    "similar_labels",
                    f"Themes {a.id} “{a.label}” and {b.id} “{b.label}” have similar labels "
                    f"({similarity:.0%} of words shared); merge or rename one.",
                    (a.id, b.id),
                )
            )
    shared: Counter[tuple[int, int]] = Counter()
    touching: Counter[int] = Counter()  # comments with the theme as primary or secondary
    for assignment in assignments:
        linked = sorted({assignment.theme, *assignment.secondary})
        touching.update(linked)
        for pair in combinations(linked, 2):
            shared[pair] += 1
    for (a_id, b_id), count in sorted(shared.items()):
        # Of the comments that speak to the smaller theme at all, the share that speak to both (at most 100%).
        smaller = min(touching[a_id], touching[b_id])
        if smaller and count / smaller >= config.overlap_share:
            warnings.append(
                QualityWarning(
                    "overlapping_themes",
                    f"Themes {a_id} and {b_id} share {count} comments ({count / smaller:.0%} of the smaller); "
                    "they may be one theme.",
                    (a_id, b_id),
                )
            )
    return warnings
